# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""States of an operation and what each lets change: one home for "closed
or cancelled" (no more hours, commitments, lot changes or offers)."""

OPERATION_STATES = [
    ("draft", "Draft"),
    ("calibrated", "Calibrated"),
    ("consultation", "Consultation"),
    ("execution", "Execution"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# A closed operation's figures are final, a cancelled one has none.
OPERATION_STATES_CLOSED = ("closed", "cancelled")
# States a buyer never sees (the facilitator's work in progress).
OPERATION_STATES_HIDDEN_FROM_BUYERS = ("draft",)


def is_open(state):
    """Whether an operation in ``state`` still takes hours, commitments,
    lot changes and job offers."""
    return state not in OPERATION_STATES_CLOSED
