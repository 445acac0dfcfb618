# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from .common import format_month

# What needs the facilitator's attention, in the order of the home page:
# (kind, label, model, action opening its list).
TODO_KINDS = [
    ("hours_to_validate", "Hours to validate"),
    ("late_lots", "Lots behind their pace"),
    ("undeclared", "Firms that have not declared last month"),
    ("proposed_persons", "New persons proposed by firms"),
    ("eligibility_expiring", "Eligibilities expiring within 30 days"),
    ("follow_ups_due", "6-month follow-ups due"),
]
TODO_TARGETS = {
    "hours_to_validate": ("social.clause.hour", "social_clause_hour_action"),
    "late_lots": ("social.clause.lot", "social_clause_lot_action"),
    "undeclared": ("social.clause.commitment", "social_clause_commitment_action"),
    "proposed_persons": (
        "social.clause.participant",
        "social_clause_participant_action",
    ),
    "eligibility_expiring": (
        "social.clause.participant",
        "social_clause_participant_action",
    ),
    "follow_ups_due": (
        "social.clause.participant",
        "social_clause_participant_action",
    ),
}

# The filter of the target list's search view that is the card's domain: the
# list opens with it as a facet the facilitator sees (and may remove).
TODO_FILTERS = {
    "hours_to_validate": "submitted",
    "late_lots": "behind",
    "undeclared": "last_month_undeclared",
    "proposed_persons": "proposed_by_firm_to_check",
    "eligibility_expiring": "eligibility_ending",
    "follow_ups_due": "follow_up_to_do",
}


class SocialClauseTodo(models.Model):
    """The facilitator's home: one card per kind of work waiting, with its
    count computed on the fly for the current user (record rules apply), and
    opening the list of the records concerned.

    A fixed SQL view of the kinds: nothing is stored, nothing to keep in
    sync; each figure is one ``search_count`` or ``_read_group``.
    """

    _name = "social.clause.todo"
    _description = "Facilitator's to do"
    _auto = False
    _order = "sequence"

    kind = fields.Selection(TODO_KINDS, readonly=True)
    sequence = fields.Integer(readonly=True)
    count = fields.Integer(compute="_compute_figures")
    detail = fields.Char(compute="_compute_figures")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        rows = SQL(", ").join(
            SQL("(%s, %s, %s)", index, kind, index * 10)
            for index, (kind, __) in enumerate(TODO_KINDS, start=1)
        )
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS "
                "SELECT * FROM (VALUES %s) AS todo(id, kind, sequence)",
                SQL.identifier(self._table),
                rows,
            )
        )

    @api.depends("kind")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for todo in self:
            todo.display_name = labels.get(todo.kind, "")

    def _compute_figures(self):
        for todo in self:
            model = TODO_TARGETS[todo.kind][0]
            todo.count = self.env[model].search_count(todo._get_domain())
            todo.detail = todo._get_detail() if todo.count else _("Nothing to do")

    def _get_domain(self):
        """The records behind the figure: the one home of each to-do rule."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.kind == "hours_to_validate":
            return [("state", "=", "submitted")]
        if self.kind == "late_lots":
            return [("is_behind_schedule", "=", True)]
        if self.kind == "undeclared":
            return [("last_month_undeclared", "=", True)]
        if self.kind == "proposed_persons":
            # Firms' proposals only (a prescriber's is a candidacy to check).
            return [
                (
                    "proposed_by_id",
                    "any",
                    [("social_clause_commitment_ids", "!=", False)],
                ),
                ("eligibility_state", "=", "to_check"),
            ]
        if self.kind == "eligibility_expiring":
            return [
                ("eligibility_state", "=", "validated"),
                ("path_state", "!=", "exited"),
                ("eligibility_end_date", ">=", today),
                ("eligibility_end_date", "<=", today + relativedelta(days=30)),
            ]
        if self.kind == "follow_ups_due":
            return [
                ("path_state", "=", "exited"),
                ("exit_date", "<=", today - relativedelta(months=6)),
                ("outcome_ids", "not any", [("moment", "=", "six_months")]),
            ]
        return [("id", "=", False)]

    def _get_detail(self):
        self.ensure_one()
        if self.kind == "hours_to_validate":
            [(oldest,)] = self.env["social.clause.hour"]._read_group(
                self._get_domain(), aggregates=["date:min"]
            )
            return _(
                "Oldest month: %(month)s",
                month=format_month(oldest, self.env, long=True),
            )
        if self.kind == "undeclared":
            month = self.env["social.clause.commitment"]._last_month()
            return _("Month: %(month)s", month=format_month(month, self.env, long=True))
        return False

    def action_remind_now(self):
        """ "Remind now": the reminder e-mail of the daily job, at once, to
        every firm that has not declared last month (one e-mail per firm,
        logged on its commitments)."""
        self.ensure_one()
        if self.kind != "undeclared":
            raise UserError(_("Only the firms that have not declared are reminded."))
        Commitment = self.env["social.clause.commitment"]
        commitments = Commitment.search(self._get_domain())
        reminded, without_contact = commitments._remind_firms(Commitment._last_month())
        message = _(
            "%(count)s firm(s) reminded by e-mail; the e-mail is in the chatter "
            "of their commitments.",
            count=len(reminded.partner_id.commercial_partner_id),
        )
        if without_contact:
            message += "\n" + _(
                "Without a portal contact to e-mail, call them: %(firms)s.",
                firms=", ".join(
                    without_contact.partner_id.commercial_partner_id.mapped("name")
                ),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Reminders sent"),
                "message": message,
                "type": "success" if reminded else "warning",
                "sticky": bool(without_contact),
            },
        }

    def action_open(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            f"social_clause.{TODO_TARGETS[self.kind][1]}"
        )
        action.update(
            {
                "name": self.display_name,
                "domain": [],
                "context": {
                    "social_clause_lot_short_name": False,
                    f"search_default_{TODO_FILTERS[self.kind]}": 1,
                },
                "view_mode": "list,form",
                "views": [(False, "list"), (False, "form")],
            }
        )
        return action
