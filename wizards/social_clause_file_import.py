# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io

from odoo import _, fields, models
from odoo.exceptions import UserError

XLSX_MAGIC = b"PK\x03\x04"
# A report listing more wrong rows than this is cut: the file is to redo.
MAX_REPORTED_ERRORS = 1000


def _cell_text(value):
    """A cell as text (for the blank-row test and the messages)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


class SocialClauseFileImport(models.AbstractModel):
    """What the module's file imports (hours, directory of inclusive
    enterprises) share: the file, the state and report of the wizard, the
    CSV and XLSX readers and the all-or-nothing error report."""

    _name = "social.clause.file.import"
    _description = "Import of a CSV or XLSX file"

    file = fields.Binary(attachment=False)
    filename = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("error", "Errors"), ("done", "Imported")],
        default="upload",
        required=True,
    )
    report = fields.Text(readonly=True)
    line_count = fields.Integer(string="Rows read", readonly=True)
    error_count = fields.Integer(string="Wrong rows", readonly=True)

    def _file_content(self):
        """The bytes of the chosen file; an empty file is refused."""
        content = base64.b64decode(self.file or b"")
        if not content:
            raise UserError(_("The file is empty."))
        return content

    def _is_xlsx(self, content):
        return content.startswith(XLSX_MAGIC) or (self.filename or "").lower().endswith(
            (".xlsx", ".xlsm")
        )

    def _read_xlsx(self, content):
        import openpyxl

        try:
            book = openpyxl.load_workbook(
                io.BytesIO(content), read_only=True, data_only=True
            )
        except Exception as error:
            raise UserError(
                _(
                    "The file could not be read as an XLSX workbook: %(error)s",
                    error=error,
                )
            ) from error
        sheet = book.worksheets[0]
        rows = [
            (number, list(cells))
            for number, cells in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
        book.close()
        return rows

    def _read_csv(self, content):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            # French spreadsheets often save CSV in Windows-1252.
            text = content.decode("cp1252", errors="replace")
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return list(enumerate(reader, 1))
        except csv.Error as error:
            raise UserError(
                _("The file could not be read as CSV: %(error)s", error=error)
            ) from error

    def _format_errors(self, errors):
        errors = sorted(errors, key=lambda error: error[0])
        lines = [
            _(
                "Nothing was imported: %(count)s row(s) to correct. Correct the "
                "file and import it again.",
                count=len({number for number, __ in errors if number}),
            ),
            "",
        ]
        for number, message in errors[:MAX_REPORTED_ERRORS]:
            if number:
                lines.append(_("Row %(row)s: %(message)s", row=number, message=message))
            else:
                lines.append(message)
        if len(errors) > MAX_REPORTED_ERRORS:
            lines.append(
                _(
                    "... and %(count)s more errors.",
                    count=len(errors) - MAX_REPORTED_ERRORS,
                )
            )
        return "\n".join(lines)
