# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a firm is late with its monthly declarations of insertion hours, and
when it is reminded: plain dates in, plain dates out."""

from dateutil.relativedelta import relativedelta

# A firm is never shown more than two years of missing months at once: past
# that, the facilitator settles the declarations with it.
MISSING_MONTHS_MAX = 24


def month_start(day):
    """The first day of the month of ``day`` (None for None)."""
    return day.replace(day=1) if day else None


def add_months(month, count):
    """The first day of the month ``count`` months after ``month``."""
    return month.replace(day=1) + relativedelta(months=count)


def missing_months(works_start, works_end, last_month, declared):
    """The months the firm should have declared and has not, oldest first.

    :param works_start: first day of the works (None: only ``last_month``)
    :param works_end: last day of the works (None: not known yet)
    :param last_month: first day of the last month to declare (the month
        before today's)
    :param declared: the months (first days) with hours declared
    :return: the first days of the missing months, at most the
        ``MISSING_MONTHS_MAX`` latest
    """
    first = month_start(works_start) or last_month
    last = min(last_month, month_start(works_end)) if works_end else last_month
    declared = {month_start(month) for month in declared}
    months = []
    month = max(first, add_months(last, 1 - MISSING_MONTHS_MAX))
    while month <= last:
        if month not in declared:
            months.append(month)
        month = add_months(month, 1)
    return months


def next_reminder_date(today, reminder_day, reminded_this_month):
    """The day the next reminder e-mail goes, or None when the company sends
    none (``reminder_day`` 0). The daily job sends it from the reminder day
    of the month on, once a month.

    :param reminded_this_month: the firm already had this month's reminder
    """
    if not reminder_day:
        return None
    this_month = today.replace(day=reminder_day)
    if reminded_this_month:
        return add_months(month_start(today), 1).replace(day=reminder_day)
    return max(this_month, today)
