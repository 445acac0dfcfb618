# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from ..rules.hiring import hire_date_allowed, hire_date_bounds
from .common import clean_text, facilitator_of, parse_portal_date

SOURCES = [
    ("facilitator", "Facilitator"),
    ("prescriber", "Prescriber"),
]
# What a prescriber reads of its own proposals.
PRESCRIBER_STATUSES = [
    ("to_check", "Being checked"),
    ("accepted", "Accepted"),
    ("sent", "Sent to the firm"),
    ("interview", "Interview"),
    ("hired", "Hired"),
    ("declined", "Declined"),
]
FIRM_ANSWERS = ("interview", "hire", "decline")
NOTE_MAX_LENGTH = 1000


def short_name(name):
    """First name and initial of the last name: "Paula Placed" -> "Paula P."."""
    words = str(name or "").split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{words[0]} {words[-1][0].upper()}."


class SocialClauseCandidacy(models.Model):
    """A person proposed for a firm's job offer, moving through stages."""

    _name = "social.clause.candidacy"
    _description = "Candidacy"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, sequence, id desc"
    _rec_name = "candidate_name"

    offer_id = fields.Many2one(
        "social.clause.job.offer",
        string="Job offer",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    participant_id = fields.Many2one(
        "social.clause.participant",
        string="Participant",
        required=True,
        index=True,
        ondelete="cascade",
        groups="social_clause.group_user",
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="offer_id.partner_id", store=True, index=True, string="Firm"
    )
    company_id = fields.Many2one(related="offer_id.company_id", store=True, index=True)
    stage_id = fields.Many2one(
        "social.clause.candidacy.stage",
        string="Stage",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
        group_expand="_read_group_stage_ids",
        default=lambda self: self._default_stage(),
    )
    stage_kind = fields.Selection(
        related="stage_id.kind", store=True, index=True, string="Stage kind"
    )
    sequence = fields.Integer(default=10)
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Good"), ("2", "Very good"), ("3", "Excellent")],
        default="0",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    candidate_name = fields.Char(
        string="Candidate",
        compute="_compute_candidate_name",
        store=True,
        help="First name and initial: all the firm sees of the person's name.",
    )
    proposed_name = fields.Char(
        string="Name given by the prescriber",
        groups="social_clause.group_user",
        copy=False,
        help="The name as the prescriber typed it: its candidacy shows this "
        "spelling, not the one of a person already known.",
    )
    position_sought = fields.Char()
    availability_date = fields.Date(string="Available from")
    cv_file = fields.Binary(string="CV", attachment=True, copy=False)
    cv_filename = fields.Char(string="CV file name", copy=False)
    # Who proposed the person is for facilitators only: a prescriber's name
    # (Cap Emploi) tells the firm of a likely disability. Reading, searching
    # and grouping on them are refused to portal users (`groups`); a
    # prescriber finds its own proposals through `is_own_proposal`.
    source = fields.Selection(
        SOURCES, default="facilitator", required=True, groups="social_clause.group_user"
    )
    prescriber_id = fields.Many2one(
        "res.partner",
        string="Prescriber",
        index=True,
        readonly=True,
        groups="social_clause.group_user",
    )
    prescriber_user_id = fields.Many2one(
        "res.users",
        string="Proposed by",
        readonly=True,
        groups="social_clause.group_user",
    )
    is_own_proposal = fields.Boolean(
        compute="_compute_is_own_proposal",
        search="_search_is_own_proposal",
        help="Proposed by the organisation of the current user (prescribers' "
        "portal).",
    )
    proposal_checked = fields.Boolean(
        string="Checked",
        default=True,
        tracking=True,
        help="The facilitator checked the person and the proof of a "
        "prescriber's proposal; only checked candidacies are sent to firms.",
    )
    prescriber_status = fields.Selection(
        PRESCRIBER_STATUSES, compute="_compute_prescriber_status"
    )
    sent_date = fields.Date(string="Sent to the firm on", readonly=True, copy=False)
    interview_date = fields.Date(tracking=True, copy=False)
    hire_date = fields.Date(
        string="Entry date",
        tracking=True,
        copy=False,
        help="Date of hire; becomes the participant's entry date.",
    )
    decline_reason_id = fields.Many2one(
        "social.clause.decline.reason", string="Decline reason", tracking=True
    )
    decline_note = fields.Text(string="Decline details")
    declined_by = fields.Selection(
        [("facilitator", "Facilitator"), ("firm", "Firm")], readonly=True
    )
    note = fields.Text(string="Internal note", groups="social_clause.group_user")
    # What the prescriber sent with its proposal, kept on the person: shown
    # on the candidacy for the facilitator's check (facilitators only).
    proposal_note = fields.Text(
        string="Prescriber's note",
        related="participant_id.eligibility_note",
        groups="social_clause.group_user",
    )
    proposal_proof_ids = fields.Many2many(
        related="participant_id.eligibility_proof_ids",
        string="Proof sent by the prescriber",
        groups="social_clause.group_user",
    )

    _sql_constraints = [
        (
            "offer_participant_uniq",
            "unique(offer_id, participant_id)",
            "A person is proposed only once for an offer.",
        ),
    ]

    def _compute_is_own_proposal(self):
        partner = self.env.user.commercial_partner_id
        for candidacy in self:
            candidacy.is_own_proposal = candidacy.sudo().prescriber_id == partner

    def _search_is_own_proposal(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on own proposals."))
        # The prescriber is read as superuser: the user only learns which of
        # the candidacies it may read are its own.
        own = self.sudo()._search(
            [("prescriber_id", "=", self.env.user.commercial_partner_id.id)]
        )
        return [("id", "in" if (operator == "=") == value else "not in", own)]

    @api.model
    def _default_stage(self):
        return self.env["social.clause.candidacy.stage"].search(
            [("kind", "=", "proposed")], limit=1
        )

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """All stages are columns of the kanban, as in the recruitment app."""
        return stages.search([], order=stages._order)

    @api.depends("participant_id.name", "proposed_name")
    def _compute_candidate_name(self):
        for candidacy in self.sudo():
            candidacy.candidate_name = short_name(
                candidacy.proposed_name or candidacy.participant_id.name
            )

    @api.depends("proposal_checked", "stage_kind")
    def _compute_prescriber_status(self):
        for candidacy in self:
            if candidacy.stage_kind == "proposed":
                candidacy.prescriber_status = (
                    "accepted" if candidacy.proposal_checked else "to_check"
                )
            else:
                candidacy.prescriber_status = candidacy.stage_kind

    @api.model
    def _prepare_from_participant(self, offer, participant):
        """Values of a candidacy of ``participant`` for ``offer``."""
        participant = participant.sudo()
        return {
            "offer_id": offer.id,
            "participant_id": participant.id,
            "position_sought": participant.position_sought or offer.name,
            "availability_date": participant.availability_date,
            "cv_file": participant.cv_file,
            "cv_filename": participant.cv_filename,
        }

    # Stages: one home for what moving a candidacy means -------------------------

    @api.model_create_multi
    def create(self, vals_list):
        """A candidacy starts as proposed; one created in a later stage (a
        kanban column) moves there through ``write`` and its checks."""
        Stage = self.env["social.clause.candidacy.stage"]
        later_stages = []
        for vals in vals_list:
            stage = Stage.browse(vals.get("stage_id"))
            if stage and stage.kind != "proposed":
                later_stages.append(vals.pop("stage_id"))
            else:
                later_stages.append(False)
        candidacies = super().create(vals_list)
        for candidacy, stage_id in zip(candidacies, later_stages, strict=True):
            if stage_id:
                candidacy.write({"stage_id": stage_id})
        return candidacies

    def write(self, vals):
        if "stage_id" in vals:
            stage = self.env["social.clause.candidacy.stage"].browse(vals["stage_id"])
            vals = self._prepare_stage_change(stage, vals)
            res = super().write(vals)
            self._on_stage_reached(stage)
            return res
        return super().write(vals)

    def _prepare_stage_change(self, stage, vals):
        """Check that every candidacy may reach ``stage``; return the values
        to write with it."""
        vals = dict(vals)
        today = fields.Date.context_today(self)
        for candidacy in self:
            if candidacy.stage_id == stage:
                continue
            if candidacy.stage_kind == "hired":
                raise UserError(
                    _(
                        "%(name)s is hired: the candidacy cannot go back.",
                        name=candidacy.candidate_name,
                    )
                )
            if stage.kind in ("sent", "interview", "hired"):
                candidacy._check_can_be_sent()
            if stage.kind == "declined" and not (
                vals.get("decline_reason_id") or candidacy.decline_reason_id
            ):
                raise UserError(
                    _(
                        "Give the reason why %(name)s is declined (button " "Decline).",
                        name=candidacy.candidate_name,
                    )
                )
            if stage.kind == "hired":
                candidacy.offer_id._check_open()
        if stage.kind in ("sent", "interview", "hired"):
            missing = self.filtered(lambda c: not c.sent_date)
            if missing and "sent_date" not in vals:
                vals["sent_date"] = today
        if stage.kind == "declined" and "declined_by" not in vals:
            vals["declined_by"] = "facilitator"
        return vals

    def _check_can_be_sent(self):
        """Only checked, eligible people are presented to a firm."""
        for candidacy in self:
            participant = candidacy.sudo().participant_id
            offer = candidacy.offer_id
            if not candidacy.proposal_checked:
                raise UserError(
                    _(
                        "Accept the proposal of %(name)s before sending it to "
                        "the firm.",
                        name=candidacy.candidate_name,
                    )
                )
            if offer.state != "open":
                raise UserError(
                    _(
                        "The offer %(name)s is not open: it takes no more "
                        "candidates.",
                        name=offer.name,
                    )
                )
            start = offer.date_start or fields.Date.context_today(self)
            today = fields.Date.context_today(self)
            if not participant._is_eligible_on(min(start, today), max(start, today)):
                raise UserError(
                    _(
                        "The eligibility of %(name)s is not validated (or no "
                        "longer valid): validate it before presenting the "
                        "person to a firm.",
                        name=participant.name,
                    )
                )

    def _on_stage_reached(self, stage):
        if stage.kind == "hired":
            self._place_participants()
            self.offer_id._fill_if_complete()

    def _place_participants(self):
        """Hiring places the person with the firm (so it may declare the
        hours) and starts the path on the entry date."""
        for candidacy in self.sudo():
            hire_date = (
                candidacy.hire_date
                or candidacy.offer_id.date_start
                or fields.Date.context_today(self)
            )
            if not candidacy.hire_date:
                candidacy.hire_date = hire_date
            participant = candidacy.participant_id
            # Hired: out of the available pool, whatever date was typed as
            # "available from" before (the facilitator sets a new one when
            # the contract ends).
            vals = {
                "firm_ids": [
                    fields.Command.link(candidacy.partner_id.commercial_partner_id.id)
                ],
                "availability_date": False,
            }
            if participant.path_state != "in_path":
                vals.update({"path_state": "in_path", "entry_date": hire_date})
            participant.write(vals)
            participant.message_post(
                body=_(
                    "Hired by %(firm)s as %(position)s, from %(date)s.",
                    firm=candidacy.partner_id.name,
                    position=candidacy.offer_id.name,
                    date=fields.Date.to_string(hire_date),
                )
            )

    def _stage_of_kind(self, kind):
        stage = self.env["social.clause.candidacy.stage"].search(
            [("kind", "=", kind)], limit=1
        )
        if not stage:
            raise UserError(_("No candidacy stage is set up for this step."))
        return stage

    # Facilitator's buttons ----------------------------------------------------

    def action_open_participant(self):
        """The person's file, from the candidacy."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "social.clause.participant",
            "res_id": self.participant_id.id,
            "view_mode": "form",
        }

    def action_accept_proposal(self):
        today = fields.Date.context_today(self)
        for candidacy in self:
            participant = candidacy.participant_id
            if not participant._is_eligible_on(today, today):
                raise UserError(
                    _(
                        "Validate the eligibility of %(name)s before accepting "
                        "the proposal.",
                        name=participant.name,
                    )
                )
        self.write({"proposal_checked": True})

    def action_send_to_firm(self):
        self.write({"stage_id": self._stage_of_kind("sent").id})

    def action_hire(self):
        self.write({"stage_id": self._stage_of_kind("hired").id})

    def action_decline(self, reason, note=False, by="facilitator"):
        if not reason:
            raise UserError(_("Choose the reason of the decline."))
        self.write(
            {
                "stage_id": self._stage_of_kind("declined").id,
                "decline_reason_id": reason.id,
                "decline_note": note or False,
                "declined_by": by,
            }
        )

    def action_open_decline_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Decline the candidacy"),
            "res_model": "social.clause.candidacy.decline",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_reset_to_proposed(self):
        self.write(
            {
                "stage_id": self._stage_of_kind("proposed").id,
                "decline_reason_id": False,
                "decline_note": False,
                "declined_by": False,
            }
        )

    # Portal: the firm answers --------------------------------------------------

    @api.model
    def _portal_prescriber_outcomes(self):
        """What became of the people a prescriber proposed, per candidacy:
        dates, the hours done in the job it led to and the exit outcome;
        counts, dates and labels only, nothing the firm or the facilitator
        wrote. The caller reads ``self`` with the prescriber's rights (its own
        proposals); the hours and outcomes are read here as superuser, only
        for the hires of these candidacies.

        :return: dict candidacy id -> dict with ``sent_date``,
            ``interview_date``, ``hire_date``, ``hours_done``, ``exit_date``
            and ``exit_outcome``
        """
        candidacies = self.sudo()
        hired = candidacies.filtered(lambda c: c.stage_kind == "hired")
        hours = self._portal_prescriber_hours(hired)
        exits = {}
        for outcome in hired.participant_id.outcome_ids.filtered(
            lambda o: o.moment == "exit"
        ).sorted("date"):
            exits[outcome.participant_id.id] = outcome
        result = {}
        for candidacy in candidacies:
            person = candidacy.participant_id
            is_hired = candidacy in hired
            outcome = exits.get(person.id) if is_hired else None
            # An exit before this hire is another story.
            if outcome and candidacy.hire_date and outcome.date < candidacy.hire_date:
                outcome = None
            result[candidacy.id] = {
                "sent_date": candidacy.sent_date,
                "interview_date": candidacy.interview_date,
                "hire_date": candidacy.hire_date,
                "hours_done": hours.get(candidacy.id, 0.0) if is_hired else None,
                "exit_date": outcome.date if outcome else None,
                "exit_outcome": outcome.kind_id.name if outcome else None,
            }
        return result

    @api.model
    def _portal_prescriber_hours(self, hired):
        """Counted hours of each hired person with the offer's firm since the
        month of the hire, in one query: candidacy id -> hours."""
        if not hired:
            return {}
        Hour = self.env["social.clause.hour"].sudo()
        totals = {
            (person.id, firm.id, month): total
            for person, firm, month, total in Hour._read_group(
                [
                    ("participant_id", "in", hired.participant_id.ids),
                    ("is_counted", "=", True),
                ],
                ["participant_id", "partner_id", "date:month"],
                ["hours:sum"],
            )
        }
        result = {}
        for candidacy in hired:
            start = (candidacy.hire_date or fields.Date.today()).replace(day=1)
            firm = candidacy.partner_id.commercial_partner_id
            result[candidacy.id] = sum(
                total
                for (person, partner, month), total in totals.items()
                if person == candidacy.participant_id.id
                and partner == firm.id
                and month >= start
            )
        return result

    def _portal_check_firm_user(self):
        """The current user is a contact of the firm the candidate was sent to."""
        self.ensure_one()
        self.check_access("read")
        firm = self.sudo().partner_id.commercial_partner_id
        if self.env.user.commercial_partner_id != firm or not self.sudo().sent_date:
            raise AccessError(_("This candidate was not sent to your firm."))

    def _hire_date_bounds(self):
        """``(first, last)`` entry dates a hire through this candidacy may
        have: within the offer's dates and the lot's execution."""
        self.ensure_one()
        offer = self.offer_id
        lot = offer.commitment_id.lot_id
        return hire_date_bounds(
            fields.Date.context_today(self),
            offer_start=offer.date_start,
            offer_months=offer.duration_months,
            lot_start=lot.date_start,
            lot_end=lot.date_end,
        )

    def _portal_firm_hire(self, raw_date):
        """The firm hires the candidate, from the entry date it gives (within
        the offer's and the lot's dates) or the one already planned."""
        day = parse_portal_date(self.env, raw_date, required=False)
        if day:
            bounds = self._hire_date_bounds()
            if not hire_date_allowed(day, bounds):
                raise UserError(
                    _(
                        "The entry date %(date)s is outside the offer and the "
                        "lot: give a date from %(first)s to %(last)s.",
                        date=format_date(self.env, day),
                        first=format_date(self.env, bounds[0]),
                        last=format_date(self.env, bounds[1]),
                    )
                )
        self.write(
            {
                "hire_date": day or self.hire_date,
                "stage_id": self._stage_of_kind("hired").id,
            }
        )
        return _("The firm hires %(name)s.", name=self.candidate_name)

    def _portal_firm_decline(self, values):
        """The firm declines the candidate, with a reason it may give."""
        try:
            reason_id = int(values.get("decline_reason_id") or 0)
        except (TypeError, ValueError):
            reason_id = 0
        reason = (
            self.env["social.clause.decline.reason"]
            .sudo()
            .search([("id", "=", reason_id), ("firm_can_use", "=", True)])
        )
        if not reason:
            raise UserError(_("Choose the reason why you decline the candidate."))
        note = clean_text(
            self.env, values.get("decline_note"), _("Note"), max_length=None
        )
        if len(note) > NOTE_MAX_LENGTH:
            raise UserError(_("Your comment is too long (1,000 characters)."))
        self.action_decline(reason, note=note, by="firm")
        return _(
            "The firm declines %(name)s: %(reason)s. %(note)s",
            name=self.candidate_name,
            reason=reason.name,
            note=note,
        )

    def _portal_firm_answer(self, values):
        """The firm answers about a candidate sent to it.

        :param dict values: ``answer`` (interview, hire or decline),
            ``interview_date`` (YYYY-MM-DD), ``hire_date`` (optional),
            ``decline_reason_id`` and ``decline_note`` (decline)
        """
        self.ensure_one()
        self._portal_check_firm_user()
        candidacy = self.sudo()
        answer = values.get("answer")
        if answer not in FIRM_ANSWERS:
            raise UserError(_("Choose your answer: interview, hire or decline."))
        if candidacy.stage_kind not in ("sent", "interview"):
            raise UserError(
                _(
                    "You already answered about %(name)s.",
                    name=candidacy.candidate_name,
                )
            )
        if answer == "interview":
            day = parse_portal_date(self.env, values.get("interview_date"))
            candidacy.write(
                {
                    "stage_id": self._stage_of_kind("interview").id,
                    "interview_date": day,
                }
            )
            message = _(
                "The firm plans an interview with %(name)s on %(date)s.",
                name=candidacy.candidate_name,
                date=fields.Date.to_string(day),
            )
        elif answer == "hire":
            message = candidacy._portal_firm_hire(values.get("hire_date"))
        else:
            message = candidacy._portal_firm_decline(values)
        candidacy.message_post(body=message, subtype_xmlid="mail.mt_note")
        candidacy.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("The firm answered on the portal"),
            note=escape(message),
            user_id=facilitator_of(self.env, candidacy.offer_id.user_id).id,
        )
        return candidacy
