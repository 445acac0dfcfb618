# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime
import io
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..models.common import (
    clean_siret,
    clean_text,
    copy_rows,
    format_hours,
    format_month,
    modified_in_batches,
    shown,
    simplify,
)
from ..models.social_clause_hour import COMMITMENT_RELATED_FIELDS, DECLARED_BY
from ..reports.social_clause_xlsx_common import new_workbook, write_cell
from ..rules.identity import compact_siret, format_siret
from .social_clause_file_import import _cell_text

# Columns of the file and the headers accepted for each (compared without
# case, accents or punctuation), French and English.
COLUMNS = ("participant", "lot", "firm", "month", "hours", "modality")
HEADER_ALIASES = {
    "participant": {
        "participant",
        "participant reference",
        "reference participant",
        "reference du participant",
        "beneficiaire",
        "salarie",
        "nom",
        "nom du participant",
    },
    "lot": {
        "lot",
        "lot reference",
        "reference lot",
        "reference du lot",
        "nom du lot",
    },
    "firm": {
        "firm",
        "company",
        "entreprise",
        "societe",
        "siret",
        "titulaire",
        "firm siret",
        "siret entreprise",
        "siret de l entreprise",
    },
    "month": {"month", "mois", "period", "periode", "date"},
    "hours": {"hours", "heures", "nombre d heures", "nb heures", "hours worked"},
    "modality": {"modality", "modalite", "modalite de mise en oeuvre"},
}
# Lines created per ORM call: big enough for batched SQL, small enough to
# keep the memory of the recomputations bounded.
CREATE_BATCH = 10000
# From this many lines, they are inserted in bulk (_insert_lines), the same
# values as the ORM's create (tests/test_hour_import.py compares them).
BULK_INSERT_MIN = 1000
# Field types the bulk INSERT writes as they are.
BULK_TYPES = frozenset(
    ("many2one", "char", "text", "float", "integer", "date", "selection", "boolean")
)
# Distinct cells parsed once and remembered, at most (a file repeats its
# people, lots, firms and months; a bound keeps a file of all-different
# cells from holding them twice).
PARSE_MEMO_MAX = 200000
# The order in which a row's problems are told.
PARSE_ORDER = ("participant", "lot", "firm", "modality", "hours", "month")
# Longest participant, lot, firm or modality value (the file limits are the
# mixin's, in social_clause_file_import).
CELL_MAX_LENGTH = 128


def _cell_value(value):
    """A cell as the parsers take it: numbers and dates as they are (a
    spreadsheet's), integral numbers as text without '.0' (a SIRET)."""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e6:
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10**6:
        return str(value)
    return value


def _compact(text):
    return "".join(char for char in text if char not in " .-").upper()


