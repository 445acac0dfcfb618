# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import _, models


class SocialClauseXlsxCommon(models.AbstractModel):
    """Formats and table writing shared by the module's workbooks."""

    _name = "report.social_clause.xlsx_common"
    _inherit = "report.report_xlsx.abstract"
    _description = "Social clause spreadsheets: common formats"

    def _formats(self, workbook):
        return {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "subtitle": workbook.add_format({"bold": True, "font_size": 11}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1}),
            "number": workbook.add_format({"border": 1, "num_format": "#,##0.##"}),
            "amount": workbook.add_format({"border": 1, "num_format": "#,##0.00 €"}),
            "month": workbook.add_format({"border": 1, "num_format": "mm/yyyy"}),
            "total_text": workbook.add_format({"bold": True, "border": 1}),
            "total_number": workbook.add_format(
                {"bold": True, "border": 1, "num_format": "#,##0.##"}
            ),
        }

    def _write_header(self, sheet, row, columns, formats, widths=None):
        for col, label in enumerate(columns):
            sheet.write(row, col, label, formats["header"])
            sheet.set_column(col, col, (widths or {}).get(col, 18 if col else 40))
        return row + 1

    def _write_table(self, sheet, row, table, formats):
        """Write a table of the annual survey (title, columns, rows); the
        row labelled like the total is bold. Returns the next free row."""
        sheet.write(row, 0, table["title"], formats["subtitle"])
        row = self._write_header(sheet, row + 1, table["columns"], formats)
        total_label = _("Total")
        for values in table["rows"]:
            is_total = values[0] == total_label
            for col, value in enumerate(values):
                if col == 0 or isinstance(value, str):
                    sheet.write(
                        row, col, value, formats["total_text" if is_total else "text"]
                    )
                else:
                    sheet.write_number(
                        row,
                        col,
                        value or 0,
                        formats["total_number" if is_total else "number"],
                    )
            row += 1
        return row + 1

    @staticmethod
    def _cell(row, col):
        return xl_rowcol_to_cell(row, col)
