# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Calibration of a clause: the hours of insertion an amount of works or
services carries (reporting.md: amount x labour share x insertion rate /
hourly cost)."""

from odoo.tools import float_round


def calibrate_hours(amount, labour_rate, insertion_rate, hourly_cost):
    """Hours of insertion for an amount: amount x labour% x insertion% / cost,
    rounded to the nearest whole hour; 0 without a positive hourly cost."""
    if not hourly_cost or hourly_cost <= 0:
        return 0.0
    hours = amount * labour_rate / 100.0 * insertion_rate / 100.0 / hourly_cost
    return float_round(hours, precision_digits=0, rounding_method="HALF-UP")
