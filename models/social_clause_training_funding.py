# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SocialClauseTrainingFunding(models.Model):
    """One funder's share of a training action."""

    _name = "social.clause.training.funding"
    _description = "Training funding"
    _check_company_auto = True
    _order = "training_id, amount desc, id"

    training_id = fields.Many2one(
        "social.clause.training", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="training_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="training_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Funder", required=True)
    amount = fields.Monetary(currency_field="currency_id")

    @api.constrains("amount")
    def _check_amount(self):
        for funding in self:
            if funding.amount < 0:
                raise ValidationError(
                    _(
                        "The amount funded by %(funder)s cannot be negative.",
                        funder=funding.partner_id.name,
                    )
                )
