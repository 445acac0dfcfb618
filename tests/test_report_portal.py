# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch
from urllib.parse import urlparse

from odoo.tests import tagged
from odoo.tools import config

from .common import SocialClauseReportCase, make_portal_user, pdf_text


@tagged("post_install", "-at_install")
class TestReportPortalAttestation(SocialClauseReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a, cls.user_b = (
            make_portal_user(cls.env, login, name, firm)
            for login, name, firm in (
                ("sc_report_firm_a", "Anna Alpha", cls.firm_a),
                ("sc_report_firm_b", "Bob Beta", cls.firm_b),
            )
        )

    def test_firm_downloads_its_attestation(self):
        self.authenticate(self.user_a.login, self.user_a.login)
        url = f"{self.commitment_a1.access_url}/attestation"
        # Odoo answers HTML instead of PDF while tests run: render for real.
        # While the test server handles this request, it cannot serve the
        # report's styles to wkhtmltopdf (one test cursor at a time): point
        # wkhtmltopdf to a closed port, it prints without them.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with patch.dict(config.options, {"test_enable": False, "test_file": False}):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("Heuresréalisées230,00", text)
        self.assertIn("Participants2", text)

    def test_other_firm_refused(self):
        # Firm B works on lot 1 too, but the attestation of firm A is not its.
        self.authenticate(self.user_b.login, self.user_b.login)
        for commitment_id in (self.commitment_a1.id, 999999):
            response = self.url_open(
                f"/my/social_clauses/{commitment_id}/attestation",
                allow_redirects=False,
            )
            self.assertEqual(response.status_code, 303)
            self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
            self.assertNotIn(b"%PDF", response.content)
        # Its own attestation is served (HTML while tests run).
        response = self.url_open(f"{self.commitment_b2.access_url}/attestation")
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"o_sc_attestation", response.content)
        self.assertNotIn(b"Firm A Construction", response.content)
