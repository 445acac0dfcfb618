# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def format_hours(hours):
    """Hours as users write them: 800, 12.5 (no trailing zeros)."""
    return f"{hours:g}"
