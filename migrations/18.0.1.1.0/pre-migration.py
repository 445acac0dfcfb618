# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Portal rules changed in 18.0.1.1.0: a buyer no longer reads draft
operations, a firm no longer reads lots (a co-contractor's hours are in the
lot's totals). Their file is ``noupdate``: an update would keep the old
rules, so they are dropped here and the update creates them anew."""

CHANGED_RULES = ("rule_operation_portal", "rule_lot_portal")


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        DELETE FROM ir_rule
         WHERE id IN (SELECT res_id
                        FROM ir_model_data
                       WHERE module = 'social_clause'
                         AND model = 'ir.rule'
                         AND name IN %s)
        """,
        [CHANGED_RULES],
    )
    cr.execute(
        """
        DELETE FROM ir_model_data
         WHERE module = 'social_clause' AND model = 'ir.rule' AND name IN %s
        """,
        [CHANGED_RULES],
    )
