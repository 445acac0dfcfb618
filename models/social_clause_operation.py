# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
from collections import Counter, defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..reports.social_clause_xlsx_common import new_workbook, write_cells
from ..rules.disclosure import (
    DEFAULT_THRESHOLD,
    is_small,
    masked_label,
    shown,
    suppress,
    suppress_table,
)
from ..rules.filenames import document_filename
from ..rules.geography import department_of_zip
from ..rules.operation_state import OPERATION_STATES, is_open
from ..rules.progress import PROGRESS_SQL, progress_percent
from .common import SocialClauseError, format_month
from .social_clause_commitment import period_domain
from .social_clause_outcome_kind import DYNAMIC_CATEGORIES

PROCUREMENT_NATURES = [
    ("works", "Works"),
    ("supplies", "Supplies"),
    ("services", "Services"),
]


# Months of the trend shown to the buyer, the last one being the current month.
TREND_MONTHS = 12

# Outcomes the bilan reports, at exit and six months later.
BILAN_MOMENTS = ("exit", "six_months")


# The stored totals of operations in one statement, the sums of
# _compute_totals and the progress of rules/progress.py.
OPERATION_TOTALS_SQL = (
    """
    UPDATE social_clause_operation operation
       SET lot_count = totals.lot_count,
           amount_untaxed = totals.amount_untaxed,
           hours_calibrated = totals.calibrated,
           hours_required = totals.required,
           hours_committed = totals.committed,
           hours_done = totals.done,
           progress = """
    + PROGRESS_SQL.format(done="totals.done", required="totals.required")
    + """
      FROM (
            SELECT operation.id,
                   COUNT(lot.id) AS lot_count,
                   COALESCE(SUM(lot.amount_untaxed), 0) AS amount_untaxed,
                   COALESCE(SUM(lot.hours_calibrated), 0) AS calibrated,
                   COALESCE(SUM(lot.hours_required), 0) AS required,
                   COALESCE(SUM(lot.hours_committed), 0) AS committed,
                   COALESCE(SUM(lot.hours_done), 0) AS done
              FROM social_clause_operation operation
         LEFT JOIN social_clause_lot lot ON lot.operation_id = operation.id
             WHERE operation.id = ANY(%(ids)s)
          GROUP BY operation.id
           ) totals
     WHERE totals.id = operation.id
"""
)


