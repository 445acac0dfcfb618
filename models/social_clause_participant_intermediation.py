# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression

from .common import simplify
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

    # The available pool: one rule for the lever of a lot (upstream) and the
    # candidates of a job offer (intermediation).

    @api.model
    def _pool_eligible_domain(self, day=None):
        """Eligibility validated and still valid on ``day`` (default today)."""
        day = day or fields.Date.context_today(self)
        return [
            ("eligibility_state", "=", "validated"),
            ("eligibility_end_date", ">=", day),
        ]

    @api.model
    def _pool_free_domain(self, day=None):
        """Free to take a job on ``day`` (default today): a candidate not yet
        placed with a firm, or a person whose availability date has come
        (a contract ending); never a person who left the path."""
        day = day or fields.Date.context_today(self)
        return [
            ("path_state", "!=", "exited"),
            "|",
            "&",
            ("path_state", "=", "candidate"),
            ("firm_ids", "=", False),
            ("availability_date", "<=", day),
        ]

    @api.model
    def _available_pool_domain(self, day=None):
        """The participants of the available pool on ``day``: eligible and
        free to take a job. Search it as superuser where the caller may not
        read the sensitive fields, and return counts only."""
        return expression.AND(
            [self._pool_eligible_domain(day), self._pool_free_domain(day)]
        )

    # Duplicates ----------------------------------------------------------------

    @api.model
    def _find_known_person(self, company, name, prescriber=None, birth_date=None):
        """The participant a new proposal is about, when already known: same
        company, same name (case, accents and punctuation aside) and same
        birth date, or without a birth date the same prescriber.

        Searched as superuser: the caller must show nothing of what it finds
        to whoever made the proposal.
        """
        key = simplify(name)
        if not key or not (birth_date or prescriber):
            return self.browse()
        domain = [("company_id", "=", company.id), ("is_anonymised", "=", False)]
        if birth_date:
            domain.append(("birth_date", "=", birth_date))
        else:
            domain.append(("prescriber_id", "=", prescriber.id))
        people = self.sudo().search(domain, order="id desc")
        known = people.filtered(lambda person: simplify(person.name) == key)
        return known[:1]
