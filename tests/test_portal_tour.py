# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestPortalMonthTour(SocialClausePortalCommon):
    def test_tour_declare_a_month(self):
        first, second = self.env["social.clause.participant"].create(
            [
                {
                    "name": "Tour Participant",
                    "firm_ids": [Command.link(self.firm_a.id)],
                },
                {"name": "Tour Second", "firm_ids": [Command.link(self.firm_a.id)]},
            ]
        )
        tour_lot = self.env["social.clause.lot"].create(
            {
                "operation_id": self.operation.id,
                "name": "Tour lot",
                "amount_untaxed": 100_000.0,
            }
        )
        commitment = self.env["social.clause.commitment"].create(
            {"lot_id": tour_lot.id, "partner_id": self.firm_a.id, "hours_committed": 50}
        )
        self.start_tour(
            "/my", "social_clause_portal_declare_month", login=self.user_a.login
        )
        self.env.invalidate_all()
        lines = commitment.hour_ids.sorted("hours")
        self.assertRecordValues(
            lines,
            [
                {
                    "participant_id": second.id,
                    "date": self.last_month,
                    "hours": 20.0,
                    "modality": "provision_etti",
                    "state": "submitted",
                    "declared_by": "portal",
                },
                {
                    "participant_id": first.id,
                    "date": self.last_month,
                    "hours": 42.0,
                    "modality": "hire_cdi",
                    "state": "submitted",
                    "declared_by": "portal",
                },
            ],
        )
        self.assertEqual(lines.attachment_ids.name, "journal.pdf")
        self.assertEqual(lines.attachment_ids.mimetype, "application/pdf")
