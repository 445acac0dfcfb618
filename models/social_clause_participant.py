# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import json
import re

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, escape_psql, format_date, html2plaintext

from ..rules.eligibility import (
    LEVEL_2_REQUIRED,
    criteria_suffice,
    diagnosis_date_ok,
    eligibility_end,
    is_eligible_between,
)
from ..rules.gdpr import identity_pattern, identity_terms, scrub, search_words
from ..rules.names import name_key
from .common import SocialClauseError, format_hours
from .social_clause_job_offer import MOBILITY

# Fields that hold sensitive personal data: facilitators only, never tracked.
SENSITIVE = "social_clause.group_user"
# Dates and times as the right-of-access export writes them.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}", re.ASCII
)

# Age bands of the national reporting (moins de 26 ans, 26-49 ans, 50 ans et plus).
AGE_BANDS = [
    ("under_26", "Under 26"),
    ("26_49", "26 to 49"),
    ("50_plus", "50 and over"),
]


def age_band_of(birth_date, day):
    """The AGE_BANDS key of a person born on birth_date, on that day."""
    if not birth_date or not day:
        return False
    years = relativedelta(day, birth_date).years
    if years < 26:
        return "under_26"
    return "26_49" if years < 50 else "50_plus"


# Fields emptied at anonymisation: identity, address, contact data, notes and
# proofs. Hours, gender, age band, qualification, QPV, criteria, prescriber and
# outcomes stay: they make the statistics. Fields added later on the person
# (phone, e-mail, identifiers...) belong here.
GDPR_ERASED_FIELDS = (
    "birth_date",
    "city",
    "zip",
    "referent_id",
    "eligibility_note",
    "eligibility_proof_ids",
    "phone",
    "email",
    "france_travail_id",
    "pass_iae_number",
    "cv_file",
    "cv_filename",
)
# Fields whose value identifies the person in free text (notes, messages):
# the anonymisation replaces them there by the pseudonym (rules/gdpr.py).
GDPR_IDENTIFYING_FIELDS = ("france_travail_id", "pass_iae_number", "email", "phone")

# Erased on the person's candidacies: the CV and the free texts that may name
# the person. The offer, stages, dates and decline reasons stay (statistics).
GDPR_CANDIDACY_ERASED_FIELDS = (
    "note",
    "decline_note",
    "proposed_name",
    "cv_file",
    "cv_filename",
)

# Survey answers typed freely (comments): they may name the person. Scales and
# choices stay for the evaluation's averages.
GDPR_FREE_TEXT_ANSWERS = ("char_box", "text_box")


