# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport

from .common import SocialClauseReportCase, pdf_text


@tagged("post_install", "-at_install")
class TestReportPeriodTour(SocialClauseReportCase):
    def test_facilitator_prints_the_year_bilan(self):
        self.facilitator.lang = "fr_FR"
        year = self.today.year
        lines = self.env["social.clause.hour"].search(
            [("operation_id", "=", self.operation.id), ("is_counted", "=", True)]
        )
        in_year = sum(line.hours for line in lines if line.date.year == year)
        self.assertTrue(in_year)
        # wkhtmltopdf cannot fetch the styles from the test server while it
        # serves the download (one request at a time): it prints without.
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        printed = []
        render = IrActionsReport._render_qweb_pdf

        def render_for_real(report, report_ref, res_ids=None, data=None):
            # Odoo answers HTML instead of PDF while tests run.
            result = render(
                report.with_context(force_report_rendering=True),
                report_ref,
                res_ids=res_ids,
                data=data,
            )
            printed.append(result)
            return result

        with patch.object(IrActionsReport, "_render_qweb_pdf", render_for_real):
            self.start_tour(
                f"/odoo/action-social_clause.social_clause_operation_action/"
                f"{self.operation.id}",
                "social_clause_period_bilan_tour",
                login=self.facilitator.login,
            )
        self.assertEqual(len(printed), 1)
        content, report_type = printed[0]
        self.assertEqual(report_type, "pdf")
        text = pdf_text(content)
        self.assertIn(self.operation.name.replace(" ", ""), text)
        self.assertIn(f"01/01/{year}-31/12/{year}", text)
        total = f"{in_year:,.2f}".replace(",", "").replace(".", ",")
        self.assertRegex(text, rf"Total1100,00{total}")
