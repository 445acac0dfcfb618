# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestSocialClausePortalFirm(SocialClausePortalCommon):
    """A firm's pages: its commitments, their hours, its attestation."""

    def test_firm_list_shows_only_its_commitments(self):
        for user in (self.user_a, self.user_a2):
            with self.subTest(user=user.login):
                self._login(user)
                page = self.url_open("/my/social_clauses")
                self.assertEqual(page.status_code, 200)
                self.assertEqual(page.text.count("o_social_clause_commitment_row"), 3)
                for commitment in (
                    self.commitment_a,
                    self.commitment_a_other,
                    self.commitment_a_closed,
                ):
                    self.assertIn(commitment.access_url + '"', page.text)
                self.assertNotIn(self.commitment_b.access_url + '"', page.text)
                self.assertIn("Town of Portalville", page.text)
                self.assertNotIn("Painting", page.text)
        self._login(self.user_b)
        page = self.url_open("/my/social_clauses?sortby=progress")
        self.assertEqual(page.text.count("o_social_clause_commitment_row"), 1)
        self.assertIn(self.commitment_b.access_url + '"', page.text)
        self.assertNotIn("Masonry", page.text)

    def test_firm_detail_shows_hours_without_sensitive_data(self):
        self._login(self.user_a)
        page = self.url_open(self.commitment_a.access_url)
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn("Paula Placed", html)
        self.assertEqual(html.count("o_social_clause_hour_row"), 2)
        self.assertIn('data-state="validated"', html)
        self.assertIn('data-state="rejected"', html)
        self.assertIn("The payslip is missing its second page.", html)
        self.assertIn("o_social_clause_by_month", html)
        self.assertIn("o_social_clause_by_modality", html)
        self.assertIn("o_social_clause_by_participant", html)
        # Other firms' people and the participant's sensitive data never show.
        self.assertNotIn("Bruno Elsewhere", html)
        for birth_date in ("1990-05-17", "05/17/1990", "17/05/1990"):
            self.assertNotIn(birth_date, html)
        self.assertNotIn(self.criterion.name, html)
        self.assertIn('name="csrf_token"', html)
