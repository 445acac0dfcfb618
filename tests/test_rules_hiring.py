# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""When a hire may start (rules/hiring.py): within the offer's dates and the
lot's, and never years ahead."""

import datetime

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..rules.hiring import hire_date_allowed, hire_date_bounds

D = datetime.date
TODAY = D(2026, 12, 4)


@tagged("post_install", "-at_install")
class TestRulesHiring(BaseCase):
    def test_offer_and_lot_bounds(self):
        bounds = hire_date_bounds(
            TODAY,
            offer_start=D(2026, 11, 1),
            offer_months=6,
            lot_start=D(2026, 9, 1),
            lot_end=D(2027, 3, 31),
        )
        # The later start (the offer's), the earlier end (the lot's).
        self.assertEqual(bounds, (D(2026, 11, 1), D(2027, 3, 31)))
        self.assertTrue(hire_date_allowed(D(2026, 11, 1), bounds))
        self.assertTrue(hire_date_allowed(D(2027, 3, 31), bounds))
        self.assertFalse(hire_date_allowed(D(2026, 10, 31), bounds))
        self.assertFalse(hire_date_allowed(D(2027, 4, 1), bounds))
        self.assertFalse(hire_date_allowed(D(2099, 12, 31), bounds))
        self.assertFalse(hire_date_allowed(None, bounds))

    def test_offer_duration_ends_before_the_lot(self):
        bounds = hire_date_bounds(
            TODAY, offer_start=D(2026, 12, 1), offer_months=2, lot_end=D(2028, 1, 1)
        )
        self.assertEqual(bounds, (D(2026, 12, 1), D(2027, 2, 1)))

    def test_without_dates_a_year_around_today(self):
        bounds = hire_date_bounds(TODAY)
        self.assertEqual(bounds, (D(2025, 12, 4), D(2027, 12, 4)))
        self.assertFalse(hire_date_allowed(D(2099, 12, 31), bounds))
        self.assertFalse(hire_date_allowed(D(2000, 1, 1), bounds))
        # A lot ending in 2099 does not allow 2099 either.
        far = hire_date_bounds(TODAY, lot_end=D(2099, 12, 31))
        self.assertFalse(hire_date_allowed(D(2099, 12, 31), far))

    def test_no_possible_date(self):
        first, last = hire_date_bounds(
            TODAY, offer_start=D(2027, 6, 1), lot_end=D(2027, 3, 1)
        )
        self.assertGreater(first, last)
        self.assertFalse(hire_date_allowed(D(2027, 4, 1), (first, last)))
