# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_date

from ..rules.geography import (
    areas_served,
    department_of_zip,
    normalize_department_codes,
)
from ..rules.identity import compact_siret, format_siret
from .common import clean_siret, format_hours

BUYER_KINDS = [
    ("state", "State"),
    ("local_authority", "Local authority"),
    ("public_body", "Public body"),
    ("social_landlord", "Social landlord"),
    ("private", "Private client"),
]
EMPLOYER_KINDS = [
    ("ei", "EI (integration enterprise)"),
    ("etti", "ETTI (temporary work integration enterprise)"),
    ("ai", "AI (intermediary association)"),
    ("aci", "ACI (integration workshop and site)"),
    ("eiti", "EITI (independent work integration enterprise)"),
    ("geiq", "GEIQ (employers' group for integration and qualification)"),
    ("ea", "EA (adapted enterprise)"),
    ("esat", "ESAT (work-based support establishment)"),
]
SIAE_KINDS = ("ei", "etti", "ai", "aci", "eiti")
# Partners whose portal users propose people for the open offers of their area
# (inclusion employers too, for their own recruitments).
PRESCRIBER_KINDS = ("france_travail", "mission_locale", "cap_emploi", "plie")
INSERTION_PARTNER_KINDS = [
    ("france_travail", "France Travail"),
    ("mission_locale", "Mission Locale"),
    ("cap_emploi", "Cap Emploi"),
    ("plie", "PLIE"),
    ("training_body", "Training body"),
    ("other", "Other insertion partner"),
]


# Fields of the diagnostic: changing one of them dates the diagnostic.
SIAE_DIAGNOSTIC_FIELDS = {
    "social_clause_employer_kind",
    "social_clause_sector_ids",
    "siae_services",
    "siae_offers_provision",
    "siae_offers_service",
    "siae_offers_goods",
    "siae_posts",
    "siae_people_in_path",
    "siae_hours_capacity",
    "siae_annual_turnover",
    "social_clause_area_codes",
    "siae_communes",
    "siae_approval_number",
    "siae_approval_date",
}

DISABILITY_KINDS = ("ea", "esat")


