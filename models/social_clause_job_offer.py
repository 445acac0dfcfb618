# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re

from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..rules.geography import department_of_zip
from .common import clean_name, clean_text

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

        :param dict values: ``name``, ``position_sought``,
            ``availability_date`` (YYYY-MM-DD, optional), ``note``
        :param list proofs: ``(filename, content)`` of the eligibility proof
        :param list cvs: ``(filename, content)`` of the CV (optional)
        :return: the created ``social.clause.candidacy`` (superuser)
        """
        self.ensure_one()
        prescriber = self._portal_check_prescriber()
        Candidacy = self.env["social.clause.candidacy"]
        # The portal's one text cleaning: control and direction characters
        # refused, a name holds a letter; the length messages stay ours.
        name = clean_name(
            self.env, values.get("name"), _("New person's name"), max_length=None
        )
        if not name:
            raise UserError(_("Give the first and last name of the person."))
        if len(name) > 128:
            raise UserError(_("The name of the person is too long."))
        position = clean_text(
            self.env, values.get("position_sought"), _("Position sought"), None
        )
        if len(position) > 128:
            raise UserError(_("The position sought is too long."))
        availability = Candidacy._portal_parse_date(
            values.get("availability_date"), required=False
        )
        note = "\n".join(  # line by line: the prescriber's line breaks stay
            clean_text(self.env, line, _("Note"), max_length=None)
            for line in str(values.get("note") or "").strip().splitlines()
        )
        if len(note) > 2000:
            raise UserError(_("The note is too long (2,000 characters at most)."))
        if not any(content for _filename, content in proofs):
            raise UserError(
                _("Attach the proof of eligibility of the person (PDF or image).")
            )
        # The firms' declaration checks the same kinds of files: reuse it.
        Commitment = self.env["social.clause.commitment"]
        proofs = Commitment._portal_check_proofs(proofs)
        cvs = [(filename, content) for filename, content in cvs if content]
        cvs = Commitment._portal_check_proofs(cvs) if cvs else []

        offer = self.sudo()
        facilitator = offer.user_id or self.env.ref("base.user_admin")
        People = self.env["social.clause.participant"].sudo()
        # A person this prescriber already proposed is not created twice. The
        # prescriber learns nothing of it: same message, and its candidacy
        # shows only what it typed. Already a candidate for this offer: a new
        # record, flagged to the facilitator (the offer takes a person once).
        known = People._find_known_person(offer.company_id, name, prescriber)
        if known in offer.with_context(active_test=False).candidacy_ids.participant_id:
            duplicate_of, known = known, People
        else:
            duplicate_of = People
        with self.env.cr.savepoint():
            if known:
                participant = known
                participant.write(
                    {
                        "position_sought": participant.position_sought
                        or position
                        or offer.name,
                        "availability_date": availability
                        or participant.availability_date,
                        "eligibility_note": "\n".join(
                            text
                            for text in (participant.eligibility_note, note)
                            if text
                        )
                        or False,
                    }
                )
            else:
                participant = People.create(
                    {
                        "name": name,
                        "company_id": offer.company_id.id,
                        "user_id": facilitator.id,
                        "prescriber_id": prescriber.id,
                        "position_sought": position or offer.name,
                        "availability_date": availability,
                        "eligibility_note": note or False,
                    }
                )
            attachments = Commitment._portal_attach_proofs(participant, proofs)
            participant.eligibility_proof_ids = [
                fields.Command.link(attachment.id) for attachment in attachments
            ]
            vals = Candidacy._prepare_from_participant(offer, participant)
            # Only what the prescriber typed: nothing of a known person's file.
            vals.update(
                {
                    "source": "prescriber",
                    "prescriber_id": prescriber.id,
                    "prescriber_user_id": self.env.user.id,
                    "proposal_checked": False,
                    "proposed_name": name,
                    "position_sought": position or offer.name,
                    "availability_date": availability,
                    "cv_file": False,
                    "cv_filename": False,
                }
            )
            if cvs:
                filename, content, _mimetype = cvs[0]
                vals.update(
                    {"cv_file": base64.b64encode(content), "cv_filename": filename}
                )
            candidacy = Candidacy.sudo().create(vals)
            message = _(
                "%(prescriber)s proposed %(name)s for the offer %(offer)s: "
                "check the eligibility proof, then accept or decline.",
                prescriber=prescriber.name,
                name=name,
                offer=offer.name,
            )
            if known:
                message += " " + _(
                    "Linked to the participant %(reference)s already proposed "
                    "by this prescriber under the same name: check it is the "
                    "same person.",
                    reference=participant.reference,
                )
            elif duplicate_of:
                message += " " + _(
                    "The participant %(reference)s, of the same name and "
                    "prescriber, is already a candidate for this offer: "
                    "check whether it is the same person.",
                    reference=duplicate_of.reference,
                )
            candidacy.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Check the person proposed by a prescriber"),
                note=escape(message),
                user_id=(participant.user_id or facilitator).id,
            )
        return candidacy
