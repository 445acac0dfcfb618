# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .common import SocialClauseError
from .res_partner_siae import department_of_zip

OPERATION_STATES = [
    ("draft", "Draft"),
    ("calibrated", "Calibrated"),
    ("consultation", "Consultation"),
    ("execution", "Execution"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# A closed operation's figures are final, a cancelled one has none.
OPERATION_STATES_WITHOUT_HOURS = ("closed", "cancelled")
PROCUREMENT_NATURES = [
    ("works", "Works"),
    ("supplies", "Supplies"),
    ("services", "Services"),
]


class SocialClauseOperation(models.Model):
    """A buyer's procurement (opération, marché) carrying social clauses."""

    _name = "social.clause.operation"
    _description = "Social clause operation"
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
    )
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
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
            operation.progress = (
                100.0 * operation.hours_done / operation.hours_required
                if operation.hours_required
                else 0.0
            )

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
        return self.state not in OPERATION_STATES_WITHOUT_HOURS

    def _check_takes_hours(self):
        """Raise for the first operation that takes no more hours (the one
        check of the hour lines, the portal and the import)."""
        for operation in self:
            if not operation._takes_hours():
                states = dict(self._fields["state"]._description_selection(self.env))
                raise ValidationError(
                    _(
                        "The operation %(operation)s is %(state)s: it takes no "
                        "more hours.",
                        operation=operation.display_name,
                        state=states[operation.state].lower(),
                    )
                )

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
