# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy
import io
import re

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang
from odoo.tools.translate import _lt

from ..rules.calibration import calibrate_hours
from ..rules.clause_article import (
    article_modalities,
    has_hour_volume,
    reporting_frequency,
)
from ..rules.filenames import document_filename
from ..rules.lever import recommend_lever
from ..rules.progress import (
    MISSING_SQL,
    PROGRESS_SQL,
    missing_hours,
    progress_percent,
)
from .common import format_hours, refresh_in_bulk

CLAUSE_TYPES = [
    ("execution_condition", "Execution condition (art. L2112-2)"),
    ("award_criterion", "Award criterion (art. L2152-7)"),
    ("reserved_siae", "Market reserved to SIAE (art. L2113-13)"),
    ("reserved_ea", "Market reserved to EA/ESAT (art. L2113-12)"),
    ("insertion_market", "Insertion market (art. R2123-1)"),
]
LEGAL_BASIS = {
    "execution_condition": "L2112-2",
    "award_criterion": "L2152-7",
    "reserved_siae": "L2113-13",
    "reserved_ea": "L2113-12",
    "insertion_market": "R2123-1",
}
# considerationsSociales of the French open procurement data (DECP).
DECP_TAGS = {
    "execution_condition": "Clause sociale",
    "award_criterion": "Critère social",
    "reserved_siae": "Marché réservé",
    "reserved_ea": "Marché réservé",
    "insertion_market": "Clause sociale",
}


# Values of the DECP 2.0.3 schema the module does not track: what a lot of
# a works operation with an insertion clause usually is.
DECP_DEFAULTS = {
    "nature": "Marché",
    "techniques": {"technique": ["Sans objet"]},
    "modalitesExecution": {"modaliteExecution": ["Sans objet"]},
    "marcheInnovant": False,
    "ccag": "Travaux",
    "offresRecues": 1,
    "attributionAvance": False,
    "procedure": "Procédure adaptée",
    "typesPrix": {"typePrix": ["Définitif révisable"]},
    "formePrix": "Forfaitaire",
    "sousTraitanceDeclaree": False,
    "considerationsEnvironnementales": {
        "considerationEnvironnementale": ["Pas de considération environnementale"]
    },
}


# Recommended levers, from the territory's offer (upstream).
LEVERS = [
    ("reserve_market", "Reserve the whole market"),
    ("reserve_lot", "Reserve the lot"),
    ("execution_condition", "Execution condition"),
    ("execution_and_award", "Execution condition and award criterion"),
    ("training_or_none", "Training-based clause, or none"),
]
# Clause types a social consideration of the open data (DECP) comes from
# whatever the hours.
RESERVED_OR_INSERTION = ("reserved_siae", "reserved_ea", "insertion_market")


try:
    import docx
except ImportError:  # pragma: no cover - listed in external_dependencies
    docx = None

# The legal basis paragraph of the clause article, by clause type.
CLAUSE_BASIS_TEXTS = {
    "execution_condition": _lt(
        "In accordance with article L2112-2 of the public procurement code, the "
        "execution of the contract includes a condition promoting the employment "
        "of people facing social or professional difficulties."
    ),
    "award_criterion": _lt(
        "In accordance with article R2152-7 2° a) of the public procurement code, "
        "the performance in the professional insertion of people in difficulty "
        "is an award criterion; the undertakings of the tender become "
        "contractual obligations."
    ),
    "reserved_siae": _lt(
        "In accordance with article L2113-13 of the public procurement code, the "
        "contract is reserved to integration through economic activity "
        "structures (SIAE) and equivalent structures."
    ),
    "reserved_ea": _lt(
        "In accordance with article L2113-12 of the public procurement code, the "
        "contract is reserved to adapted companies (EA) and work centres (ESAT) "
        "employing at least 50 % of disabled workers (article R2113-7)."
    ),
    "insertion_market": _lt(
        "In accordance with article R2123-1 of the public procurement code, the "
        "contract has the professional insertion of people in difficulty as its "
        "object."
    ),
}


# The stored totals of lots in one statement (bulk validation and import):
# the sums of _compute_commitment_totals, the count of
# _compute_participant_count, the missing hours and penalty of
# _compute_penalty_due, with the formulas of rules/progress.py.
LOT_TOTALS_SQL = (
    """
    UPDATE social_clause_lot lot
       SET hours_committed = totals.committed,
           hours_done = totals.done,
           hours_direct_hire = totals.direct_hire,
           hours_provision = totals.provision,
           hours_subcontracting = totals.subcontracting,
           hours_training = totals.training,
           participant_count = COALESCE(people.participant_count, 0),
           progress = """
    + PROGRESS_SQL.format(done="totals.done", required="lot.hours_required")
    + """,
           hours_missing = """
    + MISSING_SQL.format(done="totals.done", required="lot.hours_required")
    + """,
           penalty_due = CASE WHEN lot.operation_state = 'closed' THEN ("""
    + MISSING_SQL.format(done="totals.done", required="lot.hours_required")
    + """) * COALESCE(lot.penalty_hour_rate, 0) ELSE 0 END
      FROM (
            SELECT lot.id,
                   COALESCE(SUM(commitment.hours_committed), 0) AS committed,
                   COALESCE(SUM(commitment.hours_done), 0) AS done,
                   COALESCE(SUM(commitment.hours_direct_hire), 0) AS direct_hire,
                   COALESCE(SUM(commitment.hours_provision), 0) AS provision,
                   COALESCE(SUM(commitment.hours_subcontracting), 0)
                       AS subcontracting,
                   COALESCE(SUM(commitment.hours_training), 0) AS training
              FROM social_clause_lot lot
         LEFT JOIN social_clause_commitment commitment
                ON commitment.lot_id = lot.id
             WHERE lot.id = ANY(%(ids)s)
          GROUP BY lot.id
           ) totals
 LEFT JOIN (
            -- by person first: hashed, where COUNT(DISTINCT) would sort
            SELECT lot_id, COUNT(*) AS participant_count
              FROM (
                    SELECT lot_id, participant_id
                      FROM social_clause_hour
                     WHERE lot_id = ANY(%(ids)s) AND is_counted
                  GROUP BY lot_id, participant_id
                   ) by_person
          GROUP BY lot_id
           ) people ON people.lot_id = totals.id
     WHERE totals.id = lot.id
"""
)


