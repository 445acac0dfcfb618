# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import SocialClauseHttpCase


@tagged("post_install", "-at_install")
class TestTodoTour(SocialClauseHttpCase):
    def test_facilitator_validates_from_the_todo_home(self):
        today = fields.Date.context_today(self.env["res.partner"])
        month = today.replace(day=1) - relativedelta(months=1)
        Partner = self.env["res.partner"]
        buyer = Partner.create({"name": "Tour town", "is_company": True})
        firm = Partner.create({"name": "Tour firm", "is_company": True})
        operation = self.env["social.clause.operation"].create(
            {
                "name": "Tour works",
                "buyer_id": buyer.id,
                "lot_ids": [(0, 0, {"name": "Tour lot", "hours_required": 100})],
            }
        )
        commitment = self.env["social.clause.commitment"].create(
            {"lot_id": operation.lot_ids.id, "partner_id": firm.id}
        )
        Participant = self.env["social.clause.participant"]
        eligible = Participant.create(
            {
                "name": "Tour Éligible",
                "eligibility_state": "validated",
                "eligibility_date": month - relativedelta(months=2),
            }
        )
        proposed = Participant.create(
            {"name": "Tour Proposée", "proposed_by_id": firm.id}
        )
        lines = self.env["social.clause.hour"].create(
            [
                {
                    "participant_id": participant.id,
                    "commitment_id": commitment.id,
                    "date": month,
                    "hours": 35,
                    "state": "submitted",
                }
                for participant in (eligible, proposed)
            ]
        )
        self.start_tour(
            "/odoo/action-social_clause.social_clause_todo_action",
            "social_clause_todo_tour",
            login=self.facilitator.login,
        )
        self.assertEqual(lines.mapped("state"), ["validated", "submitted"])
        self.assertEqual(commitment.hours_done, 35)
