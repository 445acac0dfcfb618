# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Outcome kinds got a category in 18.0.1.1.0 (durable, transition, positive,
other: the first three make the dynamic-exit rate). The reference data is
``noupdate``: give the kinds shipped with the module their category, unless
a user already chose one."""

from odoo import SUPERUSER_ID, api

CATEGORIES = {
    "outcome_kind_cdi": "durable",
    "outcome_kind_cdd_long": "durable",
    "outcome_kind_creation": "durable",
    "outcome_kind_cdd_short": "transition",
    "outcome_kind_alternance": "transition",
    "outcome_kind_formation": "positive",
    "outcome_kind_iae": "positive",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, category in CATEGORIES.items():
        kind = env.ref(f"social_clause.{xmlid}", raise_if_not_found=False)
        if kind and kind.category == "other":
            kind.category = category
