# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# Categories of the insertion sector's evaluations (sorties dynamiques): the
# first three make the dynamic-exit rate.
OUTCOME_CATEGORIES = [
    ("durable", "Durable employment"),
    ("transition", "Transition employment"),
    ("positive", "Positive exit"),
    ("other", "Other exit"),
]
DYNAMIC_CATEGORIES = ("durable", "transition", "positive")


class SocialClauseOutcomeKind(models.Model):
    """Kind of situation after the path (suites de parcours)."""

    _name = "social.clause.outcome.kind"
    _description = "Outcome kind"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_positive = fields.Boolean(
        string="Positive exit",
        help="Counted as a positive exit (sortie positive) in evaluations.",
    )
    category = fields.Selection(
        OUTCOME_CATEGORIES,
        required=True,
        default="other",
        help="Category of the evaluations: durable employment, transition "
        "employment and positive exits make the dynamic-exit rate.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an outcome kind must be unique."),
    ]
