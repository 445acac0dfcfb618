# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import unittest

from ..rules.periods import period_bounds, period_of


class TestRulesPeriods(unittest.TestCase):
    def test_bounds(self):
        date = datetime.date
        self.assertEqual(
            period_bounds("quarter", 2026, 1), (date(2026, 1, 1), date(2026, 3, 31))
        )
        self.assertEqual(
            period_bounds("quarter", 2024, 4), (date(2024, 10, 1), date(2024, 12, 31))
        )
        self.assertEqual(
            period_bounds("half_year", 2026, 2), (date(2026, 7, 1), date(2026, 12, 31))
        )
        self.assertEqual(
            period_bounds("year", 2026), (date(2026, 1, 1), date(2026, 12, 31))
        )
        # February of a leap year ends on the 29th.
        self.assertEqual(
            period_bounds("quarter", 2028, 1)[1] - datetime.timedelta(days=31),
            date(2028, 2, 29),
        )

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            period_bounds("quarter", 2026, 5)
        with self.assertRaises(ValueError):
            period_bounds("year", 2026, 2)
        with self.assertRaises(ValueError):
            period_bounds("month", 2026, 1)

    def test_period_of(self):
        self.assertEqual(period_of("quarter", datetime.date(2026, 8, 15)), 3)
        self.assertEqual(period_of("half_year", datetime.date(2026, 6, 30)), 1)
        self.assertEqual(period_of("year", datetime.date(2026, 12, 31)), 1)
