# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_date
from odoo.tools.sql import create_index

from ..rules.eligibility import month_bounds
from .common import (
    SocialClauseError,
    format_hours,
    format_month,
    modified_in_batches,
    parse_hours,
    parse_month,
    refresh_in_bulk,
    simplify,
)
from .social_clause_modality import HOUR_MODALITIES

HOUR_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("validated", "Validated"),
    ("rejected", "Rejected"),
]
DECLARED_BY = [
    ("portal", "Firm (portal)"),
    ("facilitator", "Facilitator"),
    ("import", "Import"),
]
# The short names firms and partners give the modalities in their files and
# forms, besides the codes and the labels (in every installed language).
MODALITY_SHORT_NAMES = {
    "cdi": "hire_cdi",
    "cdd": "hire_cdd",
    "chantier": "hire_site",
    "contrat de chantier": "hire_site",
    "apprentissage": "hire_apprenticeship",
    "contrat d apprentissage": "hire_apprenticeship",
    "professionnalisation": "hire_professionalisation",
    "contrat de professionnalisation": "hire_professionalisation",
    "etti": "provision_etti",
    "ai": "provision_ai",
    "geiq": "provision_geiq",
    "ett": "provision_temp",
    "interim": "provision_temp",
    "travail temporaire": "provision_temp",
    "siae": "subcontract_siae",
    "ea": "subcontract_ea",
    "formation": "training",
}
PREVIEW_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
MODALITY_CODES = frozenset(code for code, __ in HOUR_MODALITIES)
# Fields of the line related to its commitment, with the same names: set in
# the INSERT itself by _prepare_declaration_vals (see there).
COMMITMENT_RELATED_FIELDS = (
    "lot_id",
    "operation_id",
    "partner_id",
    "buyer_id",
    "company_id",
)


