# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import unittest

from ..rules.declarations import missing_months, next_reminder_date

D = datetime.date


class TestMissingMonths(unittest.TestCase):
    def test_months_since_the_works_started_without_declaration(self):
        months = missing_months(
            D(2026, 6, 15), D(2027, 6, 30), D(2026, 11, 1), {D(2026, 8, 1)}
        )
        self.assertEqual(
            months,
            [
                D(2026, 6, 1),
                D(2026, 7, 1),
                D(2026, 9, 1),
                D(2026, 10, 1),
                D(2026, 11, 1),
            ],
        )

    def test_on_time_firm_has_none(self):
        declared = {D(2026, 10, 1), D(2026, 11, 1)}
        self.assertEqual(
            missing_months(D(2026, 10, 1), None, D(2026, 11, 1), declared), []
        )

    def test_works_ended_or_not_started(self):
        # Ended in September: October and November are not due.
        self.assertEqual(
            missing_months(D(2026, 8, 1), D(2026, 9, 10), D(2026, 11, 1), set()),
            [D(2026, 8, 1), D(2026, 9, 1)],
        )
        # Starting next month: nothing due yet.
        self.assertEqual(
            missing_months(D(2026, 12, 1), None, D(2026, 11, 1), set()), []
        )

    def test_no_start_date_means_last_month_only(self):
        self.assertEqual(
            missing_months(None, None, D(2026, 11, 1), set()), [D(2026, 11, 1)]
        )

    def test_at_most_two_years(self):
        months = missing_months(D(2020, 1, 1), None, D(2026, 11, 1), set())
        self.assertEqual(len(months), 24)
        self.assertEqual(months[0], D(2024, 12, 1))
        self.assertEqual(months[-1], D(2026, 11, 1))


class TestNextReminder(unittest.TestCase):
    def test_before_the_day_of_the_month(self):
        self.assertEqual(next_reminder_date(D(2026, 12, 2), 5, False), D(2026, 12, 5))

    def test_after_the_day_not_yet_sent_goes_with_the_next_run(self):
        self.assertEqual(next_reminder_date(D(2026, 12, 9), 5, False), D(2026, 12, 9))

    def test_already_reminded_next_month(self):
        self.assertEqual(next_reminder_date(D(2026, 12, 9), 5, True), D(2027, 1, 5))

    def test_no_reminder(self):
        self.assertIsNone(next_reminder_date(D(2026, 12, 9), 0, False))
