# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import docx

from odoo.tests import Form, tagged

from .common import SocialClauseReportCase, pdf_text


@tagged("post_install", "-at_install")
class TestReportDocuments(SocialClauseReportCase):
    def test_hours_summary(self):
        summary = self.commitment_a1._get_hours_summary()
        self.assertEqual(summary["hours_committed"], 600)
        self.assertEqual(summary["hours_done"], 230)
        self.assertEqual(summary["participant_count"], 2)
        self.assertFalse(summary["is_fulfilled"])
        self.assertEqual(summary["hours_submitted"], 30)
        self.assertEqual(
            [(month, total) for month, _families, total in summary["hours_by_month"]],
            [(self.previous_month, 50), (self.month, 180)],
        )
        modalities = {
            code: hours for code, _label, hours in summary["hours_by_modality"]
        }
        self.assertEqual(modalities, {"hire_cdd": 150, "hire_cdi": 80})
        # The period keeps its months; fulfilment counts from the start.
        summary = self.commitment_a1._get_hours_summary(self.month, self.month)
        self.assertEqual(summary["hours_done"], 180)
        self.assertEqual(summary["hours_done_to_date"], 230)
        self.commitment_b1.hours_committed = 20
        self.assertTrue(self.commitment_b1._get_hours_summary()["is_fulfilled"])

    def test_attestation_pdf(self):
        content, report_type = self._render_pdf(
            "social_clause.action_report_commitment_attestation", self.commitment_a1
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        self.assertIn("Attestationd'heuresd'insertion", text)
        self.assertIn("FirmAConstruction", text)
        self.assertIn("Heuresengagées600,00", text)
        self.assertIn("Heuresréalisées230,00", text)
        self.assertIn("Avancement38%", text)
        self.assertIn("Participants2", text)
        self.assertIn("L'engagementn'estpasencorerempli.", text)
        self.assertIn("Fanny Facilitatrice".replace(" ", ""), text)
        # Names of the people never show: counts only.
        self.assertNotIn("Alice", text)

    def test_calibration_note_and_clause_article_pdf(self):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, _type = report._render_qweb_pdf(
            "social_clause.action_report_calibration_note", self.operation.ids
        )
        text = pdf_text(content)
        self.assertIn("Notedecalibragedelaclausesociale", text)
        # Lot 1: 1,000,000 x 40 % x 7 % / 35 = 800 h; lot 2: 300 h; 1,100 h.
        self.assertRegex(text, r"Lot1Masonry\D*1000000,00.*?800800")
        self.assertRegex(text, r"Lot2Painting\D*300000,00.*?300300")
        self.assertRegex(text, r"Total\D*1300000,00\D*11001100")
        self.assertIn("L2112-2", text)

        self.lot_1.penalty_late_day_rate = 75
        content, _type = report._render_qweb_pdf(
            "social_clause.action_report_clause_article", self.lot_1.ids
        )
        text = pdf_text(content)
        self.assertIn("Clausesocialed'insertion", text)
        self.assertIn("L2112-2", text)
        self.assertIn("Lot1Masonry:800heures", text)
        self.assertRegex(text, r"60,00\W*HTparheured'insertionmanquante")
        self.assertRegex(text, r"75,00\W*HTparjourderetard")
        self.assertIn("FannyFacilitatrice", text)

    def test_clause_article_docx(self):
        self.lot_2.penalty_late_day_rate = 150
        action = self.operation.action_download_clause_docx()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        # The file name keeps the apostrophe of the French title; the
        # slashes of the reference, a path separator, become spaces.
        reference = self.operation.display_name.replace("/", " ")
        self.assertEqual(
            attachment.name, f"Clause sociale d'insertion - {reference}.docx"
        )
        document = docx.Document(io.BytesIO(attachment.raw))
        text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        self.assertIn("Clause sociale d'insertion", text)
        self.assertIn("Lot 1 Masonry : 800 heures", text)
        self.assertIn("Lot 2 Painting : 300 heures", text)
        # Different rates: one line per lot.
        self.assertIn("par jour de retard", text)
        self.assertIn("Publics éligibles", text)
        # The same sections as the PDF.
        titles = [
            section["title"] for section in self.operation.lot_ids._get_clause_article()
        ]
        for title in titles:
            self.assertIn(title, text)

    def test_penalty_due_once_closed(self):
        self.assertEqual(self.lot_1.hours_missing, 550)
        self.assertEqual(self.lot_1.penalty_due, 0)
        self.operation.action_close()
        self.assertEqual(self.lot_1.penalty_due, 550 * 60)
        self.assertEqual(self.lot_2.penalty_due, 200 * 100)
        with self.assertRaisesRegex(
            Exception, "n.accepte plus de modification de ses lots"
        ):
            self.lot_1.penalty_hour_rate = 10

    def test_penalty_defaults_from_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.social_clause_penalty_hour_rate = 200
        settings.social_clause_penalty_late_day_rate = 75
        settings.save().execute()
        lot = self.env["social.clause.lot"].create(
            {"operation_id": self.operation.id, "name": "Lot 3", "hourly_cost": 30}
        )
        self.assertEqual((lot.penalty_hour_rate, lot.penalty_late_day_rate), (200, 75))
        with self.assertRaisesRegex(Exception, "ne peut pas être négatif"):
            self.company.social_clause_penalty_hour_rate = -1
        with self.assertRaisesRegex(Exception, "ne peuvent pas être négatives"):
            lot.penalty_late_day_rate = -5


@tagged("post_install", "-at_install")
class TestReportDemo(SocialClauseReportCase):
    """Each report is in its record's Print menu and renders on demo data."""

    def test_demo_reports_render_from_print_menu(self):
        cases = [
            ("action_report_calibration_note", "social_clause.operation_school"),
            ("action_report_clause_article", "social_clause.lot_school_masonry"),
            (
                "action_report_operation_clause_article",
                "social_clause.operation_school",
            ),
            (
                "action_report_commitment_attestation",
                "social_clause.commitment_school_masonry",
            ),
            ("action_report_operation_bilan", "social_clause.operation_school"),
        ]
        for report_xmlid, record_xmlid in cases:
            with self.subTest(report=report_xmlid):
                report = self.env.ref(f"social_clause.{report_xmlid}")
                record = self.env.ref(record_xmlid)
                self.assertEqual(report.binding_model_id.model, record._name)
                self.assertEqual(report.binding_type, "report")
                html, _type = report._render_qweb_html(report, record.ids)
                self.assertIn(b"o_sc_report", html)
        wizard_action = self.env.ref("social_clause.social_clause_bilan_wizard_action")
        self.assertEqual(
            wizard_action.binding_model_id.model, "social.clause.operation"
        )
