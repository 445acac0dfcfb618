# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo import fields, models


class SocialClauseOperation(models.Model):
    # The evaluation's part of the operation, in a file of its own.
    _name = "social.clause.operation"
    _inherit = ["social.clause.operation"]

    def _get_evaluation_averages(self, date_from=False, date_to=False):
        """Average of every scored question of the evaluations of this
        operation: firms' answers on its commitments and participants'
        answers of people with hours on it, completed between the dates.

        Returns a list of dicts (survey, question, average, count,
        scale_min, scale_max), by survey and question order. Aggregates
        only: no name, no single answer, so the bilan can show them."""
        self.ensure_one()
        self.check_access("read")
        domain = [
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("skipped", "=", False),
            ("answer_type", "=", "scale"),
            "|",
            ("user_input_id.social_clause_commitment_id.operation_id", "=", self.id),
            (
                "user_input_id.social_clause_participant_id.hour_ids.operation_id",
                "=",
                self.id,
            ),
        ]
        if date_from:
            domain.append(("user_input_id.end_datetime", ">=", date_from))
        if date_to:
            domain.append(
                (
                    "user_input_id.end_datetime",
                    "<=",
                    datetime.datetime.combine(
                        fields.Date.to_date(date_to), datetime.time.max
                    ),
                )
            )
        groups = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                domain,
                ["question_id"],
                ["value_scale:avg", "__count"],
            )
        )
        questions = (
            self.env["survey.question"]
            .sudo()
            .browse([question.id for question, __, __ in groups])
        )
        stats = {question.id: (average, count) for question, average, count in groups}
        return [
            {
                "survey": question.survey_id.title,
                "survey_id": question.survey_id.id,
                "question": question.title,
                "question_id": question.id,
                "average": round(stats[question.id][0], 2),
                "count": stats[question.id][1],
                "scale_min": question.scale_min,
                "scale_max": question.scale_max,
            }
            for question in questions.sorted(
                lambda q: (q.survey_id.id, q.sequence, q.id)
            )
        ]