class ResPartner(models.Model):
    _inherit = "res.partner"

    social_clause_buyer_kind = fields.Selection(
        BUYER_KINDS,
        string="Buyer kind",
        help="Set it to make this partner a buyer (donneur d'ordre) of social "
        "clauses.",
    )
    is_social_clause_buyer = fields.Boolean(
        string="Is a buyer",
        compute="_compute_social_clause_roles",
        store=True,
    )
    social_clause_employer_kind = fields.Selection(
        EMPLOYER_KINDS,
        string="Inclusion employer kind",
        help="SIAE, GEIQ or disability employer (EA, ESAT).",
    )
    is_siae = fields.Boolean(
        string="Is an SIAE",
        compute="_compute_social_clause_roles",
        store=True,
    )
    social_clause_partner_kind = fields.Selection(
        INSERTION_PARTNER_KINDS,
        string="Insertion partner kind",
        help="Employment service, local plan or training body that mobilises "
        "and follows participants.",
    )
    social_clause_sector_ids = fields.Many2many(
        "social.clause.sector",
        "res_partner_social_clause_sector_rel",
        "partner_id",
        "sector_id",
        string="Sectors of activity",
    )
    # Computed, not a plain One2many: a search on a One2many runs as a raw
    # subquery that ignores both the field's groups and the comodel's rights,
    # which would tell any internal user which firms hold commitments.
    social_clause_commitment_ids = fields.One2many(
        "social.clause.commitment",
        string="Social clause commitments",
        compute="_compute_social_clause_commitment_ids",
        search="_search_social_clause_commitment_ids",
        groups="social_clause.group_user",
    )
    social_clause_commitment_count = fields.Integer(
        string="Commitments", compute="_compute_social_clause_commitment_count"
    )

    @api.depends("social_clause_buyer_kind", "social_clause_employer_kind")
    def _compute_social_clause_roles(self):
        for partner in self:
            partner.is_social_clause_buyer = bool(partner.social_clause_buyer_kind)
            partner.is_siae = partner.social_clause_employer_kind in SIAE_KINDS

    def _compute_social_clause_commitment_ids(self):
        commitments = self.env["social.clause.commitment"].search(
            [("partner_id", "in", self.ids)]
        )
        for partner in self:
            partner.social_clause_commitment_ids = commitments.filtered(
                lambda commitment, partner=partner: commitment.partner_id == partner
            )

    def _search_social_clause_commitment_ids(self, operator, value):
        """Searchable by facilitators only, through their own rights on the
        commitments (access rules and record rules apply)."""
        if not self.env.su and not self.env.user.has_group("social_clause.group_user"):
            raise AccessError(
                _("Only facilitators may search partners by their commitments.")
            )
        commitments = self.env["social.clause.commitment"]
        negative = operator in ("!=", "not in", "not ilike", "not like")
        if operator in ("any", "not any"):
            negative = operator == "not any"
            domain = list(value)
        elif value is False or value == []:
            # (x, '=', False): partners without commitments
            negative = not negative
            domain = []
        elif isinstance(value, str):
            positive = {"not ilike": "ilike", "not like": "like", "!=": "="}
            domain = [("display_name", positive.get(operator, operator), value)]
        else:
            domain = [
                ("id", "in", value if isinstance(value, list | tuple) else [value])
            ]
        held = commitments._search(domain).subselect(
            SQL.identifier(commitments._table, "partner_id")
        )
        return [("id", "not in" if negative else "in", held)]

    def _compute_social_clause_commitment_count(self):
        counts = {}
        if self.env["social.clause.commitment"].has_access("read"):
            groups = self.env["social.clause.commitment"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
            counts = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.social_clause_commitment_count = counts.get(
                partner.commercial_partner_id.id, 0
            )

    def action_view_social_clause_commitments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_commitment_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    social_clause_buyer_status = fields.Selection(
        [("prospect", "Prospect"), ("buyer", "Buyer with operations")],
        string="Buyer status",
        compute="_compute_social_clause_buyer_status",
        store=True,
        help="A buyer without any operation is a prospect; its first "
        "operation makes it a buyer.",
    )
    social_clause_operation_ids = fields.One2many(
        "social.clause.operation", "buyer_id", string="Operations as buyer"
    )
    social_clause_action_ids = fields.One2many(
        "social.clause.action", "partner_id", string="Promotion and advice actions"
    )
    social_clause_action_count = fields.Integer(
        string="Actions", compute="_compute_social_clause_action_count"
    )
    social_clause_operation_count = fields.Integer(
        string="Operations", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_hours_required = fields.Float(
        string="Hours required", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_hours_done = fields.Float(
        string="Hours done", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_results = fields.Html(
        string="Results by year",
        compute="_compute_social_clause_buyer_results",
        sanitize=False,
    )

    @api.depends("social_clause_buyer_kind", "social_clause_operation_ids")
    def _compute_social_clause_buyer_status(self):
        for partner in self:
            if not partner.social_clause_buyer_kind:
                partner.social_clause_buyer_status = False
            elif partner.sudo().social_clause_operation_ids:
                partner.social_clause_buyer_status = "buyer"
            else:
                partner.social_clause_buyer_status = "prospect"

    def _compute_social_clause_action_count(self):
        actions = self.env["social.clause.action"]
        counts = {}
        if actions.has_access("read"):
            counts = dict(
                actions._read_group(
                    [("partner_id", "in", self.commercial_partner_id.ids)],
                    ["partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.social_clause_action_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _compute_social_clause_buyer_totals(self):
        operations = self.env["social.clause.operation"]
        totals = {}
        if operations.has_access("read"):
            totals = {
                buyer: (count, required, done)
                for buyer, count, required, done in operations._read_group(
                    [
                        ("buyer_id", "in", self.commercial_partner_id.ids),
                        ("state", "!=", "cancelled"),
                    ],
                    ["buyer_id"],
                    ["__count", "hours_required:sum", "hours_done:sum"],
                )
            }
        for partner in self:
            count, required, done = totals.get(
                partner.commercial_partner_id, (0, 0.0, 0.0)
            )
            partner.social_clause_operation_count = count
            partner.social_clause_buyer_hours_required = required
            partner.social_clause_buyer_hours_done = done

    def _social_clause_buyer_results_by_year(self):
        """{year: {operations, hours_required, hours_done, participants}} of
        the buyer: operations by their start year, hours counted in the
        month they were worked. Counts only, never names."""
        self.ensure_one()
        buyer = self.commercial_partner_id
        results = defaultdict(
            lambda: {
                "operations": 0,
                "hours_required": 0.0,
                "hours_done": 0.0,
                "participants": 0,
            }
        )
        Operation = self.env["social.clause.operation"]
        if not Operation.has_access("read"):
            return {}
        for year, count, required in Operation._read_group(
            [
                ("buyer_id", "=", buyer.id),
                ("state", "!=", "cancelled"),
                ("date_start", "!=", False),
            ],
            ["date_start:year"],
            ["__count", "hours_required:sum"],
        ):
            results[year.year]["operations"] = count
            results[year.year]["hours_required"] = required
        for year, done, participants in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [
                    ("buyer_id", "=", buyer.id),
                    ("is_counted", "=", True),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["date:year"],
                ["hours:sum", "participant_id:count_distinct"],
            )
        ):
            results[year.year]["hours_done"] = done
            results[year.year]["participants"] = participants
        return dict(sorted(results.items()))

    def _compute_social_clause_buyer_results(self):
        for partner in self:
            if not partner.social_clause_buyer_kind:
                partner.social_clause_buyer_results = False
                continue
            rows = partner._social_clause_buyer_results_by_year()
            if not rows:
                partner.social_clause_buyer_results = Markup("<p>%s</p>") % _(
                    "No operation with a start date yet."
                )
                continue
            header = Markup("").join(
                Markup("<th>%s</th>") % label
                for label in (
                    _("Year"),
                    _("Operations started"),
                    _("Hours required by these operations"),
                    _("Hours done in the year"),
                    _("People who worked in the year"),
                )
            )
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                )
                % (
                    year,
                    values["operations"],
                    format_hours(values["hours_required"]),
                    format_hours(values["hours_done"]),
                    values["participants"],
                )
                for year, values in rows.items()
            )
            partner.social_clause_buyer_results = (
                Markup('<table class="table table-sm o_social_clause_buyer_results">')
                + Markup("<thead><tr>")
                + header
                + Markup("</tr></thead><tbody>")
                + body
                + Markup("</tbody></table>")
            )

    def _get_social_clause_action_role(self):
        """The role of this organisation in a promotion action."""
        if not self:
            return False
        self.ensure_one()
        if self.social_clause_buyer_status == "buyer":
            return "buyer"
        if self.social_clause_buyer_status == "prospect":
            return "prospect"
        if self.social_clause_employer_kind or self.social_clause_partner_kind:
            return "partner"
        return "firm"

    def action_view_social_clause_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_action_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_view_social_clause_operations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_operation_action"
        )
        action["domain"] = [("buyer_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_buyer_id": self.commercial_partner_id.id}
        return action

    def action_view_social_clause_buyer_hours(self):
        """The buyer's validated hours over time (graph by month)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Results of %(buyer)s", buyer=self.commercial_partner_id.name),
            "res_model": "social.clause.hour",
            "view_mode": "graph,pivot,list",
            "domain": [
                ("buyer_id", "=", self.commercial_partner_id.id),
                ("is_counted", "=", True),
            ],
            "context": {
                "graph_groupbys": ["date:month"],
                "pivot_row_groupby": ["date:year"],
            },
        }

    def action_social_clause_new_action(self):
        """Plan a new promotion action with this organisation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "social.clause.action",
            "view_mode": "form",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    social_clause_area_codes = fields.Char(
        string="Areas of intervention",
        help="Départements served, separated by commas (e.g. 59, 62): a "
        "prescriber's portal users see the open job offers there, the SIAE "
        "directory finds an inclusion employer there (its own département "
        "always). Empty: the département of its address.",
    )
    social_clause_area_code_list = fields.Json(
        compute="_compute_social_clause_area_code_list",
        help="Départements whose open offers the prescriber's portal users see.",
    )
    social_clause_partnership_ids = fields.One2many(
        "social.clause.partnership",
        "partner_id",
        string="Agreements",
        groups="social_clause.group_user",
    )
    social_clause_prescribed_candidacy_ids = fields.One2many(
        "social.clause.candidacy",
        "prescriber_id",
        string="Proposals",
        groups="social_clause.group_user",
    )
    social_clause_prescribed_participant_ids = fields.One2many(
        "social.clause.participant",
        "prescriber_id",
        string="People prescribed",
        groups="social_clause.group_user",
    )

    @api.depends(
        "social_clause_area_codes",
        "zip",
        "social_clause_partner_kind",
        "social_clause_employer_kind",
    )
    def _compute_social_clause_area_code_list(self):
        for partner in self:
            codes = []
            if partner._is_social_clause_prescriber():
                codes = areas_served(partner.social_clause_area_codes, partner.zip)
            partner.social_clause_area_code_list = codes

    siae_services = fields.Text(
        string="Services offered",
        help="What the structure offers buyers and firms (works, services, "
        "products).",
    )
    siae_offers_provision = fields.Boolean(
        string="Staff provision, temporary work",
        help="Mise à disposition de personnel, intérim d'insertion.",
    )
    siae_offers_service = fields.Boolean(
        string="Services", help="Prestation de service, subcontracting of works."
    )
    siae_offers_goods = fields.Boolean(
        string="Goods", help="Fabrication et commercialisation de biens."
    )
    siae_posts = fields.Integer(
        string="Insertion posts", help="Approved insertion posts (full-time)."
    )
    siae_people_in_path = fields.Integer(
        string="People in path", help="People currently employed in an insertion path."
    )
    siae_hours_capacity = fields.Float(
        string="Hours a year it can absorb",
        help="Insertion hours the structure can take on in a year, on top of "
        "its current activity.",
    )
    siae_annual_turnover = fields.Float(
        string="Annual turnover (€)",
        help="Last known annual turnover: the economic dependency of a lot is "
        "its amount divided by the average turnover of the suitable structures.",
    )
    siae_department = fields.Char(
        string="Department",
        compute="_compute_siae_department",
        store=True,
        readonly=False,
        help="Department code of the structure, from its postcode.",
    )
    siae_region = fields.Char(string="Region")
    siae_communes = fields.Text(string="Communes served")
    siae_area_key = fields.Char(
        string="Area key",
        compute="_compute_siae_area_key",
        store=True,
        index="trigram",
        help="Departments served, its own included, as ',59,62,' for searches.",
    )
    siae_approval_number = fields.Char(string="Approval (agrément)")
    siae_approval_date = fields.Date(string="Approval date")
    siae_diagnostic_date = fields.Date(
        string="Diagnostic updated on",
        copy=False,
        help="Set each time a field of the diagnostic changes.",
    )
    siae_reference_count = fields.Integer(
        string="References",
        compute="_compute_siae_references",
        help="Operations the structure worked on, as holder, co-contractor or "
        "subcontractor.",
    )
    siae_reference_hours = fields.Float(
        string="Insertion hours done in clauses",
        compute="_compute_siae_references",
    )
    siae_map_url = fields.Char(
        string="Map", compute="_compute_siae_map_url", help="OpenStreetMap link."
    )

    @api.depends("zip")
    def _compute_siae_department(self):
        for partner in self:
            partner.siae_department = department_of_zip(partner.zip) or (
                partner.siae_department
            )

    @api.depends("siae_department", "social_clause_area_codes")
    def _compute_siae_area_key(self):
        for partner in self:
            codes = areas_served(
                partner.social_clause_area_codes,
                partner.siae_department,
                include_own=True,
            )
            partner.siae_area_key = f",{','.join(codes)}," if codes else False

    def _compute_siae_references(self):
        commitments = self.env["social.clause.commitment"]
        counts = {}
        if commitments.has_access("read"):
            counts = {
                partner.id: (operations, hours)
                for partner, operations, hours in commitments._read_group(
                    [("partner_id", "in", self.commercial_partner_id.ids)],
                    ["partner_id"],
                    ["operation_id:count_distinct", "hours_done:sum"],
                )
            }
        for partner in self:
            operations, hours = counts.get(partner.commercial_partner_id.id, (0, 0.0))
            partner.siae_reference_count = operations
            partner.siae_reference_hours = hours

    @api.depends("partner_latitude", "partner_longitude")
    def _compute_siae_map_url(self):
        for partner in self:
            if partner.partner_latitude or partner.partner_longitude:
                partner.siae_map_url = (
                    "https://www.openstreetmap.org/?mlat="
                    f"{partner.partner_latitude:.6f}&mlon="
                    f"{partner.partner_longitude:.6f}#map=15/"
                    f"{partner.partner_latitude:.6f}/{partner.partner_longitude:.6f}"
                )
            else:
                partner.siae_map_url = False

    @api.constrains(
        "siae_posts",
        "siae_people_in_path",
        "siae_hours_capacity",
        "siae_annual_turnover",
    )
    def _check_siae_capacity(self):
        for partner in self:
            if (
                min(
                    partner.siae_posts,
                    partner.siae_people_in_path,
                    partner.siae_hours_capacity,
                    partner.siae_annual_turnover,
                )
                < 0
            ):
                raise ValidationError(
                    _(
                        "The capacity of %(partner)s (posts, people, hours, "
                        "turnover) cannot be negative.",
                        partner=partner.name,
                    )
                )

    # The SIRET -----------------------------------------------------------------

    @api.model
    def _social_clause_compact_registry(self, vals):
        """A SIRET typed with spaces, dots or dashes is stored as its 14
        digits, so that the imports and the duplicate check match it."""
        registry = vals.get("company_registry")
        if registry and len(compact_siret(registry)) == 14:
            vals["company_registry"] = compact_siret(registry)
        return vals

    def _social_clause_registry_is_siret(self):
        """The company ID of a French partner (or one without a country) is
        its SIRET."""
        self.ensure_one()
        return self.country_code in (False, "FR")

    @api.onchange("company_registry")
    def _onchange_social_clause_siret(self):
        if self.company_registry and self._social_clause_registry_is_siret():
            self.company_registry = compact_siret(self.company_registry)

    @api.constrains("company_registry", "country_id")
    def _check_social_clause_siret(self):
        for partner in self:
            if partner.company_registry and partner._social_clause_registry_is_siret():
                try:
                    clean_siret(self.env, partner.company_registry)
                except UserError as error:
                    raise ValidationError(error.args[0]) from error

    @api.model
    def _social_clause_search_siret(self, sirets, domain=None):
        """Partners whose SIRET is one of ``sirets`` (compact), also when it
        was stored with its spaces before they were removed on save."""
        keys = set()
        for number in sirets:
            keys.update({number, format_siret(number)})
        return self.search(
            expression.AND([[("company_registry", "in", list(keys))], domain or []])
        )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            self._social_clause_compact_registry(vals)
            if vals.get("social_clause_employer_kind") and not vals.get(
                "siae_diagnostic_date"
            ):
                vals["siae_diagnostic_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(self._social_clause_compact_registry(dict(vals)))
        if SIAE_DIAGNOSTIC_FIELDS.intersection(vals) and "siae_diagnostic_date" not in (
            vals
        ):
            employers = self.filtered("social_clause_employer_kind")
            if employers:
                super(ResPartner, employers).write(
                    {"siae_diagnostic_date": fields.Date.context_today(self)}
                )
        return res

    # The offer, searched -----------------------------------------------------

    @api.model
    def _siae_offer_domain(self, sectors=None, department=None, kinds=None):
        """Inclusion employers working in one of ``sectors`` (records), that
        serve ``department`` (a code, or an area typed by a user: a postcode
        or a town), of one of ``kinds`` (employer kind codes)."""
        domain = [
            ("social_clause_employer_kind", "in", list(kinds or dict(EMPLOYER_KINDS))),
            ("is_company", "=", True),
        ]
        if sectors:
            domain.append(("social_clause_sector_ids", "in", sectors.ids))
        area = (department or "").strip()
        if area:
            codes = normalize_department_codes(area)
            if len(codes) == 1 and len(codes[0]) <= 3:
                domain.append(("siae_area_key", "ilike", f",{codes[0]},"))
            else:
                domain = expression.AND(
                    [
                        domain,
                        [
                            "|",
                            "|",
                            ("city", "ilike", area),
                            ("zip", "=like", f"{area}%"),
                            ("siae_communes", "ilike", area),
                        ],
                    ]
                )
        return domain

    @api.model
    def _search_siae_offer(self, sectors=None, department=None, kinds=None):
        return self.search(
            self._siae_offer_domain(sectors, department, kinds), order="name"
        )

    def _siae_catalogue_lines(self):
        """What the catalogue of the offer shows of each structure (PDF and
        XLSX alike): public directory data, never turnover or people."""
        kinds = dict(
            self._fields["social_clause_employer_kind"]._description_selection(self.env)
        )
        offers = [
            ("siae_offers_provision", _("Staff provision, temporary work")),
            ("siae_offers_service", _("Services")),
            ("siae_offers_goods", _("Goods")),
        ]
        lines = []
        for partner in self:
            lines.append(
                {
                    "name": partner.name,
                    "kind": kinds.get(partner.social_clause_employer_kind, ""),
                    "siret": partner.company_registry or "",
                    "sectors": ", ".join(
                        partner.social_clause_sector_ids.mapped("name")
                    ),
                    "services": partner.siae_services or "",
                    "offers": ", ".join(
                        label for field, label in offers if partner[field]
                    ),
                    "address": ", ".join(
                        part
                        for part in (partner.street, partner.zip, partner.city)
                        if part
                    ),
                    "area": ", ".join(
                        part
                        for part in (
                            (partner.siae_area_key or "").strip(",").replace(",", ", "),
                            partner.siae_communes,
                        )
                        if part
                    ),
                    "posts": partner.siae_posts,
                    "hours_capacity": partner.siae_hours_capacity,
                    "approval": " ".join(
                        part
                        for part in (
                            partner.siae_approval_number,
                            partner.siae_approval_date
                            and format_date(self.env, partner.siae_approval_date),
                        )
                        if part
                    ),
                    "references": partner.siae_reference_count,
                    "phone": partner.phone or "",
                    "email": partner.email or "",
                    "website": partner.website or "",
                }
            )
        return lines

    def action_view_siae_references(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_operation_action"
        )
        commitments = self.env["social.clause.commitment"].search(
            [("partner_id", "child_of", self.commercial_partner_id.id)]
        )
        action["domain"] = [("id", "in", commitments.operation_id.ids)]
        return action

    def _is_social_clause_prescriber(self):
        """Whether the partner's portal users may propose people for the open
        offers of its area: a prescriber, or an inclusion employer."""
        self.ensure_one()
        return self.social_clause_partner_kind in PRESCRIBER_KINDS or self.is_siae

    def _is_disability_employer(self):
        return self.social_clause_employer_kind in DISABILITY_KINDS
