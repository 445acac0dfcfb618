# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from .common import BuyerLotsCommon, pdf_text


@tagged("post_install", "-at_install")
class TestPortalBuyerBilan(BuyerLotsCommon):
    """The buyer downloads the bilan PDF of its own operation, the one the
    facilitator prints; nobody else does, nor of a draft operation."""

    def _download(self, url):
        # Odoo answers HTML instead of PDF while tests run: render for real.
        # While the test server handles this request it cannot serve the
        # report's styles to wkhtmltopdf (one test cursor at a time): point
        # wkhtmltopdf to a closed port, it prints without them (as in
        # test_report_portal).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with patch.dict(config.options, {"test_enable": False, "test_file": False}):
            return self.url_open(url)

    def test_buyer_downloads_the_bilan(self):
        self._login(self.user_buyer)
        page = self.url_open(self.operation.access_url)
        url = f"{self.operation.access_url}/bilan"
        self.assertIn(f'href="{url}"', page.text)
        self.assertIn("Bilan (PDF)", page.text)
        response = self._download(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        disposition = response.headers["Content-Disposition"]
        self.assertIn("attachment", disposition)
        self.assertIn("Bilan", disposition)
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("Bilandelaclausesociale", text)
        self.assertIn("SchoolofthePortal", text)
        # Masonry: 900 h required, 55 h done (35 firm A + 20 firm B), 6 %.
        self.assertRegex(text, r"Masonry900,0055,0055,006%")
        # Counts only, never the people's names.
        self.assertNotIn("Paula", text)
        self.assertNotIn("Bruno", text)

    def test_others_are_refused(self):
        url = f"{self.operation.access_url}/bilan"
        # Another buyer, a firm working on the operation: refused.
        for user in (self.user_other_buyer, self.user_a):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertRefused(url)
                self.assertRefused("/my/social_clause_operations/999999/bilan")
        # The buyer's own draft operation: refused, and no button anywhere.
        self._login(self.user_buyer)
        self.assertRefused(f"{self.draft_operation.access_url}/bilan")
        page = self.url_open("/my/social_clause_operations")
        self.assertNotIn(f"{self.draft_operation.access_url}/bilan", page.text)
        # Its own closed operation is served (HTML while tests run).
        response = self.url_open(f"{self.closed_operation.access_url}/bilan")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_sc_bilan", response.text)
        self.assertIn("Finished Gymnasium", response.text)
        self.assertNotIn("Housing of the Other Board", response.text)
