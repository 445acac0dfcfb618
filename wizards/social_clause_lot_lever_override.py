# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.social_clause_lot import CLAUSE_TYPES


class SocialClauseLotLeverOverride(models.TransientModel):
    """Keep another clause type than the recommended lever, with a reason."""

    _name = "social.clause.lot.lever.override"
    _description = "Override the recommended lever of a lot"

    lot_id = fields.Many2one("social.clause.lot", required=True, ondelete="cascade")
    recommended_lever = fields.Selection(related="lot_id.recommended_lever")
    recommendation_note = fields.Char(related="lot_id.recommendation_note")
    clause_type = fields.Selection(CLAUSE_TYPES, required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.lot_id._override_lever(self.clause_type, self.reason)
        return {"type": "ir.actions.act_window_close"}
