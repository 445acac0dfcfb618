# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PARTNERSHIP_KINDS = [
    ("spe", "Public employment service"),
    ("training", "Training body"),
    ("siae", "Inclusion employer (SIAE, GEIQ, EA)"),
    ("referent", "Path referents"),
    ("other", "Other"),
]
PARTNERSHIP_STATES = [
    ("draft", "Draft"),
    ("active", "In force"),
    ("ended", "Ended"),
]


class SocialClausePartnership(models.Model):
    """An agreement between the facilitator and a partner (convention)."""

    _name = "social.clause.partnership"
    _description = "Partnership agreement"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Agreement", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Partner",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
    )
    kind = fields.Selection(PARTNERSHIP_KINDS, required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    date_start = fields.Date(string="Start date", tracking=True)
    date_end = fields.Date(string="End date", tracking=True)
    state = fields.Selection(
        PARTNERSHIP_STATES,
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    sector_ids = fields.Many2many("social.clause.sector", string="Sectors")
    operation_ids = fields.Many2many(
        "social.clause.operation", string="Operations", check_company=True
    )
    criterion_ids = fields.Many2many(
        "social.clause.criterion",
        string="Publics",
        help="Eligible publics the partner mobilises.",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "social_clause_partnership_contact_rel",
        "partnership_id",
        "partner_id",
        string="Contacts",
    )
    commitments = fields.Html(
        string="Commitments of the parties",
        help="What each party undertakes: candidates to mobilise, trainings, "
        "follow-up, reporting.",
    )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for partnership in self:
            if (
                partnership.date_start
                and partnership.date_end
                and partnership.date_end < partnership.date_start
            ):
                raise ValidationError(
                    _(
                        "The agreement %(name)s cannot end before it starts.",
                        name=partnership.name,
                    )
                )

    def action_activate(self):
        self.write({"state": "active"})

    def action_end(self):
        self.write(
            {
                "state": "ended",
                "date_end": fields.Date.context_today(self),
            }
        )
