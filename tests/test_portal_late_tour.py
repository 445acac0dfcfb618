# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged

from .common import SocialClauseHttpCase, make_portal_user


@tagged("post_install", "-at_install")
class TestLateFirmTours(SocialClauseHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env["res.partner"])
        cls.this_month = today.replace(day=1)
        Partner = cls.env["res.partner"]
        cls.firm = Partner.create({"name": "Tour Late Builders", "is_company": True})
        cls.silent_firm = Partner.create({"name": "Tour Late Firm", "is_company": True})
        buyer = Partner.create({"name": "Tour Late Town", "is_company": True})
        operation = cls.env["social.clause.operation"].create(
            {
                "name": "Tour late works",
                "buyer_id": buyer.id,
                "date_start": cls.this_month - relativedelta(months=2),
                "lot_ids": [
                    Command.create({"name": "Tour late lot", "hours_required": 500}),
                    Command.create({"name": "Tour silent lot", "hours_required": 100}),
                ],
            }
        )
        operation.lot_ids.write(
            {"date_start": cls.this_month - relativedelta(months=2)}
        )
        cls.commitment, cls.silent = cls.env["social.clause.commitment"].create(
            [
                {
                    "lot_id": operation.lot_ids[0].id,
                    "partner_id": cls.firm.id,
                    "hours_committed": 500,
                },
                {
                    "lot_id": operation.lot_ids[1].id,
                    "partner_id": cls.silent_firm.id,
                    "hours_committed": 100,
                },
            ]
        )
        operation.state = "execution"
        cls.env["social.clause.participant"].create(
            {
                "name": "Late Person",
                "firm_ids": [Command.link(cls.firm.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.this_month - relativedelta(months=6),
            }
        )
        make_portal_user(cls.env, "sc_late_firm", "Lea Late", cls.firm)

    def test_late_firm_declares_its_months_from_the_banner(self):
        self.start_tour("/my", "social_clause_portal_late_firm", login="sc_late_firm")
        lines = self.env["social.clause.hour"].search(
            [("commitment_id", "=", self.commitment.id)]
        )
        self.assertEqual(
            sorted((line.date, line.hours) for line in lines),
            [
                (self.this_month - relativedelta(months=2), 35.0),
                (self.this_month - relativedelta(months=2), 70.0),
                (self.this_month - relativedelta(months=1), 80.0),
            ],
        )
        self.assertIn("Zoé Nouvelle", lines.participant_id.mapped("name"))
        self.assertFalse(
            self.commitment._get_declaration_status()[self.commitment.id][
                "missing_months"
            ]
        )

    def test_facilitator_reminds_from_the_todo(self):
        self.start_tour(
            "/odoo/action-social_clause.social_clause_todo_action",
            "social_clause_remind_tour",
            login=self.facilitator.login,
        )
        last_month = self.this_month - relativedelta(months=1)
        self.assertEqual(self.commitment.reminder_month, last_month)
        message = self.env["mail.message"].search(
            [
                ("model", "=", "social.clause.commitment"),
                ("res_id", "=", self.commitment.id),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertEqual(message.partner_ids.mapped("name"), ["Lea Late"])
        self.assertIn("Tour late lot", message.body)
        # The firm without a portal contact was not e-mailed.
        self.assertFalse(self.silent.reminder_month)
