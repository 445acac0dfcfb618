# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup, escape

from odoo import _, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
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

    # ==========================================================================
    # Portal, daily work of a firm (issue 9): the month in one go, the file
    # upload, corrections and withdrawals of submitted lines, proofs.
    # New methods of this section only; the rules above are reused.
    # ==========================================================================

    def _portal_modality_options(self):
        """``(code, label)`` of the modalities the firm may choose: the ones
        listed on the commitment (in their order) when it lists any, else
        all of them."""
        self.ensure_one()
        labels = dict(
            self.env["social.clause.hour"]
            ._fields["modality"]
            ._description_selection(self.env)
        )
        chosen = self.sudo().modality_ids.sorted(lambda m: (m.sequence, m.id))
        codes = list(dict.fromkeys(chosen.mapped("code"))) or list(labels)
        return [(code, labels[code]) for code in codes]

    def _portal_hours_left(self):
        """Hours the firm still has to do (validated hours count)."""
        self.ensure_one()
        return max(self.hours_committed - self.hours_done, 0.0)

    def _portal_check_modality_offered(self, modality):
        self.ensure_one()
        modality = self._portal_parse_modality(modality)
        if modality not in dict(self._portal_modality_options()):
            raise UserError(
                _(
                    "This modality is not one of those chosen for the "
                    "commitment: choose one of the list."
                )
            )
        return modality

    def _portal_check_open(self):
        self.ensure_one()
        if self.sudo().operation_id.state not in PORTAL_OPEN_STATES:
            raise UserError(
                _(
                    "The operation %(operation)s is closed or cancelled: it takes "
                    "no more declarations.",
                    operation=self.sudo().operation_id.display_name,
                )
            )

    def _portal_declare_month(self, month, rows, month_files=()):
        """Declare a month of hours for several people at once, from the
        portal: every row is checked first, then all the lines are created,
        or none.

        :param str month: ``YYYY-MM``
        :param list rows: dicts with ``participant_id`` (an id, or ``new``
            with ``new_participant_name``), ``hours``, ``modality`` and
            ``files`` (``(filename, content)`` of the row's proofs). Rows
            without hours are skipped.
        :param list month_files: ``(filename, content)`` of one proof for the
            whole month, used for the rows without their own proof.
        :return: the created ``social.clause.hour`` lines (superuser)
        """
        self.ensure_one()
        self._portal_check_firm_user()
        commitment = self.sudo()
        commitment._portal_check_open()
        month_value = commitment._portal_parse_month(month)
        month_proofs = None
        if any(content for _name, content in month_files):
            month_proofs = commitment._portal_check_proofs(month_files)
        errors = []
        prepared = []
        seen = set()
        for row in rows:
            if not str(row.get("hours") or "").strip():
                continue
            label = row.get("label") or row.get("new_participant_name") or ""
            try:
                participant = commitment._portal_parse_participant(
                    row.get("participant_id"), row.get("new_participant_name")
                )
                if isinstance(participant, models.BaseModel):
                    label = participant.name
                key = participant.id if not isinstance(participant, str) else None
                if key and key in seen:
                    raise UserError(_("this person is twice in the form."))
                seen.add(key)
                hours = commitment._portal_parse_hours(row.get("hours"))
                modality = commitment._portal_check_modality_offered(
                    row.get("modality")
                )
                if any(content for _name, content in row.get("files") or ()):
                    proofs = commitment._portal_check_proofs(row["files"])
                elif month_proofs:
                    proofs = None  # the month's proof
                else:
                    raise UserError(
                        _(
                            "Attach a proof of the hours (payslip or contract, "
                            "PDF or image), for this person or for the month."
                        )
                    )
            except UserError as error:
                errors.append(_("%(name)s: %(error)s", name=label, error=error.args[0]))
                continue
            prepared.append((participant, hours, modality, proofs))
        if errors:
            raise UserError("\n".join(errors))
        if not prepared:
            raise UserError(_("Enter the hours of at least one person."))
        Hour = self.env["social.clause.hour"].sudo()
        with self.env.cr.savepoint():
            new_people = set()
            vals_list = []
            for participant, hours, modality, _proofs in prepared:
                if isinstance(participant, str):
                    participant = commitment._portal_propose_participant(participant)
                    new_people.add(participant.id)
                vals_list.append(
                    {
                        "commitment_id": commitment.id,
                        "participant_id": participant.id,
                        "date": month_value,
                        "hours": hours,
                        "modality": modality,
                        "state": "submitted",
                        "declared_by": "portal",
                    }
                )
            lines = Hour.create(vals_list)
            shared = self.env["ir.attachment"]
            if month_proofs:
                shared = commitment._portal_attach_proofs(lines[0], month_proofs)
            for line, (_participant, _hours, _modality, proofs) in zip(
                lines, prepared, strict=True
            ):
                attachments = (
                    commitment._portal_attach_proofs(line, proofs) if proofs else shared
                )
                line.attachment_ids = [fields.Command.set(attachments.ids)]
            lines.flush_recordset()
            commitment._portal_notify_month(lines, new_people)
        return lines

    def _portal_attach_proofs(self, line, proofs):
        """Proofs ``(filename, content, mimetype)`` as attachments of a line."""
        return (
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

    def _portal_notify_month(self, lines, new_people=()):
        """One activity for the facilitator for a month declared at once."""
        self.ensure_one()
        if len(lines) == 1:
            return self._portal_notify_declaration(lines, bool(new_people))
        month = format_date(self.env, lines[0].date, date_format="MM/yyyy")
        note = escape(
            _(
                "%(firm)s declared %(hours)s hours of %(count)s people for "
                "%(month)s.",
                firm=self.partner_id.name,
                hours=format_hours(sum(lines.mapped("hours"))),
                count=len(lines),
                month=month,
            )
        )
        new_names = lines.participant_id.filtered(lambda p: p.id in new_people).mapped(
            "name"
        )
        if new_names:
            note += Markup(" ") + escape(
                _(
                    "New people proposed by the firm, to check before "
                    "validating their hours: %(names)s.",
                    names=", ".join(new_names),
                )
            )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Validate the hours declared on the portal"),
            note=note,
            user_id=self._portal_facilitator().id,
        )
        self.message_post(
            body=note, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        return True

    def _portal_get_line(self, line_id):
        """A line of hours of this commitment, for its firm (superuser)."""
        self.ensure_one()
        self._portal_check_firm_user()
        try:
            line_id = int(line_id)
        except (TypeError, ValueError):
            line_id = 0
        line = self.env["social.clause.hour"].sudo().browse(line_id).exists()
        if not line or line.commitment_id != self:
            raise MissingError(_("These hours do not exist or are not yours."))
        return line

    def _portal_get_modifiable_line(self, line_id):
        line = self._portal_get_line(line_id)
        if line.state != "submitted":
            raise UserError(
                _(
                    "Only hours waiting for validation can be corrected or "
                    "withdrawn: ask the facilitator."
                )
            )
        self._portal_check_open()
        return line

    def _portal_update_line(self, line_id, values, files=()):
        """Correct a submitted line: hours, modality, and the proof if one is
        given (it then replaces the former ones)."""
        line = self._portal_get_modifiable_line(line_id)
        commitment = self.sudo()
        hours = commitment._portal_parse_hours(values.get("hours"))
        modality = commitment._portal_check_modality_offered(values.get("modality"))
        proofs = None
        if any(content for _name, content in files):
            proofs = commitment._portal_check_proofs(files)
        with self.env.cr.savepoint():
            line.write({"hours": hours, "modality": modality})
            if proofs:
                attachments = commitment._portal_attach_proofs(line, proofs)
                line.attachment_ids = [fields.Command.set(attachments.ids)]
            line.flush_recordset()
            commitment.message_post(
                body=escape(
                    _(
                        "%(firm)s corrected the hours of %(name)s for %(month)s: "
                        "%(hours)s hours.",
                        firm=commitment.partner_id.name,
                        name=line.participant_id.name,
                        month=format_date(self.env, line.date, date_format="MM/yyyy"),
                        hours=format_hours(hours),
                    )
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return line

    def _portal_withdraw_line(self, line_id):
        """The firm withdraws a submitted line: it is deleted, and the
        facilitator reads it in the chatter."""
        line = self._portal_get_modifiable_line(line_id)
        commitment = self.sudo()
        body = escape(
            _(
                "%(firm)s withdrew the %(hours)s hours of %(name)s for %(month)s.",
                firm=commitment.partner_id.name,
                hours=format_hours(line.hours),
                name=line.participant_id.name,
                month=format_date(self.env, line.date, date_format="MM/yyyy"),
            )
        )
        with self.env.cr.savepoint():
            line.attachment_ids.filtered(
                lambda a: a.res_model == line._name and a.res_id == line.id
            ).unlink()
            line.unlink()
            commitment.message_post(
                body=body, message_type="comment", subtype_xmlid="mail.mt_note"
            )
        return True

    def _portal_get_proof(self, attachment_id):
        """A proof of one of the commitment's lines, for its firm (superuser)."""
        self.ensure_one()
        self._portal_check_firm_user()
        try:
            attachment_id = int(attachment_id)
        except (TypeError, ValueError):
            attachment_id = 0
        line = (
            self.env["social.clause.hour"]
            .sudo()
            .search(
                [
                    ("commitment_id", "=", self.id),
                    ("attachment_ids", "in", [attachment_id]),
                ],
                limit=1,
            )
        )
        if not line:
            raise MissingError(_("This proof does not exist or is not yours."))
        return line.attachment_ids.filtered(lambda a: a.id == attachment_id)

    def _portal_import_hours(self, filename, content):
        """The firm's monthly file (XLSX or CSV), with the checks of the
        back-office import, on its own commitments only: all rows or none.

        :return: ``(created, report)``: the number of lines created (0 when
            the file was refused) and the row-by-row report, in the user's
            language
        """
        self.ensure_one()
        self._portal_check_firm_user()
        self._portal_check_open()
        if not content:
            raise UserError(_("Choose the file to import."))
        firm = self.partner_id.commercial_partner_id
        wizard = (
            self.env["social.clause.hour.import"]
            .sudo()
            .with_context(social_clause_portal_firm_id=firm.id)
            .create(
                {
                    "file": base64.b64encode(content),
                    "filename": filename,
                    "declared_by": "portal",
                    "submit": True,
                }
            )
        )
        wizard.action_import()
        created = wizard.created_count if wizard.state == "done" else 0
        report = wizard.report or ""
        wizard.unlink()
        if created:
            self.sudo().message_post(
                body=escape(
                    _(
                        "%(firm)s imported %(count)s lines of hours from the file "
                        "%(file)s.",
                        firm=firm.name,
                        count=created,
                        file=filename,
                    )
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Validate the hours declared on the portal"),
                user_id=self._portal_facilitator().id,
            )
        return created, report
