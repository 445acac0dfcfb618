# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .social_clause_outcome_kind import OUTCOME_CATEGORIES
from .social_clause_participant import AGE_BANDS, SENSITIVE


class SocialClauseParticipantAnalysis(models.Model):
    """One row per participant and operation where they have counted hours,
    with the breakdowns of evaluations and the latest outcomes. Counts of
    people are the distinct participants (a measure), not the rows."""

    _name = "social.clause.participant.analysis"
    _description = "Participants and outcomes by operation"
    _auto = False
    _order = "operation_id, participant_id"
    _rec_name = "participant_id"

    participant_id = fields.Many2one(
        "social.clause.participant",
        string="Participants",
        readonly=True,
        aggregator="count_distinct",
    )
    operation_id = fields.Many2one(
        "social.clause.operation", string="Operation", readonly=True
    )
    buyer_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        readonly=True,
        groups=SENSITIVE,
    )
    age_band = fields.Selection(
        AGE_BANDS, string="Age band at entry", readonly=True, groups=SENSITIVE
    )
    qualification_level = fields.Selection(
        [
            ("none", "No diploma"),
            ("3", "Level 3 (CAP, BEP)"),
            ("4", "Level 4 (baccalauréat)"),
            ("5", "Level 5 (bac+2)"),
            ("6", "Level 6 or above (bac+3 and more)"),
        ],
        readonly=True,
        groups=SENSITIVE,
    )
    is_qpv = fields.Boolean(string="Lives in a QPV", readonly=True, groups=SENSITIVE)
    path_state = fields.Selection(
        [("candidate", "Candidate"), ("in_path", "In path"), ("exited", "Exited")],
        string="Path status",
        readonly=True,
    )
    exit_category = fields.Selection(
        OUTCOME_CATEGORIES, string="Outcome at exit", readonly=True
    )
    six_months_category = fields.Selection(
        OUTCOME_CATEGORIES, string="Outcome at 6 months", readonly=True
    )
    hours = fields.Float(string="Hours done", readonly=True)

    def _latest_category(self, moment):
        return SQL(
            """(SELECT kind.category
                  FROM social_clause_outcome outcome
                  JOIN social_clause_outcome_kind kind ON kind.id = outcome.kind_id
                 WHERE outcome.participant_id = participant.id
                   AND outcome.moment = %s
              ORDER BY outcome.date DESC, outcome.id DESC
                 LIMIT 1)""",
            moment,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT MIN(line.id) AS id, line.participant_id,
                           line.operation_id, line.buyer_id,
                           participant.company_id, participant.gender,
                           participant.age_band, participant.qualification_level,
                           COALESCE(participant.is_qpv, FALSE) AS is_qpv,
                           participant.path_state,
                           %(exit)s AS exit_category,
                           %(six_months)s AS six_months_category,
                           SUM(line.hours) AS hours
                      FROM social_clause_hour line
                      JOIN social_clause_participant participant
                        ON participant.id = line.participant_id
                     WHERE line.is_counted
                  GROUP BY line.participant_id, line.operation_id, line.buyer_id,
                           participant.id
                )
                """,
                table=SQL.identifier(self._table),
                exit=self._latest_category("exit"),
                six_months=self._latest_category("six_months"),
            )
        )
