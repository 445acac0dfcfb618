# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    social_clause_audience = fields.Selection(
        [
            ("firm", "Firms, at the end of a commitment"),
            ("participant", "Participants, at the 6-month follow-up"),
        ],
        string="Social clause evaluation",
        index=True,
        help="Questionnaire of the qualitative evaluation of social clauses "
        "sent to this audience.",
    )
