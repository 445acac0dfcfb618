# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .social_clause_hour import HOUR_STATES
from .social_clause_modality import HOUR_MODALITIES


class SocialClauseHourAnalysis(models.Model):
    """Insertion hours with the sector of their lot, for pivots and graphs.

    A view rather than a stored related field on the hour lines: the bulk
    import and validation of lines stay free of any extra write.
    """

    _name = "social.clause.hour.analysis"
    _description = "Insertion hours analysis"
    _auto = False
    _order = "date desc"
    _rec_name = "participant_id"

    date = fields.Date(string="Month", readonly=True)
    participant_id = fields.Many2one(
        "social.clause.participant",
        readonly=True,
        aggregator="count_distinct",
        string="Participant",
    )
    buyer_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    operation_id = fields.Many2one(
        "social.clause.operation", string="Operation", readonly=True
    )
    lot_id = fields.Many2one("social.clause.lot", string="Lot", readonly=True)
    sector_id = fields.Many2one("social.clause.sector", string="Sector", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Firm", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    modality = fields.Selection(HOUR_MODALITIES, readonly=True)
    state = fields.Selection(HOUR_STATES, string="Status", readonly=True)
    is_counted = fields.Boolean(string="Counted", readonly=True)
    hours = fields.Float(
        string="Hours declared (all states)",
        readonly=True,
        help="Every line, whatever its state: submitted, validated or rejected.",
    )
    hours_validated = fields.Float(
        string="Validated hours",
        readonly=True,
        help="The hours done, as the bilan, the survey and the dashboard count "
        "them: validated lines of an eligible participant (is_counted).",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT line.id, line.date, line.participant_id,
                           line.buyer_id, line.operation_id, line.lot_id,
                           lot.sector_id, line.partner_id, line.company_id,
                           line.modality, line.state, line.is_counted, line.hours,
                           CASE WHEN line.is_counted THEN line.hours ELSE 0
                           END AS hours_validated
                      FROM social_clause_hour line
                      JOIN social_clause_lot lot ON lot.id = line.lot_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
