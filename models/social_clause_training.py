# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

TRAINING_KINDS = [
    ("chantier_ecole", "Chantier école"),
    ("chantier_insertion", "Chantier d'insertion"),
    ("pre_qualification", "Pre-qualification"),
    ("pre_recruitment", "Pre-recruitment training"),
]
TRAINING_STATES = [
    ("draft", "Draft"),
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# States in which the hours attended count towards the commitment.
COUNTING_STATES = ("in_progress", "done")
# Changing these changes the hour lines of the attendances.
HOUR_SYNC_FIELDS = ("state", "counts_hours", "commitment_id", "date_start", "date_end")


class SocialClauseTraining(models.Model):
    """A training action built with a training body so that people reach the
    qualifications the firms need (chantier école, pre-qualification...)."""

    _name = "social.clause.training"
    _description = "Training action"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        TRAINING_KINDS, required=True, default="chantier_ecole", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    training_body_id = fields.Many2one(
        "res.partner",
        string="Training body",
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    sector_id = fields.Many2one("social.clause.sector", string="Sector")
    operation_id = fields.Many2one(
        "social.clause.operation",
        string="Operation",
        index=True,
        tracking=True,
        check_company=True,
    )
    offer_id = fields.Many2one(
        "social.clause.job.offer",
        string="Job offer",
        index=True,
        help="The firm's need this training prepares for (pre-recruitment).",
        check_company=True,
    )
    date_start = fields.Date(string="Start date", tracking=True)
    date_end = fields.Date(string="End date", tracking=True)
    places = fields.Integer()
    hours = fields.Float(
        string="Hours per person", help="Planned length of the training."
    )
    funding_ids = fields.One2many(
        "social.clause.training.funding", "training_id", string="Funders"
    )
    amount_total = fields.Monetary(
        string="Total funding",
        compute="_compute_amount_total",
        store=True,
        currency_field="currency_id",
    )
    state = fields.Selection(
        TRAINING_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    counts_hours = fields.Boolean(
        string="Hours count towards a commitment",
        tracking=True,
        help="Where the buyer allows training hours: the hours attended become "
        "validated insertion hours of modality Training on the commitment.",
    )
    commitment_id = fields.Many2one(
        "social.clause.commitment",
        string="Commitment credited",
        tracking=True,
        domain="[('operation_id', '=?', operation_id)]",
        check_company=True,
    )
    attendance_ids = fields.One2many(
        "social.clause.training.attendance", "training_id", string="Participants"
    )
    enrolled_count = fields.Integer(
        string="Enrolled", compute="_compute_attendance_stats", store=True
    )
    completed_count = fields.Integer(
        string="Completed", compute="_compute_attendance_stats", store=True
    )
    certified_count = fields.Integer(
        string="Certified", compute="_compute_attendance_stats", store=True
    )
    hours_attended = fields.Float(compute="_compute_attendance_stats", store=True)
    description = fields.Html()

    @api.depends("funding_ids.amount")
    def _compute_amount_total(self):
        for training in self:
            training.amount_total = sum(training.funding_ids.mapped("amount"))

    @api.depends(
        "attendance_ids.completion",
        "attendance_ids.certified",
        "attendance_ids.hours_attended",
    )
    def _compute_attendance_stats(self):
        for training in self:
            attendances = training.attendance_ids
            training.enrolled_count = len(attendances)
            training.completed_count = len(
                attendances.filtered(lambda a: a.completion == "completed")
            )
            training.certified_count = len(attendances.filtered("certified"))
            training.hours_attended = sum(attendances.mapped("hours_attended"))

    @api.onchange("offer_id")
    def _onchange_offer_id(self):
        if self.offer_id:
            self.operation_id = self.offer_id.operation_id
            self.sector_id = self.sector_id or self.offer_id.sector_id

    @api.constrains("date_start", "date_end", "places", "hours")
    def _check_dates_and_sizes(self):
        for training in self:
            if (
                training.date_start
                and training.date_end
                and training.date_end < training.date_start
            ):
                raise ValidationError(
                    _(
                        "The training %(name)s cannot end before it starts.",
                        name=training.name,
                    )
                )
            if training.places < 0 or training.hours < 0:
                raise ValidationError(
                    _(
                        "The places and hours of the training %(name)s cannot be "
                        "negative.",
                        name=training.name,
                    )
                )

    @api.constrains("attendance_ids", "places")
    def _check_places(self):
        for training in self:
            if training.places and len(training.attendance_ids) > training.places:
                raise ValidationError(
                    _(
                        "The training %(name)s has %(places)s places: it cannot "
                        "enrol %(count)s people.",
                        name=training.name,
                        places=training.places,
                        count=len(training.attendance_ids),
                    )
                )

    @api.constrains("counts_hours", "commitment_id", "date_start")
    def _check_counts_hours(self):
        training_modality = self.env.ref(
            "social_clause.modality_training", raise_if_not_found=False
        )
        for training in self.filtered("counts_hours"):
            if not training.commitment_id or not training.date_start:
                raise ValidationError(
                    _(
                        "Choose the commitment credited and the start date of "
                        "the training %(name)s for its hours to count.",
                        name=training.name,
                    )
                )
            if (
                training_modality
                and training_modality not in training.commitment_id.modality_ids
            ):
                raise ValidationError(
                    _(
                        "The commitment %(commitment)s does not allow training "
                        "hours: add the modality Training to it first.",
                        commitment=training.commitment_id.display_name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if any(field in vals for field in HOUR_SYNC_FIELDS):
            self.attendance_ids._sync_hour_lines()
        return res

    def unlink(self):
        if self.filtered(lambda t: t.state not in ("draft", "cancelled")):
            raise UserError(_("Only draft or cancelled trainings can be deleted."))
        self.attendance_ids.unlink()
        return super().unlink()

    def _counts_hours_now(self):
        """The action says its hours count, and it has started."""
        self.ensure_one()
        return bool(
            self.counts_hours and self.commitment_id and self.state in COUNTING_STATES
        )

    # Workflow ----------------------------------------------------------------

    def _set_state(self, state, allowed_from):
        for training in self:
            if training.state not in allowed_from:
                raise UserError(
                    _(
                        "The training %(name)s cannot go to this status from "
                        "its current one.",
                        name=training.name,
                    )
                )
        self.write({"state": state})

    def action_plan(self):
        self._set_state("planned", ("draft",))

    def action_start(self):
        self._set_state("in_progress", ("draft", "planned"))

    def action_done(self):
        self._set_state("done", ("in_progress",))

    def action_cancel(self):
        self._set_state("cancelled", ("draft", "planned", "in_progress"))

    def action_reset_to_draft(self):
        self._set_state("draft", ("cancelled",))