class SocialClauseParticipant(models.Model):
    """A person far from employment hired under a clause."""

    _name = "social.clause.participant"
    _description = "Social clause participant"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "social.clause.evaluation.mixin"]
    _order = "name, id"
    _rec_names_search = ["name", "reference"]

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        readonly=True, copy=False, index=True, help="Reference used in imports."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    firm_ids = fields.Many2many(
        "res.partner",
        "social_clause_participant_firm_rel",
        "participant_id",
        "partner_id",
        string="Placed with",
        domain=[("is_company", "=", True)],
        help="Firms where the participant works under a clause; they may "
        "declare hours for this person.",
    )
    path_state = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("in_path", "In path"),
            ("exited", "Exited"),
        ],
        string="Path status",
        default="candidate",
        required=True,
        tracking=True,
    )
    entry_date = fields.Date(tracking=True)
    exit_date = fields.Date(tracking=True)
    # Sensitive personal data below: restricted to facilitators, not tracked.
    birth_date = fields.Date(groups=SENSITIVE)
    age = fields.Integer(compute="_compute_age", groups=SENSITIVE)
    age_band = fields.Selection(
        AGE_BANDS,
        string="Age band at entry",
        compute="_compute_age_band",
        store=True,
        groups=SENSITIVE,
        help="Age at the entry in the path (or today, before entry), in the "
        "bands of the national reporting. Kept when the birth date is erased.",
    )
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        groups=SENSITIVE,
    )
    city = fields.Char(string="Area of residence", groups=SENSITIVE)
    zip = fields.Char(string="Postcode", groups=SENSITIVE)
    is_qpv = fields.Boolean(
        string="Lives in a QPV",
        groups=SENSITIVE,
        help="Priority neighbourhood of the city policy (quartier prioritaire).",
    )
    qualification_level = fields.Selection(
        [
            ("none", "No diploma"),
            ("3", "Level 3 (CAP, BEP)"),
            ("4", "Level 4 (baccalauréat)"),
            ("5", "Level 5 (bac+2)"),
            ("6", "Level 6 or above (bac+3 and more)"),
        ],
        groups=SENSITIVE,
    )
    prescriber_id = fields.Many2one(
        "res.partner",
        string="Prescriber",
        groups=SENSITIVE,
        help="Organisation that directed the participant to the clause.",
    )
    referent_id = fields.Many2one(
        "res.partner",
        string="Path referent",
        groups=SENSITIVE,
        help="Person who follows the participant's path (référent de parcours).",
    )
    criterion_ids = fields.Many2many(
        "social.clause.criterion",
        string="Eligibility criteria",
        groups=SENSITIVE,
    )
    eligibility_state = fields.Selection(
        [
            ("to_check", "To check"),
            ("validated", "Validated"),
            ("refused", "Refused"),
        ],
        default="to_check",
        required=True,
        groups=SENSITIVE,
    )
    eligibility_date = fields.Date(
        string="Eligibility checked on", groups=SENSITIVE, copy=False
    )
    eligibility_user_id = fields.Many2one(
        "res.users", string="Eligibility checked by", groups=SENSITIVE, copy=False
    )
    eligibility_end_date = fields.Date(
        string="Eligibility valid until",
        compute="_compute_eligibility_end_date",
        store=True,
        groups=SENSITIVE,
    )
    eligibility_proof_ids = fields.Many2many(
        "ir.attachment",
        "social_clause_participant_proof_rel",
        "participant_id",
        "attachment_id",
        string="Eligibility proofs",
        groups=SENSITIVE,
    )
    eligibility_note = fields.Text(groups=SENSITIVE)
    outcome_ids = fields.One2many(
        "social.clause.outcome", "participant_id", string="Outcomes", groups=SENSITIVE
    )
    # Identifiers the facilitator uses with partners: sensitive, not tracked.
    france_travail_id = fields.Char(
        string="France Travail identifier",
        groups=SENSITIVE,
        copy=False,
        help="Job-seeker identifier at France Travail.",
    )
    pass_iae_number = fields.Char(
        string="PASS IAE number",
        groups=SENSITIVE,
        copy=False,
        help="Number of the PASS IAE given by the inclusion platform "
        "(Les emplois de l'inclusion).",
    )
    email = fields.Char(
        string="Personal e-mail",
        groups=SENSITIVE,
        copy=False,
        help="The person's own e-mail address (never used for mailings).",
    )
    phone = fields.Char(string="Personal phone", groups=SENSITIVE, copy=False)
    proposed_by_id = fields.Many2one(
        "res.partner",
        string="Proposed by",
        readonly=True,
        copy=False,
        groups=SENSITIVE,
        index="btree_not_null",
        help="Firm that proposed this person on its portal: the facilitator "
        "checks the eligibility before validating the hours.",
    )
    hour_ids = fields.One2many(
        "social.clause.hour", "participant_id", string="Insertion hours"
    )
    hours_done = fields.Float(compute="_compute_hours_done", store=True)

    _sql_constraints = [
        ("reference_uniq", "unique(reference)", "A participant's reference is unique."),
    ]

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for participant in self:
            participant.age = (
                relativedelta(today, participant.birth_date).years
                if participant.birth_date
                else 0
            )

    @api.depends("birth_date", "entry_date")
    def _compute_age_band(self):
        today = fields.Date.context_today(self)
        for participant in self:
            if participant.birth_date:
                participant.age_band = age_band_of(
                    participant.birth_date, participant.entry_date or today
                )
            else:
                # An erased birth date (anonymisation) keeps the band it gave.
                participant.age_band = participant.age_band

    @api.depends(
        "eligibility_state",
        "eligibility_date",
        "company_id.social_clause_eligibility_months",
    )
    def _compute_eligibility_end_date(self):
        for participant in self:
            if participant.eligibility_state == "validated":
                participant.eligibility_end_date = eligibility_end(
                    participant.eligibility_date,
                    participant.company_id.social_clause_eligibility_months,
                )
            else:
                participant.eligibility_end_date = False

    @api.depends("hour_ids.hours", "hour_ids.is_counted")
    def _compute_hours_done(self):
        groups = self.env["social.clause.hour"]._read_group(
            [("participant_id", "in", self.ids), ("is_counted", "=", True)],
            ["participant_id"],
            ["hours:sum"],
        )
        totals = {participant.id: total for participant, total in groups}
        for participant in self:
            participant.hours_done = totals.get(participant.id, 0.0)

    def _bulk_totals(self):
        """The step of ``refresh_in_bulk`` that gives the result of
        ``_compute_hours_done`` in one statement."""
        return (
            self,
            ["hours_done"],
            """
            UPDATE social_clause_participant participant
               SET hours_done = totals.hours_done
              FROM (
                    SELECT participant.id,
                           COALESCE(SUM(line.hours)
                                    FILTER (WHERE line.is_counted), 0)
                               AS hours_done
                      FROM social_clause_participant participant
                 LEFT JOIN social_clause_hour line
                        ON line.participant_id = participant.id
                     WHERE participant.id = ANY(%(ids)s)
                  GROUP BY participant.id
                   ) totals
             WHERE totals.id = participant.id
            """,
            {},
        )

    @api.constrains("entry_date", "exit_date")
    def _check_dates(self):
        for participant in self:
            if (
                participant.entry_date
                and participant.exit_date
                and participant.exit_date < participant.entry_date
            ):
                raise ValidationError(
                    _(
                        "%(name)s cannot leave the path before entering it.",
                        name=participant.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("reference"):
                vals["reference"] = sequence.next_by_code("social.clause.participant")
            if self.env.user.share and not vals.get("proposed_by_id"):
                # A firm's contact proposed the person on the portal.
                vals["proposed_by_id"] = self.env.user.commercial_partner_id.id
        return super().create(vals_list)

    def _is_eligible_on(self, month_start, month_end):
        """Eligibility validated and valid for at least part of the month."""
        self.ensure_one()
        return is_eligible_between(
            self.eligibility_state,
            self.eligibility_date,
            self.eligibility_end_date,
            month_start,
            month_end,
        )

    # Actions -----------------------------------------------------------------

    def action_validate_eligibility(self):
        """Validate the eligibility as diagnosed today (see the wizard of
        ``action_open_eligibility_wizard`` for an earlier diagnosis)."""
        self._validate_eligibility(fields.Date.context_today(self))

    def action_open_eligibility_wizard(self):
        """Ask the date of the diagnosis and its proof, then validate."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Validate the eligibility"),
            "res_model": "social.clause.eligibility.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_participant_id": self.id},
        }

    def _validate_eligibility(self, diagnosis_date, proofs=None):
        """Validate the eligibility from ``diagnosis_date`` (never in the
        future): the hours of its month and of the months after it can be
        validated. ``proofs`` (attachments) join the eligibility proofs."""
        today = fields.Date.context_today(self)
        if not diagnosis_date_ok(diagnosis_date, today):
            raise SocialClauseError(
                _(
                    "The date of the diagnosis cannot be in the future (today "
                    "is %(today)s).",
                    today=format_date(self.env, today),
                )
            )
        for participant in self:
            participant._check_eligibility_criteria()
        vals = {
            "eligibility_state": "validated",
            "eligibility_date": diagnosis_date,
            "eligibility_user_id": self.env.user.id,
        }
        if proofs:
            proofs.write({"res_model": self._name, "res_id": self[:1].id})
            vals["eligibility_proof_ids"] = [fields.Command.link(p.id) for p in proofs]
        self.write(vals)
        for participant in self:
            participant.message_post(
                body=_(
                    "Eligibility validated, diagnosis of %(date)s.",
                    date=format_date(self.env, diagnosis_date),
                )
            )

    def _eligibility_proof_required(self):
        """A proof of the diagnosis is asked unless the file holds one
        already, or the PASS IAE number says the inclusion platform has it."""
        self.ensure_one()
        return not (self.eligibility_proof_ids or self.pass_iae_number)

    def _check_eligibility_criteria(self):
        """The criteria make the person eligible (rules/eligibility.py): in
        each SIAE the person works for, as its kind requires."""
        self.ensure_one()
        if not self.criterion_ids:
            raise SocialClauseError(
                _(
                    "Record at least one eligibility criterion of %(name)s "
                    "before validating the eligibility.",
                    name=self.name,
                )
            )
        levels = self.criterion_ids.mapped("level")
        for firm in self.firm_ids.filtered("is_siae"):
            kind = firm.social_clause_employer_kind
            if not criteria_suffice(levels, kind):
                raise SocialClauseError(
                    _(
                        "The criteria of %(name)s are not enough to work in "
                        "%(firm)s (%(kind)s): one level 1 criterion or "
                        "%(count)s level 2 criteria.",
                        name=self.name,
                        firm=firm.name,
                        kind=kind.upper(),
                        count=LEVEL_2_REQUIRED[kind],
                    )
                )

    def action_refuse_eligibility(self):
        self.write(
            {
                "eligibility_state": "refused",
                "eligibility_date": fields.Date.context_today(self),
                "eligibility_user_id": self.env.user.id,
            }
        )
        for participant in self:
            participant.message_post(body=_("Eligibility refused."))

    def action_enter_path(self):
        for participant in self:
            if participant.path_state != "candidate":
                raise SocialClauseError(
                    _("%(name)s is not a candidate.", name=participant.name)
                )
        for participant in self:
            participant.write(
                {
                    "path_state": "in_path",
                    "entry_date": participant.entry_date
                    or fields.Date.context_today(self),
                }
            )

    def action_exit_path(self):
        """Leave the path and plan the follow-up six months later."""
        for participant in self:
            if participant.path_state != "in_path":
                raise SocialClauseError(
                    _("%(name)s is not in a path.", name=participant.name)
                )
        today = fields.Date.context_today(self)
        for participant in self:
            exit_date = participant.exit_date or today
            participant.write({"path_state": "exited", "exit_date": exit_date})
            participant.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=exit_date + relativedelta(months=6),
                summary=_("6-month follow-up"),
                # The note is HTML: the name is user text, escaped.
                note=escape(
                    _(
                        "Record the situation of %(name)s six months after exit.",
                        name=participant.name,
                    )
                ),
                user_id=(participant.user_id or self.env.user).id,
            )

    gdpr_informed_date = fields.Date(
        string="Informed of the processing on",
        groups=SENSITIVE,
        copy=False,
        help="Date the person received the information notice on the processing "
        "of their personal data (GDPR art. 13).",
    )
    gdpr_informed_by_id = fields.Many2one(
        "res.users",
        string="Informed by",
        groups=SENSITIVE,
        copy=False,
    )
    last_contact_date = fields.Date(
        compute="_compute_last_contact_date",
        store=True,
        help="Latest of the entry, the exit, the months of hours, the "
        "outcomes, the candidacies (proposed, sent, interview, hire) and the "
        "trainings: the retention delay runs from this date.",
    )
    is_anonymised = fields.Boolean(string="Anonymised", readonly=True, copy=False)
    anonymisation_date = fields.Date(readonly=True, copy=False)

    @api.depends(
        "entry_date",
        "exit_date",
        "hour_ids.date",
        "outcome_ids.date",
        "candidacy_ids.create_date",
        "candidacy_ids.sent_date",
        "candidacy_ids.interview_date",
        "candidacy_ids.hire_date",
        "training_attendance_ids.create_date",
    )
    def _compute_last_contact_date(self):
        # The last month of hours of each person, in one query rather than
        # all their lines (a person may have hundreds).
        saved = self.filtered(lambda participant: isinstance(participant.id, int))
        last_months = {
            person.id: month
            for person, month in self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [("participant_id", "in", saved.ids)],
                ["participant_id"],
                ["date:max"],
            )
        }
        for participant in self.sudo().with_context(active_test=False):
            # Proposed again, sent to a firm, met or trained: all contacts.
            candidacies = participant.candidacy_ids
            if isinstance(participant.id, int):
                months = [last_months.get(participant.id)]
            else:
                months = participant.hour_ids.mapped("date")
            dates = [
                participant.entry_date,
                participant.exit_date,
                *months,
                *participant.outcome_ids.mapped("date"),
                *(day.date() for day in candidacies.mapped("create_date")),
                *candidacies.mapped("sent_date"),
                *candidacies.mapped("interview_date"),
                *candidacies.mapped("hire_date"),
                *(
                    day.date()
                    for day in participant.training_attendance_ids.mapped("create_date")
                ),
            ]
            dates = [day for day in dates if day]
            if not dates and participant.create_date:
                # A candidate never placed: known since the record was made.
                dates = [participant.create_date.date()]
            participant.last_contact_date = max(dates) if dates else False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_hours(self):
        with_hours = self.sudo().filtered("hour_ids")
        if with_hours:
            raise UserError(
                _(
                    "%(names)s cannot be deleted: insertion hours are recorded for "
                    "this person. Archive or anonymise the person instead.",
                    names=", ".join(with_hours.mapped("name")),
                )
            )

    def _gdpr_check_facilitator(self):
        if not self.env.su and not self.env.user.has_group(SENSITIVE):
            raise AccessError(
                _("Only facilitators may handle the personal data of participants.")
            )

    # Information notice ------------------------------------------------------

    def action_gdpr_mark_informed(self):
        """The facilitator gave the information notice today."""
        self._gdpr_check_facilitator()
        self.write(
            {
                "gdpr_informed_date": fields.Date.context_today(self),
                "gdpr_informed_by_id": self.env.user.id,
            }
        )

    # Retention and right to erasure ------------------------------------------

    def action_anonymise(self):
        """Right to erasure: the button asks for a confirmation first."""
        self._gdpr_check_facilitator()
        self.check_access("write")
        already = self.filtered("is_anonymised")
        if already:
            raise UserError(
                _(
                    "%(names)s is already anonymised.",
                    names=", ".join(already.mapped("name")),
                )
            )
        self._anonymise()
        return True

    @api.model
    def _cron_anonymise_expired(self):
        """Daily: anonymise the people not followed any more whose last
        contact is older than their company's retention delay."""
        participants = self.sudo().with_context(active_test=False)
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].sudo().search([]):
            cutoff = today - relativedelta(
                months=company.social_clause_retention_months
            )
            expired = participants.search(
                [
                    ("company_id", "=", company.id),
                    ("is_anonymised", "=", False),
                    ("path_state", "!=", "in_path"),
                    ("last_contact_date", "<", cutoff),
                ]
            )
            expired._anonymise()

    def _gdpr_pseudonym(self):
        self.ensure_one()
        return _("Anonymised participant %(reference)s", reference=self.reference)

    def _anonymise(self):
        """Erase the identity of the participants and every trace of it the
        module and mail keep; hours, outcomes and criteria stay."""
        participants = self.sudo().with_context(
            active_test=False, tracking_disable=True, mail_notrack=True
        )
        for participant in participants:
            # Every spelling and identifier, read before the traces go.
            terms = participant._gdpr_identity_terms()
            participant._gdpr_delete_traces()
            values = dict.fromkeys(GDPR_ERASED_FIELDS, False)
            values.update(
                {
                    "name": participant._gdpr_pseudonym(),
                    "is_anonymised": True,
                    "anonymisation_date": fields.Date.context_today(participant),
                }
            )
            participant.write(values)
            participant.outcome_ids.write({"note": False})
            participant.candidacy_ids.with_context(active_test=False).write(
                dict.fromkeys(GDPR_CANDIDACY_ERASED_FIELDS, False)
            )
            participant._gdpr_erase_evaluation_comments()
            participant._gdpr_scrub_identity(terms)
        self.env.flush_all()

    def _gdpr_identity_terms(self):
        """The words that identify the person in free text: every name it
        was known under (the current one, the renames tracked in its
        chatter, e.g. a firm's first spelling, the names typed by
        prescribers) and its identifiers, e-mail and phone."""
        self.ensure_one()
        person = self.sudo().with_context(active_test=False)
        renames = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", self._name),
                    ("mail_message_id.res_id", "=", self.id),
                    ("field_id.model", "=", self._name),
                    ("field_id.name", "=", "name"),
                ]
            )
        )
        return identity_terms(
            person.name,
            *renames.mapped("old_value_char"),
            *renames.mapped("new_value_char"),
            *person.candidacy_ids.mapped("proposed_name"),
            *(person[fname] for fname in GDPR_IDENTIFYING_FIELDS),
        )

    def _gdpr_documents(self):
        """The person's own documents whose chatter, activities and
        attachments all concern the person: their record, their candidacies
        (stage messages, the firm's and prescriber's notes use the first
        name) and their evaluation answers."""
        self.ensure_one()
        return [
            self,
            self.candidacy_ids.with_context(active_test=False),
            self.env["survey.user_input"].search(
                [("social_clause_participant_id", "=", self.id)]
            ),
        ]

    def _gdpr_delete_traces(self):
        """Proofs, chatter and activities of the person and of their
        candidacies and evaluations, and the proofs of their hours (payslips
        and contracts name them)."""
        self.ensure_one()
        env = self.env
        hours = self.hour_ids
        documents = [*self._gdpr_documents(), hours]
        attachments = self.eligibility_proof_ids | hours.attachment_ids
        for records in documents:
            if not records:
                continue
            attachments |= env["ir.attachment"].search(
                [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            )
        for records in documents[:-1]:
            if not records:
                continue
            document_domain = [("res_id", "in", records.ids)]
            messages = env["mail.message"].search(
                [("model", "=", records._name), *document_domain]
            )
            # Tracking values go with their messages (ondelete cascade).
            attachments |= messages.attachment_ids
            messages.unlink()
            env["mail.activity"].search(
                [("res_model", "=", records._name), *document_domain]
            ).unlink()
        attachments.unlink()

    def _gdpr_erase_evaluation_comments(self):
        """Free-text answers of the person's evaluations (they may name the
        person or others); the scales stay for the averages."""
        self.ensure_one()
        answers = self.env["survey.user_input"].search(
            [("social_clause_participant_id", "=", self.id)]
        )
        answers.user_input_line_ids.filtered(
            lambda line: line.answer_type in GDPR_FREE_TEXT_ANSWERS
        ).unlink()
        answers.write({"email": False, "nickname": False})

    def _gdpr_related_documents(self):
        """Other people's documents where the person's hours and candidacies
        are handled: the commitments of their hours (the firm's portal
        declarations name them) and the job offers of their candidacies.
        Their chatter stays; the words identifying the person go."""
        self.ensure_one()
        person = self.sudo().with_context(active_test=False)
        return [person.hour_ids.commitment_id, person.candidacy_ids.offer_id]

    def _gdpr_naming_messages(self, terms, records):
        """Messages of ``records`` whose body names the person (whole
        words of ``terms``), or whose tracking values do."""
        pattern = identity_pattern(terms)
        if not records or pattern is None:
            return self.env["mail.message"]
        words = search_words(terms)
        Message = self.env["mail.message"].sudo()
        document = [("model", "=", records._name), ("res_id", "in", records.ids)]
        candidates = Message.search(
            document
            + expression.OR(
                [[("body", "ilike", escape_psql(word))] for word in words]
                + [
                    [("tracking_value_ids.old_value_char", "ilike", escape_psql(w))]
                    for w in words
                ]
                + [
                    [("tracking_value_ids.new_value_char", "ilike", escape_psql(w))]
                    for w in words
                ]
            )
        )
        return candidates.filtered(
            lambda message: pattern.search(str(message.body or ""))
            or any(
                pattern.search(value or "")
                for value in message.tracking_value_ids.mapped("old_value_char")
                + message.tracking_value_ids.mapped("new_value_char")
            )
        )

    def _gdpr_scrub_identity(self, terms):
        """Replace the words identifying the person (``terms``, whole words)
        by the pseudonym in the documents of others about them: messages,
        tracking values, activities and internal notes of the commitments of
        their hours and of the offers of their candidacies; drop their
        pending e-mails naming them; and in the rejection reasons of their
        hours. Nothing outside these documents is touched: a namesake, a
        private chat or another person's file keep their text."""
        self.ensure_one()
        pattern = identity_pattern(terms)
        if pattern is None:
            return
        pseudonym = self.name
        for records in self._gdpr_related_documents():
            if not records:
                continue
            # Their e-mails naming the person, sent or queued, go.
            self.env["mail.mail"].search(
                [("model", "=", records._name), ("res_id", "in", records.ids)]
            ).filtered(
                lambda mail: pattern.search(mail.body_html or "")
                or pattern.search(mail.subject or "")
            ).unlink()
            for message in self._gdpr_naming_messages(terms, records):
                message.body = Markup(
                    scrub(str(message.body or ""), pattern, pseudonym)
                )
                for tracking in message.tracking_value_ids:
                    for fname in ("old_value_char", "new_value_char"):
                        tracking[fname] = scrub(tracking[fname], pattern, pseudonym)
            self._gdpr_scrub_records(
                self.env["mail.activity"].search(
                    [("res_model", "=", records._name), ("res_id", "in", records.ids)]
                ),
                ("summary", "note"),
                pattern,
            )
            if "note" in records._fields:
                self._gdpr_scrub_records(records, ("note",), pattern)
        self._gdpr_scrub_records(
            self.hour_ids, ("rejection_reason", "proof_waived_reason"), pattern
        )
        self._gdpr_scrub_bus(pattern, terms)

    def _gdpr_scrub_records(self, records, fnames, pattern):
        """Write the pseudonym over the matches of ``pattern`` in the text
        or HTML fields ``fnames`` of ``records``."""
        for record in records:
            for fname in fnames:
                value = record[fname]
                if not value or not pattern.search(str(value)):
                    continue
                scrubbed = scrub(str(value), pattern, self.name)
                record[fname] = (
                    Markup(scrubbed) if isinstance(value, Markup) else scrubbed
                )

    def _gdpr_scrub_bus(self, pattern, terms):
        """Real-time notifications carry message bodies and record names:
        drop those naming the person (whole words)."""
        self.env.flush_all()
        cr = self.env.cr
        forms = set()
        for word in search_words(terms):
            forms |= {word, json.dumps(word)[1:-1]}
        if not forms:
            return
        cr.execute(
            SQL(
                "SELECT id, message FROM bus_bus WHERE %s",
                SQL(" OR ").join(
                    SQL("message ILIKE %s", f"%{escape_psql(form)}%") for form in forms
                ),
            )
        )
        ids = []
        for row_id, message in cr.fetchall():
            try:
                text = json.dumps(json.loads(message), ensure_ascii=False)
            except ValueError:
                text = message
            if pattern.search(text):
                ids.append(row_id)
        if ids:
            cr.execute("DELETE FROM bus_bus WHERE id = ANY(%s)", [ids])

    # Right of access ----------------------------------------------------------

    # What the right-of-access export lists of each record.
    GDPR_EXPORT_HOUR_FIELDS = (
        "date",
        "partner_id",
        "lot_id",
        "operation_id",
        "modality",
        "hours",
        "state",
        "is_counted",
        "declared_by",
        "validation_date",
        "rejection_reason",
        "proof_waived_reason",
        "attachment_ids",
    )
    GDPR_EXPORT_OUTCOME_FIELDS = ("moment", "date", "kind_id", "employer_id", "note")
    GDPR_EXPORT_CANDIDACY_FIELDS = (
        "offer_id",
        "partner_id",
        "stage_id",
        "source",
        "prescriber_id",
        "proposed_name",
        "position_sought",
        "availability_date",
        "cv_filename",
        "sent_date",
        "interview_date",
        "hire_date",
        "decline_reason_id",
        "decline_note",
        "declined_by",
        "note",
    )
    GDPR_EXPORT_ATTENDANCE_FIELDS = (
        "training_id",
        "training_kind",
        "date_start",
        "date_end",
        "hours_attended",
        "completion",
        "certified",
        "certification",
    )

    @api.model
    def _gdpr_plain(self, record, fnames):
        """``{label: value}`` of ``fnames`` of ``record`` as plain JSON data."""
        values = {}
        for fname in fnames:
            field = record._fields[fname]
            if field.type == "binary":
                continue
            value = record[fname]
            if field.type == "many2one":
                value = value.display_name or None
            elif field.type in ("one2many", "many2many"):
                value = value.mapped("display_name")
            elif field.type == "selection":
                value = dict(field._description_selection(record.env)).get(value)
            elif field.type == "html":
                value = html2plaintext(value or "")
            elif field.type == "date":
                value = fields.Date.to_string(value) or None
            elif field.type == "datetime":
                value = fields.Datetime.to_string(value) or None
            label = field._description_string(record.env)
            values[label if label not in values else fname] = value
        return values

    def _gdpr_own_fields(self):
        """The participant's own fields the user may read, but the lists
        exported apart and the technical ones."""
        return [
            fname
            for fname, field in self._fields.items()
            if field.is_accessible(self.env)
            and not fname.startswith(("message_", "activity_", "website_"))
            and fname
            not in (
                "hour_ids",
                "outcome_ids",
                "candidacy_ids",
                "training_attendance_ids",
                "display_name",
                "id",
            )
            and field.type != "binary"
        ]

    def _gdpr_personal_data(self):
        """Everything the database holds on the participant, as plain data:
        their own records (person, hours, outcomes, candidacies, trainings,
        evaluations, proofs, CVs), the messages and activities on them, and
        the messages and activities of the commitments of their hours and
        the offers of their candidacies that name them (whole words of any
        spelling of the name or identifier). Nothing else of the database is
        searched: another person's file or a private chat never comes out."""
        self.ensure_one()
        self._gdpr_check_facilitator()
        self.check_access("read")
        person = self.sudo().with_context(active_test=False)
        plain = self._gdpr_plain
        terms = self._gdpr_identity_terms()
        return {
            "participant": plain(self, self._gdpr_own_fields()),
            "hours": [
                plain(line, self.GDPR_EXPORT_HOUR_FIELDS) for line in self.hour_ids
            ],
            "outcomes": [
                plain(outcome, self.GDPR_EXPORT_OUTCOME_FIELDS)
                for outcome in self.outcome_ids
            ],
            "candidacies": [
                plain(candidacy, self.GDPR_EXPORT_CANDIDACY_FIELDS)
                for candidacy in person.candidacy_ids
            ],
            "trainings": [
                plain(attendance, self.GDPR_EXPORT_ATTENDANCE_FIELDS)
                for attendance in person.training_attendance_ids
            ],
            "evaluations": self._gdpr_export_evaluations(),
            "proofs": self._gdpr_export_proofs(),
            "cvs": self._gdpr_export_cvs(),
            "messages": self._gdpr_export_messages(self._gdpr_messages(terms)),
            "activities": [
                {
                    "summary": activity.summary,
                    "deadline": fields.Date.to_string(activity.date_deadline),
                    "note": html2plaintext(activity.note or ""),
                }
                for activity in self._gdpr_activities(terms)
            ],
            "exported_on": fields.Datetime.to_string(fields.Datetime.now()),
            "exported_by": self.env.user.name,
        }

    def _gdpr_messages(self, terms):
        """The messages on the person's own documents, and those of the
        related documents (``_gdpr_related_documents``) naming them."""
        Message = self.env["mail.message"].sudo()
        messages = Message
        for records in self._gdpr_documents():
            if records:
                messages |= Message.search(
                    [("model", "=", records._name), ("res_id", "in", records.ids)]
                )
        for records in self._gdpr_related_documents():
            messages |= self._gdpr_naming_messages(terms, records)
        return messages.sorted(lambda message: (message.date, message.id))

    def _gdpr_activities(self, terms):
        """Activities of the person's own documents, and those of the
        related documents naming them."""
        pattern = identity_pattern(terms)
        Activity = self.env["mail.activity"].sudo()
        activities = Activity
        for records in self._gdpr_documents():
            if records and records._name in (
                "social.clause.participant",
                "social.clause.candidacy",
            ):
                activities |= Activity.search(
                    [("res_model", "=", records._name), ("res_id", "in", records.ids)]
                )
        for records in self._gdpr_related_documents():
            if records and pattern is not None:
                activities |= Activity.search(
                    [("res_model", "=", records._name), ("res_id", "in", records.ids)]
                ).filtered(
                    lambda activity: pattern.search(activity.summary or "")
                    or pattern.search(str(activity.note or ""))
                )
        return activities

    @api.model
    def _gdpr_export_messages(self, messages):
        return [
            {
                "document": message.record_name or message.model,
                "date": fields.Datetime.to_string(message.date),
                "author": message.author_id.display_name or None,
                "body": html2plaintext(message.body or ""),
                "changes": [
                    {
                        "field": tracking.field_id.field_description,
                        "old": tracking.old_value_char
                        or tracking.old_value_datetime
                        or tracking.old_value_float
                        or tracking.old_value_integer,
                        "new": tracking.new_value_char
                        or tracking.new_value_datetime
                        or tracking.new_value_float
                        or tracking.new_value_integer,
                    }
                    for tracking in message.tracking_value_ids
                ],
            }
            for message in messages
        ]

    def _gdpr_export_evaluations(self):
        evaluations = (
            self.env["survey.user_input"]
            .sudo()
            .search([("social_clause_participant_id", "=", self.id)])
        )
        states = dict(evaluations._fields["state"]._description_selection(self.env))
        return [
            {
                "survey": answer.survey_id.title,
                "date": fields.Datetime.to_string(
                    answer.end_datetime or answer.create_date
                ),
                "state": states.get(answer.state),
                "answers": [
                    {
                        "question": line.question_id.title,
                        "answer": line.value_text_box
                        or line.value_char_box
                        or line.display_name,
                    }
                    for line in answer.user_input_line_ids
                ],
            }
            for answer in evaluations
        ]

    def _gdpr_export_proofs(self):
        proofs = self.eligibility_proof_ids | self.hour_ids.attachment_ids
        return [
            {
                "name": attachment.name,
                "type": attachment.mimetype,
                "date": fields.Datetime.to_string(attachment.create_date),
            }
            for attachment in proofs.sudo()
        ]

    def _gdpr_export_cvs(self):
        """The CVs (the person's and those sent with the candidacies), named
        as they were uploaded."""
        person = self.sudo().with_context(active_test=False)
        return [
            {
                "name": record.cv_filename or "CV",
                "document": record.display_name,
                "date": fields.Datetime.to_string(record.write_date),
            }
            for record in (person, *person.candidacy_ids)
            if record.cv_file
        ]

    def action_export_personal_data(self):
        """Right of access: a JSON file of everything held on the person, to
        hand over; attached to the participant (erased with the identity)."""
        self.ensure_one()
        data = self._gdpr_personal_data()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"personal_data_{self.reference}.json",
                "mimetype": "application/json",
                "raw": json.dumps(
                    data, ensure_ascii=False, indent=2, default=str
                ).encode(),
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.message_post(
            body=_("Personal data exported for the right of access."),
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def action_print_personal_data(self):
        """Right of access, as a readable PDF in French: the same data as
        the JSON export (``_gdpr_personal_data``), with labels."""
        self.ensure_one()
        self._gdpr_check_facilitator()
        self.message_post(
            body=_("Personal data printed (PDF) for the right of access."),
        )
        return self.env.ref(
            "social_clause.action_report_participant_personal_data"
        ).report_action(self)

    def _gdpr_personal_data_sections(self):
        """``_gdpr_personal_data()`` as the PDF shows it, whatever the dict
        holds: a list of ``{"title", "rows", "items"}`` where ``rows`` are
        ``(label, text)`` and ``items`` a list of such rows (one per line
        of hours, outcome, message...)."""
        data = self._gdpr_personal_data()
        titles = self._gdpr_section_titles()
        booleans = self._gdpr_boolean_labels()
        sections = []
        heading = {}
        for key, value in data.items():
            if isinstance(value, dict):
                sections.append(
                    {
                        "title": titles.get(key, key),
                        "rows": self._gdpr_rows(value, booleans),
                        "items": [],
                    }
                )
            elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
                sections.append(
                    {
                        "title": titles.get(key, key),
                        "rows": [],
                        "items": [self._gdpr_rows(item, booleans) for item in value],
                    }
                )
            else:
                heading[self._gdpr_label(key)] = value
        if heading:
            sections.append(
                {
                    "title": _("Export"),
                    "rows": self._gdpr_rows(heading, booleans),
                    "items": [],
                }
            )
        return sections

    def _gdpr_section_titles(self):
        return {
            "participant": _("The person's file"),
            "hours": _("Insertion hours"),
            "outcomes": _("Outcomes"),
            "candidacies": _("Candidacies"),
            "trainings": _("Trainings"),
            "evaluations": _("Evaluations"),
            "proofs": _("Proofs"),
            "cvs": _("CVs"),
            "messages": _("Messages"),
            "activities": _("Activities"),
        }

    def _gdpr_label(self, key):
        """Labels of the keys the export writes in English (the fields'
        keys are already their translated labels)."""
        labels = {
            "name": _("Name"),
            "type": _("Type"),
            "date": _("Date"),
            "document": _("Document"),
            "author": _("Author"),
            "body": _("Content"),
            "changes": _("Changes"),
            "field": _("Field"),
            "old": _("Before"),
            "new": _("After"),
            "summary": _("Summary"),
            "deadline": _("Deadline"),
            "note": _("Note"),
            "survey": _("Survey"),
            "state": _("Status"),
            "answers": _("Answers"),
            "question": _("Question"),
            "answer": _("Answer"),
            "exported_on": _("Exported on"),
            "exported_by": _("Exported by"),
        }
        return labels.get(key, key)

    def _gdpr_rows(self, values, booleans):
        """``(label, text)`` of a dict, nested dicts and lists flattened."""
        rows = []
        for key, value in values.items():
            label = self._gdpr_label(key)
            if isinstance(value, list) and value and isinstance(value[0], dict):
                for index, item in enumerate(value, 1):
                    text = "; ".join(
                        f"{self._gdpr_label(k)} : {self._gdpr_text(v)}"
                        for k, v in item.items()
                    )
                    rows.append((f"{label} ({index})", text))
            elif isinstance(value, dict):
                rows.extend(self._gdpr_rows(value, booleans))
            else:
                rows.append((label, self._gdpr_text(value, label in booleans)))
        return rows

    def _gdpr_boolean_labels(self):
        """Labels of the yes/no fields of the exported records: their False
        reads "Non"; any other empty value reads "—" (an empty text is False
        too in the ORM)."""
        models = (
            self._name,
            "social.clause.hour",
            "social.clause.outcome",
            "social.clause.candidacy",
            "social.clause.training.attendance",
        )
        return {
            field._description_string(self.env)
            for model in models
            for field in self.env[model]._fields.values()
            if field.type == "boolean"
        }

    def _gdpr_text(self, value, boolean=False):
        """A value as a French reader reads it: dates dd/mm/yyyy, Oui/Non,
        decimal comma, "—" for nothing."""
        if value is False and boolean:
            return _("No")
        if value is None or value is False or value == "" or value == []:
            return "\N{EM DASH}"
        if value is True:
            return _("Yes")
        if isinstance(value, float):
            return format_hours(value, self.env)
        if isinstance(value, list):
            return ", ".join(self._gdpr_text(item) for item in value)
        if isinstance(value, datetime.datetime):
            value = fields.Datetime.to_string(value)
        text = str(value)
        if _ISO_DATE.fullmatch(text):
            return fields.Date.to_date(text).strftime("%d/%m/%Y")
        if _ISO_DATETIME.fullmatch(text):
            moment = fields.Datetime.context_timestamp(
                self, fields.Datetime.to_datetime(text)
            )
            return moment.strftime("%d/%m/%Y %H:%M")
        return text

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
        """Eligibility validated and still valid on ``day`` (default today):
        ``is_eligible_between(..., day, day)`` of rules/eligibility.py as a
        domain (diagnosed on or before ``day``, not expired)."""
        day = day or fields.Date.context_today(self)
        return [
            ("eligibility_state", "=", "validated"),
            ("eligibility_date", "<=", day),
            "|",
            ("eligibility_end_date", "=", False),
            ("eligibility_end_date", ">=", day),
        ]

    @api.model
    def _pool_free_domain(self, day=None):
        """Free to take a job on ``day`` (default today): a candidate not yet
        placed with a firm, or a person whose availability date has come
        (a contract ending); never a person who left the path. A hire clears
        the availability date (``candidacy._place_participants``) and a
        prescriber's date is not written on a placed person: a hired person
        is out of the pool whatever date was typed before."""
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
    def _find_same_person(
        self, company, name, birth_date=None, france_travail_id=None, prescriber=None
    ):
        """The participant a new proposal is about, when already known (one
        person, one record), in the same company: the same France Travail
        identifier, or the same name (case, accents and punctuation aside)
        and birth date, or, without a birth date, the same name proposed by
        the same prescriber.

        Searched as superuser: the caller must show nothing of what it finds
        to whoever made the proposal.
        """
        People = self.sudo().with_context(active_test=False)
        base = [("company_id", "=", company.id), ("is_anonymised", "=", False)]
        identifier = "".join(str(france_travail_id or "").split()).upper()
        if identifier:
            known = People.search(
                base + [("france_travail_id", "=ilike", identifier)],
                order="id desc",
                limit=1,
            )
            if known:
                return known
        key = name_key(name)
        if not key or not (birth_date or prescriber):
            return self.browse()
        # Without a birth date on either side, the same prescriber's word.
        same_prescriber = (
            [("prescriber_id", "=", prescriber.id), ("birth_date", "=", False)]
            if prescriber
            else []
        )
        if birth_date and same_prescriber:
            domain = expression.OR([[("birth_date", "=", birth_date)], same_prescriber])
        elif birth_date:
            domain = [("birth_date", "=", birth_date)]
        else:
            domain = [("prescriber_id", "=", prescriber.id)]
        people = People.search(base + domain, order="id desc").filtered(
            lambda person: name_key(person.name) == key
        )
        # The same birth date first: it tells the person apart.
        return people.sorted(lambda person: person.birth_date != birth_date)[:1]

    @api.model
    def _find_known_person(self, company, name, prescriber=None, birth_date=None):
        """Kept for callers of the earlier name: see ``_find_same_person``."""
        return self._find_same_person(
            company, name, birth_date=birth_date, prescriber=prescriber
        )

    _evaluation_audience = "participant"
    _evaluation_field = "social_clause_participant_id"

    def action_start_evaluation(self):
        """Open the 6-month questionnaire, filled in with the participant
        (often by phone): a new answer, no e-mail needed."""
        self.ensure_one()
        answer = self._create_evaluation_answer()
        return {
            "type": "ir.actions.act_url",
            "url": answer.get_start_url(),
            "target": "new",
        }
