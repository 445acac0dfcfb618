# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SocialClauseHourReject(models.TransientModel):
    """Reject many hour lines at once, with the reason the firm will see."""

    _name = "social.clause.hour.reject"
    _description = "Reject insertion hours"

    hour_ids = fields.Many2many("social.clause.hour", string="Hours")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "social.clause.hour":
            values["hour_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    def action_reject(self):
        self.ensure_one()
        self.hour_ids.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
