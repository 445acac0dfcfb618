# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

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
INSERTION_PARTNER_KINDS = [
    ("france_travail", "France Travail"),
    ("mission_locale", "Mission Locale"),
    ("cap_emploi", "Cap Emploi"),
    ("plie", "PLIE"),
    ("training_body", "Training body"),
    ("other", "Other insertion partner"),
]


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
