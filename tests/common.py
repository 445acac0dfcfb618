# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class SocialClauseCase(BaseCommon):
    """Builds a buyer's operation in execution with two lots and firms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Facilitators work in French: messages are checked as they read them.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company = cls.env.company
        cls.company.write(
            {
                "social_clause_hourly_cost": 30.0,
                "social_clause_insertion_rate": 5.0,
                "social_clause_monthly_hours_max": 151.67,
                "social_clause_eligibility_months": 24,
            }
        )
        cls.facilitator = new_test_user(
            cls.env,
            login="sc_facilitator",
            groups="base.group_user,social_clause.group_user",
            name="Fanny Facilitatrice",
        )
        cls.manager = new_test_user(
            cls.env,
            login="sc_manager",
            groups="base.group_user,social_clause.group_manager",
            name="Marc Responsable",
        )
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create(
            {
                "name": "Commune de Test",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        cls.firm_a, cls.firm_b = Partner.create(
            [
                {"name": "Firm A Construction", "is_company": True},
                {"name": "Firm B Peinture", "is_company": True},
            ]
        )
        cls.sector_masonry = cls.env.ref("social_clause.sector_masonry")
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.operation = cls.env["social.clause.operation"].create(
            {
                "name": "School building",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "date_start": cls.today - relativedelta(months=6),
                "date_end": cls.today + relativedelta(months=6),
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Lot 1 Masonry",
                            "amount_untaxed": 1_000_000,
                            "labour_rate": 40,
                            "insertion_rate": 7,
                            "hourly_cost": 35,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Lot 2 Painting",
                            "amount_untaxed": 300_000,
                            "labour_rate": 70,
                            "insertion_rate": 5,
                            "hourly_cost": 35,
                        },
                    ),
                ],
            }
        )
        cls.lot_1, cls.lot_2 = cls.operation.lot_ids
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a1, cls.commitment_b2, cls.commitment_b1 = Commitment.create(
            [
                {
                    "lot_id": cls.lot_1.id,
                    "partner_id": cls.firm_a.id,
                    "hours_committed": 600,
                },
                {
                    "lot_id": cls.lot_2.id,
                    "partner_id": cls.firm_b.id,
                    "hours_committed": 300,
                },
                {
                    "lot_id": cls.lot_1.id,
                    "partner_id": cls.firm_b.id,
                    "role": "subcontractor",
                    "hours_committed": 200,
                },
            ]
        )
        cls.operation.write({"state": "execution"})
        cls.criterion_rsa = cls.env.ref("social_clause.criterion_rsa")
        cls.participant = cls._create_eligible_participant("Alice Durand")
        cls.participant_2 = cls._create_eligible_participant("Bruno Leroy")

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=invalid-name
        """Like unittest's, inside Odoo's savepoint so nothing stays written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    @classmethod
    def _create_eligible_participant(cls, name, months_ago=12):
        participant = cls.env["social.clause.participant"].create(
            {
                "name": name,
                "criterion_ids": [(6, 0, cls.criterion_rsa.ids)],
                "firm_ids": [(6, 0, (cls.firm_a | cls.firm_b).ids)],
            }
        )
        participant.action_validate_eligibility()
        participant.eligibility_date = cls.today - relativedelta(months=months_ago)
        return participant

    @classmethod
    def _hour_vals(cls, participant, commitment, hours, month=None, **extra):
        vals = {
            "participant_id": participant.id,
            "commitment_id": commitment.id,
            "date": month or cls.month,
            "hours": hours,
            "modality": "hire_cdd",
        }
        vals.update(extra)
        return vals
