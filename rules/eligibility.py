# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Eligibility of a person and the months whose hours may be validated.

The one home of these rules: the participant (``_is_eligible_on``), the
hour's validation reasons and its SQL filter, the available pool and the
candidacies call them or derive from them. Plain dates in, plain answers out.

What follows les emplois de l'inclusion (see README, "Eligibility"):

- a diagnosis by an authorised prescriber holds for hiring during
  ``DIAGNOSIS_HIRE_MONTHS`` (6) months;
- once hired, the PASS IAE covers ``PASS_IAE_MONTHS`` (24) months: the
  default of the clause's eligibility validity (company setting);
- the criteria needed by kind of SIAE: one level 1 criterion, or enough
  level 2 criteria (``LEVEL_2_REQUIRED``).

What is the clause's own: outside a SIAE (a firm hiring under a clause),
one recorded criterion is enough; the validity is the company's setting.
"""

from dateutil.relativedelta import relativedelta

DIAGNOSIS_HIRE_MONTHS = 6
PASS_IAE_MONTHS = 24
# Level 2 criteria that replace a level 1 criterion, by kind of SIAE.
LEVEL_2_REQUIRED = {"aci": 3, "ei": 3, "eiti": 3, "ai": 2, "etti": 2}


def month_bounds(day):
    """First and last day of the month of ``day``."""
    start = day.replace(day=1)
    return start, start + relativedelta(months=1, days=-1)


def eligibility_end(diagnosis_date, months):
    """Last day the eligibility holds, ``months`` after the diagnosis."""
    if not diagnosis_date:
        return None
    return diagnosis_date + relativedelta(months=months)


def is_eligible_between(state, diagnosis_date, end_date, start, end):
    """Eligibility validated, diagnosed on or before ``end`` and still valid
    on ``start``: valid for at least part of the period."""
    return bool(
        state == "validated"
        and diagnosis_date
        and diagnosis_date <= end
        and (not end_date or end_date >= start)
    )


def diagnosis_date_ok(diagnosis_date, today):
    """A diagnosis is dated, never in the future."""
    return bool(diagnosis_date) and diagnosis_date <= today


def diagnosis_holds_for_hire(diagnosis_date, hire_date):
    """A prescriber's diagnosis is valid for a hire within six months."""
    return bool(diagnosis_date) and (
        diagnosis_date <= hire_date
        and hire_date <= diagnosis_date + relativedelta(months=DIAGNOSIS_HIRE_MONTHS)
    )


def criteria_suffice(levels, siae_kind=None):
    """Whether the criteria of ``levels`` (one "1" or "2" per criterion)
    make a person eligible: in a SIAE, one level 1 criterion or the level 2
    criteria its kind requires; elsewhere, one criterion of any level."""
    levels = list(levels)
    required = LEVEL_2_REQUIRED.get(siae_kind)
    if required is None:
        return bool(levels)
    return "1" in levels or levels.count("2") >= required


def month_is_over(month, today):
    """The month's last day is before ``today``."""
    return month_bounds(month)[1] < today


def month_before_entry(month, entry_date):
    """The whole month is before the month of the entry in the path."""
    return bool(entry_date) and month_bounds(month)[0] < entry_date.replace(day=1)


def month_after_exit(month, exit_date):
    """The whole month is after the month of the exit from the path."""
    return bool(exit_date) and month_bounds(month)[0] > exit_date.replace(day=1)
