# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Progress of a clause: hours done against hours due, in percent.

One definition for the lot, the operation, the commitment, the attestation,
the bilan and the portal pages; ``PROGRESS_SQL`` is the same formula for the
bulk statements that refresh stored totals in SQL."""


def progress_percent(done, required):
    """Percent of ``required`` hours that ``done`` hours make: 0 when
    nothing is required (a reserved lot, a commitment without hours); not
    capped, so that a clause done beyond its volume reads over 100 %."""
    if not required or required <= 0:
        return 0.0
    return 100.0 * (done or 0.0) / required


def missing_hours(done, required):
    """Hours still due: what ``required`` hours lack after ``done`` ones,
    never below 0 (the basis of the penalty at closing)."""
    return max((required or 0.0) - (done or 0.0), 0.0)


# The same formulas in SQL: format with the SQL expressions of done and required.
PROGRESS_SQL = "CASE WHEN {required} > 0 THEN 100.0 * {done} / {required} ELSE 0 END"
MISSING_SQL = "GREATEST(COALESCE({required}, 0) - COALESCE({done}, 0), 0)"
