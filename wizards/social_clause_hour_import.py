# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import datetime
import io
import re
import unicodedata
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.social_clause_hour import DECLARED_BY
from ..models.social_clause_modality import HOUR_MODALITIES

# Columns of the file and the headers accepted for each (compared without
# case, accents or punctuation), English and French.
COLUMNS = ("participant", "lot", "firm", "month", "hours", "modality")
HEADER_ALIASES = {
    "participant": {
        "participant",
        "participant reference",
        "reference participant",
        "beneficiaire",
        "salarie",
    },
    "lot": {"lot", "lot reference", "reference lot", "reference du lot"},
    "firm": {
        "firm",
        "company",
        "entreprise",
        "societe",
        "siret",
        "titulaire",
        "firm siret",
        "siret entreprise",
    },
    "month": {"month", "mois", "period", "periode", "date"},
    "hours": {"hours", "heures", "nombre d heures", "nb heures", "hours worked"},
    "modality": {"modality", "modalite", "modalite de mise en oeuvre"},
}
# Lines created per ORM call: big enough for batched SQL, small enough to
# keep the memory of the recomputations bounded.
CREATE_BATCH = 10000
# A report listing more wrong rows than this is cut: the file is to redo.
MAX_REPORTED_ERRORS = 1000
XLSX_MAGIC = b"PK\x03\x04"


def _simplify(text):
    """Lower case, no accents, punctuation as spaces: for header and label
    matching."""
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _cell_text(value):
    """A cell as text; integral numbers without their '.0' (SIRET in XLSX)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def _number(value):
    """Hours as people write them: 35, 7.5 (no trailing zeros)."""
    return f"{value:g}"


def _month_label(month):
    return month.strftime("%m/%Y")


def _shown(text):
    """A cell value in a message; an empty cell shown as ""."""
    return text or '""'


def _compact(text):
    return re.sub(r"[\s.\-]", "", text).upper()


def parse_hours(value):
    """A number of hours, with a French decimal comma accepted. None if it is
    not a number."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(value or ""))
    if not text:
        return None
    if "," in text and "." in text:
        # The last separator is the decimal one: 1.234,5 or 1,234.5
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


MONTH_PATTERNS = (
    # (regex, group index of year, of month)
    (re.compile(r"^(\d{4})[-/.](\d{1,2})$"), 1, 2),  # 2026-03
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.]\d{1,2}([ T].*)?$"), 1, 2),  # ISO
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), 2, 1),  # 03/2026
    (re.compile(r"^\d{1,2}[-/.](\d{1,2})[-/.](\d{4})([ T].*)?$"), 2, 1),  # 15/03/2026
)


def parse_month(value):
    """The first day of the month of a cell (date, 'YYYY-MM', 'MM/YYYY' or a
    date in ISO or French order). None if it is not a month."""
    if isinstance(value, datetime.datetime):
        return value.date().replace(day=1)
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    text = str(value or "").strip()
    for pattern, year_group, month_group in MONTH_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return datetime.date(
                    int(match.group(year_group)), int(match.group(month_group)), 1
                )
            except ValueError:
                return None
    return None


