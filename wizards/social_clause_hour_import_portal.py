# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SocialClauseHourImport(models.TransientModel):
    """A firm's own file (``partner_id`` set, e.g. sent from the portal)
    finds only the lots the firm holds a commitment on: another lot reads
    as unknown, so that the report does not tell the firm which lots exist
    elsewhere."""

    _inherit = "social.clause.hour.import"

    def _resolve_lots(self, values):
        found = super()._resolve_lots(values)
        if not self.partner_id:
            return found
        all_ids = set().union(*found.values()) if found else set()
        held = set(
            self.env["social.clause.lot"]
            .sudo()
            ._search(
                [
                    ("id", "in", list(all_ids)),
                    (
                        "commitment_ids.partner_id.commercial_partner_id",
                        "=",
                        self.partner_id.commercial_partner_id.id,
                    ),
                ]
            )
        )
        return {value: ids & held for value, ids in found.items()}
