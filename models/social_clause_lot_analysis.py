# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class SocialClauseLotAnalysis(models.Model):
    """Required and done hours of each lot side by side: two rows per lot,
    so that a graph shows both bars for each lot or operation."""

    _name = "social.clause.lot.analysis"
    _description = "Lots: required and done hours"
    _auto = False
    _order = "operation_id, lot_id, measure"
    _rec_name = "lot_id"

    lot_id = fields.Many2one("social.clause.lot", string="Lot", readonly=True)
    operation_id = fields.Many2one(
        "social.clause.operation", string="Operation", readonly=True
    )
    buyer_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    sector_id = fields.Many2one("social.clause.sector", string="Sector", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    operation_state = fields.Selection(
        related="operation_id.state", string="Operation status"
    )
    measure = fields.Selection(
        [("required", "Required hours"), ("done", "Hours done")],
        string="Required or done",
        readonly=True,
    )
    hours = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT lot.id * 2 AS id, lot.id AS lot_id, lot.operation_id,
                           lot.buyer_id, lot.sector_id, lot.company_id,
                           'required' AS measure, lot.hours_required AS hours
                      FROM social_clause_lot lot
                    UNION ALL
                    SELECT lot.id * 2 + 1, lot.id, lot.operation_id,
                           lot.buyer_id, lot.sector_id, lot.company_id,
                           'done', lot.hours_done
                      FROM social_clause_lot lot
                )
                """,
                SQL.identifier(self._table),
            )
        )
