# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    social_clause_hourly_cost = fields.Float(
        related="company_id.social_clause_hourly_cost", readonly=False
    )
    social_clause_insertion_rate = fields.Float(
        related="company_id.social_clause_insertion_rate", readonly=False
    )
    social_clause_monthly_hours_max = fields.Float(
        related="company_id.social_clause_monthly_hours_max", readonly=False
    )
    social_clause_eligibility_months = fields.Integer(
        related="company_id.social_clause_eligibility_months", readonly=False
    )
    social_clause_retention_months = fields.Integer(
        related="company_id.social_clause_retention_months", readonly=False
    )
    social_clause_penalty_hour_rate = fields.Float(
        related="company_id.social_clause_penalty_hour_rate", readonly=False
    )
    social_clause_penalty_late_day_rate = fields.Float(
        related="company_id.social_clause_penalty_late_day_rate", readonly=False
    )
    social_clause_reminder_day = fields.Integer(
        related="company_id.social_clause_reminder_day", readonly=False
    )
