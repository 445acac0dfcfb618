# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ACTION_KINDS = [
    ("presentation", "Presentation of the scheme"),
    ("advice_procedure", "Advice on procedures"),
    ("advice_operation", "Advice on an operation"),
    ("advice_sector", "Advice on sectors"),
    ("territory_assessment", "Territory assessment"),
    ("siae_promotion", "SIAE offer promotion to a firm"),
    ("meeting", "Meeting"),
    ("event", "Event"),
]
ACTION_PARTNER_ROLES = [
    ("buyer", "Buyer"),
    ("prospect", "Prospect"),
    ("firm", "Firm"),
    ("partner", "Partner"),
]
ACTION_STATES = [
    ("todo", "To do"),
    ("done", "Done"),
    ("followed", "Followed by an operation"),
]


class SocialClauseAction(models.Model):
    """A promotion or advice action with a buyer, a prospect, a firm or a
    partner: the upstream half of the facilitator's work, before any
    contract."""

    _name = "social.clause.action"
    _description = "Promotion and advice action"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        index=True,
    )
    kind = fields.Selection(
        ACTION_KINDS, required=True, default="presentation", tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="With",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The buyer, prospect, firm or partner the action is for.",
    )
    partner_role = fields.Selection(
        ACTION_PARTNER_ROLES,
        string="Role",
        compute="_compute_partner_role",
        store=True,
        readonly=False,
        help="Guessed from the organisation: a buyer with operations, a buyer "
        "without any yet (prospect), an inclusion employer or insertion "
        "partner (partner), or else a firm.",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "social_clause_action_contact_rel",
        "action_id",
        "partner_id",
        string="People met",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    state = fields.Selection(
        ACTION_STATES,
        string="Stage",
        default="todo",
        required=True,
        tracking=True,
        group_expand="_group_expand_state",
        copy=False,
    )
    description = fields.Html(string="Notes")
    outcome = fields.Text(tracking=True)
    next_step = fields.Text(string="Next step")
    operation_ids = fields.Many2many(
        "social.clause.operation",
        "social_clause_action_operation_rel",
        "action_id",
        "operation_id",
        string="Linked operations",
        check_company=True,
    )
    operation_count = fields.Integer(
        string="Operations", compute="_compute_operation_count"
    )
    color = fields.Integer()

    @api.depends(
        "partner_id.social_clause_buyer_status",
        "partner_id.social_clause_employer_kind",
        "partner_id.social_clause_partner_kind",
    )
    def _compute_partner_role(self):
        for action in self:
            action.partner_role = action.partner_id._get_social_clause_action_role()

    @api.depends("operation_ids")
    def _compute_operation_count(self):
        for action in self:
            action.operation_count = len(action.operation_ids)

    @api.model
    def _group_expand_state(self, states, domain):
        return [key for key, _label in ACTION_STATES]

    @api.constrains("state", "operation_ids")
    def _check_followed_has_operation(self):
        for action in self:
            if action.state == "followed" and not action.operation_ids:
                raise ValidationError(
                    _(
                        "The action %(action)s can only be followed by an "
                        "operation once an operation is linked to it.",
                        action=action.name,
                    )
                )

    def action_done(self):
        for action in self:
            if action.state != "todo":
                raise UserError(
                    _(
                        "Only an action to do can be marked as done: %(action)s "
                        "is already done.",
                        action=action.name,
                    )
                )
        self.write({"state": "done"})

    def action_followed(self):
        """An operation came out of the action (or the action led to one)."""
        self.write({"state": "followed"})

    def action_reset_todo(self):
        self.write({"state": "todo"})

    def action_view_operations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_operation_action"
        )
        action["domain"] = [("id", "in", self.operation_ids.ids)]
        action["context"] = {"default_buyer_id": self.partner_id.id}
        return action