class SocialClauseLot(models.Model):
    """One lot of a marché, with the calibration of its social clause."""

    _name = "social.clause.lot"
    _description = "Social clause lot"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "operation_id, sequence, id"

    operation_id = fields.Many2one(
        "social.clause.operation",
        string="Operation",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    name = fields.Char(string="Lot", required=True, tracking=True)
    sequence = fields.Integer(default=10)
    reference = fields.Char(
        readonly=True, copy=False, index=True, help="Unique reference of the lot."
    )
    buyer_id = fields.Many2one(
        related="operation_id.buyer_id", store=True, index=True, string="Buyer"
    )
    company_id = fields.Many2one(
        related="operation_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="operation_id.currency_id")
    operation_state = fields.Selection(
        related="operation_id.state", store=True, string="Operation status"
    )
    sector_id = fields.Many2one("social.clause.sector", string="Sector", tracking=True)
    amount_untaxed = fields.Monetary(
        string="Amount (tax excl.)", tracking=True, currency_field="currency_id"
    )
    labour_rate = fields.Float(
        string="Labour rate (%)",
        compute="_compute_labour_rate",
        store=True,
        readonly=False,
        tracking=True,
        help="Share of labour in the amount; defaults to the sector's rate.",
    )
    insertion_rate = fields.Float(
        string="Insertion rate (%)",
        default=lambda self: self.env.company.social_clause_insertion_rate,
        tracking=True,
        help="Share of the labour hours reserved to people far from employment.",
    )
    hourly_cost = fields.Float(
        string="Hourly cost",
        default=lambda self: self.env.company.social_clause_hourly_cost,
        tracking=True,
        help="Fully loaded cost of one hour of work.",
    )
    hours_calibrated = fields.Float(
        string="Calibrated hours",
        compute="_compute_hours_calibrated",
        store=True,
        help="Amount x labour rate x insertion rate / hourly cost, rounded to "
        "the hour.",
    )
    hours_required = fields.Float(
        string="Required hours",
        compute="_compute_hours_required",
        store=True,
        readonly=False,
        tracking=True,
        help="Hours written in the contract: the calibrated hours unless set by "
        "hand.",
    )
    hours_gap = fields.Float(
        string="Gap with calibration",
        compute="_compute_hours_gap",
        store=True,
        help="Required hours minus calibrated hours.",
    )
    clause_type = fields.Selection(
        CLAUSE_TYPES,
        required=True,
        default="execution_condition",
        tracking=True,
    )
    training_allowed = fields.Boolean(
        string="Training hours count",
        default=True,
        help="Training of the participants is one of the ways to meet the "
        "clause of this lot; the clause article lists it.",
    )
    legal_basis = fields.Char(compute="_compute_clause_labels")
    decp_tag = fields.Char(
        string="Public data tag",
        compute="_compute_clause_labels",
        help="considerationsSociales of the open procurement data (DECP).",
    )
    cpv_code = fields.Char(
        string="CPV code",
        help="Code of the European procurement vocabulary (8 digits, such as "
        "45210000), required by the open procurement data (DECP).",
    )
    requisition_id = fields.Many2one(
        "purchase.requisition",
        string="Purchase agreement",
        index="btree_not_null",
        copy=False,
        tracking=True,
        groups="social_clause.group_user",  # back office only, not for firms
    )
    date_start = fields.Date(
        compute="_compute_dates", store=True, readonly=False, string="Start"
    )
    date_end = fields.Date(
        compute="_compute_dates", store=True, readonly=False, string="End"
    )
    commitment_ids = fields.One2many(
        "social.clause.commitment", "lot_id", string="Commitments"
    )
    hours_committed = fields.Float(
        compute="_compute_commitment_totals",
        store=True,
        help="Hours the firms committed to, all together.",
    )
    hours_done = fields.Float(compute="_compute_commitment_totals", store=True)
    hours_direct_hire = fields.Float(compute="_compute_commitment_totals", store=True)
    hours_provision = fields.Float(compute="_compute_commitment_totals", store=True)
    hours_subcontracting = fields.Float(
        compute="_compute_commitment_totals", store=True
    )
    hours_training = fields.Float(compute="_compute_commitment_totals", store=True)
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_commitment_totals",
        store=True,
        aggregator="avg",
    )
    # An exact count of people: facilitators only (a buyer reads the lot by
    # RPC; its portal shows the masked count, rules/disclosure.py).
    participant_count = fields.Integer(
        string="Participants",
        compute="_compute_participant_count",
        store=True,
        groups="social_clause.group_user",
    )
    commitment_warning = fields.Char(compute="_compute_commitment_warning")
    is_behind_schedule = fields.Boolean(
        string="Behind schedule",
        compute="_compute_is_behind_schedule",
        search="_search_is_behind_schedule",
        help="Hours done are below the pace expected at this date.",
    )

    @api.constrains("amount_untaxed", "labour_rate", "insertion_rate", "hourly_cost")
    def _check_calibration_inputs(self):
        for lot in self:
            if lot.amount_untaxed < 0:
                raise ValidationError(
                    _("The amount of the lot %(lot)s cannot be negative.", lot=lot.name)
                )
            for rate, label in (
                (lot.labour_rate, _("labour rate")),
                (lot.insertion_rate, _("insertion rate")),
            ):
                if not 0 <= rate <= 100:
                    raise ValidationError(
                        _(
                            "The %(rate)s of the lot %(lot)s must be between 0 and "
                            "100 %%.",
                            rate=label,
                            lot=lot.name,
                        )
                    )
            if lot.hourly_cost <= 0:
                raise ValidationError(
                    _(
                        "The hourly cost of the lot %(lot)s must be greater than zero.",
                        lot=lot.name,
                    )
                )

    @api.constrains("hours_required")
    def _check_hours_required(self):
        for lot in self:
            if lot.hours_required < 0:
                raise ValidationError(
                    _(
                        "The required hours of the lot %(lot)s cannot be negative.",
                        lot=lot.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_hours(self):
        self.env["social.clause.hour"]._check_no_validated_hours(self, "lot_id")

    @api.depends("sector_id")
    def _compute_labour_rate(self):
        for lot in self:
            if lot.sector_id:
                lot.labour_rate = lot.sector_id.labour_rate
            elif not lot.labour_rate:
                lot.labour_rate = 50.0

    @api.depends("amount_untaxed", "labour_rate", "insertion_rate", "hourly_cost")
    def _compute_hours_calibrated(self):
        for lot in self:
            lot.hours_calibrated = calibrate_hours(
                lot.amount_untaxed, lot.labour_rate, lot.insertion_rate, lot.hourly_cost
            )

    @api.depends("hours_calibrated")
    def _compute_hours_required(self):
        for lot in self:
            lot.hours_required = lot.hours_calibrated

    @api.depends("hours_required", "hours_calibrated")
    def _compute_hours_gap(self):
        for lot in self:
            lot.hours_gap = lot.hours_required - lot.hours_calibrated

    @api.depends("clause_type")
    def _compute_clause_labels(self):
        for lot in self:
            lot.legal_basis = LEGAL_BASIS.get(lot.clause_type, "")
            lot.decp_tag = DECP_TAGS.get(
                lot.clause_type, "Pas de considération sociale"
            )

    @api.depends("operation_id.date_start", "operation_id.date_end")
    def _compute_dates(self):
        for lot in self:
            lot.date_start = lot.operation_id.date_start
            lot.date_end = lot.operation_id.date_end

    # Open data (DECP) ---------------------------------------------------------

    def _get_decp_marche(self):
        """The lot as one ``marche`` of the DECP 2.0.3 open data: the one home
        of its values, for the XLSX and the JSON exports."""
        self.ensure_one()
        operation = self.operation_id
        firms = self.commitment_ids.partner_id.commercial_partner_id.sorted("id")
        notified = self.date_start or operation.date_start
        return dict(
            copy.deepcopy(DECP_DEFAULTS),
            id=self._decp_identifier(),
            acheteur={"id": self.buyer_id.company_registry or ""},
            objet=f"{operation.name} - {self.name}"[:1000],
            codeCPV=(self.cpv_code or "").strip(),
            lieuExecution=self._decp_place(),
            dureeMois=self._decp_months(),
            dateNotification=fields.Date.to_string(notified) if notified else "",
            datePublicationDonnees=fields.Date.to_string(
                fields.Date.context_today(self)
            ),
            montant=self.amount_untaxed,
            typeGroupementOperateurs=(
                "Conjoint" if len(firms) > 1 else "Pas de groupement"
            ),
            titulaires=[
                {
                    "titulaire": {
                        "typeIdentifiant": "SIRET",
                        "id": firm.company_registry or "",
                    }
                }
                for firm in firms
            ],
            considerationsSociales={"considerationSociale": [self.decp_tag]},
        )

    def _decp_identifier(self):
        """The DECP ``id`` (1 to 16 characters): the lot's reference when it
        fits, else its database number."""
        reference = self.reference or ""
        return reference if 0 < len(reference) <= 16 else str(self.id)

    def _decp_place(self):
        """The DECP ``lieuExecution``: the buyer's postcode, else its country."""
        buyer = self.buyer_id
        if buyer.zip:
            return {"code": buyer.zip.strip(), "typeCode": "Code postal"}
        return {"code": buyer.country_id.code or "", "typeCode": "Code pays"}

    def _decp_months(self):
        """The DECP ``dureeMois``: the months of the works, at least one."""
        if not (self.date_start and self.date_end):
            return 1
        gap = relativedelta(self.date_end, self.date_start)
        return max(1, gap.years * 12 + gap.months + (1 if gap.days else 0))

    def _get_decp_missing(self, marche):
        """The labels of the data the DECP requires and ``marche`` lacks."""
        checks = [
            (len(marche["acheteur"]["id"]) == 14, _("buyer's SIRET")),
            (re.fullmatch(r"[0-9]{8}(-[0-9])?", marche["codeCPV"]), _("CPV code")),
            (marche["lieuExecution"]["code"], _("buyer's postcode")),
            (marche["dateNotification"], _("start date")),
            (marche["montant"] >= 1, _("amount")),
            (marche["titulaires"], _("firm with a commitment")),
            (
                all(t["titulaire"]["id"] for t in marche["titulaires"]),
                _("firm's SIRET"),
            ),
        ]
        return [label for ok, label in checks if not ok]

    @api.depends(
        "commitment_ids.hours_committed",
        "commitment_ids.hours_done",
        "commitment_ids.hours_direct_hire",
        "commitment_ids.hours_provision",
        "commitment_ids.hours_subcontracting",
        "commitment_ids.hours_training",
        "hours_required",
    )
    def _compute_commitment_totals(self):
        for lot in self:
            commitments = lot.commitment_ids
            lot.hours_committed = sum(commitments.mapped("hours_committed"))
            lot.hours_done = sum(commitments.mapped("hours_done"))
            lot.hours_direct_hire = sum(commitments.mapped("hours_direct_hire"))
            lot.hours_provision = sum(commitments.mapped("hours_provision"))
            lot.hours_subcontracting = sum(commitments.mapped("hours_subcontracting"))
            lot.hours_training = sum(commitments.mapped("hours_training"))
            lot.progress = progress_percent(lot.hours_done, lot.hours_required)

    # The stored totals of the lot that follow its commitments and hour
    # lines, written by _refresh_totals_in_bulk.
    _HOUR_TOTALS = [
        "hours_committed",
        "hours_done",
        "hours_direct_hire",
        "hours_provision",
        "hours_subcontracting",
        "hours_training",
        "progress",
        "participant_count",
        "hours_missing",
        "penalty_due",
    ]

    def _bulk_totals(self):
        """The step of ``refresh_in_bulk`` that gives the result of
        ``_compute_commitment_totals``, ``_compute_participant_count`` and
        ``_compute_penalty_due`` in one statement, after the commitments'
        step (a test compares both paths)."""
        return (self, self._HOUR_TOTALS, LOT_TOTALS_SQL, {})

    def _refresh_totals_in_bulk(self):
        """The totals of the lots, then of their operations, in SQL."""
        refresh_in_bulk(self._bulk_totals(), self.operation_id._bulk_totals())

    @api.depends(
        "commitment_ids.hour_ids.is_counted",
        "commitment_ids.hour_ids.participant_id",
    )
    def _compute_participant_count(self):
        groups = self.env["social.clause.hour"]._read_group(
            [("lot_id", "in", self.ids), ("is_counted", "=", True)],
            ["lot_id"],
            ["participant_id:count_distinct"],
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.participant_count = counts.get(lot.id, 0)

    @api.depends("hours_committed", "hours_required")
    def _compute_commitment_warning(self):
        for lot in self:
            lot.commitment_warning = lot._get_commitment_warning()

    def _get_commitment_warning(self):
        self.ensure_one()
        if not self.commitment_ids or not self.hours_required:
            return False
        if self.hours_committed < self.hours_required:
            return _(
                "The firms committed to %(committed)s hours, less than the "
                "%(required)s hours required by the lot %(lot)s.",
                committed=format_hours(self.hours_committed),
                required=format_hours(self.hours_required),
                lot=self.name,
            )
        if self.hours_committed > self.hours_required:
            return _(
                "The firms committed to %(committed)s hours, more than the "
                "%(required)s hours required by the lot %(lot)s.",
                committed=format_hours(self.hours_committed),
                required=format_hours(self.hours_required),
                lot=self.name,
            )
        return False

    def _expected_hours_at(self, day):
        """Hours that should be done at ``day`` at a steady pace."""
        self.ensure_one()
        if not (self.date_start and self.date_end) or day <= self.date_start:
            return 0.0
        if day >= self.date_end:
            return self.hours_required
        elapsed = (day - self.date_start).days
        duration = (self.date_end - self.date_start).days or 1
        return self.hours_required * elapsed / duration

    # A lot is behind when it did less than this share of its expected hours.
    _BEHIND_TOLERANCE = 0.8

    @api.depends("hours_done", "hours_required", "date_start", "date_end")
    def _compute_is_behind_schedule(self):
        today = fields.Date.context_today(self)
        for lot in self:
            expected = lot._expected_hours_at(today)
            lot.is_behind_schedule = bool(
                expected and lot.hours_done < expected * self._BEHIND_TOLERANCE
            )

    def _search_is_behind_schedule(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on the schedule flag."))
        lots = self.search(
            [
                ("date_start", "!=", False),
                ("date_end", "!=", False),
                ("operation_state", "=", "execution"),
            ]
        )
        behind_ids = lots.filtered("is_behind_schedule").ids
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", behind_ids)]

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("reference"):
                vals["reference"] = sequence.next_by_code("social.clause.lot")
        lots = super().create(vals_list)
        lots._check_operation_open()
        lots.requisition_id._check_single_social_clause_lot()
        return lots

    # What a closed or cancelled operation no longer lets anyone change.
    _LOCKED_WHEN_CLOSED = {
        "operation_id",
        "sector_id",
        "amount_untaxed",
        "labour_rate",
        "insertion_rate",
        "hourly_cost",
        "hours_required",
        "clause_type",
        "penalty_hour_rate",
        "penalty_late_day_rate",
    }

    def _check_operation_open(self):
        self.operation_id._check_open(_("changes to its lots"))

    def write(self, vals):
        if self._LOCKED_WHEN_CLOSED.intersection(vals):
            self._check_operation_open()
        res = super().write(vals)
        if "operation_id" in vals:
            self._check_operation_open()
        if "requisition_id" in vals:
            self.requisition_id._check_single_social_clause_lot()
        return res

    @api.depends("reference", "name", "operation_id.name")
    @api.depends_context("social_clause_lot_short_name")
    def _compute_display_name(self):
        # Inside its operation (its form, its commitments), a lot is its name.
        short = self.env.context.get("social_clause_lot_short_name")
        for lot in self:
            if short:
                lot.display_name = lot.name or ""
            else:
                lot.display_name = f"{lot.operation_id.name or ''} / {lot.name or ''}"

    # Upstream: the territory's capacity and the recommended lever ----------

    capacity_structure_ids = fields.Many2many(
        "res.partner",
        string="Suitable structures",
        compute="_compute_territory_capacity",
        help="SIAE, GEIQ, EA and ESAT of the area that work in the lot's sector.",
    )
    capacity_structure_count = fields.Integer(
        string="Suitable SIAE/EA/GEIQ", compute="_compute_territory_capacity"
    )
    capacity_siae_count = fields.Integer(
        string="Of which SIAE", compute="_compute_territory_capacity"
    )
    capacity_disability_count = fields.Integer(
        string="Of which EA/ESAT", compute="_compute_territory_capacity"
    )
    capacity_posts = fields.Integer(
        string="Their insertion posts", compute="_compute_territory_capacity"
    )
    capacity_hours = fields.Float(
        string="Hours a year they can absorb", compute="_compute_territory_capacity"
    )
    capacity_turnover_average = fields.Float(
        string="Their average turnover (€)", compute="_compute_territory_capacity"
    )
    capacity_dependency = fields.Float(
        string="Economic dependency (%)",
        compute="_compute_territory_capacity",
        help="The lot's amount divided by the average annual turnover of the "
        "suitable structures whose turnover is known.",
    )
    capacity_dependency_known = fields.Boolean(
        string="Dependency known", compute="_compute_territory_capacity"
    )
    capacity_training_body_count = fields.Integer(
        string="Training bodies of the sector", compute="_compute_territory_capacity"
    )
    capacity_pool_count = fields.Integer(
        string="Available eligible participants",
        compute="_compute_territory_capacity",
        help="Participants not placed, whose eligibility is valid today.",
    )
    recommended_lever = fields.Selection(
        LEVERS, compute="_compute_territory_capacity", string="Recommended lever"
    )
    recommended_clause_type = fields.Selection(
        CLAUSE_TYPES,
        compute="_compute_territory_capacity",
        string="Recommended clause type",
    )
    recommendation_note = fields.Char(
        string="Why", compute="_compute_territory_capacity"
    )
    lever_decision = fields.Selection(
        [("followed", "Recommendation followed"), ("overridden", "Overridden")],
        string="Lever decision",
        tracking=True,
        copy=False,
    )
    lever_applied = fields.Selection(
        LEVERS,
        string="Lever followed",
        tracking=True,
        copy=False,
        help="The recommended lever when the facilitator followed it.",
    )
    lever_override_reason = fields.Text(
        string="Reason for overriding", tracking=True, copy=False
    )

    def _has_social_consideration(self):
        """Whether the lot's contract carries a social or employment
        consideration: a reserved or insertion market, or a clause with hours."""
        self.ensure_one()
        return self.clause_type in RESERVED_OR_INSERTION or self.hours_required > 0

    @api.model
    def _count_available_pool(self, companies):
        """{company id: number of participants of the available pool today}
        (``social.clause.participant._available_pool_domain``). Counts only
        (sensitive fields are read as superuser)."""
        Participant = self.env["social.clause.participant"].sudo()
        groups = Participant._read_group(
            [
                ("company_id", "in", companies.ids),
                *Participant._available_pool_domain(),
            ],
            ["company_id"],
            ["__count"],
        )
        return {company.id: count for company, count in groups}

    @api.depends(
        "sector_id",
        "amount_untaxed",
        "operation_id.department_code",
        "operation_id.amount_untaxed",
    )
    def _compute_territory_capacity(self):
        Partner = self.env["res.partner"]
        sectors = self.sector_id
        structures = (
            Partner.search(Partner._siae_offer_domain(sectors)) if sectors else Partner
        )
        training_bodies = (
            Partner.search(
                [
                    ("social_clause_partner_kind", "=", "training_body"),
                    ("social_clause_sector_ids", "in", sectors.ids),
                ]
            )
            if sectors
            else Partner
        )
        pool = self._count_available_pool(self.company_id)
        for lot in self:
            department = (lot.operation_id.department_code or "").strip().upper()

            def in_area(partner, department=department):
                return not department or f",{department}," in (
                    partner.siae_area_key or ""
                )

            suitable = structures.filtered(
                lambda p, lot=lot, in_area=in_area: lot.sector_id
                in p.social_clause_sector_ids
                and in_area(p)
            )
            siae = suitable.filtered(lambda p: p.is_siae)
            disability = suitable.filtered(lambda p: p._is_disability_employer())
            turnovers = [t for t in suitable.mapped("siae_annual_turnover") if t > 0]
            average = sum(turnovers) / len(turnovers) if turnovers else 0.0
            dependency = 100.0 * lot.amount_untaxed / average if average else None
            lot.capacity_structure_ids = suitable
            lot.capacity_structure_count = len(suitable)
            lot.capacity_siae_count = len(siae)
            lot.capacity_disability_count = len(disability)
            lot.capacity_posts = sum(suitable.mapped("siae_posts"))
            lot.capacity_hours = sum(suitable.mapped("siae_hours_capacity"))
            lot.capacity_turnover_average = average
            lot.capacity_dependency = dependency or 0.0
            lot.capacity_dependency_known = dependency is not None
            lot.capacity_training_body_count = len(
                training_bodies.filtered(
                    lambda p, lot=lot, in_area=in_area: lot.sector_id
                    in p.social_clause_sector_ids
                    and in_area(p)
                )
            )
            lot.capacity_pool_count = pool.get(lot.company_id.id, 0)
            lot._set_recommendation(dependency)

    def _set_recommendation(self, dependency):
        """Recommended lever, clause type and why, from the capacity."""
        self.ensure_one()
        company = self.company_id or self.env.company
        if not self.sector_id:
            self.recommended_lever = False
            self.recommended_clause_type = False
            self.recommendation_note = _("Set the lot's sector to assess the offer.")
            return
        large_with_pool = (
            self.operation_id.amount_untaxed
            >= company.social_clause_lever_award_amount_min
            and self.capacity_pool_count >= company.social_clause_lever_award_pool_min
        )
        lever = recommend_lever(
            self.capacity_structure_count,
            dependency,
            large_with_pool,
            reserve_market_min=company.social_clause_lever_reserve_market_min,
            reserve_lot_min=company.social_clause_lever_reserve_lot_min,
            clause_min=company.social_clause_lever_clause_min,
            dependency_max=company.social_clause_lever_dependency_max,
        )
        self.recommended_lever = lever
        self.recommended_clause_type = self._clause_type_of_lever(lever)
        self.recommendation_note = self._recommendation_note(lever, dependency)

    def _recommendation_note(self, lever, dependency):
        """Why ``lever`` is recommended, with the lot's capacity figures."""
        self.ensure_one()
        values = {
            "count": self.capacity_structure_count,
            "dependency": (
                f"{dependency:.0f} %" if dependency is not None else _("unknown")
            ),
            "pool": self.capacity_pool_count,
        }
        notes = {
            "reserve_market": _(
                "%(count)s suitable structures and an economic dependency of "
                "%(dependency)s: reserve the whole market (SIAE: art. L2113-13; "
                "EA/ESAT: art. L2113-12).",
                **values,
            ),
            "reserve_lot": _(
                "%(count)s suitable structures (economic dependency "
                "%(dependency)s): reserve this lot (SIAE: art. L2113-13; "
                "EA/ESAT: art. L2113-12).",
                **values,
            ),
            "execution_condition": _(
                "%(count)s suitable structures: an execution condition "
                "(art. L2112-2), met by staff provision or subcontracting.",
                **values,
            ),
            "execution_and_award": _(
                "%(count)s suitable structures, a large operation and "
                "%(pool)s available candidates: an execution condition "
                "(art. L2112-2) and an award criterion on insertion "
                "performance (art. R2152-7 2° a).",
                **values,
            ),
            "training_or_none": _(
                "%(count)s suitable structure(s): a training-based clause "
                "(pre-recruitment training, chantier école), or no clause.",
                **values,
            ),
        }
        return notes[lever]

    def _clause_type_of_lever(self, lever):
        """The clause type that following ``lever`` writes on the lot."""
        self.ensure_one()
        if lever in ("reserve_market", "reserve_lot"):
            if self.capacity_disability_count > self.capacity_siae_count:
                return "reserved_ea"
            return "reserved_siae"
        if lever == "execution_and_award":
            return "award_criterion"
        return "execution_condition" if lever else False

    def _check_lever_can_change(self):
        for lot in self:
            if lot.operation_state != "draft":
                raise UserError(
                    _(
                        "The lever of the lot %(lot)s is chosen before "
                        "calibration: its operation is no longer a draft.",
                        lot=lot.display_name,
                    )
                )

    def action_follow_recommended_lever(self):
        """One click: the lot takes the recommended clause type."""
        self._check_lever_can_change()
        for lot in self:
            if not lot.recommended_lever:
                raise UserError(
                    _(
                        "No lever can be recommended for the lot %(lot)s: set "
                        "its sector first.",
                        lot=lot.display_name,
                    )
                )
            lot.write(
                {
                    "clause_type": lot.recommended_clause_type,
                    "lever_decision": "followed",
                    "lever_applied": lot.recommended_lever,
                    "lever_override_reason": False,
                }
            )
        return True

    def _override_lever(self, clause_type, reason):
        """Keep another clause type than the recommended one, for a reason
        that stays in the chatter."""
        self._check_lever_can_change()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for not following the recommendation."))
        self.write(
            {
                "clause_type": clause_type,
                "lever_decision": "overridden",
                "lever_applied": False,
                "lever_override_reason": reason.strip(),
            }
        )

    def action_open_lever_override(self):
        self.ensure_one()
        self._check_lever_can_change()
        return {
            "type": "ir.actions.act_window",
            "name": _("Override the recommended lever"),
            "res_model": "social.clause.lot.lever.override",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_lot_id": self.id,
                "default_clause_type": self.clause_type,
            },
        }

    def action_view_capacity_structures(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_siae_directory_action"
        )
        action["domain"] = [("id", "in", self.capacity_structure_ids.ids)]
        action["context"] = {}
        return action

    penalty_hour_rate = fields.Monetary(
        string="Penalty per missing hour",
        currency_field="currency_id",
        default=lambda self: self.env.company.social_clause_penalty_hour_rate,
        tracking=True,
        help="Written in the clause article: due at closing for each insertion "
        "hour not done (tax excluded).",
    )
    penalty_late_day_rate = fields.Monetary(
        string="Penalty per day of late reporting",
        currency_field="currency_id",
        default=lambda self: self.env.company.social_clause_penalty_late_day_rate,
        tracking=True,
        help="Written in the clause article: due for each day of delay in "
        "sending the quarterly reporting, after formal notice (tax excluded).",
    )
    hours_missing = fields.Float(
        string="Missing hours",
        compute="_compute_penalty_due",
        store=True,
        help="Required hours not done.",
    )
    penalty_due = fields.Monetary(
        string="Penalty due",
        currency_field="currency_id",
        compute="_compute_penalty_due",
        store=True,
        help="Once the operation is closed: missing hours x penalty per "
        "missing hour.",
    )

    @api.constrains("penalty_hour_rate", "penalty_late_day_rate")
    def _check_penalty_rates(self):
        for lot in self:
            if lot.penalty_hour_rate < 0 or lot.penalty_late_day_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The penalties of the lot %(lot)s cannot be negative.",
                        lot=lot.name,
                    )
                )

    @api.depends("hours_required", "hours_done", "penalty_hour_rate", "operation_state")
    def _compute_penalty_due(self):
        for lot in self:
            lot.hours_missing = missing_hours(lot.hours_done, lot.hours_required)
            lot.penalty_due = (
                lot.hours_missing * lot.penalty_hour_rate
                if lot.operation_state == "closed"
                else 0.0
            )

    # Clause article --------------------------------------------------------

    def _format_amount(self, amount):
        return formatLang(self.env, amount, currency_obj=self[:1].currency_id)

    def _get_clause_article(self):
        """The article to paste into the CCAP for these lots of one operation,
        following the skeleton of a real CCAP (art. 1.4): a list of sections
        ``{"title": str, "paragraphs": [str], "items": [str]}``. The PDF and
        the .docx are both written from it."""
        operation = self.operation_id
        if len(operation) != 1:
            raise UserError(
                self.env._("Print the clause article for the lots of one operation.")
            )
        lots = self.sorted(lambda lot: (lot.sequence, lot.id))
        return [
            {
                "title": self.env._("Legal basis"),
                "paragraphs": self._clause_article_basis(lots),
                "items": [],
            },
            {
                "title": self.env._("Lots concerned"),
                "paragraphs": [],
                "items": [
                    self.env._(
                        "%(lot)s (%(reference)s): %(amount)s excl. tax",
                        lot=lot.name,
                        reference=lot.reference or "-",
                        amount=self._format_amount(lot.amount_untaxed),
                    )
                    for lot in lots
                ],
            },
            self._clause_article_volume_section(lots),
            self._clause_article_publics_section(),
            self._clause_article_modalities_section(lots),
            self._clause_article_facilitator_section(operation),
            {
                "title": self.env._("Controls"),
                "paragraphs": [
                    self.env._(
                        "The facilitator checks the eligibility of each person, on "
                        "proofs, before the hours count, and the hours done, on "
                        "payslips, contracts or invoices of provision of staff."
                    )
                ],
                "items": [],
            },
            self._clause_article_reporting_section(operation),
            self._clause_article_penalties_section(lots),
        ]

    def _clause_article_basis(self, lots):
        """The legal basis of each clause type of ``lots``, naming the lots
        of each type when they mix types."""
        clause_types = dict(
            self._fields["clause_type"]._description_selection(self.env)
        )
        basis = []
        for clause_type in dict.fromkeys(lots.mapped("clause_type")):
            text = self.env._(CLAUSE_BASIS_TEXTS[clause_type])
            if len(set(lots.mapped("clause_type"))) > 1:
                text = self.env._(
                    "%(text)s Lots: %(lots)s (%(type)s).",
                    text=text,
                    lots=", ".join(
                        lots.filtered(
                            lambda lot, t=clause_type: lot.clause_type == t
                        ).mapped("name")
                    ),
                    type=clause_types[clause_type],
                )
            basis.append(text)
        return basis

    def _clause_article_facilitator_section(self, operation):
        """Who facilitates the clause and how to reach them."""
        facilitator = operation.user_id
        company = operation.company_id
        contact = ", ".join(
            value for value in (facilitator.email, facilitator.phone) if value
        )
        return {
            "title": self.env._("The facilitator"),
            "paragraphs": [
                self.env._(
                    "%(company)s, represented by %(name)s (%(contact)s), "
                    "facilitates the clause. The facilitator informs the firm, "
                    "finds candidates from its job descriptions, organises "
                    "training, follows the people until the end of their "
                    "integration, directs the firm to integration structures "
                    "and checks the execution of the clause.",
                    company=company.name,
                    name=facilitator.name or company.name,
                    contact=contact or company.email or "-",
                )
            ],
            "items": [],
        }

    def _clause_article_penalties_section(self, lots):
        """One rate for all the lots, or one line a lot."""
        rates = {(lot.penalty_hour_rate, lot.penalty_late_day_rate) for lot in lots}
        if len(rates) == 1:
            hour_rate, day_rate = rates.pop()
            penalties = [
                self.env._(
                    "If the clause is not carried out, a penalty of %(hour_rate)s "
                    "excl. tax per missing insertion hour is applied at closing, "
                    "and a penalty of %(day_rate)s excl. tax per day of late "
                    "reporting after formal notice.",
                    hour_rate=self._format_amount(hour_rate),
                    day_rate=self._format_amount(day_rate),
                )
            ]
            penalty_items = []
        else:
            penalties = [
                self.env._(
                    "If the clause is not carried out, the following penalties "
                    "apply (excl. tax):"
                )
            ]
            penalty_items = [
                self.env._(
                    "%(lot)s: %(hour_rate)s per missing insertion hour at closing, "
                    "%(day_rate)s per day of late reporting after formal notice",
                    lot=lot.name,
                    hour_rate=self._format_amount(lot.penalty_hour_rate),
                    day_rate=self._format_amount(lot.penalty_late_day_rate),
                )
                for lot in lots
            ]
        return {
            "title": self.env._("Penalties"),
            "paragraphs": penalties
            + [
                self.env._(
                    "Penalties are deducted from the payments; they do not "
                    "release the holder from its obligation."
                )
            ],
            "items": penalty_items,
        }

    def _clause_article_volume_section(self, lots):
        """The volume of hours of each lot; a reserved lot gets none: the
        inclusive structure carries out the market itself."""
        with_volume = lots.filtered(lambda lot: has_hour_volume(lot.clause_type))
        reserved = lots - with_volume
        paragraphs = []
        if with_volume:
            paragraphs.append(
                self.env._(
                    "The holder of each lot commits to carry out at least the "
                    "following number of insertion hours, all the firms of the "
                    "lot together (holder, co-contractors and subcontractors):"
                )
            )
        if reserved:
            paragraphs.append(
                self.env._(
                    "Reserved lots (%(lots)s): the market is carried out by the "
                    "inclusive structure itself; no volume of insertion hours "
                    "is asked.",
                    lots=", ".join(reserved.mapped("name")),
                )
            )
        return {
            "title": self.env._("Volume of insertion hours"),
            "paragraphs": paragraphs,
            "items": [
                self.env._(
                    "%(lot)s: %(hours)s hours",
                    lot=lot.name,
                    hours=format_hours(lot.hours_required, self.env, grouping=True),
                )
                for lot in with_volume
            ],
        }

    def _clause_article_publics_section(self):
        return {
            "title": self.env._("Eligible publics"),
            "paragraphs": [
                self.env._(
                    "The hours count for the following people far from employment:"
                )
            ],
            "items": [
                self.env._(
                    "long-term job seekers (registered for more than 12 months)"
                ),
                self.env._("job seekers aged 50 and over"),
                self.env._("recipients of the RSA and their dependants"),
                self.env._(
                    "recipients of the AAH, the ASS or an invalidity pension, "
                    "and disabled workers (article L5212-13 of the labour code)"
                ),
                self.env._(
                    "young people under 26 with a qualification below CAP level, "
                    "or followed in a PACEA, an EPIDE or a second-chance school"
                ),
                self.env._("employees of an integration structure (SIAE) or of a GEIQ"),
                self.env._("people under the supervision of the justice system"),
                self.env._("refugees and beneficiaries of subsidiary protection"),
                self.env._(
                    "residents of a priority neighbourhood (QPV) far from " "employment"
                ),
                self.env._(
                    "other people, on the reasoned opinion of the facilitator "
                    "or of a public employment service"
                ),
            ],
        }

    def _clause_article_modalities_section(self, lots):
        """The ways to meet the obligation; training when a lot allows it."""
        training_lots = lots.filtered("training_allowed")
        texts = {
            "direct_hire": self.env._(
                "direct hire: CDI, CDD, site contract, apprenticeship or "
                "professionalisation contract"
            ),
            "provision": self.env._(
                "provision of staff by an integration temp agency (ETTI), "
                "an intermediary association (AI), a GEIQ or a temp agency"
            ),
            "subcontracting": self.env._(
                "subcontracting or co-contracting with an integration "
                "structure (EI, ACI) or an adapted company (EA)"
            ),
            "training": self.env._(
                "training of the people in insertion (pre-recruitment "
                "training, qualifying training), its hours counted as "
                "insertion hours"
            ),
        }
        if training_lots and training_lots != lots:
            texts["training"] = self.env._(
                "%(text)s (lots %(lots)s)",
                text=texts["training"],
                lots=", ".join(training_lots.mapped("name")),
            )
        return {
            "title": self.env._("How the firm meets its obligation"),
            "paragraphs": [
                self.env._("The firm chooses one or several of these ways:")
            ],
            "items": [texts[key] for key in article_modalities(bool(training_lots))],
        }

    def _clause_article_reporting_section(self, operation):
        """The reporting the operation follows (monthly by default)."""
        if reporting_frequency(operation.reporting_frequency) == "quarterly":
            when = self.env._(
                "Every quarter (31 March, 30 June, 30 September, 31 "
                "December), the holder sends the attestations and proofs "
                "of the hours done to the facilitator before the 15th of "
                "the following month."
            )
        else:
            when = self.env._(
                "Every month, the holder declares the hours done in the "
                "month and sends their proofs to the facilitator before the "
                "15th of the following month."
            )
        return {
            "title": self.env._("Reporting"),
            "paragraphs": [
                self.env._(
                    "%(when)s It names a contact for the clause. When it meets "
                    "difficulties in carrying out the clause, it informs the "
                    "facilitator and the buyer by registered letter.",
                    when=when,
                )
            ],
            "items": [],
        }

    def _get_clause_article_title(self):
        return self.env._(
            "Social insertion clause - %(operation)s",
            operation=self.operation_id[:1].display_name,
        )

    def _get_clause_article_docx(self):
        """The clause article as a Word document the buyer can edit
        (python-docx)."""
        if docx is None:  # pragma: no cover
            raise UserError(self.env._("The python-docx library is not installed."))
        document = docx.Document()
        document.add_heading(self._get_clause_article_title(), level=1)
        for index, section in enumerate(self._get_clause_article(), start=1):
            document.add_heading(f"{index}. {section['title']}", level=2)
            for paragraph in section["paragraphs"]:
                document.add_paragraph(paragraph)
            for item in section["items"]:
                document.add_paragraph(item, style="List Bullet")
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()

    def action_download_clause_docx(self):
        """Download the clause article of these lots as a .docx."""
        self.check_access("read")
        content = self._get_clause_article_docx()
        operation = self.operation_id[:1]
        attachment = self.env["ir.attachment"].create(
            {
                "name": document_filename(self._get_clause_article_title(), "docx"),
                "raw": content,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                "res_model": operation._name,
                "res_id": operation.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