class SocialClauseOperation(models.Model):
    """A buyer's procurement (opération, marché) carrying social clauses."""

    _name = "social.clause.operation"
    _description = "Social clause operation"
    _check_company_auto = True
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _rec_names_search = ["name", "reference"]

    name = fields.Char(string="Operation", required=True, tracking=True)
    reference = fields.Char(
        readonly=True, copy=False, default=lambda self: _("New"), index="trigram"
    )
    buyer_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        required=True,
        tracking=True,
        index=True,
        domain=[("is_social_clause_buyer", "=", True)],
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    reporting_frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly")],
        default="monthly",
        required=True,
        help="How often the firms send their hours and proofs; the clause "
        "article says the same.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        OPERATION_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_start = fields.Date(string="Start of works", tracking=True)
    date_end = fields.Date(string="End of works", tracking=True)
    sector_ids = fields.Many2many("social.clause.sector", string="Sectors")
    description = fields.Html()
    lot_ids = fields.One2many(
        "social.clause.lot", "operation_id", string="Lots", copy=True
    )
    commitment_ids = fields.One2many(
        "social.clause.commitment", "operation_id", string="Commitments"
    )
    lot_count = fields.Integer(compute="_compute_totals", store=True)
    amount_untaxed = fields.Monetary(
        string="Amount (tax excl.)", compute="_compute_totals", store=True
    )
    hours_calibrated = fields.Float(compute="_compute_totals", store=True)
    hours_required = fields.Float(compute="_compute_totals", store=True)
    hours_committed = fields.Float(compute="_compute_totals", store=True)
    hours_done = fields.Float(compute="_compute_totals", store=True)
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_totals",
        store=True,
        aggregator="avg",
    )
    commitment_count = fields.Integer(compute="_compute_commitment_count")
    late_lot_count = fields.Integer(
        string="Late lots",
        compute="_compute_late_lot_count",
        search="_search_late_lot_count",
        help="Lots whose hours done are behind the pace expected at this date.",
    )
    color = fields.Integer()
    active = fields.Boolean(
        default=True,
        tracking=True,
        help="Archive an operation instead of deleting it once hours are "
        "validated on it.",
    )
    # Upstream: EU thresholds and the territory of the works -----------------
    procurement_nature = fields.Selection(
        PROCUREMENT_NATURES,
        string="Nature of the contract",
        default="works",
        required=True,
        tracking=True,
        help="Works, supplies or services: it decides the EU threshold.",
    )
    department_code = fields.Char(
        string="Department of the works",
        compute="_compute_department_code",
        store=True,
        readonly=False,
        help="Department code (e.g. 59) where the SIAE offer is searched; "
        "defaults to the buyer's.",
    )
    eu_threshold = fields.Monetary(
        string="EU threshold",
        compute="_compute_eu_threshold",
        store=True,
        help="Threshold of the European procedures for this contract's nature "
        "and buyer (company settings); none for a private client.",
    )
    is_above_eu_threshold = fields.Boolean(
        string="Above the EU threshold",
        compute="_compute_eu_threshold",
        store=True,
    )
    eu_threshold_missing_clause = fields.Boolean(
        string="EU threshold without social consideration",
        compute="_compute_eu_threshold",
        store=True,
        index=True,
        help="Above the EU threshold, with a lot that carries no social or "
        "employment consideration: from 22 August 2026 such contracts must "
        "carry a social or employment execution condition.",
    )

    @api.depends(
        "lot_ids.amount_untaxed",
        "lot_ids.hours_calibrated",
        "lot_ids.hours_required",
        "lot_ids.hours_committed",
        "lot_ids.hours_done",
    )
    def _compute_totals(self):
        for operation in self:
            lots = operation.lot_ids
            operation.lot_count = len(lots)
            operation.amount_untaxed = sum(lots.mapped("amount_untaxed"))
            operation.hours_calibrated = sum(lots.mapped("hours_calibrated"))
            operation.hours_required = sum(lots.mapped("hours_required"))
            operation.hours_committed = sum(lots.mapped("hours_committed"))
            operation.hours_done = sum(lots.mapped("hours_done"))
            operation.progress = progress_percent(
                operation.hours_done, operation.hours_required
            )

    _TOTALS = [
        "lot_count",
        "amount_untaxed",
        "hours_calibrated",
        "hours_required",
        "hours_committed",
        "hours_done",
        "progress",
    ]

    def _bulk_totals(self):
        """The step of ``refresh_in_bulk`` that gives the result of
        ``_compute_totals`` in one statement, after the lots' step (a test
        compares both paths)."""
        return (self, self._TOTALS, OPERATION_TOTALS_SQL, {})

    def _compute_commitment_count(self):
        groups = self.env["social.clause.commitment"]._read_group(
            [("operation_id", "in", self.ids)], ["operation_id"], ["__count"]
        )
        counts = {operation.id: count for operation, count in groups}
        for operation in self:
            operation.commitment_count = counts.get(operation.id, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_hours(self):
        self.env["social.clause.hour"]._check_no_validated_hours(self, "operation_id")

    def _compute_late_lot_count(self):
        late = self.env["social.clause.lot"].search(
            [("operation_id", "in", self.ids), ("is_behind_schedule", "=", True)]
        )
        counts = Counter(lot.operation_id.id for lot in late)
        for operation in self:
            operation.late_lot_count = counts.get(operation.id, 0)

    def _search_late_lot_count(self, operator, value):
        """Only "has late lots" (> 0) and "has none" (= 0) are supported."""
        if operator not in (">", "=", "!=") or value != 0:
            raise ValidationError(_("Unsupported search on the late lots."))
        late = self.env["social.clause.lot"].search([("is_behind_schedule", "=", True)])
        positive = operator in (">", "!=")
        return [("id", "in" if positive else "not in", late.operation_id.ids)]

    @api.depends("buyer_id.zip")
    def _compute_department_code(self):
        for operation in self:
            operation.department_code = (
                department_of_zip(operation.buyer_id.zip) or operation.department_code
            )

    def _get_eu_threshold(self):
        """The EU threshold that applies to this operation, 0 if none does."""
        self.ensure_one()
        company = self.company_id
        buyer_kind = self.buyer_id.social_clause_buyer_kind
        if not buyer_kind or buyer_kind == "private":
            return 0.0
        if self.procurement_nature == "works":
            return company.social_clause_eu_threshold_works
        if buyer_kind == "state":
            return company.social_clause_eu_threshold_central
        return company.social_clause_eu_threshold_local

    # On the lots' amounts rather than on amount_untaxed: the operation's
    # totals are recomputed with its hours, which would recompute the flag
    # (and read the company and the buyer) at each validation of hours.
    @api.depends(
        "procurement_nature",
        "lot_ids.amount_untaxed",
        "buyer_id.social_clause_buyer_kind",
        "company_id.social_clause_eu_threshold_works",
        "company_id.social_clause_eu_threshold_central",
        "company_id.social_clause_eu_threshold_local",
        "lot_ids.clause_type",
        "lot_ids.hours_required",
    )
    def _compute_eu_threshold(self):
        for operation in self:
            threshold = operation._get_eu_threshold()
            amount = sum(operation.lot_ids.mapped("amount_untaxed"))
            above = bool(threshold) and amount >= threshold
            operation.eu_threshold = threshold
            operation.is_above_eu_threshold = above
            operation.eu_threshold_missing_clause = above and (
                not operation.lot_ids
                or any(not lot._has_social_consideration() for lot in operation.lot_ids)
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for operation in self:
            if (
                operation.date_start
                and operation.date_end
                and operation.date_end < operation.date_start
            ):
                raise ValidationError(
                    _(
                        "The works of %(operation)s cannot end before they start.",
                        operation=operation.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("reference", _("New")) == _("New"):
                company_id = vals.get("company_id", self.env.company.id)
                vals["reference"] = self.env["ir.sequence"].with_company(
                    company_id
                ).next_by_code("social.clause.operation") or _("New")
        return super().create(vals_list)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for operation in self:
            operation.access_url = f"/my/social_clause_operations/{operation.id}"
        return res

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for operation in self:
            if operation.reference and operation.reference != _("New"):
                operation.display_name = f"[{operation.reference}] {operation.name}"
            else:
                operation.display_name = operation.name

    # Hours --------------------------------------------------------------------

    def _takes_hours(self):
        """Whether hours may still be declared, imported or entered on the
        operation: not once it is closed or cancelled."""
        self.ensure_one()
        return is_open(self.state)

    def _check_open(self, what=None):
        """Raise for the first operation closed or cancelled: the one check
        of hours, commitments, lots and job offers (``what``: what it takes
        no more of, as a phrase, e.g. "hours")."""
        for operation in self:
            if not is_open(operation.state):
                states = dict(self._fields["state"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "The operation %(operation)s is %(state)s: it takes no "
                        "more %(what)s.",
                        operation=operation.display_name,
                        state=states[operation.state].lower(),
                        what=what or _("changes"),
                    )
                )

    def _check_takes_hours(self):
        """Raise for the first operation that takes no more hours (the one
        check of the hour lines, the portal and the import)."""
        self._check_open(_("hours"))

    # Workflow ---------------------------------------------------------------

    def _check_state(self, allowed, message):
        """Raise ``message`` (translated, with %(operation)s and %(state)s)
        for the first operation whose state is not in ``allowed``."""
        states = dict(self._fields["state"]._description_selection(self.env))
        for operation in self:
            if operation.state not in allowed:
                raise SocialClauseError(
                    message
                    % {
                        "operation": operation.display_name,
                        "state": states[operation.state],
                    }
                )

    def action_calibrate(self):
        self._check_state(
            ("draft",),
            _("Only a draft operation can be calibrated: %(operation)s is %(state)s."),
        )
        for operation in self:
            if not operation.lot_ids:
                raise SocialClauseError(
                    _(
                        "Add at least one lot to %(operation)s before calibrating "
                        "its clause.",
                        operation=operation.display_name,
                    )
                )
            if not operation.hours_required:
                raise SocialClauseError(
                    _(
                        "The lots of %(operation)s require no insertion hours: "
                        "set their amounts and rates first.",
                        operation=operation.display_name,
                    )
                )
        self.state = "calibrated"

    def action_consultation(self):
        self._check_state(
            ("calibrated",),
            _(
                "Only a calibrated operation can go to consultation: "
                "%(operation)s is %(state)s."
            ),
        )
        self.state = "consultation"

    def action_execution(self):
        self._check_state(
            ("consultation",),
            _(
                "Only an operation in consultation can start its execution: "
                "%(operation)s is %(state)s."
            ),
        )
        for operation in self:
            lots_without_firm = operation.lot_ids.filtered(
                lambda lot: not lot.commitment_ids
            )
            if lots_without_firm:
                raise SocialClauseError(
                    _(
                        "Record the awarded firm of each lot before the execution "
                        "starts. Lots without a commitment: %(lots)s.",
                        lots=", ".join(lots_without_firm.mapped("name")),
                    )
                )
        self.state = "execution"

    def action_close(self):
        self._check_state(
            ("execution",),
            _(
                "Only an operation in execution can be closed: "
                "%(operation)s is %(state)s."
            ),
        )
        self.state = "closed"

    def action_cancel(self):
        self._check_state(
            ("draft", "calibrated", "consultation", "execution"),
            _("%(operation)s cannot be cancelled: it is %(state)s."),
        )
        self.state = "cancelled"

    def action_draft(self):
        self._check_state(
            ("calibrated", "cancelled"),
            _(
                "Only a calibrated or cancelled operation can be reset to draft: "
                "%(operation)s is %(state)s."
            ),
        )
        self.state = "draft"

    def action_view_commitments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_commitment_action"
        )
        action["domain"] = [("operation_id", "=", self.id)]
        action["context"] = {
            "search_default_group_by_lot": 1,
            "social_clause_lot_short_name": True,
        }
        return action

    def action_view_lots(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_lot_action"
        )
        action["domain"] = [("operation_id", "=", self.id)]
        action["context"] = {"default_operation_id": self.id}
        return action

    def _get_participant_counts(self):
        """Distinct participants whose hours count, by operation id, in one
        grouped query: ``{operation id: count}`` with every operation of
        ``self`` (0 when none). Read as superuser: a count, never a name."""
        counts = dict.fromkeys(self.ids, 0)
        for operation, count in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [("operation_id", "in", self.ids), ("is_counted", "=", True)],
                ["operation_id"],
                ["participant_id:count_distinct"],
            )
        ):
            counts[operation.id] = count
        return counts

    def _disclosure_threshold(self):
        """Smallest count of people a buyer may read (company setting)."""
        self.ensure_one()
        return (
            self.sudo().company_id.social_clause_disclosure_threshold
            or DEFAULT_THRESHOLD
        )

    def _shown_count(self, count, hidden):
        """A count of people as a buyer reads it: itself, "< 5" when masked
        as small, "hidden" when masked to protect a small one."""
        return shown(count, hidden, self._disclosure_threshold(), self.env._("hidden"))

    def _portal_buyer_participant_counts(self):
        """``{operation id: count}`` of ``_get_participant_counts`` as a buyer
        reads it: a small count is masked ("< 5")."""
        counts = self._get_participant_counts()
        result = {}
        for operation in self:
            threshold = operation._disclosure_threshold()
            count = counts[operation.id]
            result[operation.id] = operation._shown_count(
                count, is_small(count, threshold)
            )
        return result

    def _portal_buyer_figures(self, today=None):
        """Figures of the operation's lots for its buyer, in a constant number
        of queries whatever the number of lines.

        Read as superuser: the caller has checked that the user is the
        operation's buyer. People are counted (distinct participants whose
        hours count), by sex and age band, and masked below the disclosure
        threshold (``_portal_buyer_people``); no name or other personal data
        leaves this method.

        :return: dict with ``lots`` (a dict per lot: ``lot``, ``firms``,
            ``hours_required``, ``hours_committed``, ``gap``, ``hours_done``,
            ``progress``, ``is_behind_schedule``, ``trend``, ``people``),
            ``months`` (first days of the trend's months), ``people`` (whole
            operation) and the labels of sexes and age bands
        """
        self.ensure_one()
        operation = self.sudo()
        lots = operation.lot_ids
        lots.fetch(
            [
                "name",
                "reference",
                "hours_required",
                "hours_committed",
                "hours_done",
                "progress",
                "date_start",
                "date_end",
                "clause_type",
            ]
        )
        by_month = operation._portal_buyer_hours_by_month()
        people = operation._portal_buyer_people()
        months = operation._portal_trend_months(
            today or fields.Date.context_today(self)
        )
        firms_by_lot = operation._portal_buyer_firms()
        clause_types = dict(
            lots._fields["clause_type"]._description_selection(self.env)
        )
        lot_figures = [
            operation._portal_buyer_lot_figure(
                lot, months, by_month, people, firms_by_lot, clause_types
            )
            for lot in lots
        ]
        return {
            "lots": lot_figures,
            "months": months,
            "people": people["operation"],
            **self._portal_buyer_people_labels(),
        }

    def _portal_buyer_lot_figure(
        self, lot, months, by_month, people, firms_by_lot, clause_types
    ):
        """The figures of one lot for ``_portal_buyer_figures``."""
        trend = [by_month[lot.id].get(month, 0.0) for month in months]
        return {
            "lot": lot,
            "name": lot.name,
            "clause_type": clause_types.get(lot.clause_type, ""),
            "firms": firms_by_lot[lot.id],
            "hours_required": lot.hours_required,
            "hours_committed": lot.hours_committed,
            "gap": lot.hours_committed - lot.hours_required,
            "hours_done": lot.hours_done,
            "progress": lot.progress,
            "is_behind_schedule": lot.is_behind_schedule,
            "trend": trend,
            "trend_max": max(trend) if any(trend) else 0.0,
            "people": people[lot.id],
        }

    def _portal_buyer_hours_by_month(self):
        """``{lot id: {first day of month: counted hours}}``."""
        by_month = defaultdict(dict)
        for lot, month, total in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [("operation_id", "=", self.id), ("is_counted", "=", True)],
                ["lot_id", "date:month"],
                ["hours:sum"],
            )
        ):
            by_month[lot.id][month] = total
        return by_month

    def _portal_buyer_firms(self):
        """``{lot id: [firm dicts]}``: the holder first, then co-contractors."""
        commitments = self.lot_ids.commitment_ids
        commitments.fetch(
            ["lot_id", "partner_id", "role", "hours_committed", "hours_done"]
        )
        commitments.partner_id.fetch(["name"])
        firms_by_lot = defaultdict(list)
        roles = dict(commitments._fields["role"]._description_selection(self.env))
        for commitment in commitments.sorted(lambda c: (c.role != "holder", c.id)):
            firms_by_lot[commitment.lot_id.id].append(
                {
                    "name": commitment.partner_id.name,
                    "role": roles.get(commitment.role, ""),
                    "hours_committed": commitment.hours_committed,
                    "hours_done": commitment.hours_done,
                }
            )
        return firms_by_lot

    def _portal_buyer_people_labels(self):
        participant_fields = self.env["social.clause.participant"]._fields
        not_given = {"unknown": _("Not given")}
        return {
            "gender_labels": dict(
                participant_fields["gender"]._description_selection(self.env)
            )
            | not_given,
            "age_band_labels": dict(
                participant_fields["age_band"]._description_selection(self.env)
            )
            | not_given,
        }

    def _portal_buyer_people(self):
        """People whose hours count, by lot and for the whole operation
        (key ``"operation"``): ``{"total", "gender": {key: n},
        "age_band": {key: n}}``, a count below the disclosure threshold and
        its complementary cells replaced by "< 5" (rules/disclosure.py)."""
        self.ensure_one()
        counted = [("operation_id", "=", self.id), ("is_counted", "=", True)]
        people_by_lot = defaultdict(set)
        for lot, participant in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(counted, ["lot_id", "participant_id"])
        ):
            people_by_lot[lot.id].add(participant.id)
        rows = {lot.id: people_by_lot[lot.id] for lot in self.lot_ids}
        rows["operation"] = set().union(set(), *people_by_lot.values())
        profiles = {
            row["id"]: {
                "gender": row["gender"] or "unknown",
                "age_band": row["age_band"] or "unknown",
            }
            for row in self.env["social.clause.participant"]
            .sudo()
            .with_context(active_test=False)
            .browse(rows["operation"])
            .read(["gender", "age_band"])
        }
        table = {}
        for row, ids in rows.items():
            cells = {("total", ""): len(ids)}
            for dimension in ("gender", "age_band"):
                for key, count in Counter(
                    profiles[pid][dimension] for pid in ids
                ).items():
                    cells[(dimension, key)] = count
            table[row] = cells
        return self._mask_people_table(table)

    def _mask_people_table(self, table):
        """Masked form of a table ``{row: {(dimension, key): count}}`` (the
        dimension ``"total"`` holds the row's number of people): ``{row:
        {"total": n, dimension: {key: n}}}``."""
        threshold = self._disclosure_threshold()
        columns = {col for cells in table.values() for col in cells}
        groups = [
            [col for col in columns if col[0] == dimension]
            for dimension in sorted({col[0] for col in columns})
        ]
        hidden = suppress_table(table, threshold, groups)
        result = {}
        for row, cells in table.items():
            people = {"total": 0, "gender": {}, "age_band": {}}
            for (dimension, key), count in cells.items():
                value = self._shown_count(count, (row, (dimension, key)) in hidden)
                if dimension == "total":
                    people["total"] = value
                else:
                    people[dimension][key] = value
            result[row] = people
        return result

    def _portal_trend_months(self, today):
        """First days of the trend's 12 months: the last 12 up to ``today``,
        but starting with the works when they started later (or start in
        the future): no empty months before the works."""
        self.ensure_one()
        last = today.replace(day=1)
        first = last - relativedelta(months=TREND_MONTHS - 1)
        if self.date_start and self.date_start.replace(day=1) > first:
            first = self.date_start.replace(day=1)
        return [first + relativedelta(months=shift) for shift in range(TREND_MONTHS)]

    def _portal_buyer_xlsx(self):
        """The buyer's figures as an XLSX workbook: ``(filename, content)``."""
        self.ensure_one()
        figures = self._portal_buyer_figures()
        output = io.BytesIO()
        book = new_workbook(output)
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        number = book.add_format({"num_format": "#,##0.00"})
        self._portal_buyer_xlsx_lots(book, figures)

        trend = book.add_worksheet(_("Hours by month"))
        trend.write_string(0, 0, _("Lot"), bold)
        for col, month in enumerate(figures["months"], 1):
            trend.write_string(0, col, format_month(month), bold)
        for row, lot in enumerate(figures["lots"], 1):
            trend.write_string(row, 0, lot["name"])
            for col, total in enumerate(lot["trend"], 1):
                trend.write_number(row, col, total, number)
        trend.set_column(0, 0, 30)

        self._portal_buyer_xlsx_people(book, figures, bold)
        book.close()
        filename = document_filename(
            _(
                "Insertion hours %(operation)s",
                operation=self.sudo().display_name,
            ),
            "xlsx",
        )
        return filename, output.getvalue()

    @api.model
    def _portal_buyer_xlsx_people(self, book, figures, bold):
        """The "People" sheet of the buyer's workbook: its participants by
        gender and age band, lot by lot and for the whole operation."""
        people = book.add_worksheet(_("People"))
        gender_keys = list(figures["gender_labels"])
        band_keys = list(figures["age_band_labels"])
        write_cells(
            people,
            0,
            0,
            [_("Lot"), _("Participants")]
            + [figures["gender_labels"][key] for key in gender_keys]
            + [figures["age_band_labels"][key] for key in band_keys],
            bold,
        )
        rows = [(lot["name"], lot["people"]) for lot in figures["lots"]]
        rows.append((_("Whole operation"), figures["people"]))
        for row, (name, counts) in enumerate(rows, 1):
            people.write_string(row, 0, name)
            people.write(row, 1, counts["total"])
            values = [counts["gender"].get(key, 0) for key in gender_keys]
            values += [counts["age_band"].get(key, 0) for key in band_keys]
            people.write_row(row, 2, values)
        people.set_column(0, 0, 30)

    def _portal_buyer_xlsx_lots(self, book, figures):
        """The Lots sheet of the buyer's workbook: a title, one row a lot,
        a total row, the progress as a percentage."""
        title = book.add_format({"bold": True, "font_size": 14})
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        number = book.add_format({"num_format": "#,##0.00"})
        percent = book.add_format({"num_format": "0%"})
        totals = {
            "text": book.add_format({"bold": True, "top": 2}),
            "number": book.add_format(
                {"bold": True, "top": 2, "num_format": "#,##0.00"}
            ),
            "percent": book.add_format({"bold": True, "top": 2, "num_format": "0%"}),
        }
        sheet = book.add_worksheet(_("Lots"))
        self._portal_buyer_xlsx_title(sheet, title)
        headers = [
            _("Lot"),
            _("Firms"),
            _("Hours required"),
            _("Hours committed"),
            _("Gap"),
            _("Hours done"),
            _("Progress"),
            _("Behind schedule"),
            _("Participants"),
            _("Clause type"),
        ]
        write_cells(sheet, 3, 0, headers, bold)
        lots = figures["lots"]
        row = 3
        for row, lot in enumerate(lots, 4):
            sheet.write_string(row, 0, lot["name"])
            sheet.write_string(row, 1, ", ".join(firm["name"] for firm in lot["firms"]))
            for col, key in enumerate(
                ("hours_required", "hours_committed", "gap", "hours_done"), 2
            ):
                sheet.write_number(row, col, lot[key], number)
            sheet.write_number(row, 6, lot["progress"] / 100.0, percent)
            sheet.write_string(
                row, 7, _("Yes") if lot["is_behind_schedule"] else _("No")
            )
            sheet.write(row, 8, lot["people"]["total"])
            sheet.write_string(row, 9, lot["clause_type"])
        self._portal_buyer_xlsx_total(sheet, row + 1, figures, totals)
        sheet.set_column(0, 1, 30)
        sheet.set_column(2, 8, 16)
        sheet.set_column(9, 9, 40)
        sheet.freeze_panes(4, 1)
        return sheet

    def _portal_buyer_xlsx_title(self, sheet, title):
        """The two title rows of the Lots sheet: operation, buyer and date."""
        operation = self.sudo()
        sheet.write_string(
            0,
            0,
            _(
                "Social clause of %(operation)s - %(buyer)s",
                operation=operation.display_name,
                buyer=operation.buyer_id.name or "",
            ),
            title,
        )
        sheet.write_string(
            1,
            0,
            _(
                "Validated hours on %(date)s",
                date=fields.Date.context_today(self).strftime("%d/%m/%Y"),
            ),
        )

    def _portal_buyer_xlsx_total(self, sheet, row, figures, totals):
        """The total row of the Lots sheet; ``totals`` holds its formats."""
        lots = figures["lots"]
        sheet.write_string(row, 0, _("Total"), totals["text"])
        sheet.write_string(row, 1, "", totals["text"])
        for col, key in enumerate(
            ("hours_required", "hours_committed", "gap", "hours_done"), 2
        ):
            total = sum(lot[key] for lot in lots)
            sheet.write_number(row, col, total, totals["number"])
        required = sum(lot["hours_required"] for lot in lots)
        done = sum(lot["hours_done"] for lot in lots)
        sheet.write_number(
            row, 6, progress_percent(done, required) / 100.0, totals["percent"]
        )
        sheet.write_string(row, 7, "", totals["text"])
        sheet.write(row, 8, figures["people"]["total"], totals["text"])

    def action_download_clause_docx(self):
        """Download the clause article of all the lots as a .docx."""
        self.ensure_one()
        if not self.lot_ids:
            raise UserError(
                self.env._(
                    "Add the lots of %(operation)s before writing its clause "
                    "article.",
                    operation=self.display_name,
                )
            )
        return self.lot_ids.action_download_clause_docx()

    def _get_bilan_data(self, date_from=False, date_to=False):
        """Everything the bilan of the operation shows, for a period (the
        whole operation without dates), in a fixed number of queries.

        Hours come from the commitments' ``_get_hours_summaries``; people and
        outcomes are counted as superuser from the sensitive participant
        fields and returned as counts only, never names.
        """
        self.ensure_one()
        self.check_access("read")
        date_from, date_to = self._bilan_period(date_from, date_to)
        commitments = self.commitment_ids
        summaries = commitments._get_hours_summaries(date_from, date_to)
        roles = dict(commitments._fields["role"]._description_selection(self.env))
        mix = {
            "families": defaultdict(float),
            "family_labels": {},
            "modalities": defaultdict(float),
            "modality_labels": {},
        }
        lots = [
            self._bilan_lot(lot, commitments, summaries, roles, mix)
            for lot in self.lot_ids
        ]
        families = mix["families"]
        required = sum(lot["hours_required"] for lot in lots)
        done_to_date = sum(lot["hours_done_to_date"] for lot in lots)
        family_total = sum(families.values())
        people = self._get_bilan_people(date_from, date_to)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "is_closed": self.state == "closed",
            "lots": lots,
            "hours_required": required,
            "hours_done": sum(lot["hours_done"] for lot in lots),
            "hours_done_to_date": done_to_date,
            "progress": progress_percent(done_to_date, required),
            "penalty_due": sum(lot["penalty_due"] for lot in lots),
            "hours_by_family": [
                (
                    label,
                    families[code],
                    100.0 * families[code] / family_total if family_total else 0.0,
                )
                for code, label in mix["family_labels"].items()
            ],
            "hours_by_modality": [
                (mix["modality_labels"][code], hours)
                for code, hours in sorted(mix["modalities"].items())
            ],
            "people": self._mask_bilan_people(people),
            "outcomes": self._mask_bilan_outcomes(
                self._get_bilan_outcomes(people.pop("participant_ids"), date_to)
            ),
        }

    def _bilan_period(self, date_from, date_to):
        """The dates of the bilan, checked: the period in order, chosen by
        a facilitator only."""
        date_from = fields.Date.to_date(date_from) if date_from else False
        date_to = fields.Date.to_date(date_to) if date_to else False
        if date_from and date_to and date_from > date_to:
            raise UserError(
                self.env._("The period of the bilan ends before it starts.")
            )
        self._check_bilan_period_chooser(date_from, date_to)
        return date_from, date_to

    def _bilan_lot(self, lot, commitments, summaries, roles, mix):
        """The bilan's figures of ``lot``, from its firms' hours
        ``summaries``; adds the hours by family and by modality to ``mix``."""
        firms = []
        for commitment in commitments.filtered(lambda c, lot=lot: c.lot_id == lot):
            summary = summaries[commitment.id]
            firms.append(
                {
                    "name": commitment.partner_id.name,
                    "role": roles.get(commitment.role, ""),
                    **summary,
                }
            )
            for code, label, hours in summary["hours_by_family"]:
                mix["families"][code] += hours
                mix["family_labels"][code] = label
            for code, label, hours in summary["hours_by_modality"]:
                mix["modalities"][code] += hours
                mix["modality_labels"][code] = label
        done_to_date = sum(firm["hours_done_to_date"] for firm in firms)
        return {
            "name": lot.name,
            "reference": lot.reference,
            "hours_required": lot.hours_required,
            "hours_done": sum(firm["hours_done"] for firm in firms),
            "hours_done_to_date": done_to_date,
            "progress": progress_percent(done_to_date, lot.hours_required),
            "penalty_hour_rate": lot.penalty_hour_rate,
            "hours_missing": lot.hours_missing,
            "penalty_due": lot.penalty_due,
            "firms": firms,
        }

    def _check_bilan_period_chooser(self, date_from, date_to):
        """Facilitators (and the server's own jobs) print a bilan for a
        period; a buyer or any other user gets the whole operation: two
        periods of a masked count would let it be subtracted back."""
        if not (date_from or date_to) or self.env.su:
            return
        if not self.env.user.has_group("social_clause.group_user"):
            raise UserError(
                self.env._(
                    "Only the facilitators choose the period of a bilan: the "
                    "buyer's bilan covers the whole operation."
                )
            )

    def _get_report_base_filename(self):
        """The name of the bilan the buyer downloads from its portal."""
        self.ensure_one()
        return self.env._("Bilan %(operation)s", operation=self.display_name)

    def _get_bilan_people(self, date_from=False, date_to=False):
        """Participants (distinct people) and placements (distinct person x
        firm x modality) with counted hours in the period, by gender, age
        band at entry, qualification, criterion, QPV and prescriber.

        Counts only: the sensitive fields are read as superuser and never
        leave this method. The counts are exact: ``_get_bilan_data`` masks
        them for the buyer (``_mask_bilan_people``)."""
        self.ensure_one()
        Hour = self.env["social.clause.hour"].sudo()
        placements = [
            (participant.id, firm.id, modality)
            for participant, firm, modality in Hour._read_group(
                [("operation_id", "=", self.id), ("is_counted", "=", True)]
                + period_domain(date_from, date_to),
                ["participant_id", "partner_id", "modality"],
            )
        ]
        placements_of = defaultdict(int)
        for participant_id, _firm_id, _modality in placements:
            placements_of[participant_id] += 1
        participants = (
            self.env["social.clause.participant"].sudo().browse(sorted(placements_of))
        )
        participants.fetch(
            [
                "gender",
                "age_band",
                "qualification_level",
                "is_qpv",
                "prescriber_id",
                "criterion_ids",
            ]
        )
        return {
            "participant_count": len(participants),
            "placement_count": len(placements),
            "breakdowns": self._get_bilan_breakdowns(participants, placements_of),
            "participant_ids": participants.ids,
        }

    def _get_bilan_breakdown(
        self, participants, placements_of, title, keys_of, ordered
    ):
        """Rows (label, participants, placements) of a dimension: the known
        values in order, then those not recorded."""
        people = defaultdict(int)
        placed = defaultdict(int)
        for participant in participants:
            for key in keys_of(participant) or [False]:
                people[key] += 1
                placed[key] += placements_of[participant.id]
        rows = [
            (label, people[key], placed[key])
            for key, label in ordered
            if people.get(key)
        ]
        if people.get(False):
            rows.append((self.env._("Not recorded"), people[False], placed[False]))
        return {"title": title, "rows": rows}

    def _get_bilan_breakdowns(self, participants, placements_of):
        """The bilan's breakdowns of the people (see ``_get_bilan_people``)."""
        Participant = participants.browse()

        def selection(fname):
            return (
                lambda p: [p[fname] or False],
                Participant._fields[fname]._description_selection(self.env),
            )

        criteria = participants.criterion_ids.sorted(lambda c: (c.code or "", c.id))
        prescribers = participants.prescriber_id.sorted("name")
        dimensions = [
            (self.env._("Gender"), *selection("gender")),
            (self.env._("Age band at entry"), *selection("age_band")),
            (self.env._("Qualification level"), *selection("qualification_level")),
            (
                self.env._("Eligibility criterion"),
                lambda p: p.criterion_ids.ids,
                [(criterion.id, criterion.name) for criterion in criteria],
            ),
            (
                self.env._("Residence"),
                lambda p: ["qpv" if p.is_qpv else "other"],
                [
                    ("qpv", self.env._("In a QPV")),
                    ("other", self.env._("Outside a QPV")),
                ],
            ),
            (
                self.env._("Prescriber"),
                lambda p: p.prescriber_id.ids,
                [(prescriber.id, prescriber.name) for prescriber in prescribers],
            ),
        ]
        return [
            self._get_bilan_breakdown(participants, placements_of, *dimension)
            for dimension in dimensions
        ]

    def _mask_bilan_people(self, people):
        """The bilan's people for a buyer: a count of participants below the
        threshold, and the next smallest of its breakdown, read "< 5"
        (rules/disclosure.py); the placements of a masked row too."""
        threshold = self._disclosure_threshold()
        total_hidden = is_small(people["participant_count"], threshold)
        breakdowns = []
        for breakdown in people["breakdowns"]:
            rows = breakdown["rows"]
            hidden = suppress(
                {index: row[1] for index, row in enumerate(rows)}, threshold
            )
            if total_hidden:
                hidden = set(range(len(rows)))
            masked_rows = [
                (label, *(self._shown_count(n, index in hidden) for n in counts))
                for index, (label, *counts) in enumerate(rows)
            ]
            breakdowns.append({**breakdown, "rows": masked_rows})
        return {
            **people,
            "participant_count": self._shown_count(
                people["participant_count"], total_hidden
            ),
            "placement_count": self._shown_count(
                people["placement_count"], total_hidden
            ),
            "breakdowns": breakdowns,
        }

    def _get_bilan_outcomes(self, participant_ids, date_to=False):
        """Outcomes at exit and at 6 months of these participants, by
        category of the evaluations, with the dynamic-exit rate: (durable +
        transition + positive) / all outcomes recorded. The latest outcome of
        each person at each moment counts, up to ``date_to``."""
        Outcome = self.env["social.clause.outcome"].sudo()
        domain = [
            ("participant_id", "in", participant_ids),
            ("moment", "in", BILAN_MOMENTS),
        ]
        if date_to:
            domain.append(("date", "<=", date_to))
        latest = {}
        for outcome in Outcome.search(domain, order="date desc, id desc"):
            latest.setdefault((outcome.participant_id.id, outcome.moment), outcome)
        categories = list(
            Outcome.env["social.clause.outcome.kind"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        moments = dict(Outcome._fields["moment"]._description_selection(self.env))
        result = []
        for moment in BILAN_MOMENTS:
            counts = defaultdict(int)
            for (_participant_id, at), outcome in latest.items():
                if at == moment:
                    counts[outcome.kind_id.category] += 1
            total = sum(counts.values())
            dynamic = sum(counts[code] for code in DYNAMIC_CATEGORIES)
            result.append(
                {
                    "moment": moment,
                    "label": moments[moment],
                    "rows": [
                        (
                            label,
                            counts[code],
                            100.0 * counts[code] / total if total else 0.0,
                        )
                        for code, label in categories
                    ],
                    "total": total,
                    "dynamic": dynamic,
                    "dynamic_rate": 100.0 * dynamic / total if total else None,
                }
            )
        return result

    def _mask_bilan_outcomes(self, outcomes):
        """The outcomes for a buyer: counts below the threshold (and the
        next smallest of the moment) read "< 5" and lose their share; the
        dynamic-exit rate is left out when it would give a small count."""
        threshold = self._disclosure_threshold()
        masked = []
        for moment in outcomes:
            total, dynamic = moment["total"], moment["dynamic"]
            rows = moment["rows"]
            hidden = suppress(
                {index: row[1] for index, row in enumerate(rows)}, threshold
            )
            if is_small(total, threshold):
                hidden = set(range(len(rows)))
            rate_hidden = any(
                is_small(count, threshold)
                for count in (total, dynamic, total - dynamic)
            )
            masked.append(
                {
                    **moment,
                    "rows": [
                        (label, self._shown_count(count, index in hidden))
                        + ((None,) if index in hidden else (share,))
                        for index, (label, count, share) in enumerate(rows)
                    ],
                    "total": self._shown_count(total, is_small(total, threshold)),
                    "dynamic": self._shown_count(dynamic, rate_hidden),
                    "dynamic_rate": None if rate_hidden else moment["dynamic_rate"],
                }
            )
        return masked

    def _get_bilan_evaluation_averages(self, date_from=False, date_to=False):
        """``_get_evaluation_averages`` for a buyer: a question answered by
        fewer people than the threshold shows "< 5" answers and no average."""
        threshold = self._disclosure_threshold()
        rows = self._get_evaluation_averages(date_from, date_to)
        for row in rows:
            if is_small(row["count"], threshold):
                row.update(count=masked_label(threshold), average=None)
        return rows

    def _get_evaluation_averages(self, date_from=False, date_to=False):
        """Average of every scored question of the evaluations of this
        operation: firms' answers on its commitments and participants'
        answers of people with hours on it, completed between the dates.

        Returns a list of dicts (survey, question, average, count,
        scale_min, scale_max), by survey and question order. Aggregates
        only: no name, no single answer, so the bilan can show them."""
        self.ensure_one()
        self.check_access("read")
        domain = self._evaluation_answers_domain(date_from, date_to)
        groups = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                domain,
                ["question_id"],
                ["value_scale:avg", "__count"],
            )
        )
        questions = (
            self.env["survey.question"]
            .sudo()
            .browse([question.id for question, __, __ in groups])
        )
        stats = {question.id: (average, count) for question, average, count in groups}
        return [
            {
                "survey": question.survey_id.title,
                "survey_id": question.survey_id.id,
                "question": question.title,
                "question_id": question.id,
                "average": round(stats[question.id][0], 2),
                "count": stats[question.id][1],
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
            }
            for question in questions.sorted(
                lambda q: (q.survey_id.id, q.sequence, q.id)
            )
        ]

    def _evaluation_answers_domain(self, date_from, date_to):
        """The completed scored answers about this operation between the
        dates, for ``_get_evaluation_averages``."""
        domain = [
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("skipped", "=", False),
            ("answer_type", "=", "scale"),
            "|",
            ("user_input_id.social_clause_commitment_id.operation_id", "=", self.id),
            (
                "user_input_id.social_clause_participant_id.hour_ids.operation_id",
                "=",
                self.id,
            ),
        ]
        if date_from:
            domain.append(("user_input_id.end_datetime", ">=", date_from))
        if date_to:
            domain.append(
                (
                    "user_input_id.end_datetime",
                    "<=",
                    datetime.datetime.combine(
                        fields.Date.to_date(date_to), datetime.time.max
                    ),
                )
            )
        return domain
