# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import _, models

# Every workbook of the module writes text as text: a name typed as
# "=HYPERLINK(...)" by a firm or a prescriber is never a live formula, nor
# "https://..." a link or "0012" a number.
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def new_workbook(output):
    """An xlsxwriter workbook writing into ``output`` (a BytesIO), with the
    module's options."""
    import xlsxwriter

    return xlsxwriter.Workbook(output, dict(WORKBOOK_OPTIONS, in_memory=True))


def write_cell(sheet, row, col, value, cell_format=None):
    """Write one value: text always as a string (never a formula, a link or a
    number), numbers as numbers, dates as dates, nothing as a blank cell."""
    if value is None or value is False:
        return sheet.write_blank(row, col, None, cell_format)
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        return sheet.write_number(row, col, value, cell_format)
    if isinstance(value, datetime.date):
        return sheet.write_datetime(row, col, value, cell_format)
    return sheet.write_string(row, col, str(value), cell_format)


def write_cells(sheet, row, col, values, cell_format=None):
    """``write_cell`` for each of ``values``, from ``(row, col)`` rightwards."""
    for offset, value in enumerate(values):
        write_cell(sheet, row, col + offset, value, cell_format)


class SocialClauseXlsxCommon(models.AbstractModel):
    """Formats and table writing shared by the module's workbooks."""

    _name = "report.social_clause.xlsx_common"
    _inherit = "report.report_xlsx.abstract"
    _description = "Social clause spreadsheets: common formats"

    def get_workbook_options(self):
        return dict(super().get_workbook_options(), **WORKBOOK_OPTIONS)

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
            write_cell(sheet, row, col, label, formats["header"])
            sheet.set_column(col, col, (widths or {}).get(col, 18 if col else 40))
        return row + 1

    def _write_table(self, sheet, row, table, formats):
        """Write a table of the annual survey (title, columns, rows); the
        row labelled like the total is bold. Returns the next free row."""
        write_cell(sheet, row, 0, table["title"], formats["subtitle"])
        row = self._write_header(sheet, row + 1, table["columns"], formats)
        total_label = _("Total")
        for values in table["rows"]:
            is_total = values[0] == total_label
            for col, value in enumerate(values):
                if col == 0 or isinstance(value, str):
                    write_cell(
                        sheet,
                        row,
                        col,
                        value,
                        formats["total_text" if is_total else "text"],
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
