# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.3.0 indexes the hour lines of a person and of a commitment with
their month (social.clause.hour.init): the two single-column indexes they
replace are dropped (Odoo keeps an index a field no longer asks for)."""

from odoo.tools import SQL


def migrate(cr, version):
    for column in ("participant_id", "commitment_id"):
        cr.execute(
            SQL(
                "DROP INDEX IF EXISTS %s",
                SQL.identifier(f"social_clause_hour__{column}_index"),
            )
        )
