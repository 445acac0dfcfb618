# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SocialClauseBilanWizard(models.TransientModel):
    """Choose the period of the bilan of an operation, then print it."""

    _name = "social.clause.bilan.wizard"
    _description = "Bilan of an operation for a period"

    operation_id = fields.Many2one(
        "social.clause.operation",
        string="Operation",
        required=True,
        ondelete="cascade",
        default=lambda self: self._default_operation(),
    )
    date_from = fields.Date(
        string="From",
        help="First month of the period (empty: from the start of the operation).",
    )
    date_to = fields.Date(
        string="To",
        help="Last day of the period (empty: up to today).",
    )

    @api.model
    def _default_operation(self):
        if self.env.context.get("active_model") == "social.clause.operation":
            return self.env.context.get("active_id")
        return False

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if (
                wizard.date_from
                and wizard.date_to
                and wizard.date_to < wizard.date_from
            ):
                raise ValidationError(
                    _("The period of the bilan ends before it starts.")
                )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "social_clause.action_report_operation_bilan"
        ).report_action(
            self.operation_id,
            data={
                "date_from": fields.Date.to_string(self.date_from) or False,
                "date_to": fields.Date.to_string(self.date_to) or False,
            },
        )
