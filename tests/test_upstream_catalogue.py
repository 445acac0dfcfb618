# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import config

from .common import UpstreamCase, pdf_text
from .test_report_period import client_report_url


@tagged("post_install", "-at_install")
class TestUpstreamCatalogue(UpstreamCase, HttpCase):
    """The catalogue of the SIAE offer for a sector and an area, and the
    searchable directory behind it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sector = cls._sector("up_cat", "Espaces verts (catalogue)")
        cls.other_sector = cls._sector("up_cat_other", "Traiteur (catalogue)")
        Partner = cls.env["res.partner"]
        cls.aci, cls.esat, cls.far, cls.caterer = Partner.create(
            [
                {
                    "name": "ACI Les Haies Vives",
                    "is_company": True,
                    "social_clause_employer_kind": "aci",
                    "social_clause_sector_ids": [(6, 0, cls.sector.ids)],
                    "zip": "59280",
                    "city": "Armentières",
                    "siae_services": "Taille de haies & tonte",
                    "siae_posts": 12,
                    "siae_hours_capacity": 4000,
                    "siae_annual_turnover": 420_000,
                    "siae_offers_service": True,
                    "phone": "03 20 11 22 33",
                    "partner_latitude": 50.6886,
                    "partner_longitude": 2.8806,
                },
                {
                    "name": "ESAT du Littoral",
                    "is_company": True,
                    "social_clause_employer_kind": "esat",
                    "social_clause_sector_ids": [(6, 0, cls.sector.ids)],
                    "zip": "62200",
                    "city": "Boulogne-sur-Mer",
                    "social_clause_area_codes": "59, 62",
                },
                {
                    "name": "EI du Rhône",
                    "is_company": True,
                    "social_clause_employer_kind": "ei",
                    "social_clause_sector_ids": [(6, 0, cls.sector.ids)],
                    "zip": "69001",
                    "city": "Lyon",
                },
                {
                    "name": "Traiteur Solidaire",
                    "is_company": True,
                    "social_clause_employer_kind": "ei",
                    "social_clause_sector_ids": [(6, 0, cls.other_sector.ids)],
                    "zip": "59000",
                    "city": "Lille",
                },
            ]
        )

    def _wizard(self, sectors, area="", kind=False):
        Wizard = self.env["social.clause.siae.catalogue"].with_user(self.facilitator)
        with Form(Wizard) as form:
            for sector in sectors:
                form.sector_ids.add(sector)
            form.area = area
            form.kind = kind
        return form.record

    def test_directory_search_by_sector_area_and_kind(self):
        Partner = self.env["res.partner"]
        found = Partner._search_siae_offer(self.sector, "59")
        # Its own department, or a department it serves.
        self.assertEqual(found, self.aci | self.esat)
        self.assertEqual(Partner._search_siae_offer(self.sector, "69"), self.far)
        self.assertEqual(
            Partner._search_siae_offer(self.sector, "Armentières"), self.aci
        )
        self.assertEqual(
            Partner._search_siae_offer(self.sector, "59", ["esat"]), self.esat
        )
        self.assertTrue(
            self.aci.siae_map_url.startswith("https://www.openstreetmap.org/")
        )
        self.assertFalse(self.far.siae_map_url)

    def test_catalogue_pdf_for_a_sector_and_an_area(self):
        wizard = self._wizard(self.sector, "59")
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "social_clause.report_siae_catalogue")
        html, __ = (
            self.env["ir.actions.report"]
            .with_user(self.facilitator)
            ._render_qweb_html(
                "social_clause.report_siae_catalogue",
                action["context"]["active_ids"],
                data=action["data"],
            )
        )
        html = html.decode()
        self.assertIn("Catalogue de l'offre des SIAE", html)
        self.assertIn("ACI Les Haies Vives", html)
        self.assertIn("ESAT du Littoral", html)
        self.assertNotIn("EI du Rhône", html)
        self.assertNotIn("Traiteur Solidaire", html)
        # User text is escaped.
        self.assertIn("Taille de haies &amp; tonte", html)
        self.assertIn("Espaces verts (catalogue)", html)

    def test_catalogue_pdf_rows_through_the_client_url(self):
        """The PDF opened by the URL the web client builds (options, no ids)
        lists the structures the XLSX with the same filters lists."""
        action = self._wizard(self.sector, "59").action_print_pdf()
        self.authenticate(self.facilitator.login, self.facilitator.login)
        # The test server serves one request at a time: wkhtmltopdf prints
        # without the report's styles.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        with patch.dict(config.options, {"test_enable": False, "test_file": False}):
            response = self.url_open(client_report_url(action))
        self.assertTrue(response.content.startswith(b"%PDF"), response.content[:200])
        text = pdf_text(response.content)
        self.assertIn("2structures.", text)
        self.assertIn("ACILesHaiesVives", text)
        self.assertIn("ESATduLittoral", text)
        self.assertNotIn("EIduRhône", text)

    def test_catalogue_xlsx(self):
        wizard = self._wizard(self.sector, "59")
        action = wizard.action_export_xlsx()
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.facilitator)
            ._render(
                "social_clause.report_siae_catalogue_xlsx",
                action["context"]["active_ids"],
                data=action["data"],
            )
        )
        self.assertEqual(report_type, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Catalogue de l'offre des SIAE")
        self.assertEqual(rows[3][0], "Structure")
        self.assertEqual(rows[3][1], "Type")
        names = [row[0] for row in rows[4:]]
        self.assertEqual(names, ["ACI Les Haies Vives", "ESAT du Littoral"])
        aci = rows[4]
        self.assertEqual(aci[8], 12)
        self.assertEqual(aci[9], 4000)
        # Turnover stays out of a catalogue handed to others.
        self.assertNotIn(420_000, aci)

    def test_no_structure_is_a_clear_error(self):
        wizard = self._wizard(self.other_sector, "69")
        with self.assertRaisesRegex(UserError, "Aucune structure"):
            wizard.action_print_pdf()
