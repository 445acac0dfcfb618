# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestSocialClausePortalTour(SocialClausePortalCommon):
    def test_tour_declare_hours(self):
        tour_participant = self.env["social.clause.participant"].create(
            {"name": "Tour Participant", "firm_ids": [Command.link(self.firm_a.id)]}
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
            "/my", "social_clause_portal_declare_hours", login=self.user_a.login
        )
        self.env.invalidate_all()
        line = commitment.hour_ids
        self.assertRecordValues(
            line,
            [
                {
                    "participant_id": tour_participant.id,
                    "date": self.last_month,
                    "hours": 42.0,
                    "modality": "hire_cdi",
                    "state": "submitted",
                    "declared_by": "portal",
                }
            ],
        )
        self.assertEqual(line.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(line.attachment_ids.name, "payslip.pdf")
