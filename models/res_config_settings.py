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
    social_clause_disclosure_threshold = fields.Integer(
        related="company_id.social_clause_disclosure_threshold", readonly=False
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
    social_clause_eu_threshold_works = fields.Monetary(
        related="company_id.social_clause_eu_threshold_works", readonly=False
    )
    social_clause_eu_threshold_central = fields.Monetary(
        related="company_id.social_clause_eu_threshold_central", readonly=False
    )
    social_clause_eu_threshold_local = fields.Monetary(
        related="company_id.social_clause_eu_threshold_local", readonly=False
    )
    social_clause_lever_reserve_market_min = fields.Integer(
        related="company_id.social_clause_lever_reserve_market_min", readonly=False
    )
    social_clause_lever_reserve_lot_min = fields.Integer(
        related="company_id.social_clause_lever_reserve_lot_min", readonly=False
    )
    social_clause_lever_clause_min = fields.Integer(
        related="company_id.social_clause_lever_clause_min", readonly=False
    )
    social_clause_lever_dependency_max = fields.Float(
        related="company_id.social_clause_lever_dependency_max", readonly=False
    )
    social_clause_lever_award_amount_min = fields.Monetary(
        related="company_id.social_clause_lever_award_amount_min", readonly=False
    )
    social_clause_lever_award_pool_min = fields.Integer(
        related="company_id.social_clause_lever_award_pool_min", readonly=False
    )
