# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import format_date

from .res_partner import EMPLOYER_KINDS, SIAE_KINDS

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
    "siae_department_codes",
    "siae_communes",
    "siae_approval_number",
    "siae_approval_date",
}
DISABILITY_KINDS = ("ea", "esat")


def department_of_zip(zip_code):
    """The French department code of a postcode: '59000' -> '59',
    '97100' -> '971', Corsica '20000' -> '2A' and '20200' -> '2B'."""
    digits = re.sub(r"\s", "", zip_code or "")
    if not re.fullmatch(r"\d{5}", digits):
        return ""
    if digits.startswith("97") or digits.startswith("98"):
        return digits[:3]
    if digits.startswith("20"):
        return "2A" if digits[:3] in ("200", "201") else "2B"
    return digits[:2]


def normalize_department_codes(text):
    """Department codes as a list: '59, 62;2a 1' -> ['59', '62', '2A', '01']."""
    codes = []
    for token in re.split(r"[\s,;/|]+", (text or "").upper()):
        if not token:
            continue
        if token.isdigit() and len(token) == 1:
            token = "0" + token
        if token not in codes:
            codes.append(token)
    return codes


# Kept apart from res_partner.py so that parallel branches merge cleanly.
class ResPartner(models.Model):
    """The diagnostic of an inclusion employer (SIAE, GEIQ, EA, ESAT): what
    it offers, how much it can absorb, where it works."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
    siae_department_codes = fields.Char(
        string="Departments served",
        help="Department codes separated by commas, e.g. 59, 62.",
    )
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

    @api.depends("siae_department", "siae_department_codes")
    def _compute_siae_area_key(self):
        for partner in self:
            codes = normalize_department_codes(partner.siae_department_codes)
            own = normalize_department_codes(partner.siae_department)
            codes = own + [code for code in codes if code not in own]
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

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("social_clause_employer_kind") and not vals.get(
                "siae_diagnostic_date"
            ):
                vals["siae_diagnostic_date"] = today
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
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

    def _is_siae_for_reservation(self):
        """Kinds a market reserved under L2113-13 admits (the SIAE)."""
        return self.social_clause_employer_kind in SIAE_KINDS

    def _is_disability_employer(self):
        return self.social_clause_employer_kind in DISABILITY_KINDS
