# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SocialClauseParticipant(models.Model):
    _name = "social.clause.participant"
    _inherit = ["social.clause.participant", "social.clause.evaluation.mixin"]

    _evaluation_audience = "participant"
    _evaluation_field = "social_clause_participant_id"

    def action_start_evaluation(self):
        """Open the 6-month questionnaire, filled in with the participant
        (often by phone): a new answer, no e-mail needed."""
        self.ensure_one()
        answer = self._create_evaluation_answer()
        return {
            "type": "ir.actions.act_url",
            "url": answer.get_start_url(),
            "target": "new",
        }
