# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from unittest.mock import patch
from urllib.parse import quote

from odoo.tests import Form, tagged
from odoo.tools import config

from ..rules.periods import period_bounds, period_of
from .common import SocialClauseReportCase, make_user, pdf_text


def client_report_url(action):
    """The URL the web client builds for a report action (getReportUrl of
    @web/webclient/actions/reports/utils.js): with data, no ids in it."""
    url = f"/report/pdf/{action['report_name']}"
    if action.get("data"):
        options = quote(json.dumps(action["data"]))
        context = quote(json.dumps(action.get("context") or {}))
        return f"{url}?options={options}&context={context}"
    return f"{url}/{','.join(map(str, action['context']['active_ids']))}"


@tagged("post_install", "-at_install")
class TestReportPeriod(SocialClauseReportCase):
    def _wizard(self, **values):
        wizard_form = Form(
            self.env["social.clause.bilan.wizard"]
            .with_user(self.facilitator)
            .with_context(
                active_model="social.clause.operation", active_id=self.operation.id
            )
        )
        for name, value in values.items():
            setattr(wizard_form, name, value)
        return wizard_form.save()

    def _open_pdf(self, url):
        """The PDF wkhtmltopdf prints for the URL, as the browser gets it."""
        self.authenticate(self.facilitator.login, self.facilitator.login)
        # The test server serves one request at a time: wkhtmltopdf prints
        # without the report's styles (see test_report_portal).
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with patch.dict(config.options, {"test_enable": False, "test_file": False}):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"), response.content[:300])
        return pdf_text(response.content)

    def test_period_bilan_through_the_client_url(self):
        wizard = self._wizard(date_from=self.month, date_to=self.month)
        action = wizard.action_print()
        url = client_report_url(action)
        self.assertNotIn(str(self.operation.id) + "?", url)
        text = self._open_pdf(url)
        self.assertIn("Bilandelaclausesociale", text)
        self.assertIn(self.operation.name.replace(" ", ""), text)
        # The month of the period only: 200 h on lot 1 (250 h to date), 100 h
        # on lot 2; the month before is left out.
        self.assertIn(
            "LotMasonry800,00200,00250,0031%", text.replace("1Masonry", "Masonry")
        )
        self.assertIn(
            "LotPainting300,00100,00100,0033%", text.replace("2Painting", "Painting")
        )
        self.assertRegex(text, r"Total1100,00300,00350,00")

    def test_year_preset(self):
        wizard = self._wizard(preset="year", year=self.month.year)
        self.assertEqual(
            (wizard.date_from, wizard.date_to), period_bounds("year", self.month.year)
        )
        wizard = self._wizard(preset="quarter", year=self.month.year, period_index="4")
        self.assertEqual(wizard.date_from.month, 10)
        self.assertEqual(wizard.date_to.day, 31)
        wizard = self._wizard(preset="half_year", year=2026, period_index="4")
        # A year holds two half-years: back to the one of today.
        today_half = period_of("half_year", self.today)
        self.assertEqual(wizard.period_index, str(today_half))
        self.assertEqual(
            (wizard.date_from, wizard.date_to),
            period_bounds("half_year", 2026, today_half),
        )

    def test_other_operation_ids_refused(self):
        """The ids in the options are the user's: a firm's portal user gets no
        bilan through them."""
        action = self._wizard().action_print()
        portal = make_user(
            self.env, "sc_period_portal", "base.group_portal", name="Portal reader"
        )
        self.authenticate(portal.login, portal.login)
        response = self.url_open(client_report_url(action))
        self.assertNotIn(b"Bilan", response.content)
