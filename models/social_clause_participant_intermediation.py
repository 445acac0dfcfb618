# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .social_clause_job_offer import MOBILITY
from .social_clause_participant import SENSITIVE


class SocialClauseParticipant(models.Model):
    """What the facilitator needs to match a person with job offers, and the
    candidacies and trainings of the person's path."""

    _inherit = "social.clause.participant"  # pylint: disable=consider-merging-classes-inherited

    # Personal data: facilitators only, not tracked. Firms see the copy made
    # on the candidacies sent to them, never these fields.
    position_sought = fields.Char(
        groups=SENSITIVE,
        help="Job the person looks for, shown to the firms it is sent to.",
    )
    availability_date = fields.Date(
        string="Available from",
        groups=SENSITIVE,
        help="A person in a path may be proposed again from this date.",
    )
    mobility = fields.Selection(MOBILITY, default="department", groups=SENSITIVE)
    has_driving_licence = fields.Boolean(string="Driving licence", groups=SENSITIVE)
    cv_file = fields.Binary(string="CV", attachment=True, copy=False, groups=SENSITIVE)
    cv_filename = fields.Char(string="CV file name", copy=False, groups=SENSITIVE)
    candidacy_ids = fields.One2many(
        "social.clause.candidacy", "participant_id", string="Candidacies"
    )
    training_attendance_ids = fields.One2many(
        "social.clause.training.attendance", "participant_id", string="Trainings"
    )
