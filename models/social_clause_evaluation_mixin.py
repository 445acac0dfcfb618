# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SocialClauseEvaluationMixin(models.AbstractModel):
    """Qualitative evaluation through Odoo's survey app: the questionnaire
    of an audience, an answer created for a record, its answers listed."""

    _name = "social.clause.evaluation.mixin"
    _description = "Social clause evaluation"

    # The audience of the questionnaire and the answer's field to this record.
    _evaluation_audience = None
    _evaluation_field = None

    evaluation_count = fields.Integer(
        string="Evaluations", compute="_compute_evaluation_count"
    )

    def _compute_evaluation_count(self):
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [(self._evaluation_field, "in", self.ids), ("test_entry", "=", False)],
                [self._evaluation_field],
                ["__count"],
            )
        )
        for record in self:
            record.evaluation_count = counts.get(record, 0)

    @api.model
    def _get_evaluation_survey(self):
        survey = (
            self.env["survey.survey"]
            .sudo()
            .search(
                [("social_clause_audience", "=", self._evaluation_audience)],
                order="id",
                limit=1,
            )
        )
        if not survey:
            raise UserError(
                _(
                    "No evaluation questionnaire is set for this audience: set "
                    "the social clause evaluation of a survey in the Surveys app."
                )
            )
        return survey

    def _create_evaluation_answer(self, partner=False):
        """A new answer of the audience's questionnaire for this record.

        Facilitators need no right in the survey app: the answer is created
        as superuser once the right to write on this record is checked."""
        self.ensure_one()
        self.check_access("write")
        survey = self._get_evaluation_survey()
        return survey._create_answer(
            partner=partner,
            check_attempts=False,
            **{self._evaluation_field: self.id},
        )

    def action_view_evaluations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "social_clause.social_clause_evaluation_answer_action"
        )
        action["domain"] = [
            (self._evaluation_field, "=", self.id),
            ("test_entry", "=", False),
        ]
        return action
