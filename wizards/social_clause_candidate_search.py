# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SocialClauseCandidateSearch(models.TransientModel):
    """Search the participant pool for people who fit a job offer."""

    _name = "social.clause.candidate.search"
    _description = "Find candidates for a job offer"

    offer_id = fields.Many2one("social.clause.job.offer", required=True)
    eligible = fields.Boolean(string="Eligibility valid", default=True)
    available = fields.Boolean(string="Not placed or available", default=True)
    same_area = fields.Boolean(
        string="In the area",
        default=True,
        help="Living in the offer's département, or mobile in the region.",
    )
    qualified = fields.Boolean(string="Qualification level reached", default=True)
    trained = fields.Boolean(
        string="Trained in the sector",
        help="Completed a training of the offer's sector.",
    )
    licence = fields.Boolean(string="Driving licence if required", default=True)
    participant_ids = fields.Many2many(
        "social.clause.participant",
        string="Suggested candidates",
        compute="_compute_participant_ids",
        store=True,
        readonly=False,
    )

    @api.depends(
        "offer_id",
        "eligible",
        "available",
        "same_area",
        "qualified",
        "trained",
        "licence",
    )
    def _compute_participant_ids(self):
        for wizard in self:
            wizard.participant_ids = (
                wizard.offer_id._find_candidates(
                    eligible=wizard.eligible,
                    available=wizard.available,
                    same_area=wizard.same_area,
                    qualified=wizard.qualified,
                    trained=wizard.trained,
                    licence=wizard.licence,
                )
                if wizard.offer_id
                else False
            )

    def action_add_candidates(self):
        self.ensure_one()
        self.offer_id._add_candidates(self.participant_ids)
        return self.offer_id.action_view_candidacies()
