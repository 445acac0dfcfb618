# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class SocialClauseHourValidationReport(models.TransientModel):
    """What a bulk validation did: how many lines it validated, and the lines
    it left as they were, with the person, the month and the reason."""

    _name = "social.clause.hour.validation.report"
    _description = "Report of a validation of insertion hours"

    validated_count = fields.Integer(string="Validated lines", readonly=True)
    blocked_hour_ids = fields.Many2many(
        "social.clause.hour", string="Lines not validated", readonly=True
    )
    summary = fields.Char(compute="_compute_summary")

    @api.depends("validated_count", "blocked_hour_ids")
    def _compute_summary(self):
        for report in self:
            report.summary = _(
                "%(validated)s line(s) validated; %(blocked)s line(s) could not "
                "be validated and keep their status:",
                validated=report.validated_count,
                blocked=len(report.blocked_hour_ids),
            )

    @api.model
    def _open_for(self, validated_count, blocked):
        report = self.create(
            {
                "validated_count": validated_count,
                "blocked_hour_ids": [fields.Command.set(blocked.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Validation of the hours"),
            "res_model": self._name,
            "res_id": report.id,
            "view_mode": "form",
            "target": "new",
        }

    def _lines_text(self):
        """One line per hour line left aside: person, month, reason."""
        self.ensure_one()
        # self.env._: a comprehension has its own frame, where _() would not
        # find the language.
        return [
            self.env._(
                "%(person)s (%(month)s): %(reason)s",
                person=line.participant_id.name,
                month=line.month_label,
                reason=line.validation_blocker,
            )
            for line in self.blocked_hour_ids
        ]
