# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import codecs
import csv
import datetime
import io
import zipfile

from odoo import _, fields, models
from odoo.exceptions import UserError, ValidationError

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
# A report listing more wrong rows than this is cut: the file is to redo.
MAX_REPORTED_ERRORS = 1000
# The limits of every file import, checked before the cells are read so that
# a small hostile file (an XLSX declaring A1:XFD4000, a CSV of blank lines)
# cannot make the server hold more than the rows it is allowed.
# Largest upload: 1,100,000 rows of hours in CSV weigh about 70 MB.
MAX_FILE_BYTES = 100 * 1024 * 1024
# Rows read, blank ones included: a year of a national network (about
# 1,000,000 monthly lines) with a margin. Above 20,000 rows, the background
# import is the one to use (see social.clause.import.job).
MAX_ROWS = 1_100_000

# Columns read: the cells to the right of the 50th are ignored.
MAX_COLUMNS = 50
# Longest cell (a name, a reference, a label, an address).
MAX_CELL_LENGTH = 1000
# An XLSX is a zip: its parts are checked uncompressed before it is opened.
# The sheets are streamed; the shared strings are loaded whole by openpyxl.
MAX_XLSX_BYTES = 600 * 1024 * 1024
MAX_XLSX_SHARED_STRINGS_BYTES = 60 * 1024 * 1024
# Longest CSV line: every column at its longest, quoted, with its separator.
MAX_CSV_LINE = MAX_COLUMNS * (MAX_CELL_LENGTH + 3)
CSV_CHUNK = 1024 * 1024


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
    streamed and bounded CSV and XLSX readers, and the skeleton of the
    import: read the header, check every row, write all or nothing, report.

    base_import's readers are not used: they load the whole sheet
    (openpyxl without read_only, xlrd) and pad the rows to the declared
    width, which is what a hostile file abuses."""

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

    # The skeleton -----------------------------------------------------------

    def action_import(self):
        """Check every row; write everything, or nothing and report why."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        content = base64.b64decode(self.file)
        self.write(self._import_file(io.BytesIO(content), len(content)))
        return self._reopen()

    def action_import_in_background(self):
        """Hand the file to a background job (social.clause.import.job),
        run at once by its cron; the user follows its progress and gets a
        message when it is done."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        self.check_access("create")
        job = self.env["social.clause.import.job"].create(
            {
                "name": self.filename or _("file"),
                "import_model": self._name,
                "options": self._background_options(),
                "file": self.file,
            }
        )
        self.env.ref("social_clause.ir_cron_social_clause_import_job")._trigger()
        return {
            "type": "ir.actions.act_window",
            "res_model": job._name,
            "res_id": job.id,
            "view_mode": "form",
            "target": "current",
        }

    def _background_options(self):
        """The values of the wizard the background job gives its own."""
        return {}

    def _import_file(self, stream, size):
        """Import a binary stream of ``size`` bytes: the values of the
        wizard after it (state, counts, report). Nothing is written to the
        database when a row is wrong."""
        rows = self._iter_rows(stream, size)
        header = next(rows, None)
        if not header or not any(_cell_text(cell) for cell in header[1]):
            raise UserError(_("The file has no header row."))
        errors = []
        plan = self._prepare_import(header[1], rows, errors)
        values = {}
        if not errors:
            try:
                with self.env.cr.savepoint():
                    values = self._apply_import(plan)
                    self.env.flush_all()
            except (UserError, ValidationError) as error:
                errors.append((0, error.args[0]))
        if errors:
            values = dict.fromkeys(self._result_count_fields(), 0)
            values.update(
                state="error",
                error_count=len({number for number, __ in errors if number}),
                report=self._format_errors(errors),
            )
        values["line_count"] = plan["line_count"]
        return values

    def _prepare_import(self, header, rows, errors):
        """Read and check the rows (nothing written): a plan for
        _apply_import, holding at least ``line_count``."""
        raise NotImplementedError()

    def _apply_import(self, plan):
        """Write what the plan holds: the values of the wizard after it."""
        raise NotImplementedError()

    def _result_count_fields(self):
        """The counts of the wizard set to 0 when nothing is imported."""
        return ["skipped_count"]

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env["ir.model"]._get(self._name).name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _report_progress(self, percent):
        """Tell the background job running this import (if any) how far it
        went."""
        job_id = self.env.context.get("social_clause_import_job_id")
        if job_id:
            self.env["social.clause.import.job"].browse(job_id)._set_progress(percent)

    # Reading the file, streamed and bounded -----------------------------------

    def _iter_rows(self, stream, size):
        """(row number, [cells]) of each non-blank row, header included,
        read as they come: at most MAX_ROWS rows and MAX_COLUMNS columns,
        cells of at most MAX_CELL_LENGTH characters."""
        if size > MAX_FILE_BYTES:
            raise UserError(
                _(
                    "The file is larger than %(max)s MB: split it in several files.",
                    max=MAX_FILE_BYTES // (1024 * 1024),
                )
            )
        if not size:
            raise UserError(_("The file is empty."))
        start = stream.read(4)
        stream.seek(0)
        name = (self.filename or "").lower()
        if start == XLS_MAGIC or name.endswith(".xls"):
            rows = self._read_xls(stream)
        elif start == XLSX_MAGIC or name.endswith((".xlsx", ".xlsm")):
            rows = self._read_xlsx(stream)
        else:
            rows = self._read_csv(stream)
        return self._bounded_rows(rows, size, stream)

    def _bounded_rows(self, rows, size, stream):
        """The rows of a reader, blank ones left out but counted, within
        the limits; the share of the file read goes to the progress."""
        count = 0
        for number, cells in rows:
            count += 1
            if count > MAX_ROWS:
                # Thousands apart, French style (outside _(): its extractor
                # reads no f-string).
                limit = f"{MAX_ROWS:,}".replace(",", "\N{NO-BREAK SPACE}")
                raise UserError(
                    _(
                        "The file has more than %(max)s rows (blank ones "
                        "included): split it in several files.",
                        max=limit,
                    )
                )
            cells = list(cells[:MAX_COLUMNS])
            while cells and _cell_text(cells[-1]) == "":
                cells.pop()
            if not cells:
                continue
            for cell in cells:
                if isinstance(cell, str) and len(cell) > MAX_CELL_LENGTH:
                    raise UserError(
                        _(
                            "Row %(row)s: a cell holds more than %(max)s "
                            "characters. Nothing was imported.",
                            row=number,
                            max=MAX_CELL_LENGTH,
                        )
                    )
            if not count % 10000:
                self._report_progress(40 * stream.tell() / size)
            yield number, cells

    def _read_xls(self, stream):
        """The rows of an old Excel file (.xls): only where an import accepts
        it (the directory that Le marché de l'inclusion exports)."""
        raise UserError(
            _("Old Excel files (.xls) are not read: save the file as .xlsx or CSV.")
        )

    def _read_xlsx(self, stream):
        import openpyxl

        self._check_xlsx_parts(stream)
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            sheet = book.worksheets[0]
        except Exception as error:
            raise UserError(
                _(
                    "The file could not be read as an XLSX workbook: %(error)s",
                    error=error,
                )
            ) from error
        try:
            # max_col and max_row: the declared dimensions are not trusted.
            rows = sheet.iter_rows(
                max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1, values_only=True
            )
            yield from enumerate(rows, 1)
        finally:
            book.close()

    def _check_xlsx_parts(self, stream):
        """Refuse a workbook whose parts would be too big once uncompressed
        (a zip bomb), before openpyxl opens it."""
        try:
            parts = zipfile.ZipFile(stream).infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as error:
            raise UserError(
                _(
                    "The file could not be read as an XLSX workbook: %(error)s",
                    error=error,
                )
            ) from error
        shared = sum(
            part.file_size for part in parts if "sharedstrings" in part.filename.lower()
        )
        if (
            sum(part.file_size for part in parts) > MAX_XLSX_BYTES
            or shared > MAX_XLSX_SHARED_STRINGS_BYTES
        ):
            raise UserError(
                _(
                    "The workbook is too big once uncompressed (more than %(max)s "
                    "MB): save it as CSV or split it in several files.",
                    max=MAX_XLSX_BYTES // (1024 * 1024),
                )
            )
        stream.seek(0)

    def _read_csv(self, stream):
        encoding = self._csv_encoding(stream)
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        first_line = text.readline(MAX_CSV_LINE)
        text.seek(0)
        delimiter = max((";", ",", "\t"), key=first_line.count)
        reader = csv.reader(self._csv_lines(text), delimiter=delimiter)
        try:
            yield from enumerate(reader, 1)
        except csv.Error as error:
            raise UserError(
                _("The file could not be read as CSV: %(error)s", error=error)
            ) from error
        finally:
            text.detach()

    @staticmethod
    def _csv_encoding(stream):
        """UTF-8 (with or without BOM) if the whole file decodes so, else
        Windows-1252 (French spreadsheets often save CSV so): checked by
        chunks, the file is not held twice."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := stream.read(CSV_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            encoding = "utf-8-sig"
        except UnicodeDecodeError:
            encoding = "cp1252"
        stream.seek(0)
        return encoding

    def _csv_lines(self, text):
        """The lines of the text, refusing a line longer than any row of
        the limits could be (a file of separators only)."""
        while line := text.readline(MAX_CSV_LINE + 1):
            if len(line) > MAX_CSV_LINE:
                raise UserError(
                    _(
                        "A line of the file is longer than %(max)s characters: "
                        "it is not a file of the expected columns.",
                        max=MAX_CSV_LINE,
                    )
                )
            yield line

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
