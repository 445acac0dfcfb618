# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SurveyUserInput(models.Model):
    """An answer to a social clause evaluation knows what it evaluates."""

    _inherit = "survey.user_input"

    social_clause_audience = fields.Selection(
        related="survey_id.social_clause_audience", store=True
    )
    social_clause_commitment_id = fields.Many2one(
        "social.clause.commitment",
        string="Evaluated commitment",
        index="btree_not_null",
        ondelete="set null",
    )
    social_clause_participant_id = fields.Many2one(
        "social.clause.participant",
        string="Evaluating participant",
        index="btree_not_null",
        ondelete="cascade",
        help="Answers of a participant are personal data: facilitators only.",
    )
    social_clause_company_id = fields.Many2one(
        "res.company",
        string="Structure of the evaluation",
        compute="_compute_social_clause_company_id",
        store=True,
        index="btree_not_null",
        help="The structure of the evaluated commitment or participant: only "
        "its facilitators read the answers.",
    )

    @api.depends(
        "social_clause_commitment_id.company_id",
        "social_clause_participant_id.company_id",
    )
    def _compute_social_clause_company_id(self):
        for answer in self:
            answer.social_clause_company_id = (
                answer.social_clause_commitment_id.company_id
                or answer.social_clause_participant_id.company_id
            )
