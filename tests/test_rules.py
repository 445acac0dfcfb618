# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The plain rules of rules/, without a database."""

import unittest

from odoo.addons.social_clause.rules.calibration import calibrate_hours
from odoo.addons.social_clause.rules.geography import (
    areas_served,
    department_of_zip,
    normalize_department_codes,
)
from odoo.addons.social_clause.rules.operation_state import (
    OPERATION_STATES,
    is_open,
)
from odoo.addons.social_clause.rules.progress import (
    MISSING_SQL,
    PROGRESS_SQL,
    missing_hours,
    progress_percent,
)


class TestGeography(unittest.TestCase):
    def test_department_of_a_postcode(self):
        self.assertEqual(department_of_zip("59000"), "59")
        self.assertEqual(department_of_zip(" 62 100 "), "62")
        self.assertEqual(department_of_zip("97400"), "974")
        self.assertEqual(department_of_zip("98800"), "988")
        # Corsica: 2A south of 20200, 2B from it (Offers there match the
        # prescribers of 2A/2B, not of a "20" that no longer exists).
        self.assertEqual(department_of_zip("20000"), "2A")
        self.assertEqual(department_of_zip("20167"), "2A")
        self.assertEqual(department_of_zip("20200"), "2B")
        self.assertEqual(department_of_zip("20600"), "2B")

    def test_department_typed_as_a_code(self):
        self.assertEqual(department_of_zip("59"), "59")
        self.assertEqual(department_of_zip("2a"), "2A")
        self.assertEqual(department_of_zip("1"), "01")
        self.assertEqual(department_of_zip("974"), "974")

    def test_not_a_department(self):
        for text in ("", None, False, "Lille", "5900", "123456", "20", "99"):
            self.assertEqual(department_of_zip(text), "", text)

    def test_typed_lists(self):
        self.assertEqual(
            normalize_department_codes("59, 62;2a 1 / 59000|974"),
            ["59", "62", "2A", "01", "974"],
        )
        self.assertEqual(normalize_department_codes("Lille, "), [])

    def test_areas_served(self):
        # What is typed, else the département of the address.
        self.assertEqual(areas_served("62", "59000"), ["62"])
        self.assertEqual(areas_served("", "59000"), ["59"])
        self.assertEqual(areas_served("", ""), [])
        # An inclusion employer always serves its own département, first.
        self.assertEqual(
            areas_served("62, 59", "59000", include_own=True), ["59", "62"]
        )
        self.assertEqual(areas_served("62", "20200", include_own=True), ["2B", "62"])


class TestProgress(unittest.TestCase):
    def test_percent(self):
        self.assertEqual(progress_percent(50, 200), 25.0)
        self.assertEqual(progress_percent(300, 200), 150.0)  # beyond the volume
        self.assertEqual(progress_percent(None, 200), 0.0)
        # Nothing required (a reserved lot): no progress to show, no error.
        self.assertEqual(progress_percent(10, 0), 0.0)
        self.assertEqual(progress_percent(10, None), 0.0)
        self.assertEqual(progress_percent(10, -5), 0.0)

    def test_sql_is_the_same_formula(self):
        self.assertEqual(
            PROGRESS_SQL.format(done="d", required="r"),
            "CASE WHEN r > 0 THEN 100.0 * d / r ELSE 0 END",
        )

    def test_missing_hours(self):
        self.assertEqual(missing_hours(250, 800), 550.0)
        self.assertEqual(missing_hours(900, 800), 0.0)  # done beyond: none due
        self.assertEqual(missing_hours(None, 800), 800.0)
        self.assertEqual(missing_hours(10, None), 0.0)
        self.assertEqual(
            MISSING_SQL.format(done="d", required="r"),
            "GREATEST(COALESCE(r, 0) - COALESCE(d, 0), 0)",
        )


class TestOperationState(unittest.TestCase):
    def test_closed_and_cancelled_take_nothing(self):
        states = [code for code, __ in OPERATION_STATES]
        self.assertEqual(
            [state for state in states if not is_open(state)], ["closed", "cancelled"]
        )
        self.assertTrue(is_open("execution"))


class TestCalibration(unittest.TestCase):
    def test_hours_of_an_amount(self):
        # 1 M€ x 40 % labour x 5 % insertion / 25 €/h = 800 h
        self.assertEqual(calibrate_hours(1_000_000, 40, 5, 25), 800.0)
        # rounded half up to the whole hour
        self.assertEqual(calibrate_hours(1000, 50, 5, 10), 3.0)  # 2.5 -> 3
        self.assertEqual(calibrate_hours(1_000_000, 40, 5, 0), 0.0)
        self.assertEqual(calibrate_hours(1_000_000, 40, 5, -1), 0.0)
