# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SocialClauseHttpCase


@tagged("post_install", "-at_install")
class TestBackofficeTour(SocialClauseHttpCase):
    def test_facilitator_browses_operation_and_lots(self):
        buyer = self.env["res.partner"].create(
            {
                "name": "Tour town",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        self.env["social.clause.operation"].create(
            {
                "name": "Tour school",
                "buyer_id": buyer.id,
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Tour lot",
                            "amount_untaxed": 1_000_000,
                            "labour_rate": 40,
                            "insertion_rate": 7,
                            "hourly_cost": 35,
                        },
                    )
                ],
            }
        )
        self.start_tour(
            "/odoo/action-social_clause.social_clause_operation_action",
            "social_clause_backoffice_tour",
            login=self.facilitator.login,
        )
