# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    social_clause_hourly_cost = fields.Float(
        string="Default hourly cost (social clauses)",
        default=30.0,
        help="Fully loaded hourly cost used to turn an amount into hours.",
    )
    social_clause_insertion_rate = fields.Float(
        string="Default insertion rate (%)",
        default=5.0,
    )
    social_clause_monthly_hours_max = fields.Float(
        string="Maximum hours per person and month",
        default=151.67,
        help="Hours of a full-time month: no participant may have more hours "
        "in one month, all firms together.",
    )
    social_clause_eligibility_months = fields.Integer(
        string="Eligibility validity (months)",
        default=24,
        help="How long a validated eligibility stays valid.",
    )
    social_clause_retention_months = fields.Integer(
        string="Retention of participants' identity (months)",
        default=24,
        help="A participant's identity is kept while they are followed and for "
        "this delay after the last contact, then anonymised by a daily "
        "scheduled action (CNIL, deliberation 2023-095: 2 years for social "
        "support).",
    )
    social_clause_disclosure_threshold = fields.Integer(
        string="Smallest count of people shown to buyers",
        default=5,
        help="On the buyer's portal page, its spreadsheet and the bilan, a "
        'count of fewer people is shown as "< threshold" (and another cell '
        "with it, so that it cannot be subtracted back from a total). The "
        "facilitators' analysis keeps the exact figures. 1 shows every count.",
    )

    social_clause_penalty_hour_rate = fields.Float(
        string="Default penalty per missing hour",
        default=60.0,
        help="Penalty written in the clause article of new lots, per insertion "
        "hour missing at closing (tax excluded).",
    )
    social_clause_penalty_late_day_rate = fields.Float(
        string="Default penalty per day of late reporting",
        default=100.0,
        help="Penalty written in the clause article of new lots, per day of "
        "delay in sending the quarterly reporting (tax excluded).",
    )

    @api.constrains(
        "social_clause_penalty_hour_rate", "social_clause_penalty_late_day_rate"
    )
    def _check_social_clause_penalties(self):
        for company in self:
            if (
                company.social_clause_penalty_hour_rate < 0
                or company.social_clause_penalty_late_day_rate < 0
            ):
                raise ValidationError(_("A penalty rate cannot be negative."))

    social_clause_reminder_day = fields.Integer(
        string="Reminder day of the month",
        default=5,
        help="From this day of the month, firms that have not declared the "
        "hours of the previous month get an e-mail reminder (once a month). "
        "0 sends no reminder.",
    )

    @api.constrains("social_clause_reminder_day")
    def _check_social_clause_reminder_day(self):
        for company in self:
            if not 0 <= company.social_clause_reminder_day <= 28:
                raise ValidationError(
                    _(
                        "The reminder day is a day of the month between 1 and 28 "
                        "(0 for no reminder)."
                    )
                )

    # Upstream: EU thresholds (values 2026-2027, Commission Delegated
    # Regulation (EU) 2025/2152; revised every two years) and the rule of the
    # recommended lever (defaults: Le marché de l'inclusion's "inclusive
    # potential" analysis).
    social_clause_eu_threshold_works = fields.Monetary(
        string="EU threshold: works",
        default=5_404_000.0,
        help="Works contracts and concessions (tax excl.), 2026-2027.",
    )
    social_clause_eu_threshold_central = fields.Monetary(
        string="EU threshold: supplies and services, central buyers",
        default=140_000.0,
        help="Supplies and services of the State (tax excl.), 2026-2027.",
    )
    social_clause_eu_threshold_local = fields.Monetary(
        string="EU threshold: supplies and services, other buyers",
        default=216_000.0,
        help="Supplies and services of local authorities and other public "
        "buyers (tax excl.), 2026-2027.",
    )
    social_clause_lever_reserve_market_min = fields.Integer(
        string="Reserve the market above (structures)",
        default=30,
        help="More suitable SIAE/EA than this, with a low economic dependency: "
        "reserve the whole market.",
    )
    social_clause_lever_reserve_lot_min = fields.Integer(
        string="Reserve a lot above (structures)",
        default=10,
        help="More suitable SIAE/EA than this: reserve the lot.",
    )
    social_clause_lever_clause_min = fields.Integer(
        string="Execution condition above (structures)",
        default=1,
        help="More suitable SIAE/EA than this: an execution condition with "
        "staff provision or subcontracting.",
    )
    social_clause_lever_dependency_max = fields.Float(
        string="Maximum economic dependency (%)",
        default=30.0,
        help="Lot amount divided by the average annual turnover of the suitable "
        "structures: below this, the market can be reserved.",
    )
    social_clause_lever_award_amount_min = fields.Monetary(
        string="Award criterion from (operation amount)",
        default=1_000_000.0,
        help="A large operation: from this amount (tax excl.), with enough "
        "candidates in the pool, also propose an award criterion on insertion "
        "performance.",
    )
    social_clause_lever_award_pool_min = fields.Integer(
        string="Award criterion from (available candidates)",
        default=5,
        help="Eligible participants available in the pool needed to also "
        "propose an award criterion.",
    )

    @api.constrains(
        "social_clause_eu_threshold_works",
        "social_clause_eu_threshold_central",
        "social_clause_eu_threshold_local",
        "social_clause_lever_reserve_market_min",
        "social_clause_lever_reserve_lot_min",
        "social_clause_lever_clause_min",
        "social_clause_lever_dependency_max",
        "social_clause_lever_award_amount_min",
        "social_clause_lever_award_pool_min",
    )
    def _check_social_clause_upstream_settings(self):
        for company in self:
            if (
                min(
                    company.social_clause_eu_threshold_works,
                    company.social_clause_eu_threshold_central,
                    company.social_clause_eu_threshold_local,
                )
                <= 0
            ):
                raise ValidationError(_("The EU thresholds must be greater than zero."))
            if not (
                company.social_clause_lever_reserve_market_min
                >= company.social_clause_lever_reserve_lot_min
                >= company.social_clause_lever_clause_min
                >= 0
            ):
                raise ValidationError(
                    _(
                        "The numbers of structures of the recommended lever must "
                        "decrease: reserve the market, then reserve a lot, then "
                        "an execution condition, and none below zero."
                    )
                )
            if not 0 <= company.social_clause_lever_dependency_max <= 100:
                raise ValidationError(
                    _(
                        "The maximum economic dependency is a percentage between "
                        "0 and 100."
                    )
                )
            if (
                company.social_clause_lever_award_amount_min < 0
                or company.social_clause_lever_award_pool_min < 0
            ):
                raise ValidationError(
                    _("The award criterion thresholds cannot be negative.")
                )

    @api.constrains(
        "social_clause_hourly_cost",
        "social_clause_insertion_rate",
        "social_clause_monthly_hours_max",
        "social_clause_eligibility_months",
        "social_clause_retention_months",
    )
    def _check_social_clause_settings(self):
        for company in self:
            if company.social_clause_hourly_cost <= 0:
                raise ValidationError(_("The hourly cost must be greater than zero."))
            if not 0 <= company.social_clause_insertion_rate <= 100:
                raise ValidationError(
                    _("The insertion rate is a percentage between 0 and 100.")
                )
            if company.social_clause_monthly_hours_max <= 0:
                raise ValidationError(
                    _("The maximum hours per month must be greater than zero.")
                )
            if company.social_clause_eligibility_months <= 0:
                raise ValidationError(
                    _("The eligibility validity must be at least one month.")
                )
            if company.social_clause_retention_months <= 0:
                raise ValidationError(
                    _("The retention delay of participants must be at least one month.")
                )

    @api.constrains("social_clause_disclosure_threshold")
    def _check_social_clause_disclosure_threshold(self):
        if any(company.social_clause_disclosure_threshold < 1 for company in self):
            raise ValidationError(
                _("The smallest count of people shown to buyers must be at least 1.")
            )

    @api.model
    def _social_clause_set_report_layout(self):
        """At install: give the companies without one a document layout (no
        "Configure your document layout" dialog with a sample invoice on the
        first print) and A4 paper; a layout or a paper the user chose stays."""
        layout = self.env.ref("web.external_layout_standard", raise_if_not_found=False)
        a4 = self.env.ref("base.paperformat_euro", raise_if_not_found=False)
        letter = self.env.ref("base.paperformat_us", raise_if_not_found=False)
        for company in self.sudo().search([]):
            values = {}
            if layout and not company.external_report_layout_id:
                values["external_report_layout_id"] = layout.id
            if a4 and (
                not company.paperformat_id
                or (
                    company.paperformat_id == letter and company.country_id.code == "FR"
                )
            ):
                values["paperformat_id"] = a4.id
            if values:
                company.write(values)
