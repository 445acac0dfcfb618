# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""rules/eligibility.py: the eligibility on a date and the months whose
hours may be validated, plain unit tests (no database)."""

import unittest
from datetime import date

from ..rules.eligibility import (
    criteria_suffice,
    diagnosis_date_ok,
    diagnosis_holds_for_hire,
    eligibility_end,
    is_eligible_between,
    month_after_exit,
    month_before_entry,
    month_bounds,
    month_is_over,
)


class TestRulesEligibility(unittest.TestCase):
    def test_month_bounds(self):
        self.assertEqual(
            month_bounds(date(2026, 2, 14)), (date(2026, 2, 1), date(2026, 2, 28))
        )
        self.assertEqual(
            month_bounds(date(2026, 12, 1)), (date(2026, 12, 1), date(2026, 12, 31))
        )

    def test_eligible_between(self):
        nov = month_bounds(date(2026, 11, 1))
        dec = month_bounds(date(2026, 12, 1))
        end = eligibility_end(date(2026, 11, 20), 24)
        self.assertEqual(end, date(2028, 11, 20))
        # Diagnosed during November: November and December count.
        self.assertTrue(is_eligible_between("validated", date(2026, 11, 20), end, *nov))
        self.assertTrue(is_eligible_between("validated", date(2026, 11, 20), end, *dec))
        # Diagnosed in December: November does not.
        self.assertFalse(is_eligible_between("validated", date(2026, 12, 3), end, *nov))
        # Expired before the month.
        self.assertFalse(
            is_eligible_between("validated", date(2024, 1, 1), date(2026, 10, 31), *nov)
        )
        # Expiring during the month still covers it.
        self.assertTrue(
            is_eligible_between("validated", date(2024, 1, 1), date(2026, 11, 1), *nov)
        )
        for state in ("to_check", "refused"):
            self.assertFalse(is_eligible_between(state, date(2026, 1, 1), end, *nov))
        self.assertFalse(is_eligible_between("validated", None, None, *nov))

    def test_diagnosis_date(self):
        today = date(2026, 12, 4)
        self.assertTrue(diagnosis_date_ok(today, today))
        self.assertTrue(diagnosis_date_ok(date(2026, 6, 1), today))
        self.assertFalse(diagnosis_date_ok(date(2026, 12, 5), today))
        self.assertFalse(diagnosis_date_ok(None, today))

    def test_diagnosis_holds_six_months_for_hire(self):
        diagnosis = date(2026, 5, 10)
        self.assertTrue(diagnosis_holds_for_hire(diagnosis, date(2026, 11, 10)))
        self.assertFalse(diagnosis_holds_for_hire(diagnosis, date(2026, 11, 11)))
        self.assertFalse(diagnosis_holds_for_hire(diagnosis, date(2026, 5, 9)))

    def test_criteria_by_siae_kind(self):
        # Outside a SIAE (a firm under a clause): one criterion.
        self.assertTrue(criteria_suffice(["2"]))
        self.assertFalse(criteria_suffice([]))
        # ACI, EI: one level 1, or three level 2.
        self.assertTrue(criteria_suffice(["1"], "aci"))
        self.assertFalse(criteria_suffice(["2", "2"], "ei"))
        self.assertTrue(criteria_suffice(["2", "2", "2"], "ei"))
        # AI, ETTI: one level 1, or two level 2.
        self.assertTrue(criteria_suffice(["2", "2"], "etti"))
        self.assertFalse(criteria_suffice(["2"], "ai"))

    def test_month_over(self):
        self.assertFalse(month_is_over(date(2026, 12, 1), date(2026, 12, 4)))
        self.assertFalse(month_is_over(date(2026, 11, 1), date(2026, 11, 30)))
        self.assertTrue(month_is_over(date(2026, 11, 1), date(2026, 12, 1)))

    def test_month_in_path(self):
        entry = date(2026, 12, 19)
        self.assertTrue(month_before_entry(date(2026, 11, 1), entry))
        self.assertFalse(month_before_entry(date(2026, 12, 1), entry))
        self.assertFalse(month_before_entry(date(2026, 11, 1), None))
        exit_date = date(2026, 3, 2)
        self.assertFalse(month_after_exit(date(2026, 3, 1), exit_date))
        self.assertTrue(month_after_exit(date(2026, 4, 1), exit_date))
        self.assertFalse(month_after_exit(date(2026, 4, 1), None))
