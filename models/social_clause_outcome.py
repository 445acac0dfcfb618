# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SocialClauseOutcome(models.Model):
    """A participant's situation at a date (suite de parcours)."""

    _name = "social.clause.outcome"
    _description = "Participant outcome"
    _check_company_auto = True
    _order = "date desc, id desc"

    participant_id = fields.Many2one(
        "social.clause.participant",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="participant_id.company_id", store=True, index=True
    )
    moment = fields.Selection(
        [("exit", "At exit"), ("six_months", "At 6 months"), ("other", "Other")],
        required=True,
        default="exit",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind_id = fields.Many2one(
        "social.clause.outcome.kind", string="Situation", required=True
    )
    is_positive = fields.Boolean(
        related="kind_id.is_positive", store=True, string="Positive exit"
    )
    category = fields.Selection(related="kind_id.category", store=True)
    employer_id = fields.Many2one("res.partner", string="Employer or training body")
    note = fields.Text()
