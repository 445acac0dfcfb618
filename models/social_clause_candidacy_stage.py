# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# What a stage means for the rules (hiring, sending to the firm, refusal);
# the stages themselves are data the managers may rename or reorder.
STAGE_KINDS = [
    ("proposed", "Proposed"),
    ("sent", "Sent to the firm"),
    ("interview", "Interview"),
    ("hired", "Hired"),
    ("declined", "Declined"),
]


class SocialClauseCandidacyStage(models.Model):
    """A column of the candidacy kanban, as the recruitment app's stages."""

    _name = "social.clause.candidacy.stage"
    _description = "Candidacy stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        STAGE_KINDS,
        required=True,
        default="proposed",
        help="What reaching this stage does: a candidacy sent to the firm "
        "shows on its portal, a hired one places the person with the firm.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban",
        help="This stage is folded in the kanban view when there are no "
        "records in that stage to display.",
    )
    description = fields.Text(translate=True)
