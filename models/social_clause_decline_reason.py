# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SocialClauseDeclineReason(models.Model):
    """Why a candidacy was declined (by the facilitator or the firm)."""

    _name = "social.clause.decline.reason"
    _description = "Candidacy decline reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    firm_can_use = fields.Boolean(
        string="Offered to firms",
        default=True,
        help="Firms may choose this reason when they decline a candidate on "
        "the portal.",
    )
