# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ..models.common import SocialClauseError


class SocialClauseEligibilityWizard(models.TransientModel):
    """Validate a person's eligibility: the date of the diagnosis (today by
    default, earlier if it was made before, never in the future) and its
    proof, so that the hours of the months since then can be validated."""

    _name = "social.clause.eligibility.wizard"
    _description = "Validate the eligibility of a participant"

    participant_id = fields.Many2one(
        "social.clause.participant", required=True, ondelete="cascade"
    )
    diagnosis_date = fields.Date(
        string="Date of the diagnosis",
        required=True,
        default=fields.Date.context_today,
        help="The day the eligibility was diagnosed (by the facilitator, a "
        "prescriber or the inclusion platform): the hours of its month and "
        "the following months can be validated.",
    )
    proof_ids = fields.Many2many(
        "ir.attachment",
        "social_clause_eligibility_wizard_attachment_rel",
        "wizard_id",
        "attachment_id",
        string="Proof of the diagnosis",
        help="The diagnosis, the PASS IAE or the documents proving the criteria.",
    )
    proof_required = fields.Boolean(compute="_compute_proof_required")

    @api.depends("participant_id")
    def _compute_proof_required(self):
        for wizard in self:
            wizard.proof_required = wizard.participant_id._eligibility_proof_required()

    def action_validate(self):
        self.ensure_one()
        if self.proof_required and not self.proof_ids:
            raise SocialClauseError(
                _(
                    "Attach the proof of the diagnosis of %(name)s (diagnosis, "
                    "PASS IAE or the documents of the criteria).",
                    name=self.participant_id.name,
                )
            )
        self.participant_id._validate_eligibility(self.diagnosis_date, self.proof_ids)
        return {"type": "ir.actions.act_window_close"}
