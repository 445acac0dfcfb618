# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .common import format_hours, format_month
from .social_clause_modality import MODALITY_FAMILY

COMMITMENT_ROLES = [
    ("holder", "Holder"),
    ("co_contractor", "Co-contractor"),
    ("subcontractor", "Subcontractor"),
]


class SocialClauseCommitment(models.Model):
    """One firm's engagement on one lot (attributaire, co- or sub-contractor)."""

    _name = "social.clause.commitment"
    _description = "Social clause commitment"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "lot_id, role, id"

    lot_id = fields.Many2one(
        "social.clause.lot",
        string="Lot",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
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

    def _refresh_hours_in_bulk(self):
        """Same result as ``_compute_hours`` and ``_compute_progress``, in one
        statement, for the bulk validation of hours."""
        if not self:
            return
        for fname in self._HOUR_TOTALS:
            self.env.remove_to_compute(self._fields[fname], self)
        families = {
            family: [code for code, fam in MODALITY_FAMILY.items() if fam == family]
            for family in set(MODALITY_FAMILY.values())
        }
        self.env.cr.execute(
            SQL(
                """
                UPDATE social_clause_commitment commitment
                   SET hours_done = totals.hours_done,
                       hours_direct_hire = totals.direct_hire,
                       hours_provision = totals.provision,
                       hours_subcontracting = totals.subcontracting,
                       hours_training = totals.training,
                       hours_submitted = totals.submitted,
                       participant_count = totals.participant_count,
                       progress = CASE WHEN commitment.hours_committed > 0
                                  THEN 100.0 * totals.hours_done
                                       / commitment.hours_committed
                                  ELSE 0 END
                  FROM (
                        SELECT commitment.id,
                               COALESCE(SUM(line.hours)
                                   FILTER (WHERE line.is_counted), 0) AS hours_done,
                               COALESCE(SUM(line.hours) FILTER (
                                   WHERE line.is_counted
                                     AND line.modality = ANY(%(direct_hire)s)), 0)
                                   AS direct_hire,
                               COALESCE(SUM(line.hours) FILTER (
                                   WHERE line.is_counted
                                     AND line.modality = ANY(%(provision)s)), 0)
                                   AS provision,
                               COALESCE(SUM(line.hours) FILTER (
                                   WHERE line.is_counted
                                     AND line.modality = ANY(%(subcontracting)s)), 0)
                                   AS subcontracting,
                               COALESCE(SUM(line.hours) FILTER (
                                   WHERE line.is_counted
                                     AND line.modality = ANY(%(training)s)), 0)
                                   AS training,
                               COALESCE(SUM(line.hours)
                                   FILTER (WHERE line.state = 'submitted'), 0)
                                   AS submitted,
                               COUNT(DISTINCT line.participant_id)
                                   FILTER (WHERE line.is_counted)
                                   AS participant_count
                          FROM social_clause_commitment commitment
                     LEFT JOIN social_clause_hour line
                            ON line.commitment_id = commitment.id
                         WHERE commitment.id = ANY(%(ids)s)
                      GROUP BY commitment.id
                       ) totals
                 WHERE totals.id = commitment.id
                """,
                ids=self.ids,
                **families,
            )
        )
        self.invalidate_recordset(self._HOUR_TOTALS)

    @api.depends("hours_done", "hours_committed")
    def _compute_progress(self):
        for commitment in self:
            commitment.progress = (
                100.0 * commitment.hours_done / commitment.hours_committed
                if commitment.hours_committed
                else 0.0
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
        firms = commitments.partner_id.commercial_partner_id
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
        for commitment in commitments:
            key = (commitment.company_id, commitment.partner_id.commercial_partner_id)
            if key not in reminded_firms and by_firm[key[1]]:
                todo[key] |= commitment
        for (__, firm), firm_commitments in todo.items():
            firm_commitments._send_hours_reminder(month, by_firm[firm])

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
        template = template.with_context(lang=lang)
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
        for commitment in self:
            if commitment.operation_id.state in ("cancelled", "closed"):
                raise ValidationError(
                    _(
                        "The operation %(operation)s is %(state)s: it takes no "
                        "new or changed commitment.",
                        operation=commitment.operation_id.display_name,
                        state=dict(
                            commitment.operation_id._fields[
                                "state"
                            ]._description_selection(self.env)
                        )[commitment.operation_id.state].lower(),
                    )
                )

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