class SocialClauseHourImport(models.TransientModel):
    """Import a firm's or a partner's monthly hours from a CSV or XLSX file:
    every row is checked, then all rows are imported or none."""

    _name = "social.clause.hour.import"
    _description = "Import insertion hours"

    # Not required on the model, so that the template can be downloaded before
    # a file is chosen; action_import checks it.
    file = fields.Binary(attachment=False)
    filename = fields.Char()
    state = fields.Selection(
        [("upload", "Upload"), ("error", "Errors"), ("done", "Imported")],
        default="upload",
        required=True,
    )
    report = fields.Text(readonly=True)
    line_count = fields.Integer(string="Rows read", readonly=True)
    created_count = fields.Integer(string="Lines created", readonly=True)
    skipped_count = fields.Integer(
        string="Already imported",
        readonly=True,
        help="Rows identical to hours already recorded: skipped, so that "
        "importing a file twice does not count its hours twice.",
    )
    error_count = fields.Integer(string="Wrong rows", readonly=True)
    declared_by = fields.Selection(DECLARED_BY, default="import", required=True)
    submit = fields.Boolean(
        string="Submit for validation",
        default=True,
        help="Create the lines as submitted, ready to validate; otherwise as "
        "drafts.",
    )
    template_file = fields.Binary(readonly=True, attachment=False)
    template_filename = fields.Char(readonly=True)

    @api.onchange("file")
    def _onchange_file(self):
        self.state = "upload"
        self.report = False

    # Reading the file ---------------------------------------------------------

    def _read_rows(self):
        """(row number, [cells]) of each row of the file, header included."""
        content = base64.b64decode(self.file or b"")
        if not content:
            raise UserError(_("The file is empty."))
        name = (self.filename or "").lower()
        if content.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xlsm")):
            return self._read_xlsx(content)
        if name.endswith(".xls"):
            raise UserError(
                _("Old Excel files (.xls) are not read: save the file as .xlsx or CSV.")
            )
        return self._read_csv(content)

    @staticmethod
    def _read_xlsx(content):
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

    @staticmethod
    def _read_csv(content):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            # French spreadsheets often save CSV in Windows-1252.
            text = content.decode("cp1252", errors="replace")
        first_line = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=first_line.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return list(enumerate(reader, 1))

    def _map_header(self, header):
        """Column index of each expected column; raise if one is missing."""
        aliases = {
            alias: column for column, names in HEADER_ALIASES.items() for alias in names
        }
        indexes = {}
        for index, cell in enumerate(header):
            column = aliases.get(_simplify(cell))
            if column and column not in indexes:
                indexes[column] = index
        missing = [column for column in COLUMNS if column not in indexes]
        if missing:
            labels = self._column_labels()
            raise UserError(
                _(
                    "The first row of the file must name the columns. Missing: "
                    "%(columns)s. Download the template to see the expected "
                    "columns.",
                    columns=", ".join(labels[column] for column in missing),
                )
            )
        return indexes

    def _column_labels(self):
        return {
            "participant": _("Participant"),
            "lot": _("Lot"),
            "firm": _("Firm"),
            "month": _("Month"),
            "hours": _("Hours"),
            "modality": _("Modality"),
        }

    # Resolving the values, all in a few queries -----------------------------

    def _modality_keys(self):
        """Modality keys by simplified key or label, in every active language
        and as the modality records name them."""
        keys = {}
        hour_field = self.env["social.clause.hour"]._fields["modality"]
        langs = {code for code, __ in self.env["res.lang"].get_installed()}
        langs |= {"en_US", self.env.lang or "en_US"}
        for lang in langs:
            env = self.with_context(lang=lang).env
            for key, label in hour_field._description_selection(env):
                keys.setdefault(_simplify(label), key)
            for modality in (
                self.env["social.clause.modality"]
                .with_context(lang=lang, active_test=False)
                .search_fetch([], ["code", "name"])
            ):
                keys.setdefault(_simplify(modality.name), modality.code)
        for key, __ in HOUR_MODALITIES:
            keys[_simplify(key)] = key
        return keys

    def _resolve_participants(self, values):
        """Participants by reference, else by exact name when it is unique.
        Returns {value: participant id or "ambiguous"}."""
        Participant = self.env["social.clause.participant"]
        found = {}
        for participant in Participant.search_fetch(
            [("reference", "in", list(values))], ["reference"]
        ):
            found[participant.reference] = participant.id
        names = [value for value in values if value not in found]
        if names:
            by_name = defaultdict(list)
            for participant in Participant.search_fetch(
                [("name", "in", names)], ["name"]
            ):
                by_name[participant.name].append(participant.id)
            for name, ids in by_name.items():
                found[name] = ids[0] if len(ids) == 1 else "ambiguous"
        return found

    def _resolve_lots(self, values):
        return {
            lot.reference: lot.id
            for lot in self.env["social.clause.lot"].search_fetch(
                [("reference", "in", list(values))], ["reference"]
            )
        }

    def _resolve_firms(self, values):
        """Commercial partners matching each firm value, by SIRET, VAT,
        reference or exact name: {value: set of partner ids}."""
        compact = {_compact(value): value for value in values}
        partners = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    "|",
                    "|",
                    "|",
                    "|",
                    ("company_registry", "in", list(values)),
                    ("company_registry", "in", list(compact)),
                    ("vat", "in", list(values | set(compact))),
                    ("ref", "in", list(values)),
                    ("name", "in", list(values)),
                ],
                ["company_registry", "vat", "ref", "name", "commercial_partner_id"],
            )
        )
        # Identifiers first: a value that is a SIRET is not also read as a name.
        by_identifier = defaultdict(set)
        by_name = defaultdict(set)
        for partner in partners:
            commercial_id = partner.commercial_partner_id.id
            for identifier in (partner.company_registry, partner.vat, partner.ref):
                if not identifier:
                    continue
                for key in {identifier, _compact(identifier)}:
                    if key in values:
                        by_identifier[key].add(commercial_id)
                    elif key in compact:
                        by_identifier[compact[key]].add(commercial_id)
            if partner.name in values:
                by_name[partner.name].add(commercial_id)
        return {
            value: by_identifier.get(value) or by_name.get(value) or set()
            for value in values
        }

    def _fetch_commitments(self, lot_ids, partner_ids):
        """Commitments of these firms on these lots: {(lot, firm): commitment}."""
        commitments = self.env["social.clause.commitment"].search_fetch(
            [
                ("lot_id", "in", list(lot_ids)),
                ("partner_id.commercial_partner_id", "in", list(partner_ids)),
            ],
            self._COMMITMENT_RELATED,
        )
        commitments.operation_id.fetch(["state", "reference", "name"])
        commitments.partner_id.fetch(["commercial_partner_id"])
        return {
            (commitment.lot_id.id, commitment.partner_id.commercial_partner_id.id): (
                commitment
            )
            for commitment in commitments
        }

    # Checking the rows --------------------------------------------------------

    def _parse_rows(self, rows, errors):
        """Read the cells of each data row; errors on the cells themselves."""
        header_number, header = rows[0]
        indexes = self._map_header(header)
        modality_keys = self._modality_keys()
        current_month = fields.Date.context_today(self).replace(day=1)
        parsed = []
        for number, cells in rows[1:]:
            cells = list(cells) + [None] * (len(header) - len(cells))
            raw = {column: cells[index] for column, index in indexes.items()}
            row = {column: _cell_text(raw[column]) for column in COLUMNS}
            if not any(row.values()):
                continue  # blank row, or notes beside the table
            row["number"] = number
            row_errors = []
            for column in ("participant", "lot", "firm"):
                if not row[column]:
                    row_errors.append(
                        _(
                            "the column %(column)s is empty",
                            column=self._column_labels()[column],
                        )
                    )
            hours = parse_hours(raw["hours"])
            if hours is None:
                row_errors.append(
                    _("hours %(value)s: not a number", value=_shown(row["hours"]))
                )
            elif hours <= 0:
                row_errors.append(
                    _(
                        "hours %(value)s: they must be greater than zero",
                        value=_number(hours),
                    )
                )
            month = parse_month(raw["month"])
            if month is None:
                row_errors.append(
                    _(
                        "month %(value)s is not a month (expected YYYY-MM, MM/YYYY "
                        "or a date)",
                        value=_shown(row["month"]),
                    )
                )
            elif month > current_month:
                row_errors.append(
                    _("month %(value)s is in the future", value=_month_label(month))
                )
            modality = modality_keys.get(_simplify(row["modality"]))
            if not modality:
                row_errors.append(
                    _("unknown modality %(value)s", value=_shown(row["modality"]))
                )
            row.update(hours_value=hours, month_value=month, modality_value=modality)
            for message in row_errors:
                errors.append((number, message))
            row["valid"] = not row_errors
            parsed.append(row)
        return parsed

    def _check_rows(self, rows, errors):
        """Resolve participants, lots, firms and commitments in bulk and check
        each row against them, the file itself and the recorded hours.
        Returns the values of the lines to create and the count of rows
        already imported."""
        participants = self._resolve_participants({row["participant"] for row in rows})
        lots = self._resolve_lots({row["lot"] for row in rows})
        firms = self._resolve_firms({row["firm"] for row in rows})
        commitments = self._fetch_commitments(
            set(lots.values()), set().union(*firms.values()) if firms else set()
        )
        for row in rows:
            row_errors = []
            participant_id = participants.get(row["participant"])
            if participant_id == "ambiguous":
                row_errors.append(
                    _(
                        "several participants are named %(value)s: use the "
                        "reference",
                        value=row["participant"],
                    )
                )
            elif row["participant"] and not participant_id:
                row_errors.append(
                    _("unknown participant %(value)s", value=row["participant"])
                )
            lot_id = lots.get(row["lot"])
            if row["lot"] and not lot_id:
                row_errors.append(_("unknown lot %(value)s", value=row["lot"]))
            firm_ids = firms.get(row["firm"])
            if row["firm"] and not firm_ids:
                row_errors.append(_("unknown firm %(value)s", value=row["firm"]))
            commitment = None
            if lot_id and firm_ids:
                matches = [
                    commitments[(lot_id, firm_id)]
                    for firm_id in firm_ids
                    if (lot_id, firm_id) in commitments
                ]
                if not matches:
                    row_errors.append(
                        _(
                            "the firm %(firm)s has no commitment on the lot %(lot)s",
                            firm=row["firm"],
                            lot=row["lot"],
                        )
                    )
                elif len(matches) > 1:
                    row_errors.append(
                        _(
                            "several firms match %(firm)s on the lot %(lot)s: use "
                            "the SIRET",
                            firm=row["firm"],
                            lot=row["lot"],
                        )
                    )
                else:
                    commitment = matches[0]
                    if commitment.operation_id.state in ("closed", "cancelled"):
                        row_errors.append(
                            _(
                                "the operation %(operation)s is closed or "
                                "cancelled: it takes no more hours",
                                operation=commitment.operation_id.display_name,
                            )
                        )
            for message in row_errors:
                errors.append((row["number"], message))
            row["valid"] = row["valid"] and not row_errors
            row["participant_id"] = participant_id
            row["commitment_id"] = commitment.id if commitment else None
        valid = [row for row in rows if row["valid"]]
        return self._check_against_recorded(valid, errors)

    def _check_against_recorded(self, rows, errors):
        """Duplicates in the file, rows already imported, monthly maximum."""
        Hour = self.env["social.clause.hour"].sudo()
        participant_ids = list({row["participant_id"] for row in rows})
        months = list({row["month_value"] for row in rows})
        existing = {}
        if rows:
            for participant, commitment, month, modality, total in Hour._read_group(
                [
                    ("participant_id", "in", participant_ids),
                    (
                        "commitment_id",
                        "in",
                        list({row["commitment_id"] for row in rows}),
                    ),
                    ("date", "in", months),
                    ("state", "!=", "rejected"),
                ],
                ["participant_id", "commitment_id", "date:day", "modality"],
                ["hours:sum"],
            ):
                existing[(participant.id, commitment.id, month, modality)] = total
        seen = {}
        to_create = []
        skipped = 0
        for row in rows:
            key = (
                row["participant_id"],
                row["commitment_id"],
                row["month_value"],
                row["modality_value"],
            )
            if key in seen:
                errors.append(
                    (
                        row["number"],
                        _(
                            "same participant, firm, lot, month and modality as "
                            "row %(row)s",
                            row=seen[key],
                        ),
                    )
                )
                continue
            seen[key] = row["number"]
            if key in existing:
                if abs(existing[key] - row["hours_value"]) < 0.005:
                    skipped += 1
                    continue
                errors.append(
                    (
                        row["number"],
                        _(
                            "a line already exists for %(participant)s in "
                            "%(month)s with %(hours)s hours (the file has "
                            "%(file_hours)s): reject or change that line first",
                            participant=row["participant"],
                            month=_month_label(row["month_value"]),
                            hours=_number(existing[key]),
                            file_hours=_number(row["hours_value"]),
                        ),
                    )
                )
                continue
            to_create.append(row)
        self._check_monthly_maximum(to_create, errors)
        return to_create, skipped

    def _check_monthly_maximum(self, rows, errors):
        """No person above a full-time month, all firms together: recorded
        hours (not rejected) plus the new rows of the file."""
        if not rows:
            return
        Hour = self.env["social.clause.hour"].sudo()
        recorded = {
            (participant.id, month): total
            for participant, month, total in Hour._read_group(
                [
                    ("participant_id", "in", list({r["participant_id"] for r in rows})),
                    ("date", "in", list({r["month_value"] for r in rows})),
                    ("state", "!=", "rejected"),
                ],
                ["participant_id", "date:day"],
                ["hours:sum"],
            )
        }
        by_month = defaultdict(list)
        for row in rows:
            by_month[(row["participant_id"], row["month_value"])].append(row)
        participants = (
            self.env["social.clause.participant"]
            .sudo()
            .browse({key[0] for key in by_month})
        )
        participants.fetch(["company_id"])
        maximums = {
            participant.id: participant.company_id.social_clause_monthly_hours_max
            for participant in participants
        }
        for key, month_rows in by_month.items():
            before = recorded.get(key, 0.0)
            total = before + sum(row["hours_value"] for row in month_rows)
            maximum = maximums[key[0]]
            if total <= maximum + 1e-6:
                continue
            last = month_rows[-1]
            errors.append(
                (
                    last["number"],
                    _(
                        "%(participant)s would have %(total)s hours in %(month)s "
                        "(%(recorded)s already recorded, all firms together, and "
                        "%(file_hours)s in the rows %(rows)s of the file), more "
                        "than a full-time month allows (%(max)s hours)",
                        participant=last["participant"],
                        total=_number(total),
                        month=_month_label(key[1]),
                        recorded=_number(before),
                        file_hours=_number(total - before),
                        rows=", ".join(str(row["number"]) for row in month_rows),
                        max=_number(maximum),
                    ),
                )
            )

    # Actions --------------------------------------------------------------------

    def action_import(self):
        """Check every row; create all the lines, or none and report why."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import."))
        rows = self._read_rows()
        if not rows or not any(_cell_text(cell) for cell in rows[0][1]):
            raise UserError(_("The file has no header row."))
        errors = []
        parsed = self._parse_rows(rows, errors)
        if not parsed:
            raise UserError(_("The file has no row of hours under its header."))
        to_create, skipped = self._check_rows(parsed, errors)
        values = {"line_count": len(parsed), "skipped_count": skipped}
        if not errors:
            try:
                self._create_lines(to_create)
            except (UserError, ValidationError) as error:
                errors.append((0, error.args[0]))
        if errors:
            values.update(
                state="error",
                created_count=0,
                error_count=len({number for number, __ in errors if number}),
                report=self._format_errors(errors),
            )
        else:
            values.update(
                state="done",
                created_count=len(to_create),
                error_count=0,
                report=self._format_summary(len(parsed), len(to_create), skipped),
            )
        self.write(values)
        return self._reopen()

    # Fields of the hour line related to its commitment, with the same names.
    _COMMITMENT_RELATED = [
        "lot_id",
        "operation_id",
        "partner_id",
        "buyer_id",
        "company_id",
    ]

    def _create_lines(self, rows):
        """One create per batch, in a savepoint: all the lines or none."""
        Hour = self.env["social.clause.hour"]
        state = "submitted" if self.submit else "draft"
        # The commitments are read already: the line gets its lot, operation,
        # firm, buyer and company (stored related fields), and is not counted
        # as it is not validated, in the INSERT itself. The ORM recomputes
        # them after the create, finds the same values and writes nothing,
        # instead of one UPDATE per hundred lines.
        commitments = self.env["social.clause.commitment"].browse(
            {row["commitment_id"] for row in rows}
        )
        commitments.fetch(self._COMMITMENT_RELATED)
        related = {
            commitment.id: {
                name: commitment[name].id for name in self._COMMITMENT_RELATED
            }
            for commitment in commitments
        }
        with self.env.cr.savepoint():
            for start in range(0, len(rows), CREATE_BATCH):
                Hour.create(
                    [
                        {
                            "participant_id": row["participant_id"],
                            "commitment_id": row["commitment_id"],
                            **related[row["commitment_id"]],
                            "date": row["month_value"],
                            "hours": row["hours_value"],
                            "modality": row["modality_value"],
                            "state": state,
                            "declared_by": self.declared_by,
                            "is_counted": False,
                        }
                        for row in rows[start : start + CREATE_BATCH]
                    ]
                )
            self.env.flush_all()

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

    def _format_summary(self, count, created, skipped):
        lines = [
            _(
                "%(count)s row(s) read: %(created)s line(s) of hours created, "
                "%(skipped)s already imported (skipped).",
                count=count,
                created=created,
                skipped=skipped,
            )
        ]
        if created and self.submit:
            lines.append(_("The new lines are submitted: validate them to count them."))
        return "\n".join(lines)

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Import insertion hours"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_view_hours(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_hour_action"
        )
        action["domain"] = [("declared_by", "=", self.declared_by)]
        return action

    # Template -----------------------------------------------------------------

    def _template_content(self):
        import xlsxwriter

        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        text = book.add_format({"num_format": "@"})
        sheet = book.add_worksheet(_("Hours"))
        labels = self._column_labels()
        for index, column in enumerate(COLUMNS):
            sheet.write(0, index, labels[column], bold)
        sheet.set_column(0, 2, 20, text)
        sheet.set_column(3, 3, 12, text)
        sheet.set_column(4, 4, 10)
        sheet.set_column(5, 5, 28, text)
        month = fields.Date.context_today(self).replace(day=1)
        example = ["P-00001", "LOT-00001", "12345678900012", month.strftime("%Y-%m")]
        for index, value in enumerate(example):
            sheet.write_string(1, index, value)
        sheet.write_number(1, 4, 35)
        sheet.write_string(1, 5, "hire_cdd")
        sheet.freeze_panes(1, 0)
        modalities = book.add_worksheet(_("Modalities"))
        modalities.write(0, 0, _("Modality"), bold)
        modalities.write(0, 1, _("Meaning"), bold)
        modalities.set_column(0, 0, 26)
        modalities.set_column(1, 1, 50)
        selection = (
            self.env["social.clause.hour"]
            ._fields["modality"]
            ._description_selection(self.env)
        )
        for index, (key, label) in enumerate(selection, 1):
            modalities.write_string(index, 0, key)
            modalities.write_string(index, 1, label)
        sheet.data_validation(
            1,
            5,
            10000,
            5,
            {
                "validate": "list",
                "source": f"='{modalities.name}'!$A$2:$A${len(selection) + 1}",
                "error_type": "warning",
            },
        )
        notes = [
            _("Participant: reference of the participant (e.g. P-00001)."),
            _("Lot: reference of the lot (e.g. LOT-00001)."),
            _("Firm: SIRET, VAT number, reference or exact name of the firm."),
            _("Month: YYYY-MM, MM/YYYY or any date of the month."),
            _("Hours: hours worked in the month (decimal comma accepted)."),
            _("Modality: code of the second sheet, or its label."),
        ]
        modalities.set_column(3, 3, 70)
        for index, note in enumerate(notes):
            modalities.write_string(index, 3, note)
        book.close()
        return output.getvalue()

    def action_download_template(self):
        self.ensure_one()
        self.write(
            {
                "template_file": base64.b64encode(self._template_content()),
                "template_filename": _("insertion_hours_template") + ".xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}"
            "&field=template_file&filename_field=template_filename&download=true",
            "target": "self",
        }