class SocialClauseHourImport(models.TransientModel):
    """Import a firm's or a partner's monthly hours from a CSV or XLSX file:
    every row is checked, then all rows are imported or none."""

    _name = "social.clause.hour.import"
    _inherit = "social.clause.file.import"
    _description = "Import insertion hours"

    # The file is not required on the model, so that the template can be
    # downloaded before a file is chosen; action_import checks it.
    created_count = fields.Integer(string="Lines created", readonly=True)
    skipped_count = fields.Integer(
        string="Already imported",
        readonly=True,
        help="Rows identical to hours already recorded: skipped, so that "
        "importing a file twice does not count its hours twice.",
    )
    declared_by = fields.Selection(DECLARED_BY, default="import", required=True)
    submit = fields.Boolean(
        string="Submit for validation",
        default=True,
        help="Create the lines as submitted, ready to validate; otherwise as "
        "drafts.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Only for the firm",
        help="A firm's own file: only its commitments and the people placed "
        "with it are accepted, the SIRET column may be left out, and the "
        "report tells nothing of other firms' hours.",
    )
    template_file = fields.Binary(readonly=True, attachment=False)
    template_filename = fields.Char(readonly=True)

    @api.onchange("file")
    def _onchange_file(self):
        self.state = "upload"
        self.report = False

    # Reading the file ---------------------------------------------------------

    def _map_header(self, header):
        """Column index of each expected column; raise if one is missing.
        The firm's column may be left out of a firm's own file."""
        aliases = {
            alias: column for column, names in HEADER_ALIASES.items() for alias in names
        }
        indexes = {}
        for index, cell in enumerate(header):
            column = aliases.get(simplify(_cell_text(cell)))
            if column and column not in indexes:
                indexes[column] = index
        missing = [
            column
            for column in COLUMNS
            if column not in indexes and not (column == "firm" and self.partner_id)
        ]
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
            "firm": _("SIRET"),
            "month": _("Month"),
            "hours": _("Hours"),
            "modality": _("Modality"),
        }

    # Resolving the values, all in a few queries -----------------------------

    def _resolve_participants(self, values):
        """Participants by reference, else by exact name when it is unique;
        in a firm's own file, only the people placed with it.
        Returns {value: participant id or "ambiguous"}."""
        Participant = self.env["social.clause.participant"]
        scope = []
        if self.partner_id:
            Participant = Participant.sudo()
            scope = [("firm_ids", "in", self.partner_id.commercial_partner_id.ids)]
        found = {}
        for participant in Participant.search_fetch(
            [("reference", "in", list(values))] + scope, ["reference"]
        ):
            found[participant.reference] = participant.id
        names = [value for value in values if value not in found]
        if names:
            by_name = defaultdict(list)
            for participant in Participant.search_fetch(
                [("name", "in", names)] + scope, ["name"]
            ):
                by_name[participant.name].append(participant.id)
            for name, ids in by_name.items():
                found[name] = ids[0] if len(ids) == 1 else "ambiguous"
        return found

    def _resolve_lots(self, values):
        """Lots by reference, else by exact name: {value: set of lot ids}
        (a name may be shared by lots of several operations: the firm's
        commitment tells them apart). A firm's own file finds only the lots
        it has a commitment on: whether another lot exists is not its
        business."""
        domain = ["|", ("reference", "in", list(values)), ("name", "in", list(values))]
        if self.partner_id:
            firm = self.partner_id.commercial_partner_id
            domain.append(
                ("commitment_ids.partner_id.commercial_partner_id", "=", firm.id)
            )
        lots = (
            self.env["social.clause.lot"]
            .sudo()
            .search_fetch(domain, ["reference", "name"])
        )
        by_reference = defaultdict(set)
        by_name = defaultdict(set)
        for lot in lots:
            by_reference[lot.reference].add(lot.id)
            by_name[lot.name].add(lot.id)
        return {
            value: by_reference.get(value) or by_name.get(value) or set()
            for value in values
        }

    @staticmethod
    def _looks_like_siret(value):
        """A firm's cell of 14 digits (spaces, dots and dashes aside) is a
        SIRET, checked with its key; any other is a VAT number, a reference
        or a name."""
        number = compact_siret(value)
        return len(number) == 14 and number.isascii() and number.isdigit()

    def _resolve_firms(self, values):
        """Commercial partners matching each firm value, by SIRET, VAT,
        reference or exact name: {value: set of partner ids}. A firm's own
        file is all its own."""
        if self.partner_id:
            firm = self.partner_id.commercial_partner_id
            return {value: {firm.id} for value in values}
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
                    (
                        "company_registry",
                        "in",
                        list(compact) + [format_siret(value) for value in compact],
                    ),
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
        Commitment = self.env["social.clause.commitment"]
        if self.partner_id:
            Commitment = Commitment.sudo()
        commitments = Commitment.search_fetch(
            [
                ("lot_id", "in", list(lot_ids)),
                ("partner_id.commercial_partner_id", "in", list(partner_ids)),
            ],
            list(COMMITMENT_RELATED_FIELDS),
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

    def _parse_rows(self, header, rows, errors):
        """Read the cells of each data row; errors on the cells themselves,
        told by the parsers the portal uses too. A file repeats its values
        (the same people, lots, firms, months): each distinct cell of a
        column is parsed once."""
        indexes = self._map_header(header)
        context = {
            "labels": self._column_labels(),
            "modality_keys": self.env["social.clause.hour"]._modality_keys(),
            "current_month": fields.Date.context_today(self).replace(day=1),
        }
        memo = {}
        parsed = []
        for number, cells in rows:
            raw = {
                column: cells[index] if index < len(cells) else None
                for column, index in indexes.items()
            }
            if not any(_cell_text(value) for value in raw.values()):
                continue  # blank row, or notes beside the table
            row = {"number": number}
            row_errors, last_errors = [], []
            for column in PARSE_ORDER:
                value = raw.get(column)
                key = (column, type(value), value)
                cell = memo.get(key)
                if cell is None:
                    cell = self._parse_cell(column, value, context)
                    if len(memo) < PARSE_MEMO_MAX:
                        memo[key] = cell
                row.update(cell[0])
                row_errors.extend(cell[1])
                last_errors.extend(cell[2])
            for message in row_errors + last_errors:
                errors.append((number, message))
            row["valid"] = not row_errors
            parsed.append(row)
        return parsed

    def _parse_cell(self, column, value, context):
        """The values a cell of ``column`` gives the row, its problems, and
        those told after every other cell's (an unknown modality)."""
        if column == "hours":
            return self._parse_hours_cell(value, context)
        if column == "month":
            return self._parse_month_cell(value, context)
        return self._parse_text_cell(column, value, context)

    def _parse_text_cell(self, column, value, context):
        """A participant, lot, firm (a SIRET checked with its key) or
        modality."""
        labels = context["labels"]
        values, errors, last_errors = {column: ""}, [], []
        if column == "modality":
            values["modality_value"] = None
        try:
            text = clean_text(
                self.env,
                _cell_text(value),
                labels[column],
                max_length=CELL_MAX_LENGTH,
            )
        except UserError as error:
            return values, [error.args[0]], last_errors
        if not text and not (column == "firm" and self.partner_id):
            errors.append(_("the column %(column)s is empty", column=labels[column]))
        elif column == "firm" and self._looks_like_siret(text):
            try:
                text = clean_siret(self.env, text)
            except UserError as error:
                return values, [error.args[0]], last_errors  # not also unknown
        values[column] = text
        if column == "modality" and text:
            try:
                values["modality_value"] = self.env[
                    "social.clause.hour"
                ]._parse_modality(text, context["modality_keys"])
            except UserError:
                last_errors.append(_("unknown modality %(value)s", value=shown(text)))
        return values, errors, last_errors

    def _parse_hours_cell(self, value, context):
        try:
            if not isinstance(value, int | float) or isinstance(value, bool):
                value = clean_text(
                    self.env, _cell_text(value), context["labels"]["hours"]
                )
            hours = self.env["social.clause.hour"]._parse_declared_hours(
                value, self.env.company
            )
        except UserError as error:
            return {"hours_value": None}, [error.args[0]], []
        return {"hours_value": hours}, [], []

    def _parse_month_cell(self, value, context):
        try:
            if not isinstance(value, datetime.date):
                value = clean_text(
                    self.env, _cell_text(value), context["labels"]["month"]
                )
            month = self.env["social.clause.hour"]._parse_declared_month(
                value, context["current_month"]
            )
        except UserError as error:
            return {"month_value": None}, [error.args[0]], []
        return {"month_value": month}, [], []

    def _check_rows(self, rows, errors):
        """Resolve participants, lots, firms and commitments in bulk and check
        each row against them, the file itself and the recorded hours.
        Returns the rows to create and the count of rows already imported."""
        lots = self._resolve_lots({row["lot"] for row in rows})
        firms = self._resolve_firms({row["firm"] for row in rows})
        found = {
            "participants": self._resolve_participants(
                {row["participant"] for row in rows}
            ),
            "lots": lots,
            "firms": firms,
            "commitments": self._fetch_commitments(
                set().union(*lots.values()) if lots else set(),
                set().union(*firms.values()) if firms else set(),
            ),
        }
        found["closed"] = self._closed_operations(found["commitments"].values())
        found["answers"] = {}
        for row in rows:
            row_errors = self._check_row(row, found)
            for message in row_errors:
                errors.append((row["number"], message))
            row["valid"] = row["valid"] and not row_errors
        valid = [row for row in rows if row["valid"]]
        return self._check_against_recorded(valid, errors)

    def _closed_operations(self, commitments):
        """{operation id: why it takes no hours}, asked once per operation."""
        closed = {}
        operations = self.env["social.clause.commitment"].union(*commitments)
        for operation in operations.operation_id:
            try:
                operation._check_takes_hours()
            except ValidationError as error:
                closed[operation.id] = error.args[0]
        return closed

    def _check_row(self, row, found):
        """Set the participant and commitment of a row from what was found
        in bulk; returns the row's problems."""
        row_errors = []
        participant_id = found["participants"].get(row["participant"])
        if participant_id == "ambiguous":
            row_errors.append(
                _(
                    "several participants are named %(value)s: use the reference",
                    value=row["participant"],
                )
            )
        elif row["participant"] and not participant_id:
            row_errors.append(
                _("unknown participant %(value)s", value=row["participant"])
            )
        lot_ids = found["lots"].get(row["lot"])
        if row["lot"] and not lot_ids:
            row_errors.append(self._unknown_lot_message(row["lot"]))
        firm_ids = found["firms"].get(row["firm"])
        if row["firm"] and not firm_ids:
            row_errors.append(_("unknown firm %(value)s", value=row["firm"]))
        row["participant_id"] = participant_id
        row["commitment"] = None
        if lot_ids and firm_ids:
            # The same lot, firm and modality give the same answer: asked
            # once per file.
            key = (row["lot"], row["firm"], row["modality_value"], row["modality"])
            answer = found["answers"].get(key)
            if answer is None:
                commitment_errors = []
                commitment = self._row_commitment(
                    row,
                    lot_ids,
                    firm_ids,
                    (found["commitments"], found["closed"]),
                    commitment_errors,
                )
                answer = found["answers"][key] = (commitment, commitment_errors)
            row["commitment"] = answer[0]
            row_errors.extend(answer[1])
        return row_errors

    def _row_commitment(self, row, lot_ids, firm_ids, known, row_errors):
        """The one commitment of a row's firm on its lot, if the operation
        takes hours; else None and the reason in ``row_errors``.

        :param tuple known: ``(commitments, closed)``: the commitments by
            (lot, firm) and the refusal of each operation that takes no hours
        """
        commitments, closed = known
        matches = [
            commitments[(lot_id, firm_id)]
            for lot_id in lot_ids
            for firm_id in firm_ids
            if (lot_id, firm_id) in commitments
        ]
        firm = row["firm"] or self.partner_id.commercial_partner_id.name
        if not matches and self.partner_id:
            row_errors.append(self._unknown_lot_message(row["lot"]))
        elif not matches:
            row_errors.append(
                _(
                    "the firm %(firm)s has no commitment on the lot %(lot)s",
                    firm=firm,
                    lot=row["lot"],
                )
            )
        elif len(matches) > 1:
            row_errors.append(
                _(
                    "several commitments match the firm %(firm)s and the "
                    "lot %(lot)s: use the SIRET and the lot reference",
                    firm=firm,
                    lot=row["lot"],
                )
            )
        elif matches[0].operation_id.id in closed:
            row_errors.append(closed[matches[0].operation_id.id])
        elif row["modality_value"] and not matches[0]._modality_allowed(
            row["modality_value"]
        ):
            row_errors.append(
                _(
                    "the modality %(value)s is not one of those chosen for the "
                    "commitment",
                    value=row["modality"],
                )
            )
        else:
            return matches[0]
        return None

    def _unknown_lot_message(self, lot):
        """One answer to a firm for a lot that does not exist and for a lot
        it has no commitment on (another buyer's, a draft): its file learns
        nothing of the lots of others."""
        if self.partner_id:
            return _(
                "your firm has no commitment on a lot %(lot)s: check the lot's "
                "reference on your portal page",
                lot=lot,
            )
        return _("unknown lot %(value)s", value=lot)

    def _check_against_recorded(self, rows, errors):
        """Duplicates in the file, rows already imported, monthly maximum."""
        existing = self.env["social.clause.hour"]._declared_hours(
            {row["participant_id"] for row in rows},
            {row["commitment"].id for row in rows},
            {row["month_value"] for row in rows},
        )
        seen = {}
        to_create = []
        skipped = 0
        for row in rows:
            key = (
                row["participant_id"],
                row["commitment"].id,
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
                validated = self._validated_line_message(row)
                errors.append(
                    (
                        row["number"],
                        validated
                        or _(
                            "a line already exists for %(participant)s in "
                            "%(month)s with %(hours)s hours (the file has "
                            "%(file_hours)s): reject or change that line first",
                            participant=row["participant"],
                            month=format_month(row["month_value"]),
                            hours=format_hours(existing[key], self.env),
                            file_hours=format_hours(row["hours_value"], self.env),
                        ),
                    )
                )
                continue
            to_create.append(row)
        self._check_monthly_maximum(to_create, errors)
        return to_create, skipped

    def _validated_line_message(self, row):
        """When the line a row repeats is validated already: who may change
        it (the facilitator of the operation), else None."""
        line = (
            self.env["social.clause.hour"]
            .sudo()
            .search(
                [
                    ("participant_id", "=", row["participant_id"]),
                    ("commitment_id", "=", row["commitment"].id),
                    ("date", "=", row["month_value"]),
                    ("modality", "=", row["modality_value"]),
                    ("state", "=", "validated"),
                ],
                limit=1,
            )
        )
        if not line:
            return None
        return _(
            "the hours of %(participant)s in %(month)s are validated already "
            "(%(hours)s hours): only the facilitator can change them, ask "
            "%(facilitator)s",
            participant=row["participant"],
            month=format_month(row["month_value"]),
            hours=format_hours(line.hours, self.env),
            facilitator=row["commitment"].sudo()._portal_facilitator().name,
        )

    def _check_monthly_maximum(self, rows, errors):
        """The monthly maximum of social.clause.hour, with the rows of the
        file added: reported on the last row of each person and month. A
        firm's own file reads no other firm's hours in the report."""
        by_month = defaultdict(list)
        for row in rows:
            by_month[(row["participant_id"], row["month_value"])].append(row)
        planned = {
            key: sum(row["hours_value"] for row in month_rows)
            for key, month_rows in by_month.items()
        }
        Hour = self.env["social.clause.hour"]
        detailed = not self.partner_id and self.env.user.has_group(
            "social_clause.group_user"
        )
        for overrun in Hour._monthly_hours_overruns(planned, planned=planned):
            month_rows = by_month[(overrun["participant"].id, overrun["month"])]
            errors.append(
                (
                    month_rows[-1]["number"],
                    _(
                        "%(message)s Rows of the file: %(rows)s.",
                        message=Hour._monthly_hours_message(overrun, detailed=detailed),
                        rows=", ".join(str(row["number"]) for row in month_rows),
                    ),
                )
            )

    # Actions --------------------------------------------------------------------

    def _prepare_import(self, header, rows, errors):
        parsed = self._parse_rows(header, rows, errors)
        if not parsed:
            raise UserError(_("The file has no row of hours under its header."))
        self._report_progress(40)
        to_create, skipped = self._check_rows(parsed, errors)
        self._report_progress(60)
        return {"line_count": len(parsed), "rows": to_create, "skipped": skipped}

    def _apply_import(self, plan):
        self._create_lines(plan["rows"])
        return {
            "state": "done",
            "created_count": len(plan["rows"]),
            "skipped_count": plan["skipped"],
            "error_count": 0,
            "report": self._format_summary(
                plan["line_count"], len(plan["rows"]), plan["skipped"]
            ),
        }

    def _result_count_fields(self):
        return ["created_count", "skipped_count"]

    def _background_options(self):
        return {
            "declared_by": self.declared_by,
            "submit": self.submit,
            "partner_id": self.partner_id.id,
        }

    def _create_lines(self, rows):
        """The lines of the rows, by batches, all or none (the skeleton's
        savepoint). What a line holds is social.clause.hour's to say."""
        Hour = self.env["social.clause.hour"]
        if self.partner_id:
            # A firm's own file, checked above against its own commitments.
            Hour = Hour.sudo()
        Participant = self.env["social.clause.participant"]
        state = "submitted" if self.submit else "draft"
        related = Hour._commitment_related_vals(
            self.env["social.clause.commitment"].union(
                *(row["commitment"] for row in rows)
            )
        )
        bulk = len(rows) >= BULK_INSERT_MIN
        inserted, written = [], []
        for start in range(0, len(rows), CREATE_BATCH):
            self._report_progress(60 + 40 * start / len(rows))
            vals_list = [
                Hour._prepare_declaration_vals(
                    row["commitment"],
                    Participant.browse(row["participant_id"]),
                    row["month_value"],
                    row["hours_value"],
                    row["modality_value"],
                    state=state,
                    declared_by=self.declared_by,
                    related=related,
                )
                for row in rows[start : start + CREATE_BATCH]
            ]
            if bulk:
                lines, written = self._insert_lines(Hour, vals_list)
                inserted.append(lines)
            else:
                Hour.create(vals_list)
        if bulk:
            # What depends on the lines, once for the whole file: marked
            # for the ORM, and the totals the lines count in, in SQL.
            self._mark_inserted(Hour.union(*inserted), set(written))
            Hour._refresh_totals_of(
                {row["participant_id"] for row in rows},
                {row["commitment"].id for row in rows},
            )
        self.env.flush_all()

    def _insert_lines(self, Hour, vals_list):
        """The lines as Hour.create would write them, by one COPY per
        batch (``common.copy_rows``): rights checked first, the stored
        fields computed from the values, the constraints checked. The
        caller then marks what depends on the lines (``_mark_inserted``)
        and refreshes the totals of their participants, commitments, lots
        and operations in bulk (``_refresh_totals_of``), once for the
        whole file."""
        Hour.check_access("create")
        defaults = Hour.default_get(
            [name for name, field in Hour._fields.items() if field.store]
        )
        vals_list = [dict(defaults, **vals) for vals in vals_list]
        self._add_known_computes(vals_list)
        names = sorted(vals_list[0])
        fields_ = [Hour._fields[name] for name in names]
        if any(
            field.type not in BULK_TYPES or field.translate or not field.store
            for field in fields_
        ) or any(len(vals) != len(names) for vals in vals_list):
            # A value this path does not write (a field of another module):
            # the ORM's create, computed at once.
            lines = Hour.create(vals_list)
            self.env.flush_all()
            return lines, list(Hour._fields)
        self.env.flush_all()
        lines = Hour.browse(self._insert_rows(Hour, fields_, vals_list))
        # The constraints read the values as inserted, then the cache lets
        # them go: the memory of an import does not grow with its lines.
        for field in fields_:
            self.env.cache.update(
                lines, field, [vals[field.name] for vals in vals_list]
            )
        lines.check_access("create")
        lines._validate_inserted(names)
        lines.invalidate_recordset()
        return lines, names

    def _mark_inserted(self, lines, written):
        """Tell the ORM of the inserted lines, as its create would: what
        depends on them is to recompute, their own stored computes too
        unless the INSERT ``written`` them (``_add_known_computes``). By
        batches, each its own prefetch set (``modified_in_batches``)."""
        Hour = lines.browse()
        computes = [
            field for field in Hour._fields.values() if field.store and field.compute
        ]
        for batch in modified_in_batches(lines, list(Hour._fields), create=True):
            for field in computes:
                if field.name in written:
                    self.env.remove_to_compute(field, batch)
                else:
                    self.env.add_to_compute(field, batch)

    def _add_known_computes(self, vals_list):
        """The stored computed fields of a new line the import knows: not
        counted until validated (is_counted, given), the month as read."""
        labels = {}
        for vals in vals_list:
            month = vals["date"]
            if month not in labels:
                labels[month] = format_month(month, self.env)
            vals["month_label"] = labels[month]
            vals["hours_validated"] = vals["hours"] if vals["is_counted"] else 0.0
            vals["hours_submitted"] = (
                vals["hours"] if vals["state"] == "submitted" else 0.0
            )

    def _insert_rows(self, Hour, fields_, vals_list):
        """Write the rows with ids taken from the sequence, in their order
        (``copy_rows``)."""
        cr = self.env.cr
        table = Hour._table
        cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{table}_id_seq",
                len(vals_list),
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        now = cr.now()
        uid = self.env.uid
        copy_rows(
            cr,
            table,
            ["id", "create_uid", "create_date", "write_uid", "write_date"]
            + [field.name for field in fields_],
            (
                (
                    line_id,
                    uid,
                    now,
                    uid,
                    now,
                    *(
                        field.convert_to_column(vals[field.name], Hour)
                        for field in fields_
                    ),
                )
                for line_id, vals in zip(ids, vals_list, strict=True)
            ),
        )
        return ids

    def _format_summary(self, count, created, skipped):
        if self.partner_id:
            # A firm's own file, from its portal: the facilitator validates.
            return _(
                "Thank you: %(created)s line(s) of hours received (%(skipped)s "
                "already sent, skipped). The facilitator checks them with "
                "the proofs; they count in your progress once validated.",
                created=created,
                skipped=skipped,
            )
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

    def action_view_hours(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_hour_action"
        )
        action["domain"] = [("declared_by", "=", self.declared_by)]
        return action

    # Template -----------------------------------------------------------------

    def _template_content(self, commitment=None):
        """The XLSX template: a sheet of hours and a sheet of modalities.
        For a firm's ``commitment`` (its portal), the rows are its own: a
        row per person placed with it, its lot's reference, its SIRET, the
        month to declare; else one realistic example row."""
        output = io.BytesIO()
        book = new_workbook(output)
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        selection = (
            self.env["social.clause.hour"]
            ._fields["modality"]
            ._description_selection(self.env)
        )
        sheet = self._template_hours_sheet(book, bold)
        rows = (
            self._template_firm_rows(commitment, dict(selection))
            if commitment
            else self._template_example_rows(dict(selection))
        )
        for number, row in enumerate(rows, 1):
            for index, value in enumerate(row):
                if isinstance(value, float):
                    sheet.write_number(number, index, value)
                else:
                    sheet.write_string(number, index, value)
        modalities = self._template_modalities_sheet(book, bold, selection)
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
        book.close()
        return output.getvalue()

    def _template_hours_sheet(self, book, bold):
        text = book.add_format({"num_format": "@"})
        sheet = book.add_worksheet(_("Hours"))
        labels = self._column_labels()
        for index, column in enumerate(COLUMNS):
            write_cell(sheet, 0, index, labels[column], bold)
        sheet.set_column(0, 1, 24, text)
        sheet.set_column(2, 2, 18, text)
        sheet.set_column(3, 3, 10, text)
        sheet.set_column(4, 4, 10)
        sheet.set_column(5, 5, 40, text)
        sheet.freeze_panes(1, 0)
        return sheet

    def _template_example_rows(self, labels_by_code):
        """A realistic row: a person, a lot, a firm's SIRET, last month, a
        full-time month of hours, a modality as the user reads it."""
        month = fields.Date.context_today(self).replace(day=1)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        return [
            [
                "Amina Diallo",
                "LOT-00001",
                "12345678200010",
                format_month(month),
                151.67,
                labels_by_code["hire_cdi"],
            ]
        ]

    def _template_firm_rows(self, commitment, labels_by_code):
        """The firm's own rows: each person placed with it on the first
        month it has to declare (last month when none is missing), the
        hours left empty to fill in, its first modality."""
        commitment = commitment.sudo()
        status = commitment._get_declaration_status()[commitment.id]
        month = (status["missing_months"] or [commitment._last_month()])[0]
        options = commitment._portal_modality_options()
        modality = options[0][1] if options else labels_by_code["hire_cdi"]
        firm = commitment.partner_id.commercial_partner_id
        lot = commitment.lot_id.reference or commitment.lot_id.name
        people = commitment._portal_placed_participants().sorted("name")
        return [
            [
                person.name,
                lot,
                firm.company_registry or firm.vat or firm.name,
                format_month(month),
                "",
                modality,
            ]
            for person in people
        ] or [["", lot, firm.company_registry or firm.name, format_month(month)]]

    def _template_modalities_sheet(self, book, bold, selection):
        modalities = book.add_worksheet(_("Modalities"))
        write_cell(modalities, 0, 0, _("Modality"), bold)
        write_cell(modalities, 0, 1, _("Code"), bold)
        modalities.set_column(0, 0, 50)
        modalities.set_column(1, 1, 26)
        for index, (key, label) in enumerate(selection, 1):
            modalities.write_string(index, 0, label)
            modalities.write_string(index, 1, key)
        notes = [
            _("Participant: reference (e.g. P-00001) or exact full name."),
            _("Lot: reference (e.g. LOT-00001) or exact name of the lot."),
            _(
                "SIRET: SIRET of the firm, 14 digits, spaces allowed (its key "
                "is checked), or its VAT number or exact name."
            ),
            _("Month: 10/2026, 2026-10 or 2026-10-01."),
            _("Rows: delete those of the people who did not work that month."),
            _(
                "Hours: hours worked in the month, two decimals at most "
                "(e.g. 151,67)."
            ),
            _(
                "Modality: label of this sheet, its code, or a short name: CDI, "
                "CDD, ETTI, AI, GEIQ, SIAE, EA, Formation."
            ),
        ]
        modalities.set_column(3, 3, 80)
        for index, note in enumerate(notes):
            modalities.write_string(index, 3, note)
        return modalities

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
