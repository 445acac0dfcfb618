# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from .social_clause_xlsx_common import write_cell


class SocialClauseAnnualSurveyXlsx(models.AbstractModel):
    """The annual activity survey: one sheet per theme, the figures of
    ``social.clause.annual.survey._get_survey_data`` (as in the preview)."""

    _name = "report.social_clause.annual_survey_xlsx"
    _inherit = "report.social_clause.xlsx_common"
    _description = "Annual activity survey (XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs[:1]
        data = self.env["social.clause.annual.survey"]._get_survey_data(
            wizard.year, wizard.buyer_id or None
        )
        self._write_survey(workbook, data)

    def _write_survey(self, workbook, data):
        formats = self._formats(workbook)
        company = self.env.company.name
        for theme in data["themes"]:
            sheet = workbook.add_worksheet(theme["title"][:31])
            write_cell(sheet, 0, 0, theme["title"], formats["title"])
            subtitle = _(
                "Year %(year)s - %(company)s", year=data["year"], company=company
            )
            if data["buyer"]:
                subtitle += " - " + _("Buyer: %(buyer)s", buyer=data["buyer"])
            write_cell(sheet, 1, 0, subtitle)
            row = 3
            for table in theme["tables"]:
                row = self._write_table(sheet, row, table, formats)
