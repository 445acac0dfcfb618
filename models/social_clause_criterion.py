# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SocialClauseCriterion(models.Model):
    """Eligibility criterion, as the national inclusion platform codes it."""

    _name = "social.clause.criterion"
    _description = "Eligibility criterion"
    _order = "level, sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    level = fields.Selection(
        [("1", "Level 1"), ("2", "Level 2"), ("other", "Clause practice")],
        required=True,
        default="2",
    )
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a criterion must be unique."),
    ]
