# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the clause article of the CCAP says, so that it agrees with what the
tool follows: the volume of hours, the ways to meet it, the reporting."""

# A reserved market (art. L2113-12 and L2113-13) is carried out by the
# inclusive structure itself: no volume of insertion hours is asked.
RESERVED_CLAUSE_TYPES = ("reserved_siae", "reserved_ea")

REPORTING_FREQUENCIES = ("monthly", "quarterly")

# The ways the firm meets its obligation, in the article's order.
BASE_MODALITIES = ("direct_hire", "provision", "subcontracting")


def has_hour_volume(clause_type):
    """Whether the article asks a volume of hours of a lot of this type."""
    return clause_type not in RESERVED_CLAUSE_TYPES


def article_modalities(training_allowed):
    """The ways the article lists: training comes last, when the lots allow
    training hours to count."""
    return BASE_MODALITIES + (("training",) if training_allowed else ())


def reporting_frequency(frequency):
    """The operation's reporting frequency, monthly when not set.

    :raise ValueError: on an unknown frequency.
    """
    frequency = frequency or "monthly"
    if frequency not in REPORTING_FREQUENCIES:
        raise ValueError(f"unknown reporting frequency: {frequency!r}")
    return frequency
