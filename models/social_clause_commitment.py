# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import SQL, format_date, formatLang
from odoo.tools.mimetypes import guess_mimetype

from ..rules.declarations import missing_months, next_reminder_date
from ..rules.names import match_name, normalise_name
from ..rules.progress import PROGRESS_SQL, progress_percent
from .common import (
    clean_name,
    clean_text,
    facilitator_of,
    format_hours,
    format_month,
    shown,
)
from .social_clause_modality import MODALITY_FAMILIES, MODALITY_FAMILY

COMMITMENT_ROLES = [
    ("holder", "Holder"),
    ("co_contractor", "Co-contractor"),
    ("subcontractor", "Subcontractor"),
]


# Proofs a firm may attach to its declaration (payslip, contract, scan).
PORTAL_PROOF_MIMETYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}

PORTAL_PROOF_MAX_BYTES = 10 * 1024 * 1024


def period_domain(date_from=False, date_to=False):
    """Domain on ``social.clause.hour.date`` (the first day of the month) for
    a period: the months that start within it, and the month of date_from."""
    date_from = fields.Date.to_date(date_from) if date_from else False
    date_to = fields.Date.to_date(date_to) if date_to else False
    domain = []
    if date_from:
        domain.append(("date", ">=", date_from.replace(day=1)))
    if date_to:
        domain.append(("date", "<=", date_to))
    return domain


# The stored totals of commitments in one statement (the bulk validation
# and import): the same definitions as _compute_hours, and the progress
# formula of rules/progress.py (a test compares both paths).
HOUR_TOTALS_SQL = (
    """
    UPDATE social_clause_commitment commitment
       SET hours_done = COALESCE(totals.hours_done, 0),
           hours_direct_hire = COALESCE(totals.direct_hire, 0),
           hours_provision = COALESCE(totals.provision, 0),
           hours_subcontracting = COALESCE(totals.subcontracting, 0),
           hours_training = COALESCE(totals.training, 0),
           hours_submitted = COALESCE(totals.submitted, 0),
           participant_count = COALESCE(totals.participant_count, 0),
           progress = """
    + PROGRESS_SQL.format(
        done="COALESCE(totals.hours_done, 0)", required="commitment.hours_committed"
    )
    + """
      FROM unnest(%(ids)s::int[]) AS target(id)
 LEFT JOIN (
            -- by person first: a hashed grouping counts the people, where
            -- COUNT(DISTINCT) would sort the lines of each commitment
            SELECT commitment_id,
                   SUM(done) AS hours_done,
                   SUM(direct_hire) AS direct_hire,
                   SUM(provision) AS provision,
                   SUM(subcontracting) AS subcontracting,
                   SUM(training) AS training,
                   SUM(submitted) AS submitted,
                   COUNT(*) FILTER (WHERE counted) AS participant_count
              FROM (
                    SELECT commitment_id,
                           SUM(hours) FILTER (WHERE is_counted) AS done,
                           SUM(hours) FILTER (WHERE is_counted
                               AND modality = ANY(%(direct_hire)s)) AS direct_hire,
                           SUM(hours) FILTER (WHERE is_counted
                               AND modality = ANY(%(provision)s)) AS provision,
                           SUM(hours) FILTER (WHERE is_counted
                               AND modality = ANY(%(subcontracting)s))
                               AS subcontracting,
                           SUM(hours) FILTER (WHERE is_counted
                               AND modality = ANY(%(training)s)) AS training,
                           SUM(hours) FILTER (WHERE state = 'submitted')
                               AS submitted,
                           BOOL_OR(is_counted) AS counted
                      FROM social_clause_hour
                     WHERE commitment_id = ANY(%(ids)s)
                  GROUP BY commitment_id, participant_id
                   ) by_person
          GROUP BY commitment_id
           ) totals ON totals.commitment_id = target.id
     WHERE commitment.id = target.id
"""
)


