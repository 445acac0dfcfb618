# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common import IntermediationCase


@tagged("post_install", "-at_install")
class TestAvailablePool(IntermediationCase):
    """One rule says who is in the available pool: the lot's lever counts the
    same people as the offer's candidate search proposes."""

    def test_lever_and_candidate_search_agree(self):
        person = self._pool_person
        later = self.today + relativedelta(months=3)
        free = person("Pia Libre")
        free_again = person("Rémi Finitsoncontrat", path_state="in_path")
        free_again.availability_date = self.today
        placed = person("Ali Placé", firm_ids=[Command.link(self.firm_b.id)])
        busy = person("Hugo Occupé", path_state="in_path", availability_date=later)
        working = person("Sara Enparcours", path_state="in_path")
        exited = person("Eve Sortie", path_state="exited")
        exited.availability_date = self.today
        not_eligible = person("Léa Pasvalide", eligible=False)
        expired = person("Yves Expiré")
        expired.eligibility_date = self.today - relativedelta(years=10)
        mine = (
            free
            | free_again
            | placed
            | busy
            | working
            | exited
            | not_eligible
            | expired
        )
        # An offer starting today, whatever the area or qualification.
        offer = self.env["social.clause.job.offer"].create(
            {
                "name": "Manœuvre",
                "commitment_id": self.commitment_a1.id,
                "user_id": self.facilitator.id,
                "date_start": self.today,
            }
        )
        offer.action_open()
        found = offer.with_user(self.facilitator)._find_candidates(
            same_area=False, qualified=False, licence=False
        )
        self.assertEqual(found & mine, free | free_again)

        Participant = self.env["social.clause.participant"]
        pool = Participant.search(
            [
                ("company_id", "=", self.company.id),
                *Participant._available_pool_domain(),
            ]
        )
        self.assertEqual(found, pool)
        counts = self.env["social.clause.lot"]._count_available_pool(self.company)
        self.assertEqual(counts[self.company.id], len(pool))
        self.assertEqual(self.lot_1.capacity_pool_count, len(pool))
