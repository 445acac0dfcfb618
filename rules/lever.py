# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lever a facilitator recommends for a lot (Le marché de l'inclusion's
"inclusive potential" rule): reserve the market or the lot, an execution
condition, an award criterion, or training only."""


def recommend_lever(
    count,
    dependency,
    large_with_pool,
    reserve_market_min=30,
    reserve_lot_min=10,
    clause_min=1,
    dependency_max=30.0,
):
    """The lever for ``count`` suitable structures of the sector and area.

    Le marché de l'inclusion's "inclusive potential" rule: more than
    ``reserve_market_min`` structures and an economic dependency (lot amount /
    their average turnover, in %, None when unknown) under ``dependency_max``:
    reserve the whole market; more than ``reserve_market_min`` with a higher or
    unknown dependency, or more than ``reserve_lot_min``: reserve the lot; more
    than ``clause_min``: an execution condition; otherwise none. A large
    operation with a pool of candidates (``large_with_pool``) also gets an award
    criterion on insertion performance when it is not reserved."""
    if count > reserve_market_min:
        if dependency is not None and dependency < dependency_max:
            return "reserve_market"
        return "reserve_lot"
    if count > reserve_lot_min:
        return "reserve_lot"
    if large_with_pool:
        return "execution_and_award"
    if count > clause_min:
        return "execution_condition"
    return "training_or_none"
