# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a person hired through an offer may start: the entry date a firm
gives starts the path (age band, retention clock), so it must fall within
the offer's dates and the lot's (the commitment's) execution."""

import datetime

from dateutil.relativedelta import relativedelta

# How far ahead of today a firm may date a hire, whatever the offer and the
# lot say (and the window before today when neither gives a start).
HIRE_MAX_AHEAD = relativedelta(years=1)
HIRE_MAX_BEHIND = relativedelta(years=1)


def hire_date_bounds(
    today, offer_start=None, offer_months=0, lot_start=None, lot_end=None
):
    """``(first, last)`` allowed entry dates of a hire.

    The first is the latest of the offer's and the lot's starts (a year
    before ``today`` when neither is known); the last is the earliest of the
    offer's end (its start plus its duration in months), the lot's end and a
    year after ``today``. ``first > last`` means no date is possible.
    """
    starts = [day for day in (offer_start, lot_start) if day]
    first = max(starts) if starts else today - HIRE_MAX_BEHIND
    ends = [today + HIRE_MAX_AHEAD]
    if lot_end:
        ends.append(lot_end)
    if offer_start and offer_months and offer_months > 0:
        ends.append(offer_start + relativedelta(months=offer_months))
    return first, min(ends)


def hire_date_allowed(day, bounds):
    """Whether ``day`` (a date) is within ``bounds`` (``hire_date_bounds``)."""
    first, last = bounds
    return isinstance(day, datetime.date) and first <= day <= last
