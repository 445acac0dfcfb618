# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.tools import SQL
from odoo.tools.mimetypes import guess_mimetype

from .common import clean_name, clean_text, format_hours, format_month, shown

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
        """Declare a month of hours of one person from the portal: the
        month's declaration (``_portal_declare_month``) with one row, whose
        hours and proof are required.

        Every input is checked before anything is written; the line arrives
        as submitted and the facilitator gets an activity to validate it.

        :param dict values: form values: ``participant_id`` (or
            ``new_participant_name``), ``month`` (YYYY-MM), ``hours``,
            ``modality``
        :param list files: ``(filename, content)`` of the proofs
        :return: the created ``social.clause.hour`` (superuser environment)
        """
        self.ensure_one()
        row = {
            "participant_id": values.get("participant_id"),
            "new_participant_name": values.get("new_participant_name"),
            "hours": values.get("hours"),
            "modality": values.get("modality"),
            "files": files,
        }
        return self._portal_declare_month(values.get("month"), [row], one_person=True)

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

    def _portal_ask_validation(self, note):
        """Hours came from the portal: an activity asks the facilitator to
        validate them, and the note stays in the chatter. ``note`` is markup
        whose user-typed parts are already escaped."""
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Validate the hours declared on the portal"),
            note=note,
            user_id=self._portal_facilitator().id,
        )
        self.message_post(
            body=note, message_type="comment", subtype_xmlid="mail.mt_note"
        )

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
        self._portal_ask_validation(note)

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

    def _portal_parse_offered_modality(self, raw):
        """A modality of the form: one the firm was offered."""
        self.ensure_one()
        modality = self.env["social.clause.hour"]._parse_modality(
            clean_text(self.env, raw, _("Modality"))
        )
        if modality not in dict(self._portal_modality_options()):
            raise UserError(
                _(
                    "This modality is not one of those chosen for the "
                    "commitment: choose one of the list."
                )
            )
        return modality

    def _portal_declare_month(self, month, rows, month_files=(), one_person=False):
        """Declare a month of hours for several people at once, from the
        portal: every row is checked first, then all the lines are created,
        or none.

        :param str month: ``YYYY-MM``
        :param list rows: dicts with ``participant_id`` (an id, or ``new``
            with ``new_participant_name``), ``hours``, ``modality``,
            ``files`` (``(filename, content)`` of the row's proofs) and
            ``label`` (the person's name, for the messages). Rows without
            hours are skipped.
        :param list month_files: ``(filename, content)`` of one proof for the
            whole month, for the rows without their own proof.
        :param bool one_person: the form of one person: its row is never
            skipped, its hours and its own proof are required
        :return: the created ``social.clause.hour`` lines (superuser)
        """
        self.ensure_one()
        self._portal_can_declare(raise_exception=True)
        commitment = self.sudo()
        Hour = self.env["social.clause.hour"].sudo()
        month_value = Hour._parse_declared_month(
            clean_text(self.env, month, _("Month"))
        )
        month_proofs = None
        if any(content for __, content in month_files):
            month_proofs = commitment._portal_check_proofs(month_files)
        errors = []
        prepared = []
        for row in rows:
            try:
                parsed = commitment._portal_parse_month_row(
                    row, month_value, bool(month_proofs), prepared, one_person
                )
            except UserError as error:
                new_name = str(row.get("new_participant_name") or "").strip()
                label = row.get("label") or (shown(new_name) if new_name else "")
                errors.append(
                    _("%(name)s: %(error)s", name=label, error=error.args[0])
                    if label
                    else error.args[0]
                )
                continue
            if parsed:
                prepared.append(parsed)
        if not errors and not prepared:
            raise UserError(_("Enter the hours of at least one person."))
        # Same order of locks as every declaration: the commitment, then
        # its people (in the monthly maximum's check).
        commitment._portal_lock()
        planned = {}
        for participant, hours, __, __ in prepared:
            if not isinstance(participant, str):
                key = (participant.id, month_value)
                planned[key] = planned.get(key, 0.0) + hours
        for overrun in Hour._monthly_hours_overruns(set(), planned=planned):
            errors.append(Hour._monthly_hours_message(overrun))
        if errors:
            raise UserError("\n".join(errors))

        with self.env.cr.savepoint():
            new_people = self.env["social.clause.participant"].sudo()
            vals_list = []
            related = Hour._commitment_related_vals(commitment)
            for participant, hours, modality, __ in prepared:
                if isinstance(participant, str):
                    participant = commitment._portal_propose_participant(participant)
                    new_people |= participant
                vals_list.append(
                    Hour._prepare_declaration_vals(
                        commitment,
                        participant,
                        month_value,
                        hours,
                        modality,
                        related=related,
                    )
                )
            lines = Hour.create(vals_list)
            shared = self.env["ir.attachment"]
            if month_proofs:
                shared = commitment._portal_attach_proofs(lines[0], month_proofs)
            for line, (__, __, __, proofs) in zip(lines, prepared, strict=True):
                attachments = (
                    commitment._portal_attach_proofs(line, proofs) if proofs else shared
                )
                line.attachment_ids = [fields.Command.set(attachments.ids)]
            lines.flush_recordset()
            commitment._portal_notify_month(lines, new_people)
        return lines

    def _portal_parse_month_row(
        self, row, month, month_proof, prepared, one_person=False
    ):
        """One row of the month's form, checked: ``(participant or new
        name, hours, modality, proofs)``, or None for a row left empty.

        :param bool month_proof: a proof for the whole month was given
        :param list prepared: the rows checked before this one
        :param bool one_person: the row is the whole form: hours and its own
            proof required
        """
        self.ensure_one()
        Hour = self.env["social.clause.hour"].sudo()
        raw_hours = clean_text(self.env, row.get("hours"), _("Hours"))
        if not raw_hours and not one_person:
            return None
        participant = self._portal_parse_participant(
            row.get("participant_id"), row.get("new_participant_name")
        )
        if not isinstance(participant, str) and participant in [
            item[0] for item in prepared
        ]:
            raise UserError(_("this person is twice in the form."))
        hours = Hour._parse_declared_hours(raw_hours, self.company_id)
        modality = self._portal_parse_offered_modality(row.get("modality"))
        if not isinstance(participant, str):
            Hour._check_not_declared(self, participant, month, modality)
        files = row.get("files") or ()
        proofs = None
        if one_person or any(content for __, content in files):
            proofs = self._portal_check_proofs(files)
        elif not month_proof:
            raise UserError(
                _(
                    "Attach a proof of the hours (payslip or contract, PDF or "
                    "image), for this person or for the month."
                )
            )
        return participant, hours, modality, proofs

    def _portal_attach_proofs(self, record, proofs):
        """Proofs ``(filename, content, mimetype)``, as ``_portal_check_proofs``
        returns them, as attachments of ``record`` (a line of hours, a person
        proposed by a prescriber)."""
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": filename,
                        "raw": content,
                        "mimetype": mimetype,
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                    for filename, content, mimetype in proofs
                ]
            )
        )

    def _portal_notify_month(self, lines, new_people):
        """One activity for the facilitator for a month declared at once.
        The names are the firm's typing: escaped into the note."""
        self.ensure_one()
        if len(lines) == 1:
            return self._portal_notify_declaration(lines, bool(new_people))
        note = Markup("<p>%s</p>") % _(
            "%(firm)s declared %(hours)s hours of %(count)s people for %(month)s.",
            firm=self.partner_id.name,
            hours=format_hours(sum(lines.mapped("hours")), self.env),
            count=len(lines),
            month=format_month(lines[0].date),
        )
        if new_people:
            note += Markup("<p>%s</p>") % _(
                "New people proposed by the firm, to check before validating "
                "their hours: %(names)s.",
                names=", ".join(new_people.mapped("name")),
            )
        self._portal_ask_validation(note)
        return True

    def _portal_get_line(self, line_id):
        """A line of hours of this commitment (superuser), for a user who
        reads the commitment; else "not found", whoever's it is."""
        self.ensure_one()
        self.check_access("read")
        line_id = (
            int(line_id) if str(line_id).isascii() and str(line_id).isdigit() else 0
        )
        line = self.env["social.clause.hour"].sudo().browse(line_id).exists()
        if not line or line.commitment_id != self.sudo():
            raise MissingError(_("These hours do not exist or are not yours."))
        return line

    def _portal_get_modifiable_line(self, line_id):
        """A submitted line the firm may still correct or withdraw."""
        self._portal_can_declare(raise_exception=True)
        line = self._portal_get_line(line_id)
        if line.state != "submitted":
            raise UserError(
                _(
                    "Only hours waiting for validation can be corrected or "
                    "withdrawn: ask the facilitator."
                )
            )
        return line

    def _portal_update_line(self, line_id, values, files=()):
        """Correct a submitted line: hours, modality, and the proof if one is
        given (it then replaces the former ones)."""
        line = self._portal_get_modifiable_line(line_id)
        commitment = self.sudo()
        Hour = self.env["social.clause.hour"].sudo()
        hours = Hour._parse_declared_hours(
            clean_text(self.env, values.get("hours"), _("Hours")),
            commitment.company_id,
        )
        modality = commitment._portal_parse_offered_modality(values.get("modality"))
        if modality != line.modality:
            Hour._check_not_declared(
                commitment, line.participant_id, line.date, modality
            )
        proofs = None
        if any(content for __, content in files):
            proofs = commitment._portal_check_proofs(files)
        commitment._portal_lock()
        with self.env.cr.savepoint():
            line.write({"hours": hours, "modality": modality})
            if proofs:
                attachments = commitment._portal_attach_proofs(line, proofs)
                line.attachment_ids = [fields.Command.set(attachments.ids)]
            line.flush_recordset()
            commitment.message_post(
                body=Markup("<p>%s</p>")
                % _(
                    "%(firm)s corrected the hours of %(name)s for %(month)s: "
                    "%(hours)s hours.",
                    firm=commitment.partner_id.name,
                    name=line.participant_id.name,
                    month=format_month(line.date),
                    hours=format_hours(hours, self.env),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return line

    def _portal_withdraw_line(self, line_id):
        """The firm withdraws a submitted line: it is deleted with its own
        proofs, and the facilitator reads it in the chatter."""
        line = self._portal_get_modifiable_line(line_id)
        commitment = self.sudo()
        body = Markup("<p>%s</p>") % _(
            "%(firm)s withdrew the %(hours)s hours of %(name)s for %(month)s.",
            firm=commitment.partner_id.name,
            hours=format_hours(line.hours, self.env),
            name=line.participant_id.name,
            month=format_month(line.date),
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
        """A proof of one of the commitment's lines (superuser), for a user
        who reads the commitment; else "not found"."""
        self.ensure_one()
        self.check_access("read")
        attachment_id = (
            int(attachment_id)
            if str(attachment_id).isascii() and str(attachment_id).isdigit()
            else 0
        )
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
        """The firm's monthly file (XLSX or CSV) through the back-office
        import, scoped to the firm (its commitments, the people placed with
        it): all rows or none.

        :return: ``(created, report)``: the number of lines created (0 when
            the file was refused) and the row-by-row report, in the user's
            language
        """
        self.ensure_one()
        self._portal_can_declare(raise_exception=True)
        if not content:
            raise UserError(_("Choose the file to import."))
        commitment = self.sudo()
        firm = commitment.partner_id.commercial_partner_id
        commitment._portal_lock()
        wizard = (
            self.env["social.clause.hour.import"]
            .sudo()
            .create(
                {
                    "file": base64.b64encode(content),
                    "filename": clean_text(
                        self.env, filename, _("File name"), max_length=255
                    ),
                    "partner_id": firm.id,
                    "declared_by": "portal",
                    "submit": True,
                }
            )
        )
        wizard.action_import()
        created = wizard.created_count if wizard.state == "done" else 0
        report, filename = wizard.report or "", wizard.filename or ""
        wizard.unlink()
        if created:
            note = Markup("<p>%s</p>") % _(
                "%(firm)s imported %(count)s lines of hours from the file %(file)s.",
                firm=firm.name,
                count=created,
                file=filename,
            )
            commitment._portal_ask_validation(note)
        return created, report
