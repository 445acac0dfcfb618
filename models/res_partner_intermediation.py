# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Kept apart from res_partner.py: the intermediation's partner fields.
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models

from .social_clause_job_offer import PRESCRIBER_KINDS, area_code_of


class ResPartner(models.Model):
    """Partners' agreements, areas of intervention and the people they
    prescribed."""

    _inherit = "res.partner"

    social_clause_area_codes = fields.Char(
        string="Areas of intervention",
        help="Départements where the prescriber works, separated by commas "
        "(e.g. 59, 62); its portal users see the open job offers there. "
        "Empty: the département of its address.",
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
            if partner.social_clause_partner_kind in PRESCRIBER_KINDS or (
                partner.is_siae
            ):
                raw = partner.social_clause_area_codes or ""
                codes = [code for code in raw.replace(";", ",").split(",") if code]
                codes = [area_code_of(code) for code in codes]
                if not codes and area_code_of(partner.zip):
                    codes = [area_code_of(partner.zip)]
            partner.social_clause_area_code_list = [code for code in codes if code]
