# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models

from .common import format_hours


# Kept apart from res_partner.py so that parallel branches merge cleanly.
class ResPartner(models.Model):
    """A buyer's upstream follow-up: the promotion and advice actions, its
    operations and their results over the years. A buyer without any
    operation yet is a prospect."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    social_clause_buyer_status = fields.Selection(
        [("prospect", "Prospect"), ("buyer", "Buyer with operations")],
        string="Buyer status",
        compute="_compute_social_clause_buyer_status",
        store=True,
        help="A buyer without any operation is a prospect; its first "
        "operation makes it a buyer.",
    )
    social_clause_operation_ids = fields.One2many(
        "social.clause.operation", "buyer_id", string="Operations as buyer"
    )
    social_clause_action_ids = fields.One2many(
        "social.clause.action", "partner_id", string="Promotion and advice actions"
    )
    social_clause_action_count = fields.Integer(
        string="Actions", compute="_compute_social_clause_action_count"
    )
    social_clause_operation_count = fields.Integer(
        string="Operations", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_hours_required = fields.Float(
        string="Hours required", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_hours_done = fields.Float(
        string="Hours done", compute="_compute_social_clause_buyer_totals"
    )
    social_clause_buyer_results = fields.Html(
        string="Results by year",
        compute="_compute_social_clause_buyer_results",
        sanitize=False,
    )

    @api.depends("social_clause_buyer_kind", "social_clause_operation_ids")
    def _compute_social_clause_buyer_status(self):
        for partner in self:
            if not partner.social_clause_buyer_kind:
                partner.social_clause_buyer_status = False
            elif partner.sudo().social_clause_operation_ids:
                partner.social_clause_buyer_status = "buyer"
            else:
                partner.social_clause_buyer_status = "prospect"

    def _compute_social_clause_action_count(self):
        actions = self.env["social.clause.action"]
        counts = {}
        if actions.has_access("read"):
            counts = dict(
                actions._read_group(
                    [("partner_id", "in", self.commercial_partner_id.ids)],
                    ["partner_id"],
                    ["__count"],
                )
            )
        for partner in self:
            partner.social_clause_action_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def _compute_social_clause_buyer_totals(self):
        operations = self.env["social.clause.operation"]
        totals = {}
        if operations.has_access("read"):
            totals = {
                buyer: (count, required, done)
                for buyer, count, required, done in operations._read_group(
                    [
                        ("buyer_id", "in", self.commercial_partner_id.ids),
                        ("state", "!=", "cancelled"),
                    ],
                    ["buyer_id"],
                    ["__count", "hours_required:sum", "hours_done:sum"],
                )
            }
        for partner in self:
            count, required, done = totals.get(
                partner.commercial_partner_id, (0, 0.0, 0.0)
            )
            partner.social_clause_operation_count = count
            partner.social_clause_buyer_hours_required = required
            partner.social_clause_buyer_hours_done = done

    def _social_clause_buyer_results_by_year(self):
        """{year: {operations, hours_required, hours_done, participants}} of
        the buyer: operations by their start year, hours counted in the
        month they were worked. Counts only, never names."""
        self.ensure_one()
        buyer = self.commercial_partner_id
        results = defaultdict(
            lambda: {
                "operations": 0,
                "hours_required": 0.0,
                "hours_done": 0.0,
                "participants": 0,
            }
        )
        Operation = self.env["social.clause.operation"]
        if not Operation.has_access("read"):
            return {}
        for year, count, required in Operation._read_group(
            [
                ("buyer_id", "=", buyer.id),
                ("state", "!=", "cancelled"),
                ("date_start", "!=", False),
            ],
            ["date_start:year"],
            ["__count", "hours_required:sum"],
        ):
            results[year.year]["operations"] = count
            results[year.year]["hours_required"] = required
        for year, done, participants in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [
                    ("buyer_id", "=", buyer.id),
                    ("is_counted", "=", True),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["date:year"],
                ["hours:sum", "participant_id:count_distinct"],
            )
        ):
            results[year.year]["hours_done"] = done
            results[year.year]["participants"] = participants
        return dict(sorted(results.items()))

    def _compute_social_clause_buyer_results(self):
        for partner in self:
            if not partner.social_clause_buyer_kind:
                partner.social_clause_buyer_results = False
                continue
            rows = partner._social_clause_buyer_results_by_year()
            if not rows:
                partner.social_clause_buyer_results = Markup("<p>%s</p>") % _(
                    "No operation with a start date yet."
                )
                continue
            header = Markup("").join(
                Markup("<th>%s</th>") % label
                for label in (
                    _("Year"),
                    _("Operations started"),
                    _("Hours required by these operations"),
                    _("Hours done in the year"),
                    _("People who worked in the year"),
                )
            )
            body = Markup("").join(
                Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                )
                % (
                    year,
                    values["operations"],
                    format_hours(values["hours_required"]),
                    format_hours(values["hours_done"]),
                    values["participants"],
                )
                for year, values in rows.items()
            )
            partner.social_clause_buyer_results = (
                Markup('<table class="table table-sm o_social_clause_buyer_results">')
                + Markup("<thead><tr>")
                + header
                + Markup("</tr></thead><tbody>")
                + body
                + Markup("</tbody></table>")
            )

    def _get_social_clause_action_role(self):
        """The role of this organisation in a promotion action."""
        if not self:
            return False
        self.ensure_one()
        if self.social_clause_buyer_status == "buyer":
            return "buyer"
        if self.social_clause_buyer_status == "prospect":
            return "prospect"
        if self.social_clause_employer_kind or self.social_clause_partner_kind:
            return "partner"
        return "firm"

    def action_view_social_clause_actions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_action_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    def action_view_social_clause_operations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_operation_action"
        )
        action["domain"] = [("buyer_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_buyer_id": self.commercial_partner_id.id}
        return action

    def action_view_social_clause_buyer_hours(self):
        """The buyer's validated hours over time (graph by month)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Results of %(buyer)s", buyer=self.commercial_partner_id.name),
            "res_model": "social.clause.hour",
            "view_mode": "graph,pivot,list",
            "domain": [
                ("buyer_id", "=", self.commercial_partner_id.id),
                ("is_counted", "=", True),
            ],
            "context": {
                "graph_groupbys": ["date:month"],
                "pivot_row_groupby": ["date:year"],
            },
        }

    def action_social_clause_new_action(self):
        """Plan a new promotion action with this organisation."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "social.clause.action",
            "view_mode": "form",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
