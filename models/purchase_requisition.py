# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PurchaseRequisition(models.Model):
    """A purchase agreement may carry the contract of one clause lot."""

    _inherit = "purchase.requisition"

    social_clause_lot_ids = fields.One2many(
        "social.clause.lot", "requisition_id", string="Social clause lots"
    )
    social_clause_lot_id = fields.Many2one(
        "social.clause.lot",
        string="Social clause lot",
        compute="_compute_social_clause_lot_id",
        search="_search_social_clause_lot_id",
    )
    social_clause_operation_id = fields.Many2one(
        related="social_clause_lot_id.operation_id", string="Clause operation"
    )
    social_clause_type = fields.Selection(
        related="social_clause_lot_id.clause_type", readonly=False
    )
    social_clause_amount_untaxed = fields.Monetary(
        related="social_clause_lot_id.amount_untaxed",
        readonly=False,
        string="Amount of the lot (tax excl.)",
    )
    social_clause_labour_rate = fields.Float(
        related="social_clause_lot_id.labour_rate", readonly=False
    )
    social_clause_insertion_rate = fields.Float(
        related="social_clause_lot_id.insertion_rate", readonly=False
    )
    social_clause_hourly_cost = fields.Float(
        related="social_clause_lot_id.hourly_cost", readonly=False
    )
    social_clause_hours_calibrated = fields.Float(
        related="social_clause_lot_id.hours_calibrated"
    )
    social_clause_hours_required = fields.Float(
        related="social_clause_lot_id.hours_required", readonly=False
    )
    social_clause_hours_done = fields.Float(related="social_clause_lot_id.hours_done")

    @api.depends("social_clause_lot_ids")
    def _compute_social_clause_lot_id(self):
        for requisition in self:
            requisition.social_clause_lot_id = requisition.social_clause_lot_ids[:1]

    def _search_social_clause_lot_id(self, operator, value):
        return [("social_clause_lot_ids", operator, value)]

    def _check_single_social_clause_lot(self):
        for requisition in self:
            if len(requisition.social_clause_lot_ids) > 1:
                raise ValidationError(
                    _(
                        "The purchase agreement %(agreement)s already carries the "
                        "lot %(lot)s of a social clause.",
                        agreement=requisition.name,
                        lot=requisition.social_clause_lot_ids[0].display_name,
                    )
                )

    def action_create_social_clause_lot(self):
        """Open a new lot prefilled from this agreement."""
        self.ensure_one()
        amount = sum(line.product_qty * line.price_unit for line in self.line_ids)
        return {
            "type": "ir.actions.act_window",
            "name": _("Social clause lot"),
            "res_model": "social.clause.lot",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_requisition_id": self.id,
                "default_name": self.name,
                "default_amount_untaxed": amount,
                "default_date_start": self.date_start,
                "default_date_end": self.date_end,
            },
        }
