# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re

from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.geography import department_of_zip
from .common import (
    clean_email,
    clean_france_travail_id,
    clean_name,
    clean_phone,
    clean_text,
    facilitator_of,
    parse_birth_date,
    parse_portal_date,
)

OFFER_STATES = [
    ("draft", "Draft"),
    ("open", "Open"),
    ("filled", "Filled"),
    ("cancelled", "Cancelled"),
]
# Diploma levels of the national scale, lowest first (as on the participant).
QUALIFICATION_LEVELS = ["none", "3", "4", "5", "6"]
# Participants' mobility: how far they can go to work.
MOBILITY = [
    ("local", "Own town only"),
    ("department", "Within the département"),
    ("region", "Within the region"),
    ("national", "Anywhere"),
]
ROME_CODE = re.compile(r"^[A-N]\d{4}$")


def _qualification_selection(self):
    return (
        self.env["social.clause.participant"]
        ._fields["qualification_level"]
        ._description_selection(self.env)
    )


class SocialClauseJobOffer(models.Model):
    """A firm's need on a commitment, filled with the people the facilitator
    and the partners propose."""

    _name = "social.clause.job.offer"
    _description = "Job offer"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Position", required=True, tracking=True)
    rome_code = fields.Char(
        string="ROME code",
        size=5,
        tracking=True,
        help="Code of the job in the French nomenclature (ROME), e.g. F1703 "
        "for a mason.",
    )
    commitment_id = fields.Many2one(
        "social.clause.commitment",
        string="Commitment",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        related="commitment_id.partner_id", store=True, index=True, string="Firm"
    )
    lot_id = fields.Many2one(related="commitment_id.lot_id", store=True, string="Lot")
    operation_id = fields.Many2one(
        related="commitment_id.operation_id", store=True, index=True
    )
    company_id = fields.Many2one(
        related="commitment_id.company_id", store=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    sector_id = fields.Many2one(
        "social.clause.sector",
        compute="_compute_sector_id",
        store=True,
        readonly=False,
        help="Trainings done in this sector count when searching candidates.",
    )
    qualification = fields.Char(
        help="Qualification the firm expects, e.g. CAP maçon.",
    )
    qualification_level = fields.Selection(
        _qualification_selection, string="Minimum qualification level"
    )
    posts = fields.Integer(string="Number of posts", default=1, tracking=True)
    date_start = fields.Date(string="Start date", tracking=True)
    duration_months = fields.Integer(string="Duration (months)")
    modality_id = fields.Many2one(
        "social.clause.modality",
        string="Contract type",
        help="How the person will be employed (direct hire, provision...).",
    )
    place = fields.Char(help="Where the work takes place (site, town).")
    zip = fields.Char(string="Postcode")
    area_code = fields.Char(
        string="Département",
        compute="_compute_area_code",
        store=True,
        index=True,
        help="Prescribers of this département see the open offer.",
    )
    working_hours = fields.Char(help="E.g. 35 h a week, Monday to Friday.")
    driving_licence_required = fields.Boolean()
    requirements = fields.Text(
        help="Certifications, equipment or other requirements.",
    )
    description = fields.Text(string="Job description")
    state = fields.Selection(
        OFFER_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    candidacy_ids = fields.One2many(
        "social.clause.candidacy",
        "offer_id",
        string="Candidacies",
        groups="social_clause.group_user",
    )
    candidacy_count = fields.Integer(
        compute="_compute_candidacy_counts", groups="social_clause.group_user"
    )
    hired_count = fields.Integer(
        string="Hired",
        compute="_compute_candidacy_counts",
        groups="social_clause.group_user",
    )
    training_ids = fields.One2many(
        "social.clause.training", "offer_id", string="Trainings"
    )

    @api.depends("commitment_id.lot_id.sector_id")
    def _compute_sector_id(self):
        for offer in self:
            if not offer.sector_id:
                offer.sector_id = offer.commitment_id.lot_id.sector_id

    @api.depends("zip")
    def _compute_area_code(self):
        for offer in self:
            offer.area_code = department_of_zip(offer.zip) or False

    def _compute_candidacy_counts(self):
        groups = self.env["social.clause.candidacy"]._read_group(
            [("offer_id", "in", self.ids)], ["offer_id", "stage_kind"], ["__count"]
        )
        total, hired = {}, {}
        for offer, kind, count in groups:
            total[offer.id] = total.get(offer.id, 0) + count
            if kind == "hired":
                hired[offer.id] = hired.get(offer.id, 0) + count
        for offer in self:
            offer.candidacy_count = total.get(offer.id, 0)
            offer.hired_count = hired.get(offer.id, 0)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for offer in self:
            offer.access_url = f"/my/job_offers/{offer.id}"
        return res

    @api.constrains("rome_code")
    def _check_rome_code(self):
        for offer in self:
            if offer.rome_code and not ROME_CODE.match(offer.rome_code):
                raise ValidationError(
                    _(
                        "The ROME code %(code)s is not valid: a capital letter "
                        "and four digits, e.g. F1703.",
                        code=offer.rome_code,
                    )
                )

    @api.constrains("posts", "duration_months")
    def _check_posts(self):
        for offer in self:
            if offer.posts < 1:
                raise ValidationError(
                    _("The offer %(name)s needs at least one post.", name=offer.name)
                )
            if offer.duration_months < 0:
                raise ValidationError(
                    _(
                        "The duration of the offer %(name)s cannot be negative.",
                        name=offer.name,
                    )
                )

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for offer in self:
            offer.display_name = (
                f"{offer.name or ''} - {offer.partner_id.name}"
                if offer.partner_id
                else offer.name or ""
            )

    # Workflow ----------------------------------------------------------------

    def action_open(self):
        for offer in self:
            if offer.state != "draft":
                raise UserError(
                    _("Only a draft offer can be opened (%(name)s).", name=offer.name)
                )
            offer.operation_id._check_open(_("job offers"))
        self.write({"state": "open"})

    def action_fill(self):
        if self.filtered(lambda offer: offer.state != "open"):
            raise UserError(_("Only an open offer can be marked as filled."))
        self.write({"state": "filled"})

    def action_cancel(self):
        if self.filtered(lambda offer: offer.state == "filled"):
            raise UserError(_("A filled offer cannot be cancelled."))
        self.write({"state": "cancelled"})

    def action_reset_to_draft(self):
        if self.filtered(lambda offer: offer.state != "cancelled"):
            raise UserError(_("Only a cancelled offer can be reset to draft."))
        self.write({"state": "draft"})

    def _check_open(self):
        """Candidates are sent and hired on open offers only."""
        for offer in self:
            if offer.state != "open":
                raise UserError(
                    _(
                        "The offer %(name)s is not open: it takes no more "
                        "candidates.",
                        name=offer.name,
                    )
                )

    def _fill_if_complete(self):
        """An offer whose posts are all taken is filled."""
        for offer in self.sudo():
            if offer.state == "open" and offer.hired_count >= offer.posts:
                offer.state = "filled"

    def action_view_candidacies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_candidacy_action"
        )
        action["domain"] = [("offer_id", "=", self.id)]
        action["context"] = {"default_offer_id": self.id}
        action["display_name"] = self.display_name
        return action

    def action_find_candidates(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Find candidates"),
            "res_model": "social.clause.candidate.search",
            "view_mode": "form",
            "target": "new",
            "context": {"default_offer_id": self.id},
        }

    # Candidates from the pool ------------------------------------------------

    def _candidate_domain(
        self,
        eligible=True,
        available=True,
        same_area=True,
        qualified=True,
        trained=False,
        licence=True,
    ):
        """Participants of the pool who fit the offer, as a search domain.

        Eligible and available: the available pool's rule on the start of
        the job (``social.clause.participant._available_pool_domain``); area:
        living in the offer's département, or mobile beyond it; qualified: at
        least the level asked; trained: completed a training of the offer's
        sector; licence: has a driving licence when the job needs one.
        """
        self.ensure_one()
        start = self.date_start or fields.Date.context_today(self)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("path_state", "!=", "exited"),
            ("id", "not in", self.sudo().candidacy_ids.participant_id.ids),
        ]
        Participant = self.env["social.clause.participant"]
        if eligible:
            domain += Participant._pool_eligible_domain(start)
        if available:
            domain += Participant._pool_free_domain(start)
        if same_area and self.area_code:
            domain += [
                "|",
                ("zip", "=like", f"{self.area_code}%"),
                ("mobility", "in", ("region", "national")),
            ]
        if qualified and self.qualification_level:
            levels = QUALIFICATION_LEVELS[
                QUALIFICATION_LEVELS.index(self.qualification_level) :
            ]
            domain.append(("qualification_level", "in", levels))
        if trained and self.sector_id:
            domain.append(
                (
                    "training_attendance_ids",
                    "any",
                    [
                        ("completion", "=", "completed"),
                        ("training_id.sector_id", "=", self.sector_id.id),
                    ],
                )
            )
        if licence and self.driving_licence_required:
            domain.append(("has_driving_licence", "=", True))
        return domain

    def _find_candidates(self, **filters):
        """The participants of the pool who fit the offer (facilitators)."""
        self.ensure_one()
        return self.env["social.clause.participant"].search(
            self._candidate_domain(**filters)
        )

    def _add_candidates(self, participants):
        """Candidacies of these participants, proposed by the facilitator."""
        self.ensure_one()
        self._check_open()
        return self.env["social.clause.candidacy"].create(
            [
                self.env["social.clause.candidacy"]._prepare_from_participant(
                    self, participant
                )
                for participant in participants
            ]
        )

    # Portal: prescribers -----------------------------------------------------

    def _portal_check_prescriber(self):
        """The current user works for a prescriber and may see the offer."""
        self.ensure_one()
        partner = self.env.user.commercial_partner_id
        if not partner._is_social_clause_prescriber():
            raise AccessError(_("Only prescribers may propose candidates."))
        self.check_access("read")
        if self.state != "open":
            raise UserError(
                _(
                    "The offer %(name)s is no longer open: it takes no more "
                    "proposals.",
                    name=self.name,
                )
            )
        return partner

    def _portal_propose_candidate(self, values, proofs, cvs=()):
        """A prescriber proposes a person for the offer, with the proof of
        eligibility. Everything is checked before anything is written; the
        facilitator then checks the person and accepts or declines.

        :param dict values: ``name``, ``birth_date`` (YYYY-MM-DD),
            ``france_travail_id``, ``position_sought``, ``availability_date``
            (YYYY-MM-DD, optional), ``criterion_ids`` (list of ids),
            ``phone``, ``email``, ``contact_consent``, ``gdpr_informed``,
            ``note``
        :param list proofs: ``(filename, content)`` of the eligibility proof
        :param list cvs: ``(filename, content)`` of the CV (optional)
        :return: the created ``social.clause.candidacy`` (superuser)
        """
        self.ensure_one()
        prescriber = self._portal_check_prescriber()
        data = self._portal_parse_proposal(values)
        proofs, cvs = self._portal_check_proposal_files(proofs, cvs)
        offer = self.sudo()
        People = self.env["social.clause.participant"].sudo()
        # One person, one record: a person already known (whoever proposed
        # it) is linked, not created twice. The prescriber learns nothing of
        # it: same message, and its candidacy shows only what it typed.
        # Already a candidate for this offer: a new record, flagged to the
        # facilitator (the offer takes a person once).
        known = People._find_same_person(
            offer.company_id,
            data["name"],
            birth_date=data["birth_date"],
            france_travail_id=data["france_travail_id"],
            prescriber=prescriber,
        )
        duplicate_of = People
        if known in offer.with_context(active_test=False).candidacy_ids.participant_id:
            duplicate_of, known = known, People
        with self.env.cr.savepoint():
            if known:
                participant = known
                participant.write(offer._portal_proposal_update_values(known, data))
            else:
                participant = People.create(
                    offer._portal_proposal_create_values(prescriber, data)
                )
            attachments = self.env["social.clause.commitment"]._portal_attach_proofs(
                participant, proofs
            )
            participant.eligibility_proof_ids = [
                fields.Command.link(attachment.id) for attachment in attachments
            ]
            candidacy = offer._portal_proposal_candidacy(
                participant, prescriber, data, cvs
            )
            offer._portal_proposal_notify(
                candidacy, prescriber, data["name"], known, duplicate_of
            )
        return candidacy

    def _portal_parse_proposal(self, values):
        """What a prescriber typed, checked and cleaned (the input rules of
        ``models/common.py``); raises a ``UserError`` in French at the first
        wrong value."""
        env = self.env
        # The portal's one text cleaning: control and direction characters
        # refused, a name holds a letter; the length messages stay ours.
        name = clean_name(env, values.get("name"), _("New person's name"), None)
        if not name:
            raise UserError(_("Give the first and last name of the person."))
        if len(name) > 128:
            raise UserError(_("The name of the person is too long."))
        position = clean_text(
            env, values.get("position_sought"), _("Position sought"), None
        )
        if len(position) > 128:
            raise UserError(_("The position sought is too long."))
        data = {
            "name": name,
            "position": position,
            "birth_date": parse_birth_date(
                env, values.get("birth_date"), fields.Date.context_today(self)
            ),
            "france_travail_id": clean_france_travail_id(
                env, values.get("france_travail_id")
            ),
            "availability": parse_portal_date(
                self.env, values.get("availability_date"), required=False
            ),
            "criteria": self._portal_parse_criteria(values.get("criterion_ids")),
            "note": self._portal_parse_note(values.get("note")),
        }
        data.update(self._portal_parse_contact(values))
        return data

    def _portal_parse_note(self, raw):
        note = "\n".join(  # line by line: the prescriber's line breaks stay
            clean_text(self.env, line, _("Note"), max_length=None)
            for line in str(raw or "").strip().splitlines()
        )
        if len(note) > 2000:
            raise UserError(_("The note is too long (2,000 characters at most)."))
        return note

    def _portal_parse_criteria(self, raw):
        """The eligibility criteria ticked: at least one, all existing."""
        if isinstance(raw, str | int):
            raw = [raw]
        ids = set()
        for value in raw or ():
            if not str(value).strip().isdigit():
                raise UserError(_("Choose the eligibility criteria in the list."))
            ids.add(int(value))
        criteria = self.env["social.clause.criterion"].sudo().browse(sorted(ids))
        criteria = criteria.exists().filtered("active")
        if not ids:
            raise UserError(_("Tick at least one eligibility criterion of the person."))
        if len(criteria) != len(ids):
            raise UserError(_("Choose the eligibility criteria in the list."))
        return criteria

    def _portal_parse_contact(self, values):
        """The contact the person agreed to share, and the information
        notice: both are the prescriber's word, ticked on the form."""
        phone = clean_phone(self.env, values.get("phone"))
        email = clean_email(self.env, values.get("email"))
        if (phone or email) and not values.get("contact_consent"):
            raise UserError(
                _(
                    "Tick that the person agreed to share this contact, or "
                    "leave the phone and e-mail empty."
                )
            )
        if not values.get("gdpr_informed"):
            raise UserError(
                _(
                    "Inform the person of the processing of their personal "
                    "data (information notice) and tick the box before "
                    "proposing them."
                )
            )
        return {"phone": phone, "email": email}

    def _portal_check_proposal_files(self, proofs, cvs):
        if not any(content for _filename, content in proofs):
            raise UserError(
                _("Attach the proof of eligibility of the person (PDF or image).")
            )
        # The firms' declaration checks the same kinds of files: reuse it.
        Commitment = self.env["social.clause.commitment"]
        proofs = Commitment._portal_check_proofs(proofs)
        cvs = [(filename, content) for filename, content in cvs if content]
        return proofs, (Commitment._portal_check_proofs(cvs) if cvs else [])

    def _portal_proposal_create_values(self, prescriber, data):
        """A new person, as the prescriber described them; eligibility to be
        checked by the facilitator."""
        facilitator = facilitator_of(self.env, self.user_id)
        return {
            "name": data["name"],
            "company_id": self.company_id.id,
            "user_id": facilitator.id,
            "prescriber_id": prescriber.id,
            "birth_date": data["birth_date"],
            "france_travail_id": data["france_travail_id"] or False,
            "phone": data["phone"] or False,
            "email": data["email"] or False,
            "criterion_ids": [fields.Command.set(data["criteria"].ids)],
            "gdpr_informed_date": fields.Date.context_today(self),
            "gdpr_informed_by_id": self.env.user.id,
            "position_sought": data["position"] or self.name,
            "availability_date": data["availability"],
            "eligibility_note": data["note"] or False,
        }

    def _portal_proposal_update_values(self, person, data):
        """What a new proposal adds to a known person: its criteria, the
        blanks of the file filled in; nothing the facilitator wrote is
        overwritten. A person placed with a firm stays out of the available
        pool whatever date the prescriber typed."""
        placed = person.path_state != "candidate" or person.firm_ids
        vals = {
            "criterion_ids": [
                fields.Command.link(criterion.id) for criterion in data["criteria"]
            ],
            "position_sought": person.position_sought or data["position"] or self.name,
            "eligibility_note": "\n".join(
                text for text in (person.eligibility_note, data["note"]) if text
            )
            or False,
        }
        if not placed:
            vals["availability_date"] = data["availability"] or person.availability_date
        for fname, key in (
            ("birth_date", "birth_date"),
            ("france_travail_id", "france_travail_id"),
            ("phone", "phone"),
            ("email", "email"),
        ):
            if not person[fname] and data[key]:
                vals[fname] = data[key]
        if not person.gdpr_informed_date:
            vals["gdpr_informed_date"] = fields.Date.context_today(self)
            vals["gdpr_informed_by_id"] = self.env.user.id
        return vals

    def _portal_proposal_candidacy(self, participant, prescriber, data, cvs):
        Candidacy = self.env["social.clause.candidacy"]
        vals = Candidacy._prepare_from_participant(self, participant)
        # Only what the prescriber typed: nothing of a known person's file.
        vals.update(
            {
                "source": "prescriber",
                "prescriber_id": prescriber.id,
                "prescriber_user_id": self.env.user.id,
                "proposal_checked": False,
                "proposed_name": data["name"],
                "position_sought": data["position"] or self.name,
                "availability_date": data["availability"],
                "cv_file": False,
                "cv_filename": False,
            }
        )
        if cvs:
            filename, content, _mimetype = cvs[0]
            vals.update({"cv_file": base64.b64encode(content), "cv_filename": filename})
        return Candidacy.sudo().create(vals)

    def _portal_proposal_notify(self, candidacy, prescriber, name, known, duplicate_of):
        """The facilitator's activity: check the proof, accept or decline."""
        participant = candidacy.participant_id
        message = _(
            "%(prescriber)s proposed %(name)s for the offer %(offer)s: "
            "check the eligibility proof, then accept or decline.",
            prescriber=prescriber.name,
            name=name,
            offer=self.name,
        )
        if known:
            message += " " + _(
                "Linked to the participant %(reference)s already known under "
                "the same identity (name and birth date, or France Travail "
                "identifier): check it is the same person.",
                reference=participant.reference,
            )
        elif duplicate_of:
            message += " " + _(
                "The participant %(reference)s, of the same identity, is "
                "already a candidate for this offer: check whether it is the "
                "same person.",
                reference=duplicate_of.reference,
            )
        facilitator = facilitator_of(self.env, self.user_id)
        candidacy.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Check the person proposed by a prescriber"),
            note=escape(message),
            user_id=(participant.user_id or facilitator).id,
        )
