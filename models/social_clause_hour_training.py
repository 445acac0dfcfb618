# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SocialClauseHour(models.Model):
    """Hours of a training action, kept in step with its attendance."""

    _inherit = "social.clause.hour"

    training_attendance_id = fields.Many2one(
        "social.clause.training.attendance",
        string="Training attendance",
        index=True,
        readonly=True,
        ondelete="restrict",
        copy=False,
    )

    def _check_modifiable(self):
        # Only the training's synchronisation changes its validated lines.
        if self.env.context.get("social_clause_training_sync"):
            manual = self.filtered(lambda line: not line.training_attendance_id)
            return super(SocialClauseHour, manual)._check_modifiable()
        return super()._check_modifiable()
