# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SocialClauseSector(models.Model):
    """Sector of activity, with the share of labour in its contracts."""

    _name = "social.clause.sector"
    _description = "Sector of activity"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    labour_rate = fields.Float(
        string="Default labour rate (%)",
        default=50.0,
        help="Share of labour in the amount of a contract of this sector, "
        "used to calibrate the clause.",
    )

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a sector must be unique."),
        (
            "labour_rate_range",
            "CHECK(labour_rate >= 0 AND labour_rate <= 100)",
            "A labour rate is a percentage between 0 and 100.",
        ),
    ]
