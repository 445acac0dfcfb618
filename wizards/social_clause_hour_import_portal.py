# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SocialClauseHourImport(models.TransientModel):
    """The same import for a firm on the portal, scoped to its own records.

    With ``social_clause_portal_firm_id`` in the context, only the firm
    itself, the lots it holds a commitment on and the people placed with it
    are found: anything else reads as unknown, so that the report tells the
    firm nothing about others.
    """

    _inherit = "social.clause.hour.import"

    def _portal_firm_id(self):
        return self.env.context.get("social_clause_portal_firm_id")

    def _resolve_participants(self, values):
        found = super()._resolve_participants(values)
        firm_id = self._portal_firm_id()
        if not firm_id or not found:
            return found
        ids = {value for value in found.values() if isinstance(value, int)}
        placed = set(
            self.env["social.clause.participant"]
            .sudo()
            ._search([("id", "in", list(ids)), ("firm_ids", "in", [firm_id])])
        )
        return {
            value: participant
            for value, participant in found.items()
            if participant in placed
        }

    def _resolve_lots(self, values):
        found = super()._resolve_lots(values)
        firm_id = self._portal_firm_id()
        if not firm_id or not found:
            return found
        held = set(
            self.env["social.clause.lot"]
            .sudo()
            ._search(
                [
                    ("id", "in", list(found.values())),
                    ("commitment_ids.partner_id.commercial_partner_id", "=", firm_id),
                ]
            )
        )
        return {value: lot for value, lot in found.items() if lot in held}

    def _resolve_firms(self, values):
        found = super()._resolve_firms(values)
        firm_id = self._portal_firm_id()
        if not firm_id:
            return found
        return {value: ids & {firm_id} for value, ids in found.items()}
