# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tools import format_date


def format_hours(hours):
    """Hours as users write them: 800, 12.5 (no trailing zeros)."""
    return f"{hours:g}"


def format_month(env, day, long=False):
    """A month as French readers read it: ``10/2026``, or ``octobre 2026``
    with ``long``; never its first day (``01/10/2026`` reads as 1 October).
    In the language of ``env`` (or of the user); empty for an empty date."""
    if not day:
        return ""
    return format_date(env, day, date_format="MMMM yyyy" if long else "MM/yyyy")


class SocialClauseError(UserError):
    """A refusal the facilitator can act on, worded for them.

    Raised like a ``UserError``; the web client titles its dialog
    "Action impossible" (static/src/js/error_dialogs.js) instead of the
    generic "Opération invalide", which reads here as an invalid works
    operation.
    """
