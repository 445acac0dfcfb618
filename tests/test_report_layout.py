# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import SocialClauseReportCase, pdf_text

A4_POINTS = (595, 842)


@tagged("post_install", "-at_install")
class TestReportLayout(SocialClauseReportCase):
    def _pages(self, content):
        return PdfFileReader(io.BytesIO(content)).pages

    def test_install_sets_a_layout_and_a4(self):
        """No "Configure your document layout" dialog on the first print: a
        company without a layout gets one, one the user chose stays."""
        company = self.env["res.company"].create({"name": "New facilitator"})
        company.external_report_layout_id = False
        boxed = self.env.ref("web.external_layout_boxed")
        self.company.external_report_layout_id = boxed
        self.env["res.company"]._social_clause_set_report_layout()
        self.assertEqual(
            company.external_report_layout_id,
            self.env.ref("web.external_layout_standard"),
        )
        self.assertEqual(self.company.external_report_layout_id, boxed)
        self.assertEqual(company.paperformat_id, self.env.ref("base.paperformat_euro"))
        # The admin prints without the configurator.
        action = (
            self.env.ref("social_clause.action_report_operation_bilan")
            .with_company(company)
            .with_context(allowed_company_ids=[company.id, self.company.id])
            .report_action(self.operation)
        )
        self.assertEqual(action["type"], "ir.actions.report")

    def test_bilan_a4_letterhead_page_numbers(self):
        self.company.write(
            {"street": "12 rue de la Lys", "zip": "59200", "city": "Tourcoing"}
        )
        content, _type = self._render_pdf(
            "social_clause.action_report_operation_bilan", self.operation
        )
        pages = self._pages(content)
        for page in pages:
            self.assertEqual(
                (round(float(page.mediabox.width)), round(float(page.mediabox.height))),
                A4_POINTS,
            )
        total = len(pages)
        for index, page in enumerate(pages, 1):
            self.assertIn(f"Page {index} / {total}", page.extract_text())
        text = pdf_text(content)
        # The letterhead: the company's name and address on the first page.
        first = pdf_text_page(pages[0])
        self.assertIn(self.company.name.replace(" ", ""), first)
        self.assertIn("12ruedelaLys", first)
        self.assertIn("59200Tourcoing", first)
        self.assertIn("Bilandelaclausesociale", text)

    def test_attestation_a4_with_page_number(self):
        content, _type = self._render_pdf(
            "social_clause.action_report_commitment_attestation", self.commitment_a1
        )
        pages = self._pages(content)
        self.assertEqual(len(pages), 1)
        self.assertIn("Page 1 / 1", pages[0].extract_text())


def pdf_text_page(page):
    return "".join(page.extract_text().split())
