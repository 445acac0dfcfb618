# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SocialClauseCandidacyDecline(models.TransientModel):
    """Decline candidacies with a reason from the list."""

    _name = "social.clause.candidacy.decline"
    _description = "Decline candidacies"

    candidacy_ids = fields.Many2many("social.clause.candidacy", string="Candidacies")
    reason_id = fields.Many2one(
        "social.clause.decline.reason", string="Reason", required=True
    )
    note = fields.Text(string="Details")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "social.clause.candidacy":
            values["candidacy_ids"] = [
                fields.Command.set(self.env.context.get("active_ids", []))
            ]
        return values

    def action_decline(self):
        self.ensure_one()
        self.candidacy_ids.action_decline(self.reason_id, note=self.note)
        return {"type": "ir.actions.act_window_close"}