class SocialClauseHour(models.Model):
    """One line of insertion hours: a participant, a commitment, a month."""

    _name = "social.clause.hour"
    _description = "Insertion hours"
    _check_company_auto = True
    _order = "date desc, id desc"
    _rec_name = "participant_id"

    # Indexed with the month (init): a person's or a commitment's lines, in
    # the order of the lists, whatever the size of the table.
    participant_id = fields.Many2one(
        "social.clause.participant",
        string="Participant",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    commitment_id = fields.Many2one(
        "social.clause.commitment",
        string="Commitment",
        required=True,
        ondelete="cascade",
        check_company=True,
    )
    lot_id = fields.Many2one(
        related="commitment_id.lot_id", store=True, index=True, string="Lot"
    )
    operation_id = fields.Many2one(
        related="commitment_id.operation_id",
        store=True,
        index=True,
        string="Operation",
    )
    partner_id = fields.Many2one(
        related="commitment_id.partner_id", store=True, index=True, string="Firm"
    )
    buyer_id = fields.Many2one(
        related="commitment_id.buyer_id", store=True, string="Buyer"
    )
    company_id = fields.Many2one(
        related="commitment_id.company_id", store=True, index=True
    )
    date = fields.Date(
        string="Month (first day)",
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="The month of the hours, stored as its first day.",
    )
    hours = fields.Float(required=True)
    modality = fields.Selection(HOUR_MODALITIES, required=True, default="hire_cdd")
    state = fields.Selection(
        HOUR_STATES, default="draft", required=True, index=True, copy=False
    )
    rejection_reason = fields.Text(copy=False)
    declared_by = fields.Selection(DECLARED_BY, default="facilitator", required=True)
    validated_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    validation_date = fields.Date(readonly=True, copy=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "social_clause_hour_attachment_rel",
        "hour_id",
        "attachment_id",
        string="Proofs",
        help="Payslip, contract or timesheet supporting the hours.",
    )
    is_counted = fields.Boolean(
        string="Counted",
        compute="_compute_is_counted",
        store=True,
        index=True,
        help="Validated, and the participant's eligibility was valid that "
        "month: the hours count against the commitment.",
    )
    month_label = fields.Char(
        string="Month",
        compute="_compute_month_label",
        store=True,
        precompute=True,
        help="The month of the hours as users read it (10/2026).",
    )
    # Totals never mix states: lists and groups sum these, not ``hours``.
    hours_validated = fields.Float(
        string="Validated hours",
        compute="_compute_hours_by_state",
        store=True,
        help="The hours of the line once validated and counted.",
    )
    hours_submitted = fields.Float(
        string="Submitted hours",
        compute="_compute_hours_by_state",
        store=True,
        help="The hours of the line while they wait for validation.",
    )
    validation_blocker = fields.Char(
        string="Cannot be validated because",
        compute="_compute_validation_blocker",
        groups="social_clause.group_user",
        help="Why the facilitator cannot validate these hours yet.",
    )
    cannot_validate = fields.Boolean(
        string="Cannot be validated",
        compute="_compute_validation_blocker",
        search="_search_cannot_validate",
        groups="social_clause.group_user",
        help="Draft or submitted hours that cannot be validated: month not "
        "over, outside the path, participant not eligible that month, modality "
        "not chosen for the commitment, or no proof.",
    )
    has_proof = fields.Boolean(
        string="Proof attached",
        compute="_compute_has_proof",
        store=True,
        help="A payslip, timesheet or contract is attached to the line (its own "
        "or the month's proof covering several lines).",
    )
    proof_waived_reason = fields.Text(
        string="Validated without proof because",
        copy=False,
        groups="social_clause.group_user",
        help="Why the facilitator validates these hours without a proof. "
        "Recorded in the participant's history.",
    )
    proof_preview = fields.Binary(
        string="Proof preview",
        compute="_compute_proof_preview",
        attachment=False,
        groups="social_clause.group_user",
    )
    proof_preview_kind = fields.Selection(
        [("pdf", "PDF"), ("image", "Image"), ("other", "Other")],
        compute="_compute_proof_preview",
        groups="social_clause.group_user",
    )

    def init(self):
        """The lines of a person or of a commitment come in the order of the
        lists (``_order``) from one index each, instead of the planner
        walking the months of the whole table for a firm's page (as
        account.move.line indexes its partner with its reference)."""
        res = super().init()
        for column in ("participant_id", "commitment_id"):
            create_index(
                self.env.cr,
                f"social_clause_hour_{column}_date_index",
                self._table,
                [column, "date DESC", "id DESC"],
            )
        return res

    @api.constrains("hours")
    def _check_hours(self):
        for line in self:
            if line.hours <= 0:
                raise ValidationError(
                    _(
                        "The hours of %(name)s must be greater than zero.",
                        name=line.participant_id.name,
                    )
                )

    @api.depends(
        "state",
        "date",
        "participant_id.eligibility_state",
        "participant_id.eligibility_date",
        "participant_id.eligibility_end_date",
    )
    def _compute_is_counted(self):
        for line in self:
            if line.state != "validated":
                line.is_counted = False
                continue
            month_start, month_end = line._month_bounds(line.date)
            line.is_counted = line.participant_id._is_eligible_on(
                month_start, month_end
            )

    @api.depends("attachment_ids")
    def _compute_has_proof(self):
        for line in self:
            line.has_proof = bool(line.attachment_ids)

    @api.depends("attachment_ids")
    def _compute_proof_preview(self):
        """The first proof, shown beside the line while validating it."""
        for line in self:
            proof = line.attachment_ids[:1].sudo()
            mimetype = proof.mimetype or ""
            line.proof_preview = proof.datas if proof else False
            if not proof:
                line.proof_preview_kind = False
            elif mimetype == "application/pdf":
                line.proof_preview_kind = "pdf"
            elif mimetype in PREVIEW_IMAGE_TYPES:
                line.proof_preview_kind = "image"
            else:
                line.proof_preview_kind = "other"

    @api.depends("date")
    def _compute_month_label(self):
        for line in self:
            line.month_label = format_month(line.date, self.env)

    @api.depends("hours", "state", "is_counted")
    def _compute_hours_by_state(self):
        for line in self:
            line.hours_validated = line.hours if line.is_counted else 0.0
            line.hours_submitted = line.hours if line.state == "submitted" else 0.0

    @staticmethod
    def _month_bounds(day):
        return month_bounds(day)

    @api.model
    def _normalize_vals(self, vals):
        if vals.get("date"):
            vals["date"] = fields.Date.to_date(vals["date"]).replace(day=1)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_vals(vals)
        return super().create(vals_list)

    # Changing these on a validated line would change what was counted.
    _LOCKED_WHEN_VALIDATED = (
        "participant_id",
        "commitment_id",
        "date",
        "hours",
        "modality",
    )

    def write(self, vals):
        if any(field in vals for field in self._LOCKED_WHEN_VALIDATED):
            self._check_modifiable()
        if "proof_waived_reason" not in vals:
            return super().write(self._normalize_vals(vals))
        reason = (vals["proof_waived_reason"] or "").strip()
        vals = dict(vals, proof_waived_reason=reason)
        changed = self.filtered(lambda line: (line.proof_waived_reason or "") != reason)
        result = super().write(self._normalize_vals(vals))
        changed._log_proof_waiver()
        return result

    def _log_proof_waiver(self):
        """Keep the facilitator's reason to validate without proof in the
        participant's history (facilitators only): who, when, why."""
        for line in self:
            if line.proof_waived_reason:
                body = _(
                    "Hours of %(month)s (%(firm)s) to be validated without "
                    "proof: %(reason)s",
                    month=line.month_label,
                    firm=line.partner_id.name,
                    reason=line.proof_waived_reason,
                )
            else:
                body = _(
                    "Hours of %(month)s (%(firm)s): the reason to validate "
                    "them without proof was removed.",
                    month=line.month_label,
                    firm=line.partner_id.name,
                )
            line.participant_id.sudo().message_post(
                body=body, subtype_xmlid="mail.mt_note"
            )

    def unlink(self):
        self._check_modifiable()
        self._keep_shared_proofs()
        return super().unlink()

    def _keep_shared_proofs(self):
        """A proof shared by several lines (the firm's payslips of a month,
        given once for all its people) belongs to the first of them: when
        that line goes, the proof moves to a line that keeps it, so that it
        is deleted with its last line only."""
        lines = self.sudo()
        owned = lines.attachment_ids.filtered(
            lambda a: a.res_model == self._name and a.res_id in self.ids
        )
        if not owned:
            return
        keepers = lines.search(
            [("attachment_ids", "in", owned.ids), ("id", "not in", self.ids)],
            order="id",
        )
        keeper_of = {}
        for keeper in keepers:
            for attachment_id in keeper.attachment_ids.ids:
                keeper_of.setdefault(attachment_id, keeper.id)
        moves = defaultdict(list)
        for attachment in owned:
            if attachment.id in keeper_of:
                moves[keeper_of[attachment.id]].append(attachment.id)
        for keeper_id, attachment_ids in moves.items():
            owned.browse(attachment_ids).write({"res_id": keeper_id})

    @api.depends("participant_id", "date")
    def _compute_display_name(self):
        for line in self:
            line.display_name = (
                f"{line.participant_id.name or ''} - "
                f"{format_month(line.date, self.env)}"
            )

    # Rules that hold whoever writes the line ---------------------------------

    @api.constrains("hours", "date", "participant_id", "state")
    def _check_monthly_hours(self):
        """No person works more than a full-time month, all firms together."""
        lines = self.filtered(lambda line: line.state != "rejected")
        if not lines:
            return
        overruns = self._monthly_hours_overruns(
            {(line.participant_id.id, line.date) for line in lines}
        )
        if overruns:
            detailed = self.env.user.has_group("social_clause.group_user")
            raise ValidationError(
                self._monthly_hours_message(overruns[0], detailed=detailed)
            )

    def _validate_inserted(self, field_names):
        """The constraints of lines an import inserted in SQL, as create
        runs them, but the monthly maximum: the import checked it for all
        its lines at once (``_monthly_hours_overruns`` with them planned),
        their participants locked until the end of the transaction, so
        ``_check_monthly_hours`` would read the same totals again, batch by
        batch."""
        monthly = type(self)._check_monthly_hours
        field_names = set(field_names)
        for check in self._constraint_methods:
            if check is not monthly and not field_names.isdisjoint(check._constrains):
                check(self)

    @api.model
    def _monthly_hours_overruns(self, keys, planned=None):
        """The monthly maximum, the one place it is computed.

        :param keys: ``(participant id, month)`` pairs to check
        :param dict planned: hours not written yet by ``(participant id,
            month)`` (a file being imported)
        :return: a list of dicts (``participant``, ``month``, ``total``,
            ``recorded``, ``planned``, ``maximum``), one per pair over the
            maximum of the participant's company

        The participants are locked and touched first: two transactions
        declaring hours of the same person at once are serialised, the
        second one fails with a serialization error and is retried by Odoo,
        then sees the first one's hours (a mere ``FOR UPDATE`` would make it
        wait, then read its old snapshot and miss them).
        """
        planned = planned or {}
        keys = set(keys) | set(planned)
        if not keys:
            return []
        participant_ids = sorted({participant_id for participant_id, __ in keys})
        self._lock_participants(participant_ids)
        recorded = self._monthly_hours_recorded(participant_ids, keys)
        participants = (
            self.env["social.clause.participant"].sudo().browse(participant_ids)
        )
        participants.fetch(["name", "company_id"])
        maximums = {
            participant.id: (
                participant.company_id or self.env.company
            ).social_clause_monthly_hours_max
            for participant in participants
        }
        overruns = []
        for participant_id, month in sorted(keys):
            maximum = maximums[participant_id]
            before = recorded.get((participant_id, month), 0.0)
            more = planned.get((participant_id, month), 0.0)
            if before + more > maximum + 1e-6:
                overruns.append(
                    {
                        "participant": participants.browse(participant_id),
                        "month": month,
                        "total": before + more,
                        "recorded": before,
                        "planned": more,
                        "maximum": maximum,
                    }
                )
        return overruns

    @api.model
    def _lock_participants(self, participant_ids):
        """Lock and touch the participants (see ``_monthly_hours_overruns``)."""
        self.env["social.clause.participant"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE social_clause_participant
                   SET write_date = write_date
                 WHERE id IN (
                       SELECT id FROM social_clause_participant
                        WHERE id = ANY(%(ids)s)
                     ORDER BY id
                          FOR NO KEY UPDATE)
                """,
                ids=participant_ids,
            )
        )

    @api.model
    def _monthly_hours_recorded(self, participant_ids, keys):
        """Hours not rejected already recorded, by ``(participant id, month)``."""
        return {
            (participant.id, month): total
            for participant, month, total in self.sudo()._read_group(
                [
                    ("participant_id", "in", participant_ids),
                    ("date", "in", list({month for __, month in keys})),
                    ("state", "!=", "rejected"),
                ],
                ["participant_id", "date:day"],
                ["hours:sum"],
            )
        }

    @api.model
    def _monthly_hours_message(self, overrun, detailed=False):
        """The refusal of an overrun. A firm reads only the maximum: the
        total would tell it the hours other firms declared. A facilitator
        (``detailed``) reads the total."""
        values = {
            "name": overrun["participant"].name,
            "month": format_month(overrun["month"]),
            "max": format_hours(overrun["maximum"], self.env),
            "total": format_hours(overrun["total"], self.env),
            "recorded": format_hours(overrun["recorded"], self.env),
        }
        if not detailed:
            return _(
                "%(name)s would go over the monthly maximum of %(max)s hours in "
                "%(month)s.",
                **values,
            )
        if overrun["recorded"] and overrun["planned"]:
            return _(
                "%(name)s would have %(total)s hours in %(month)s (%(recorded)s "
                "already recorded, all firms together), more than a full-time "
                "month allows (%(max)s hours).",
                **values,
            )
        return _(
            "%(name)s would have %(total)s hours in %(month)s, more than a "
            "full-time month allows (%(max)s hours).",
            **values,
        )

    @api.constrains("commitment_id", "hours", "date", "participant_id")
    def _check_operation_open(self):
        self.operation_id._check_takes_hours()

    # Declaring hours: what the portal and the import share -----------------

    @api.model
    def _parse_declared_hours(self, raw, company):
        """The hours of a declaration: two decimals at most, above zero, not
        above a full-time month of ``company``."""
        return parse_hours(
            self.env, raw, maximum=company.social_clause_monthly_hours_max
        )

    @api.model
    def _parse_declared_month(self, raw, current_month=None):
        """The month of a declaration (its first day): a past or the current
        month (``current_month``, today's by default)."""
        month = parse_month(self.env, raw)
        current_month = current_month or fields.Date.context_today(self).replace(day=1)
        if month > current_month:
            raise SocialClauseError(
                _(
                    "Hours cannot be declared for a future month (%(month)s).",
                    month=format_month(month),
                )
            )
        return month

    @api.model
    def _modality_keys(self):
        """Modality code by simplified code, short name ("CDI", "ETTI") or
        label, in every installed language and as the modality records name
        them."""
        keys = {}
        field = self._fields["modality"]
        langs = {code for code, __ in self.env["res.lang"].get_installed()}
        langs |= {"en_US", self.env.lang or "en_US"}
        modalities = self.env["social.clause.modality"].with_context(active_test=False)
        for lang in sorted(langs):
            env = self.with_context(lang=lang).env
            for code, label in field._description_selection(env):
                keys.setdefault(simplify(label), code)
            for modality in modalities.with_context(lang=lang).search_fetch(
                [], ["code", "name"]
            ):
                keys.setdefault(simplify(modality.name), modality.code)
        keys.update(MODALITY_SHORT_NAMES)
        keys.update({simplify(code): code for code, __ in HOUR_MODALITIES})
        return keys

    @api.model
    def _parse_modality(self, raw, keys=None):
        """A modality given by its code, short name or label: its code."""
        if raw in MODALITY_CODES:
            return raw
        code = (keys if keys is not None else self._modality_keys()).get(simplify(raw))
        if not code:
            raise SocialClauseError(_("Choose how the person was employed (modality)."))
        return code

    @api.model
    def _declared_hours(self, participant_ids, commitment_ids, months):
        """Hours already declared (not rejected), by ``(participant id,
        commitment id, month, modality)``: a person's month is declared once
        per commitment and modality. The import skips a row declared already
        with the same hours, the portal refuses a second declaration."""
        groups = self.sudo()._read_group(
            [
                ("participant_id", "in", list(participant_ids)),
                ("commitment_id", "in", list(commitment_ids)),
                ("date", "in", list(months)),
                ("state", "!=", "rejected"),
            ],
            ["participant_id", "commitment_id", "date:day", "modality"],
            ["hours:sum"],
        )
        return {
            (participant.id, commitment.id, month, modality): total
            for participant, commitment, month, modality, total in groups
        }

    @api.model
    def _check_not_declared(self, commitment, participant, month, modality):
        """Refuse a second declaration of the same person, month and
        modality on a commitment (a double click, a form sent twice)."""
        declared = self._declared_hours(participant.ids, commitment.ids, [month])
        hours = declared.get((participant.id, commitment.id, month, modality))
        if hours:
            raise SocialClauseError(
                _(
                    "%(name)s already has %(hours)s hours declared for %(month)s "
                    "with this modality: correct that line rather than declaring "
                    "it twice.",
                    name=participant.name,
                    hours=format_hours(hours, self.env),
                    month=format_month(month),
                )
            )

    @api.model
    def _commitment_related_vals(self, commitments):
        """{commitment id: values of the line's fields related to it}."""
        commitments.fetch(list(COMMITMENT_RELATED_FIELDS))
        return {
            commitment.id: {
                name: commitment[name].id for name in COMMITMENT_RELATED_FIELDS
            }
            for commitment in commitments
        }

    @api.model
    def _prepare_declaration_vals(
        self,
        commitment,
        participant,
        month,
        hours,
        modality,
        state="submitted",
        declared_by="portal",
        related=None,
    ):
        """Values of a line declared by a firm or imported, its inputs
        checked already (``_parse_declared_*``).

        The fields related to the commitment (lot, operation, firm, buyer,
        company) and ``is_counted`` go in the INSERT itself: the ORM
        recomputes them after the create, finds the same values and writes
        nothing, instead of one UPDATE per hundred lines of an import.

        :param dict related: ``_commitment_related_vals`` of the commitments,
            when many lines are prepared at once
        """
        if related is None:
            related = self._commitment_related_vals(commitment)
        return {
            "participant_id": participant.id,
            "commitment_id": commitment.id,
            **related[commitment.id],
            "date": month,
            "hours": hours,
            "modality": modality,
            "state": state,
            "declared_by": declared_by,
            "is_counted": False,
            "has_proof": False,
        }

    def _check_modifiable(self):
        lines = self
        # Only the training's synchronisation changes its validated lines.
        if self.env.context.get("social_clause_training_sync"):
            lines = self.filtered(lambda line: not line.training_attendance_id)
        if lines.filtered(lambda line: line.state == "validated"):
            raise SocialClauseError(
                _("Validated hours cannot be changed: reject them first.")
            )

    # Workflow ----------------------------------------------------------------

    def action_submit(self):
        if self.filtered(lambda line: line.state != "draft"):
            raise SocialClauseError(_("Only draft hours can be submitted."))
        self.write({"state": "submitted"})

    def action_validate(self):
        """Validate the lines that can be, in a few queries whatever their
        number; report the others (person, month, reason), left as they were.
        """
        blocked = self._validate_what_can_be()
        if not blocked:
            return True
        return self.env["social.clause.hour.validation.report"]._open_for(
            validated_count=len(self) - len(blocked), blocked=blocked
        )

    def _validate_what_can_be(self):
        """Validate the lines that can be (``_validation_blocker_rows``).

        The lines are locked first: two facilitators validating the same
        lines wait for each other, and the second one finds them validated
        (or, under PostgreSQL's repeatable read, retries and then finds them
        validated) instead of validating and counting them twice.

        :return: the lines left as they were, those that could not be
            validated (their ``validation_blocker`` says why)
        """
        if not self:
            return self
        self.check_access("write")
        self._lock_for_validation()
        blocked = self.browse(
            row["id"] for row in self._validation_blocker_rows(ids=self.ids)
        )
        (self - blocked)._set_state_in_bulk("validated")
        return blocked

    def _lock_for_validation(self):
        """Lock the lines' rows, then read their state as committed."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM social_clause_hour WHERE id = ANY(%s) "
                "ORDER BY id FOR UPDATE",
                self.ids,
            )
        )
        self.invalidate_recordset(self._BULK_STATE_FIELDS)

    @api.depends(
        "state",
        "date",
        "modality",
        "declared_by",
        "has_proof",
        "proof_waived_reason",
        "training_attendance_id",
        "commitment_id.modality_ids",
        "participant_id.entry_date",
        "participant_id.exit_date",
        "participant_id.eligibility_state",
        "participant_id.eligibility_date",
        "participant_id.eligibility_end_date",
        "participant_id.proposed_by_id",
    )
    def _compute_validation_blocker(self):
        saved = self.filtered("id")
        blockers = saved._validation_blockers() if saved else {}
        for line in self:
            line.validation_blocker = blockers.get(line.id) or False
            line.cannot_validate = bool(
                line.validation_blocker and line.state in ("draft", "submitted")
            )

    def _get_validation_blocker(self):
        """Why this line cannot be validated, in the facilitator's words, or
        an empty string (see ``_validation_blockers``)."""
        self.ensure_one()
        return self._validation_blockers().get(self.id, "")

    def _validation_blockers(self):
        """{line id: why it cannot be validated} of the lines of ``self``
        that cannot be, in one query: the one home of the validation rules
        (``_validation_blocker_rows``), read in the facilitator's words."""
        rows = self._validation_blocker_rows(ids=self.ids)
        return {row["id"]: self._validation_blocker_message(row) for row in rows}

    @api.model
    def _validation_blocker_message(self, row):
        """The reason of a row of ``_validation_blocker_rows``."""
        code = row["code"]
        date = row["date"]
        if code == "validated":
            return _("Already validated.")
        if code == "rejected":
            return _("Rejected: reset the line to draft first.")
        if code == "month_open":
            return _(
                "%(month)s is not over yet: its hours can be validated from "
                "%(date)s.",
                month=format_month(date),
                date=format_date(self.env, date + relativedelta(months=1)),
            )
        if code == "before_entry":
            return _(
                "Month before the entry in the path (%(date)s).",
                date=format_date(self.env, row["entry_date"]),
            )
        if code == "after_exit":
            return _(
                "Month after the exit from the path (%(date)s).",
                date=format_date(self.env, row["exit_date"]),
            )
        if code in ("modality", "no_proof"):
            return self._validation_line_message(row)
        return self._validation_eligibility_message(row)

    @api.model
    def _validation_line_message(self, row):
        if row["code"] == "modality":
            labels = dict(self._fields["modality"]._description_selection(self.env))
            return _(
                "The modality %(modality)s is not one of those chosen for the "
                "commitment.",
                modality=labels.get(row["modality"], row["modality"]),
            )
        return _(
            "No proof of the hours: ask the firm for its payslip, timesheet or "
            "contract, or say why they are validated without proof."
        )

    @api.model
    def _validation_eligibility_message(self, row):
        code = row["code"]
        if code == "proposed":
            return _(
                "New person proposed by %(firm)s: check the eligibility first.",
                firm=row["proposed_by"],
            )
        if code == "to_check":
            return _("Eligibility not checked yet.")
        if code == "refused":
            return _("Eligibility refused.")
        if code == "checked_after":
            return _(
                "Eligibility checked on %(date)s, after this month.",
                date=format_date(self.env, row["eligibility_date"]),
            )
        return _(
            "Eligibility expired on %(date)s.",
            date=format_date(self.env, row["eligibility_end_date"]),
        )

    @api.model
    def _validation_blocker_rows(self, ids=None, company_ids=None):
        """The lines that cannot be validated, with the reason's code and
        what its message shows, as dicts. The one statement of the rules:
        the validation, the reason column and the "cannot be validated"
        filter read it. The rules of rules/eligibility.py, in SQL:
        ``month_is_over``, ``month_before_entry``, ``month_after_exit``,
        ``is_eligible_between``; then the commitment's modalities
        (``social.clause.commitment._modality_allowed``) and the proof.

        :param list ids: these lines (any state); else the draft and
            submitted lines of ``company_ids``
        """
        self._flush_validation_inputs()
        if ids is not None:
            scope = SQL("line.id = ANY(%s)", list(ids))
        else:
            scope = SQL(
                "line.state IN ('draft', 'submitted') AND line.company_id = ANY(%s)",
                list(company_ids),
            )
        self.env.cr.execute(
            SQL(
                """
                SELECT * FROM (
                    SELECT line.id, line.date, line.modality,
                           participant.entry_date, participant.exit_date,
                           participant.eligibility_date,
                           participant.eligibility_end_date,
                           proposer.name AS proposed_by,
                           %(code)s AS code
                      FROM social_clause_hour line
                      JOIN social_clause_participant participant
                        ON participant.id = line.participant_id
                 LEFT JOIN res_partner proposer
                        ON proposer.id = participant.proposed_by_id
                     WHERE %(scope)s
                ) blocked
                WHERE code IS NOT NULL
                """,
                code=self._validation_blocker_code_sql(),
                scope=scope,
            )
        )
        return self.env.cr.dictfetchall()

    def _flush_validation_inputs(self):
        self.env["social.clause.participant"].flush_model(
            [
                "entry_date",
                "exit_date",
                "eligibility_state",
                "eligibility_date",
                "eligibility_end_date",
                "proposed_by_id",
            ]
        )
        self.env["social.clause.commitment"].flush_model(["modality_ids"])
        self.env["social.clause.modality"].flush_model(["code", "active"])
        self.flush_model(
            [
                "state",
                "date",
                "participant_id",
                "commitment_id",
                "company_id",
                "modality",
                "declared_by",
                "has_proof",
                "proof_waived_reason",
                "training_attendance_id",
            ]
        )

    def _validation_blocker_code_sql(self):
        """The first reason a line cannot be validated, as a code (NULL: it
        can be), in the order the facilitator reads them."""
        relation = self.env["social.clause.commitment"]._fields["modality_ids"]
        return SQL(
            """
            CASE
            WHEN line.state = 'validated' THEN 'validated'
            WHEN line.state = 'rejected' THEN 'rejected'
            WHEN line.date + INTERVAL '1 month' > %(today)s THEN 'month_open'
            WHEN line.date < date_trunc('month', participant.entry_date)
                THEN 'before_entry'
            WHEN line.date > date_trunc('month', participant.exit_date)
                THEN 'after_exit'
            WHEN participant.eligibility_state = 'refused' THEN 'refused'
            WHEN participant.eligibility_state IS DISTINCT FROM 'validated'
                 OR participant.eligibility_date IS NULL
                THEN CASE WHEN participant.proposed_by_id IS NOT NULL
                          THEN 'proposed' ELSE 'to_check' END
            WHEN participant.eligibility_date >= line.date + INTERVAL '1 month'
                THEN 'checked_after'
            WHEN participant.eligibility_end_date < line.date THEN 'expired'
            WHEN EXISTS (
                    SELECT 1 FROM %(rel)s chosen
                      JOIN social_clause_modality modality
                        ON modality.id = chosen.%(col2)s AND modality.active
                     WHERE chosen.%(col1)s = line.commitment_id)
                 AND NOT EXISTS (
                    SELECT 1 FROM %(rel)s chosen
                      JOIN social_clause_modality modality
                        ON modality.id = chosen.%(col2)s AND modality.active
                     WHERE chosen.%(col1)s = line.commitment_id
                       AND modality.code = line.modality)
                THEN 'modality'
            WHEN line.declared_by = 'portal'
                 AND line.training_attendance_id IS NULL
                 AND NOT COALESCE(line.has_proof, FALSE)
                 AND COALESCE(btrim(line.proof_waived_reason), '') = ''
                THEN 'no_proof'
            END
            """,
            today=fields.Date.context_today(self),
            rel=SQL.identifier(relation.relation),
            col1=SQL.identifier(relation.column1),
            col2=SQL.identifier(relation.column2),
        )

    def _search_cannot_validate(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise SocialClauseError(_("Unsupported search on the validation flag."))
        rows = self._validation_blocker_rows(company_ids=self.env.companies.ids)
        ids = [row["id"] for row in rows]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    def _set_state_in_bulk(self, state, reason=None):
        """Move many lines to ``state`` in a fixed number of queries.

        A facilitator validates or rejects a whole month at once. The ORM
        would write the lines, then the totals of their participants and
        commitments, a hundred rows per query; here each of them is one
        statement, and the caches and the remaining recomputations (lots,
        operations) are told. ``is_counted`` follows the state: validation
        is refused above unless the eligibility holds for each line.
        """
        if not self:
            return
        # The statement below bypasses write(): check the rights it would.
        self.check_access("write")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE social_clause_hour
                   SET state = %(state)s,
                       is_counted = %(counted)s,
                       validated_by_id = %(validated_by)s,
                       validation_date = %(validation_date)s,
                       rejection_reason = %(reason)s,
                       hours_validated = CASE WHEN %(counted)s THEN hours
                                         ELSE 0 END,
                       hours_submitted = CASE WHEN %(state)s = 'submitted'
                                         THEN hours ELSE 0 END,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                 WHERE id = ANY(%(ids)s)
                """,
                state=state,
                counted=state == "validated",
                validated_by=self.env.uid if state == "validated" else None,
                validation_date=fields.Date.context_today(self)
                if state == "validated"
                else None,
                reason=reason,
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=self.ids,
            )
        )
        self.invalidate_recordset(self._BULK_STATE_FIELDS)
        # Mark what depends on the lines, then refresh the totals of their
        # participants, commitments, lots and operations in SQL; what else
        # depends on them (trainings) is left to the ORM.
        for batch in modified_in_batches(self, ["state", "is_counted"]):
            for fname in ("is_counted", "hours_validated", "hours_submitted"):
                self.env.remove_to_compute(self._fields[fname], batch)
        self._refresh_totals_in_bulk()
        self.env.flush_all()

    def _refresh_totals_in_bulk(self):
        """Refresh in SQL the stored totals the lines count in."""
        self.flush_recordset(["participant_id", "commitment_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT ARRAY_AGG(DISTINCT line.participant_id),
                       ARRAY_AGG(DISTINCT line.commitment_id),
                       ARRAY_AGG(DISTINCT commitment.lot_id),
                       ARRAY_AGG(DISTINCT commitment.operation_id)
                  FROM social_clause_hour line
                  JOIN social_clause_commitment commitment
                    ON commitment.id = line.commitment_id
                 WHERE line.id = ANY(%s)
                """,
                self.ids,
            )
        )
        self._refresh_totals_of(*self.env.cr.fetchone())

    @api.model
    def _refresh_totals_of(
        self, participant_ids, commitment_ids, lot_ids=None, operation_ids=None
    ):
        """Refresh in SQL the stored totals of these participants and
        commitments, then of the commitments' lots and operations (found
        here unless given)."""
        if lot_ids is None:
            self.env.cr.execute(
                SQL(
                    """
                    SELECT ARRAY_AGG(DISTINCT lot_id),
                           ARRAY_AGG(DISTINCT operation_id)
                      FROM social_clause_commitment
                     WHERE id = ANY(%s)
                    """,
                    list(commitment_ids or []),
                )
            )
            lot_ids, operation_ids = self.env.cr.fetchone()
        refresh_in_bulk(
            *(
                self.env[model].browse(ids or [])._bulk_totals()
                for model, ids in (
                    ("social.clause.participant", participant_ids),
                    ("social.clause.commitment", commitment_ids),
                    ("social.clause.lot", lot_ids),
                    ("social.clause.operation", operation_ids),
                )
            )
        )

    _BULK_STATE_FIELDS = [
        "state",
        "is_counted",
        "validated_by_id",
        "validation_date",
        "rejection_reason",
        "hours_validated",
        "hours_submitted",
        "write_uid",
        "write_date",
    ]

    def action_reject(self, reason):
        if not reason or not reason.strip():
            raise SocialClauseError(_("Give the reason of the rejection to the firm."))
        if self.filtered(lambda line: line.state == "rejected"):
            raise SocialClauseError(_("Some of these hours are already rejected."))
        self._set_state_in_bulk("rejected", reason=reason.strip())
        return True

    def action_reset_to_draft(self):
        if self.filtered(lambda line: line.state != "rejected"):
            raise SocialClauseError(_("Only rejected hours can be reset to draft."))
        self.write({"state": "draft"})

    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject hours"),
            "res_model": "social.clause.hour.reject",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    # Deletion guard ------------------------------------------------------------

    @api.model
    def _check_no_validated_hours(self, records, field_name):
        """Refuse to delete ``records`` (operations, lots or commitments) that
        carry validated hours: the hours would vanish with them (cascade)."""
        if not records:
            return
        holders = (
            self.sudo()
            .search([(field_name, "in", records.ids), ("state", "=", "validated")])
            .mapped(field_name)
        )
        if holders:
            raise SocialClauseError(
                _(
                    "%(records)s cannot be deleted: validated insertion hours are "
                    "recorded on it. Cancel or archive the operation instead.",
                    records=", ".join(holders.sudo().mapped("display_name")),
                )
            )

    training_attendance_id = fields.Many2one(
        "social.clause.training.attendance",
        string="Training attendance",
        index=True,
        readonly=True,
        ondelete="restrict",
        copy=False,
    )
