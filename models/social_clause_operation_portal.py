# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SocialClauseOperation(models.Model):
    """Buyers follow their operations on the portal."""

    _name = "social.clause.operation"
    _inherit = ["social.clause.operation", "portal.mixin"]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for operation in self:
            operation.access_url = f"/my/social_clause_operations/{operation.id}"
        return res
