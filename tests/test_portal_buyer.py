# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestSocialClausePortalBuyer(SocialClausePortalCommon):
    """A buyer's pages: its operations only, counts and no names."""

    def test_buyer_sees_only_its_operations(self):
        self._login(self.user_buyer)
        page = self.url_open("/my/social_clause_operations")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.text.count("o_social_clause_operation_row"), 2)
        self.assertIn(self.operation.access_url + '"', page.text)
        self.assertIn(self.closed_operation.access_url + '"', page.text)
        self.assertNotIn("Housing of the Other Board", page.text)
        detail = self.url_open(self.operation.access_url)
        self.assertEqual(detail.status_code, 200)
        self.assertEqual(detail.text.count("o_social_clause_lot_row"), 2)
        self.assertIn("Masonry", detail.text)
        self.assertIn("Painting", detail.text)
        # Two people have counted hours: Paula (firm A) and Bruno (firm B),
        # fewer than the disclosure threshold: masked.
        self.assertRegex(
            detail.text, r'o_social_clause_participant_count"[^>]*>\s*&lt; 5\s*<'
        )
        self.assertNotIn("Paula Placed", detail.text)
        self._login(self.user_other_buyer)
        page = self.url_open("/my/social_clause_operations")
        self.assertEqual(page.text.count("o_social_clause_operation_row"), 1)
        self.assertIn("Housing of the Other Board", page.text)
        self.assertNotIn("School of the Portal", page.text)
