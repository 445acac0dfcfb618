# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date
from odoo.tools.mimetypes import guess_mimetype

from .common import format_hours
from .social_clause_modality import HOUR_MODALITIES

# Proofs a firm may attach to its declaration (payslip, contract, scan).
PORTAL_PROOF_MIMETYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}
PORTAL_PROOF_MAX_BYTES = 10 * 1024 * 1024
# Operations that still take declarations of hours.
PORTAL_OPEN_STATES = ("consultation", "execution")
PARTICIPANT_NAME_MAX_LENGTH = 128


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

    def _portal_check_firm_user(self):
        """The current user is a contact of the committed firm."""
        self.ensure_one()
        self.check_access("read")
        firm = self.partner_id.commercial_partner_id
        if self.env.user.commercial_partner_id != firm:
            raise AccessError(
                _(
                    "Only the contacts of %(firm)s may declare its hours.",
                    firm=firm.name,
                )
            )

    def _portal_parse_hours(self, raw_hours):
        try:
            hours = float(str(raw_hours or "").strip().replace(",", "."))
        except ValueError:
            hours = None
        if hours is None or hours != hours:  # not a number, or NaN
            raise UserError(_("Enter the hours as a number, for example 35 or 12.5."))
        maximum = self.company_id.social_clause_monthly_hours_max
        if hours <= 0:
            raise UserError(_("The hours must be greater than zero."))
        if hours > maximum:
            raise UserError(
                _(
                    "%(hours)s hours in one month is more than a full-time month "
                    "allows (%(max)s hours).",
                    hours=format_hours(hours),
                    max=format_hours(maximum),
                )
            )
        return hours

    def _portal_parse_month(self, raw_month):
        """A month given as ``YYYY-MM`` (or a date in it): its first day."""
        raw_month = str(raw_month or "").strip()
        try:
            month = fields.Date.to_date(
                raw_month if len(raw_month) != 7 else f"{raw_month}-01"
            )
        except ValueError:
            month = None
        if not month:
            raise UserError(_("Choose the month of the hours."))
        month = month.replace(day=1)
        today = fields.Date.context_today(self)
        if month > today.replace(day=1):
            raise UserError(
                _(
                    "Hours cannot be declared for a future month (%(month)s).",
                    month=format_date(self.env, month, date_format="MM/yyyy"),
                )
            )
        if month.year < 2000:
            raise UserError(_("The month of the hours is not valid."))
        return month

    def _portal_parse_modality(self, modality):
        if modality not in dict(HOUR_MODALITIES):
            raise UserError(_("Choose how the person was employed (modality)."))
        return modality

    def _portal_parse_participant(self, raw_participant_id, new_participant_name):
        """An existing participant placed with the firm, or the name of a new
        person the facilitator will check (returned as a string)."""
        new_name = " ".join(str(new_participant_name or "").split())
        if raw_participant_id in (None, "", "new", False):
            if not new_name:
                raise UserError(
                    _("Choose the participant, or give the name of a new person.")
                )
            if len(new_name) > PARTICIPANT_NAME_MAX_LENGTH:
                raise UserError(_("The name of the new person is too long."))
            return new_name
        try:
            participant_id = int(raw_participant_id)
        except (TypeError, ValueError):
            participant_id = 0
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
        self._portal_check_firm_user()
        commitment = self.sudo()
        if commitment.operation_id.state not in PORTAL_OPEN_STATES:
            raise UserError(
                _(
                    "The operation %(operation)s is closed or cancelled: it takes "
                    "no more declarations.",
                    operation=commitment.operation_id.display_name,
                )
            )
        participant = commitment._portal_parse_participant(
            values.get("participant_id"), values.get("new_participant_name")
        )
        month = commitment._portal_parse_month(values.get("month"))
        hours = commitment._portal_parse_hours(values.get("hours"))
        modality = commitment._portal_parse_modality(values.get("modality"))
        proofs = commitment._portal_check_proofs(files)

        with self.env.cr.savepoint():
            new_person = isinstance(participant, str)
            if new_person:
                participant = commitment._portal_propose_participant(participant)
            line = (
                self.env["social.clause.hour"]
                .sudo()
                .create(
                    {
                        "commitment_id": commitment.id,
                        "participant_id": participant.id,
                        "date": month,
                        "hours": hours,
                        "modality": modality,
                        "state": "submitted",
                        "declared_by": "portal",
                    }
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
        """Ask the facilitator to validate the hours (and check a new person)."""
        self.ensure_one()
        month = format_date(self.env, line.date, date_format="MM/yyyy")
        note = _(
            "%(firm)s declared %(hours)s hours of %(name)s for %(month)s.",
            firm=self.partner_id.name,
            hours=format_hours(line.hours),
            name=line.participant_id.name,
            month=month,
        )
        if new_person:
            check = _(
                "%(name)s is a new person proposed by the firm: check the "
                "eligibility before validating the hours.",
                name=line.participant_id.name,
            )
            note = f"{note} {check}"
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
