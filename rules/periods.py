# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reporting periods of the bilans: a quarter, a half-year or a year."""

import calendar
import datetime

# Number of months of each kind of period, and how many of them a year holds.
PERIOD_MONTHS = {"quarter": 3, "half_year": 6, "year": 12}


def period_bounds(kind, year, index=1):
    """The first and last day of the ``index``-th period of ``kind`` in
    ``year`` (quarters 1 to 4, half-years 1 to 2, the year: 1).

    :raise ValueError: on an unknown kind or an index out of the year.
    """
    if kind not in PERIOD_MONTHS:
        raise ValueError(f"unknown period kind: {kind!r}")
    months = PERIOD_MONTHS[kind]
    count = 12 // months
    if not 1 <= index <= count:
        raise ValueError(f"a year holds {count} period(s) of kind {kind!r}")
    first_month = (index - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return (
        datetime.date(year, first_month, 1),
        datetime.date(year, last_month, last_day),
    )


def period_of(kind, day):
    """The index of the period of ``kind`` holding ``day``."""
    return (day.month - 1) // PERIOD_MONTHS[kind] + 1