class SocialClauseCommitment(models.Model):
    """One firm's engagement on one lot (attributaire, co- or sub-contractor)."""

    _name = "social.clause.commitment"
    _description = "Social clause commitment"
    _check_company_auto = True
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "social.clause.evaluation.mixin",
    ]
    _order = "lot_id, role, id"

    lot_id = fields.Many2one(
        "social.clause.lot",
        string="Lot",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
        check_company=True,
    )
    operation_id = fields.Many2one(
        related="lot_id.operation_id", store=True, index=True, string="Operation"
    )
    buyer_id = fields.Many2one(
        related="lot_id.buyer_id", store=True, index=True, string="Buyer"
    )
    company_id = fields.Many2one(related="lot_id.company_id", store=True, index=True)
    operation_state = fields.Selection(
        related="operation_id.state", string="Operation status"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Firm",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        check_company=True,
    )
    role = fields.Selection(
        COMMITMENT_ROLES, required=True, default="holder", tracking=True
    )
    hours_committed = fields.Float(tracking=True)
    modality_ids = fields.Many2many(
        "social.clause.modality",
        string="Chosen modalities",
        help="How the firm plans to meet its commitment.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        string="Firm contact",
        domain="[('commercial_partner_id', '=', partner_id)]",
    )
    # The facilitator's internal note: back office only, never for the firm.
    note = fields.Html(groups="social_clause.group_user")
    hour_ids = fields.One2many(
        "social.clause.hour", "commitment_id", string="Insertion hours"
    )
    hours_done = fields.Float(compute="_compute_hours", store=True)
    hours_direct_hire = fields.Float(compute="_compute_hours", store=True)
    hours_provision = fields.Float(compute="_compute_hours", store=True)
    hours_subcontracting = fields.Float(compute="_compute_hours", store=True)
    hours_training = fields.Float(compute="_compute_hours", store=True)
    hours_submitted = fields.Float(
        string="Hours to validate", compute="_compute_hours", store=True
    )
    participant_count = fields.Integer(
        string="Participants", compute="_compute_hours", store=True
    )
    progress = fields.Float(
        string="Progress (%)", compute="_compute_progress", store=True, aggregator="avg"
    )
    last_month_undeclared = fields.Boolean(
        string="Last month not declared",
        compute="_compute_last_month_undeclared",
        search="_search_last_month_undeclared",
        help="The operation is in execution, the lot's works ran last month "
        "and the firm declared no hours for that month (none submitted or "
        "validated).",
    )
    reminder_month = fields.Date(
        string="Last reminder for",
        readonly=True,
        copy=False,
        help="The month for which the firm was last reminded to declare its " "hours.",
    )

    _sql_constraints = [
        (
            "firm_lot_uniq",
            "unique(lot_id, partner_id)",
            "A firm has only one commitment per lot.",
        ),
    ]

    @api.depends(
        "hour_ids.hours",
        "hour_ids.is_counted",
        "hour_ids.state",
        "hour_ids.modality",
        "hour_ids.participant_id",
    )
    def _compute_hours(self):
        hours = self.env["social.clause.hour"]
        done = defaultdict(lambda: defaultdict(float))
        for commitment, modality, total in hours._read_group(
            [("commitment_id", "in", self.ids), ("is_counted", "=", True)],
            ["commitment_id", "modality"],
            ["hours:sum"],
        ):
            done[commitment.id][MODALITY_FAMILY[modality]] += total
        submitted = dict(
            hours._read_group(
                [("commitment_id", "in", self.ids), ("state", "=", "submitted")],
                ["commitment_id"],
                ["hours:sum"],
            )
        )
        participants = dict(
            hours._read_group(
                [("commitment_id", "in", self.ids), ("is_counted", "=", True)],
                ["commitment_id"],
                ["participant_id:count_distinct"],
            )
        )
        for commitment in self:
            families = done[commitment.id]
            commitment.hours_direct_hire = families["direct_hire"]
            commitment.hours_provision = families["provision"]
            commitment.hours_subcontracting = families["subcontracting"]
            commitment.hours_training = families["training"]
            commitment.hours_done = sum(families.values())
            commitment.hours_submitted = submitted.get(commitment, 0.0)
            commitment.participant_count = participants.get(commitment, 0)

    _HOUR_TOTALS = [
        "hours_done",
        "hours_direct_hire",
        "hours_provision",
        "hours_subcontracting",
        "hours_training",
        "hours_submitted",
        "participant_count",
        "progress",
    ]

    def _bulk_totals(self):
        """The step of ``refresh_in_bulk`` that gives the result of
        ``_compute_hours`` and ``_compute_progress`` in one statement (a test
        compares both paths)."""
        families = {
            family: [code for code, fam in MODALITY_FAMILY.items() if fam == family]
            for family in set(MODALITY_FAMILY.values())
        }
        return (self, self._HOUR_TOTALS, HOUR_TOTALS_SQL, families)

    @api.depends("hours_done", "hours_committed")
    def _compute_progress(self):
        for commitment in self:
            commitment.progress = progress_percent(
                commitment.hours_done, commitment.hours_committed
            )

    # Monthly declarations and reminders ---------------------------------------

    @api.model
    def _last_month(self):
        """First day of the month before today's."""
        today = fields.Date.context_today(self)
        return today.replace(day=1) - relativedelta(months=1)

    @api.model
    def _undeclared_domain(self, month):
        """Commitments that should have hours for ``month`` (first day) and
        have none declared: the one home of "the firm has not declared"."""
        month_end = month + relativedelta(months=1, days=-1)
        return [
            ("operation_id.state", "=", "execution"),
            "|",
            ("lot_id.date_start", "=", False),
            ("lot_id.date_start", "<=", month_end),
            "|",
            ("lot_id.date_end", "=", False),
            ("lot_id.date_end", ">=", month),
            (
                "hour_ids",
                "not any",
                [("date", "=", month), ("state", "in", ("submitted", "validated"))],
            ),
        ]

    def _compute_last_month_undeclared(self):
        undeclared = self.search(
            [("id", "in", self.ids), *self._undeclared_domain(self._last_month())]
        )
        for commitment in self:
            commitment.last_month_undeclared = commitment in undeclared

    def _search_last_month_undeclared(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on the declarations."))
        domain = self._undeclared_domain(self._last_month())
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    @api.model
    def _cron_remind_undeclared_hours(self):
        """E-mail the portal contacts of each firm that has not declared last
        month's hours, from the day of the month set by its company, once
        per firm and month; the e-mail is logged in the commitment's chatter.
        """
        today = fields.Date.context_today(self)
        month = self._last_month()
        companies = self.env["res.company"].search(
            [
                ("social_clause_reminder_day", ">", 0),
                ("social_clause_reminder_day", "<=", today.day),
            ]
        )
        if not companies:
            return
        commitments = self.search(
            [("company_id", "in", companies.ids), *self._undeclared_domain(month)]
        )
        reminded = self.search(
            [("company_id", "in", companies.ids), ("reminder_month", "=", month)]
        )
        reminded_firms = {
            (commitment.company_id, commitment.partner_id.commercial_partner_id)
            for commitment in reminded
        }
        commitments.filtered(
            lambda c: (c.company_id, c.partner_id.commercial_partner_id)
            not in reminded_firms
        )._remind_firms(month)

    def _remind_firms(self, month):
        """One reminder e-mail per firm (and company) about these commitments
        not declared for ``month``, to the firm's portal contacts: the daily
        job and the facilitator's "remind now" both send it here.

        :return: ``(reminded, without_contact)``: the commitments reminded,
            and those of firms with no portal contact to e-mail
        """
        firms = self.partner_id.commercial_partner_id
        contacts = self.env["res.users"].search(
            [
                ("share", "=", True),
                ("partner_id.commercial_partner_id", "in", firms.ids),
            ]
        )
        by_firm = defaultdict(lambda: self.env["res.partner"])
        for user in contacts:
            by_firm[user.partner_id.commercial_partner_id] |= user.partner_id
        todo = defaultdict(lambda: self.browse())
        for commitment in self:
            todo[
                (commitment.company_id, commitment.partner_id.commercial_partner_id)
            ] |= commitment
        reminded = without_contact = self.browse()
        for (__, firm), firm_commitments in todo.items():
            if by_firm[firm]:
                firm_commitments._send_hours_reminder(month, by_firm[firm])
                reminded |= firm_commitments
            else:
                without_contact |= firm_commitments
        return reminded, without_contact

    def _send_hours_reminder(self, month, recipients):
        """One e-mail to ``recipients`` about all these commitments of one
        firm, posted on the first one, noted on the others."""
        template = self.env.ref("social_clause.mail_template_hours_reminder")
        first = self[0]
        template = template.with_context(
            social_clause_reminder_ids=self.ids,
            social_clause_reminder_month=format_month(month, self.env),
        )
        lang = template._render_lang(first.ids)[first.id]
        template = template.with_context(
            lang=lang,
            social_clause_reminder_status=self.with_context(
                lang=lang
            )._get_declaration_texts(),
        )
        subject = template._render_field("subject", first.ids)[first.id]
        body = template._render_field("body_html", first.ids)[first.id]
        first.message_post(
            body=body,
            subject=subject,
            partner_ids=recipients.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )
        for commitment in self[1:]:
            commitment._message_log(
                body=_(
                    "Reminder to declare the hours of %(month)s e-mailed to "
                    "the firm (with its other commitments).",
                    month=format_month(month, self.env),
                )
            )
        self.reminder_month = month

    def _get_declaration_status(self):
        """What a firm is told of its declarations, on /my, its commitment's
        page and the reminder e-mail: the one home of "late".

        :return: ``{commitment id: dict}`` with ``missing_months`` (first
            days, oldest first; empty when on time or the operation takes no
            hours), ``hours_left``, ``penalty_hour_rate``,
            ``penalty_late_day_rate``, ``penalty_at_stake`` (the hours left
            at the rate per missing hour), ``currency`` and
            ``next_reminder`` (a date, or None)
        """
        today = fields.Date.context_today(self)
        last_month = self._last_month()
        declared = defaultdict(set)
        hours = self.env["social.clause.hour"].sudo()
        for commitment, month in hours._read_group(
            [
                ("commitment_id", "in", self.ids),
                ("state", "in", ("submitted", "validated")),
            ],
            groupby=["commitment_id", "date:month"],
        ):
            declared[commitment.id].add(month)
        statuses = {}
        for commitment in self.sudo():
            statuses[commitment.id] = commitment._declaration_status_of(
                declared[commitment.id], today, last_month
            )
        return statuses

    def _declaration_status_of(self, declared, today, last_month):
        self.ensure_one()
        lot = self.lot_id
        months = []
        if self.operation_id.state == "execution":
            months = missing_months(lot.date_start, lot.date_end, last_month, declared)
        hours_left = self._portal_hours_left()
        next_reminder = None
        if months and months[-1] == last_month:
            next_reminder = next_reminder_date(
                today,
                self.company_id.social_clause_reminder_day,
                self.reminder_month == last_month,
            )
        return {
            "missing_months": months,
            "hours_left": hours_left,
            "penalty_hour_rate": lot.penalty_hour_rate,
            "penalty_late_day_rate": lot.penalty_late_day_rate,
            "penalty_at_stake": hours_left * lot.penalty_hour_rate,
            "currency": lot.currency_id,
            "next_reminder": next_reminder,
        }

    def _get_declaration_texts(self):
        """The declaration status in words of the user's language, for the
        portal banner and the reminder e-mail: ``{commitment id: dict}`` with
        ``months``, ``hours_left``, ``penalty_hour``, ``penalty_day``,
        ``at_stake``, ``next_reminder`` (strings, empty when not relevant),
        ``month_links`` (``(YYYY-MM, month in words)`` of the missing months)
        and ``count`` (the number of missing months)."""
        texts = {}
        for commitment_id, status in self._get_declaration_status().items():
            currency = status["currency"]

            def amount(value, currency=currency):
                return formatLang(self.env, value, currency_obj=currency)

            months = status["missing_months"]
            texts[commitment_id] = {
                "count": len(months),
                "months": ", ".join(
                    format_month(month, self.env, long=True) for month in months
                ),
                "month_links": [
                    (month.strftime("%Y-%m"), format_month(month, self.env, long=True))
                    for month in months
                ],
                "hours_left": format_hours(status["hours_left"], self.env),
                "penalty_hour": amount(status["penalty_hour_rate"])
                if status["penalty_hour_rate"]
                else "",
                "penalty_day": amount(status["penalty_late_day_rate"])
                if status["penalty_late_day_rate"]
                else "",
                "at_stake": amount(status["penalty_at_stake"])
                if status["penalty_at_stake"]
                else "",
                "next_reminder": format_date(self.env, status["next_reminder"])
                if status["next_reminder"]
                else "",
            }
        return texts

    @api.depends("partner_id", "lot_id")
    def _compute_display_name(self):
        for commitment in self:
            commitment.display_name = (
                f"{commitment.partner_id.name or ''} - "
                f"{commitment.lot_id.display_name or ''}"
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated_hours(self):
        self.env["social.clause.hour"]._check_no_validated_hours(self, "commitment_id")

    @api.constrains("hours_committed")
    def _check_hours_committed(self):
        for commitment in self:
            if commitment.hours_committed < 0:
                raise ValidationError(
                    _(
                        "The hours committed by %(firm)s cannot be negative.",
                        firm=commitment.partner_id.name,
                    )
                )

    @api.constrains("lot_id", "partner_id", "hours_committed")
    def _check_operation_open(self):
        self.operation_id._check_open(_("new or changed commitments"))

    @api.onchange("hours_committed", "lot_id")
    def _onchange_hours_committed(self):
        if not self.lot_id or not self.lot_id.hours_required:
            return None
        others = self.lot_id.commitment_ids.filtered(
            lambda c: c._origin.id != self._origin.id
        )
        total = sum(others.mapped("hours_committed")) + self.hours_committed
        if total > self.lot_id.hours_required:
            return {
                "warning": {
                    "title": _("Commitments above the clause"),
                    "message": _(
                        "With this commitment, the firms commit to %(total)s hours "
                        "on the lot %(lot)s, which requires %(required)s hours.",
                        total=format_hours(total),
                        lot=self.lot_id.name,
                        required=format_hours(self.lot_id.hours_required),
                    ),
                }
            }
        return None

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

    def _portal_parse_participant(
        self, raw_participant_id, new_participant_name, confirmed_new=False
    ):
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
            return self._portal_match_new_person(new_name, confirmed_new)
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

    def _portal_match_new_person(self, name, confirmed_new=False):
        """A typed new person's name against the people placed with the firm
        (only they: the firm learns nothing of others): the same name but
        for accents, case and spacing is that person; a close name is
        suggested, unless the firm confirmed it is another person.

        :return: the participant (superuser) or the new name
        """
        self.ensure_one()
        people = self._portal_placed_participants()
        exact, near = match_name(name, {person.id: person.name for person in people})
        if exact:
            return people.browse(exact)
        if near and not confirmed_new:
            raise UserError(
                _(
                    "Did you mean %(name)s? Enter the hours on that person's "
                    'row, or tick "Another person" to propose %(typed)s.',
                    name=people.browse(near).name,
                    typed=shown(name),
                )
            )
        return name

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
        return facilitator_of(self.env, self.operation_id.user_id)

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
        self._check_modality_allowed(modality)
        return modality

    def _modality_allowed(self, modality):
        """The one rule of the commitment's modalities (contract types): a
        line of hours has one of those chosen for the commitment, any when
        none is chosen. The form, the file import and the validation
        (``social.clause.hour._validation_blocker_code_sql``) apply it."""
        self.ensure_one()
        chosen = self.sudo().modality_ids.mapped("code")
        return not chosen or modality in chosen

    def _check_modality_allowed(self, modality):
        if not self._modality_allowed(modality):
            raise UserError(
                _(
                    "This modality is not one of those chosen for the "
                    "commitment: choose one of the list."
                )
            )

    def _portal_declare_month(self, month, rows, month_files=(), one_person=False):
        """Declare a month of hours for several people at once, from the
        portal: every row is checked first, then all the lines are created,
        or none.

        :param str month: ``YYYY-MM``
        :param list rows: dicts with ``participant_id`` (an id, or ``new``
            with ``new_participant_name``), ``hours``, ``modality``,
            ``files`` (``(filename, content)`` of the row's proofs),
            ``label`` (the person's name, for the messages) and
            ``confirmed_new`` (a new name close to a known person's is
            another person). Rows without hours are skipped.
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
        prepared, errors = commitment._portal_check_month_rows(
            rows, month_value, bool(month_proofs), one_person
        )
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
            return commitment._portal_create_month_lines(
                prepared, month_value, month_proofs
            )

    def _portal_check_month_rows(self, rows, month, month_proof, one_person):
        """The rows of the month's form, each checked: ``(prepared,
        errors)``, the rows ready to record and the messages of the wrong
        ones, each named after its person."""
        prepared, errors = [], []
        for row in rows:
            try:
                parsed = self._portal_parse_month_row(
                    row, month, month_proof, prepared, one_person
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
        return prepared, errors

    def _portal_create_month_lines(self, prepared, month, month_proofs):
        """Record the checked rows of a month: the new people proposed, the
        lines with their proofs, the facilitator's activity."""
        Hour = self.env["social.clause.hour"].sudo()
        new_people = self.env["social.clause.participant"].sudo()
        vals_list = []
        related = Hour._commitment_related_vals(self)
        for participant, hours, modality, __ in prepared:
            if isinstance(participant, str):
                participant = self._portal_propose_participant(participant)
                new_people |= participant
            vals_list.append(
                Hour._prepare_declaration_vals(
                    self, participant, month, hours, modality, related=related
                )
            )
        lines = Hour.create(vals_list)
        shared = self.env["ir.attachment"]
        if month_proofs:
            shared = self._portal_attach_proofs(lines[0], month_proofs)
        for line, (__, __, __, proofs) in zip(lines, prepared, strict=True):
            attachments = self._portal_attach_proofs(line, proofs) if proofs else shared
            line.attachment_ids = [fields.Command.set(attachments.ids)]
        lines.flush_recordset()
        self._portal_notify_month(lines, new_people)
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
            row.get("participant_id"),
            row.get("new_participant_name"),
            confirmed_new=bool(row.get("confirmed_new")),
        )
        if self._portal_person_key(participant) in [
            self._portal_person_key(item[0]) for item in prepared
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

    @api.model
    def _portal_person_key(self, participant):
        """What makes two rows of a form the same person: the participant,
        or a new person's name but for accents, case and spacing."""
        if isinstance(participant, str):
            return ("new", normalise_name(participant))
        return ("known", participant.id)

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
        proofs (a proof it shares with other lines of the month stays with
        them), and the facilitator reads it in the chatter."""
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

    def _portal_import_hours(self, filename, content, files=()):
        """The firm's monthly file (XLSX or CSV) through the back-office
        import, scoped to the firm (its commitments, the people placed with
        it): all rows or none, with a proof as the month's form asks
        (``files``: ``(filename, content)``, shared by the file's lines).

        :return: ``(created, report)``: the number of lines created (0 when
            the file was refused) and the row-by-row report, in the user's
            language
        """
        self.ensure_one()
        self._portal_can_declare(raise_exception=True)
        if not content:
            raise UserError(_("Choose the file to import."))
        commitment = self.sudo()
        proofs = commitment._portal_check_proofs(files)
        firm = commitment.partner_id.commercial_partner_id
        commitment._portal_lock()
        Hour = self.env["social.clause.hour"].sudo()
        last_id = Hour.search([], order="id desc", limit=1).id
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
            commitment._portal_attach_import_proofs(
                Hour.search([("id", ">", last_id), ("partner_id", "=", firm.id)]),
                proofs,
            )
            note = Markup("<p>%s</p>") % _(
                "%(firm)s imported %(count)s lines of hours from the file %(file)s.",
                firm=firm.name,
                count=created,
                file=filename,
            )
            commitment._portal_ask_validation(note)
        return created, report

    def _portal_attach_import_proofs(self, lines, proofs):
        """The proofs sent with a file, on each line the file created."""
        self.ensure_one()
        lines = lines.filtered(lambda line: line.declared_by == "portal")
        if lines:
            attachments = self._portal_attach_proofs(lines[0], proofs)
            lines.attachment_ids = [fields.Command.set(attachments.ids)]

    def _get_hours_summaries(self, date_from=False, date_to=False, by_state=False):
        """Counted hours of these commitments over a period, in a fixed
        number of grouped queries whatever the number of lines.

        Read as superuser: a firm on the portal reaches it through its own
        commitment only, and it returns totals and counts, never names.

        :return: ``{commitment id: summary}``; a summary is a dict with
            ``hours_committed``, ``hours_done`` (in the period),
            ``hours_done_to_date`` (from the start to the end of the period),
            ``progress`` (percent of the commitment done to date),
            ``is_fulfilled``, ``participant_count`` (distinct people in the
            period), ``hours_by_month`` (list of ``(month, {family: hours},
            total)``, oldest first), ``hours_by_modality`` (list of ``(code,
            label, hours)``), ``hours_by_family`` (list of ``(code, label,
            hours)``, every family) and ``hours_submitted`` (waiting for
            validation in the period).

            With ``by_state``, for the firm's portal page, also the validated
            (counted) and submitted hours side by side, never mixed:
            ``states_by_month`` (list of ``(month, {"validated": hours,
            "submitted": hours})``, newest first), ``states_by_modality``
            (list of ``(code, label, states)``) and ``states_by_participant``
            (list of ``(participant id, name, states)``, by name): the names
            of the firm's own people, which the documents do not print.
        """
        figures = self._read_hours_summary_figures(date_from, date_to)
        Hour = self.env["social.clause.hour"].sudo()
        period = period_domain(date_from, date_to)
        base = [("commitment_id", "in", self.ids)]
        figures["modality_labels"] = dict(
            Hour._fields["modality"]._description_selection(self.env)
        )
        states = self._get_hours_by_state(base + period) if by_state else {}
        figures["family_labels"] = dict(
            self.env["social.clause.modality"]
            ._fields["family"]
            ._description_selection(self.env)
        )
        summaries = {}
        for commitment in self.sudo():
            summaries[commitment.id] = commitment._build_hours_summary(figures)
            if by_state:
                summaries[commitment.id].update(states[commitment.id])
        return summaries

    def _read_hours_summary_figures(self, date_from, date_to):
        """The grouped queries of ``_get_hours_summaries``, as superuser:
        a dict of ``by_month``, ``by_modality``, ``participants``,
        ``submitted`` and ``to_date`` (None without ``date_from``), each
        keyed by commitment id."""
        Hour = self.env["social.clause.hour"].sudo()
        period = period_domain(date_from, date_to)
        base = [("commitment_id", "in", self.ids)]
        counted = base + [("is_counted", "=", True)] + period
        by_month = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        by_modality = defaultdict(lambda: defaultdict(float))
        for commitment, month, modality, hours in Hour._read_group(
            counted, ["commitment_id", "date:month", "modality"], ["hours:sum"]
        ):
            by_month[commitment.id][month][MODALITY_FAMILY[modality]] += hours
            by_modality[commitment.id][modality] += hours
        participants = {
            commitment.id: count
            for commitment, count in Hour._read_group(
                counted, ["commitment_id"], ["participant_id:count_distinct"]
            )
        }
        submitted = {
            commitment.id: hours
            for commitment, hours in Hour._read_group(
                base + [("state", "=", "submitted")] + period,
                ["commitment_id"],
                ["hours:sum"],
            )
        }
        if date_from:
            # Whether the commitment is fulfilled counts every month up to
            # the end of the period, not the period alone.
            to_date = {
                commitment.id: hours
                for commitment, hours in Hour._read_group(
                    base + [("is_counted", "=", True)] + period_domain(False, date_to),
                    ["commitment_id"],
                    ["hours:sum"],
                )
            }
        else:
            to_date = None
        return {
            "by_month": by_month,
            "by_modality": by_modality,
            "participants": participants,
            "submitted": submitted,
            "to_date": to_date,
        }

    def _build_hours_summary(self, figures):
        """The summary of this commitment (see ``_get_hours_summaries``)
        from the grouped ``figures`` and the selection labels they carry."""
        self.ensure_one()
        months = figures["by_month"][self.id]
        modalities = figures["by_modality"][self.id]
        to_date = figures["to_date"]
        done = sum(modalities.values())
        done_to_date = done if to_date is None else to_date.get(self.id, 0.0)
        families = defaultdict(float)
        for modality, hours in modalities.items():
            families[MODALITY_FAMILY[modality]] += hours
        committed = self.hours_committed
        modality_labels = figures["modality_labels"]
        family_labels = figures["family_labels"]
        return {
            "hours_committed": committed,
            "hours_done": done,
            "hours_done_to_date": done_to_date,
            "progress": progress_percent(done_to_date, committed),
            "is_fulfilled": bool(committed) and done_to_date >= committed,
            "participant_count": figures["participants"].get(self.id, 0),
            "hours_by_month": [
                (month, dict(months[month]), sum(months[month].values()))
                for month in sorted(months)
            ],
            "hours_by_modality": [
                (code, modality_labels[code], modalities[code])
                for code in modality_labels
                if code in modalities
            ],
            "hours_by_family": [
                (code, family_labels[code], families[code])
                for code, _label in MODALITY_FAMILIES
            ],
            "hours_submitted": figures["submitted"].get(self.id, 0.0),
        }

    def _get_hours_by_state(self, domain):
        """Validated (counted) and submitted hours of the lines in ``domain``
        by month, modality and participant, in one grouped query, as
        superuser: ``{commitment id: {key: list}}`` with the keys of
        ``_get_hours_summaries(by_state=True)``."""
        Hour = self.env["social.clause.hour"].sudo()
        modality_labels = dict(
            Hour._fields["modality"]._description_selection(self.env)
        )

        def states():
            return {"validated": 0.0, "submitted": 0.0}

        by = defaultdict(lambda: defaultdict(lambda: defaultdict(states)))
        for (
            commitment,
            month,
            modality,
            participant,
            validated,
            submitted,
        ) in Hour._read_group(
            domain + [("state", "in", ("validated", "submitted"))],
            ["commitment_id", "date:month", "modality", "participant_id"],
            ["hours_validated:sum", "hours_submitted:sum"],
        ):
            for dimension, key in (
                ("month", month),
                ("modality", modality),
                ("participant", participant),
            ):
                totals = by[commitment.id][dimension][key]
                totals["validated"] += validated
                totals["submitted"] += submitted
        result = {}
        for commitment_id in self.ids:
            dimensions = by[commitment_id]
            modalities = dimensions["modality"]
            participants = dimensions["participant"]
            result[commitment_id] = {
                "states_by_month": sorted(dimensions["month"].items(), reverse=True),
                "states_by_modality": [
                    (code, label, modalities[code])
                    for code, label in modality_labels.items()
                    if code in modalities
                ],
                "states_by_participant": [
                    (participant.id, participant.name, participants[participant])
                    for participant in sorted(participants, key=lambda p: p.name)
                ],
            }
        return result

    def _get_hours_summary(self, date_from=False, date_to=False, by_state=False):
        """The summary of ``_get_hours_summaries`` for one commitment."""
        self.ensure_one()
        return self._get_hours_summaries(date_from, date_to, by_state)[self.id]

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Attestation %(firm)s %(lot)s",
            firm=self.partner_id.name,
            lot=self.lot_id.display_name,
        )

    _evaluation_audience = "firm"
    _evaluation_field = "social_clause_commitment_id"

    def action_send_evaluation(self):
        """E-mail the firm's contact a link to the firm questionnaire."""
        self.ensure_one()
        contact = self.contact_id or self.partner_id
        if not contact.email:
            raise UserError(
                _(
                    "%(contact)s has no e-mail address: set the firm contact's "
                    "e-mail to send the evaluation.",
                    contact=contact.display_name,
                )
            )
        answer = self._create_evaluation_answer(partner=contact)
        template = self.env.ref("survey.mail_template_user_input_invite")
        template.sudo().with_context(lang=contact.lang).send_mail(
            answer.id, email_layout_xmlid="mail.mail_notification_light"
        )
        self.message_post(
            body=_(
                "Evaluation questionnaire sent to %(contact)s.",
                contact=contact.display_name,
            )
        )
        return True
