# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


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
