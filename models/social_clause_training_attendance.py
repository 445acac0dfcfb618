# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

COMPLETIONS = [
    ("enrolled", "Enrolled"),
    ("completed", "Completed"),
    ("dropped", "Dropped out"),
]
# Changing these changes the person's hour lines.
HOUR_SYNC_FIELDS = ("hours_attended", "participant_id")


def split_hours_by_month(hours, date_start, date_end):
    """``hours`` spread over the months of the period, in proportion to the
    days of each month in it: {first day of month: hours}. Rounded to the
    hundredth, the last month takes what rounding left."""
    date_end = max(date_end or date_start, date_start)
    months = []
    month = date_start.replace(day=1)
    while month <= date_end:
        last_day = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        days = (min(last_day, date_end) - max(month, date_start)).days + 1
        months.append((month, days))
        month += relativedelta(months=1)
    total_days = sum(days for _month, days in months)
    split, given = {}, 0.0
    for index, (month, days) in enumerate(months):
        if index == len(months) - 1:
            share = round(hours - given, 2)
        else:
            share = round(hours * days / total_days, 2)
        given += share
        if share > 0:
            split[month] = share
    return split


class SocialClauseTrainingAttendance(models.Model):
    """A participant enrolled in a training action, with the hours attended."""

    _name = "social.clause.training.attendance"
    _description = "Training attendance"
    _check_company_auto = True
    _order = "training_id, id"
    _rec_name = "participant_id"

    training_id = fields.Many2one(
        "social.clause.training", required=True, ondelete="cascade", index=True
    )
    participant_id = fields.Many2one(
        "social.clause.participant",
        string="Participant",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    company_id = fields.Many2one(
        related="training_id.company_id", store=True, index=True
    )
    training_kind = fields.Selection(related="training_id.kind", store=True)
    date_start = fields.Date(related="training_id.date_start")
    date_end = fields.Date(related="training_id.date_end")
    hours_attended = fields.Float()
    completion = fields.Selection(COMPLETIONS, default="enrolled", required=True)
    certified = fields.Boolean()
    certification = fields.Char(help="Certificate or qualification obtained.")
    hour_ids = fields.One2many(
        "social.clause.hour",
        "training_attendance_id",
        string="Insertion hours",
        readonly=True,
    )
    hours_counted = fields.Float(
        string="Hours counted", compute="_compute_hours_counted"
    )

    _sql_constraints = [
        (
            "training_participant_uniq",
            "unique(training_id, participant_id)",
            "A person is enrolled only once in a training.",
        ),
    ]

    @api.depends("hour_ids.hours", "hour_ids.is_counted")
    def _compute_hours_counted(self):
        for attendance in self:
            attendance.hours_counted = sum(
                attendance.hour_ids.filtered("is_counted").mapped("hours")
            )

    @api.constrains("hours_attended")
    def _check_hours_attended(self):
        for attendance in self:
            if attendance.hours_attended < 0:
                raise ValidationError(
                    _(
                        "The hours attended by %(name)s cannot be negative.",
                        name=attendance.participant_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        attendances = super().create(vals_list)
        attendances._sync_hour_lines()
        return attendances

    def write(self, vals):
        res = super().write(vals)
        if any(field in vals for field in HOUR_SYNC_FIELDS):
            self._sync_hour_lines()
        return res

    def unlink(self):
        self.hour_ids.with_context(social_clause_training_sync=True).unlink()
        return super().unlink()

    def _expected_hour_lines(self):
        """{month: hours} the attendance must have as validated hour lines:
        nothing unless the training says its hours count."""
        self.ensure_one()
        training = self.training_id
        if not training._counts_hours_now() or self.hours_attended <= 0:
            return {}
        return split_hours_by_month(
            self.hours_attended, training.date_start, training.date_end
        )

    def _sync_hour_lines(self):
        """Make the hour lines of the attendances what the training says.

        Idempotent: run it again and nothing changes; change the hours
        attended and the lines follow; lines are created, updated or deleted
        so that each hour attended is counted once, as validated hours of
        modality Training on the training's commitment.
        """
        Hour = self.env["social.clause.hour"].with_context(
            social_clause_training_sync=True
        )
        to_unlink = Hour
        to_create = []
        for attendance in self:
            expected = attendance._expected_hour_lines()
            commitment = attendance.training_id.commitment_id
            for line in attendance.hour_ids:
                hours = expected.pop(line.date, None)
                if (
                    hours is None
                    or line.commitment_id != commitment
                    or line.participant_id != attendance.participant_id
                ):
                    to_unlink |= line
                elif abs(line.hours - hours) > 1e-6:
                    line.with_context(social_clause_training_sync=True).hours = hours
            to_create += [
                {
                    "participant_id": attendance.participant_id.id,
                    "commitment_id": commitment.id,
                    "date": month,
                    "hours": hours,
                    "modality": "training",
                    "declared_by": "facilitator",
                    "training_attendance_id": attendance.id,
                }
                for month, hours in expected.items()
            ]
        to_unlink.unlink()
        if to_create:
            Hour.create(to_create).action_validate()
