# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.mimetypes import guess_mimetype

from .common import clean_name, clean_text, format_hours, format_month

# Proofs a firm may attach to its declaration (payslip, contract, scan).
PORTAL_PROOF_MIMETYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}
PORTAL_PROOF_MAX_BYTES = 10 * 1024 * 1024


class SocialClauseCommitment(models.Model):
    """Firms follow their commitments and declare their hours on the portal."""

    _name = "social.clause.commitment"
    _inherit = ["social.clause.commitment", "portal.mixin"]

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for commitment in self:
            commitment.access_url = f"/my/social_clauses/{commitment.id}"
        return res

    # Read side ---------------------------------------------------------------

    def _portal_placed_participants(self):
        """Participants placed with the firm, whose hours it may declare.

        Read as superuser (portal users have no access to participants): only
        ``id`` and ``name`` of these records may be shown to the firm.
        """
        self.ensure_one()
        return (
            self.env["social.clause.participant"]
            .sudo()
            .search(
                [
                    ("firm_ids", "in", self.partner_id.commercial_partner_id.ids),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )

    # Write side --------------------------------------------------------------

    def _portal_can_declare(self, raise_exception=False):
        """Whether the current user may declare hours on the commitment: a
        contact of the committed firm, on an operation that still takes
        hours. The portal page shows the form on it, the declaration checks
        it again (``raise_exception``: refuse with the reason)."""
        self.ensure_one()
        if raise_exception:
            self.check_access("read")
        commitment = self.sudo()
        firm = commitment.partner_id.commercial_partner_id
        if self.env.user.commercial_partner_id != firm:
            if raise_exception:
                raise AccessError(
                    _(
                        "Only the contacts of %(firm)s may declare its hours.",
                        firm=firm.name,
                    )
                )
            return False
        if raise_exception:
            commitment.operation_id._check_takes_hours()
        return commitment.operation_id._takes_hours()

    def _portal_parse_participant(self, raw_participant_id, new_participant_name):
        """An existing participant placed with the firm, or the name of a new
        person the facilitator will check (returned as a string)."""
        raw_participant_id = clean_text(self.env, raw_participant_id, _("Participant"))
        if raw_participant_id in ("", "new"):
            new_name = clean_name(
                self.env, new_participant_name, _("New person's name")
            )
            if not new_name:
                raise UserError(
                    _("Choose the participant, or give the name of a new person.")
                )
            return new_name
        participant_id = (
            int(raw_participant_id)
            if raw_participant_id.isascii() and raw_participant_id.isdigit()
            else 0
        )
        participant = self._portal_placed_participants().filtered(
            lambda p: p.id == participant_id
        )
        if not participant:
            raise UserError(
                _(
                    "This participant is not placed with your firm: choose one of "
                    "the list or propose a new person."
                )
            )
        return participant

    def _portal_check_proofs(self, files):
        """``files`` is a list of ``(filename, content)``; returns them with
        their detected mimetype, or raises if one is not an accepted proof."""
        proofs = []
        for filename, content in files:
            if not content:
                continue
            filename = (
                clean_text(self.env, filename, _("File name"), max_length=255)
                or "proof"
            )
            if len(content) > PORTAL_PROOF_MAX_BYTES:
                raise UserError(
                    _(
                        "The file %(name)s is larger than 10 MB.",
                        name=filename,
                    )
                )
            mimetype = guess_mimetype(content, default="")
            if mimetype not in PORTAL_PROOF_MIMETYPES:
                raise UserError(
                    _(
                        "The file %(name)s is not a PDF or an image (PNG, JPEG): "
                        "attach the payslip or the contract.",
                        name=filename,
                    )
                )
            proofs.append((filename, content, mimetype))
        if not proofs:
            raise UserError(
                _("Attach a proof of the hours (payslip or contract, PDF or image).")
            )
        return proofs

    def _portal_lock(self):
        """Serialise the declarations on the commitment.

        The first declaration subscribes the firm's contact and the
        facilitator to the commitment; two at once would both insert the
        same follower and the second would fail on its unique key. Touching
        the commitment's row first makes the second one wait, then fail with
        a serialization error that Odoo retries: the retry sees the first
        one's followers and hours, and ends accepted or refused with the
        usual message.
        """
        self.env.cr.execute(
            SQL(
                "UPDATE social_clause_commitment SET write_date = write_date "
                "WHERE id = ANY(%s)",
                self.ids,
            )
        )

    def _portal_declare_hours(self, values, files):
        """Declare a month of hours of one person from the portal.

        Every input is checked before anything is written; the line arrives
        as submitted and the facilitator gets an activity to validate it.

        :param dict values: form values: ``participant_id`` (or
            ``new_participant_name``), ``month`` (YYYY-MM), ``hours``,
            ``modality``
        :param list files: ``(filename, content)`` of the proofs
        :return: the created ``social.clause.hour`` (superuser environment)
        """
        self.ensure_one()
        self._portal_can_declare(raise_exception=True)
        commitment = self.sudo()
        Hour = self.env["social.clause.hour"].sudo()
        participant = commitment._portal_parse_participant(
            values.get("participant_id"), values.get("new_participant_name")
        )
        month = Hour._parse_declared_month(
            clean_text(self.env, values.get("month"), _("Month"))
        )
        hours = Hour._parse_declared_hours(
            clean_text(self.env, values.get("hours"), _("Hours")), commitment.company_id
        )
        modality = Hour._parse_modality(
            clean_text(self.env, values.get("modality"), _("Modality"))
        )
        proofs = commitment._portal_check_proofs(files)

        commitment._portal_lock()
        with self.env.cr.savepoint():
            new_person = isinstance(participant, str)
            if new_person:
                participant = commitment._portal_propose_participant(participant)
            else:
                Hour._check_not_declared(commitment, participant, month, modality)
            line = Hour.create(
                Hour._prepare_declaration_vals(
                    commitment, participant, month, hours, modality
                )
            )
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": filename,
                            "raw": content,
                            "mimetype": mimetype,
                            "res_model": line._name,
                            "res_id": line.id,
                        }
                        for filename, content, mimetype in proofs
                    ]
                )
            )
            line.attachment_ids = [fields.Command.set(attachments.ids)]
            commitment._portal_notify_declaration(line, new_person)
        return line

    def _portal_propose_participant(self, name):
        """A person the firm proposes: placed with it, eligibility to check."""
        self.ensure_one()
        return (
            self.env["social.clause.participant"]
            .sudo()
            .create(
                {
                    "name": name,
                    "company_id": self.company_id.id,
                    "user_id": self._portal_facilitator().id,
                    "firm_ids": [
                        fields.Command.link(self.partner_id.commercial_partner_id.id)
                    ],
                }
            )
        )

    def _portal_facilitator(self):
        self.ensure_one()
        return self.operation_id.user_id or self.env.ref("base.user_admin")

    def _portal_notify_declaration(self, line, new_person):
        """Ask the facilitator to validate the hours (and check a new person).

        The names are the firm's typing: they are escaped into the note, a
        name holding HTML shows as text, never as a link or an image.
        """
        self.ensure_one()
        values = {
            "firm": self.partner_id.name,
            "hours": format_hours(line.hours, self.env),
            "name": line.participant_id.name,
            "month": format_month(line.date),
        }
        note = Markup("<p>%s</p>") % (
            Markup(_("%(firm)s declared %(hours)s hours of %(name)s for %(month)s."))
            % values
        )
        if new_person:
            note += Markup("<p>%s</p>") % (
                Markup(
                    _(
                        "%(name)s is a new person proposed by the firm: check the "
                        "eligibility before validating the hours."
                    )
                )
                % values
            )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Validate the hours declared on the portal"),
            note=note,
            user_id=self._portal_facilitator().id,
        )
        self.message_post(
            body=note,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
