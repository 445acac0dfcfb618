# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..rules.periods import PERIOD_MONTHS, period_bounds, period_of


class SocialClauseBilanWizard(models.TransientModel):
    """Choose the period of the bilan of an operation (or of all the
    operations of a buyer), then print or publish it."""

    _name = "social.clause.bilan.wizard"
    _description = "Bilan of an operation for a period"

    scope = fields.Selection(
        [("operation", "One operation"), ("buyer", "All the operations of a buyer")],
        required=True,
        default="operation",
    )
    operation_id = fields.Many2one(
        "social.clause.operation",
        string="Operation",
        ondelete="cascade",
        default=lambda self: self._default_operation(),
    )
    buyer_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        domain=[("social_clause_buyer_kind", "!=", False)],
    )
    preset = fields.Selection(
        [
            ("quarter", "Quarter"),
            ("half_year", "Half-year"),
            ("year", "Year"),
            ("custom", "Dates"),
        ],
        string="Period",
        required=True,
        default="custom",
    )
    year = fields.Integer(default=lambda self: fields.Date.context_today(self).year)
    period_index = fields.Selection(
        [("1", "1st"), ("2", "2nd"), ("3", "3rd"), ("4", "4th")],
        string="Which",
        default="1",
        help="The quarter (1st to 4th) or the half-year (1st or 2nd) of the year.",
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

    @api.onchange("preset", "year", "period_index")
    def _onchange_preset(self):
        if self.preset == "custom" or not self.year:
            return
        index = int(self.period_index or 1)
        if index > 12 // PERIOD_MONTHS[self.preset]:
            index = period_of(self.preset, fields.Date.context_today(self))
            self.period_index = str(index)
        self.date_from, self.date_to = period_bounds(self.preset, self.year, index)

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

    def _get_operations(self):
        self.ensure_one()
        if self.scope == "operation":
            if not self.operation_id:
                raise UserError(_("Choose the operation of the bilan."))
            return self.operation_id
        if not self.buyer_id:
            raise UserError(_("Choose the buyer whose operations to print."))
        operations = self.env["social.clause.operation"].search(
            [("buyer_id", "=", self.buyer_id.id), ("state", "!=", "draft")]
        )
        if not operations:
            raise UserError(
                _(
                    "%(buyer)s has no operation past the draft stage.",
                    buyer=self.buyer_id.display_name,
                )
            )
        return operations

    def _report_data(self):
        """The period in the action's data, with the ids of the operations:
        the web client opens a report with data by a URL without ids."""
        return {
            "date_from": fields.Date.to_string(self.date_from) or False,
            "date_to": fields.Date.to_string(self.date_to) or False,
            "operation_ids": self._get_operations().ids,
        }

    def action_print(self):
        self.ensure_one()
        data = self._report_data()
        action = self.env.ref(
            "social_clause.action_report_operation_bilan"
        ).report_action(self._get_operations(), data=data)
        # The wizard closes once the PDF is downloaded.
        return dict(action, close_on_report_download=True)

    def action_publish(self):
        """Print the bilan of each operation for the period and publish it to
        the buyer's portal."""
        self.ensure_one()
        if not (self.date_from and self.date_to):
            raise UserError(_("A published bilan needs the first and last day."))
        bilans = self.env["social.clause.bilan"]._publish(
            self._get_operations(), self.date_from, self.date_to
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("1 bilan published to the buyer's portal.")
                if len(bilans) == 1
                else self.env._(
                    "%(count)s bilans published to the buyer's portal.",
                    count=len(bilans),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
