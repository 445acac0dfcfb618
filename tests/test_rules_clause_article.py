# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from ..rules.clause_article import (
    article_modalities,
    has_hour_volume,
    reporting_frequency,
)


class TestRulesClauseArticle(unittest.TestCase):
    def test_reserved_lot_has_no_hour_volume(self):
        self.assertFalse(has_hour_volume("reserved_siae"))
        self.assertFalse(has_hour_volume("reserved_ea"))
        self.assertTrue(has_hour_volume("execution_condition"))
        self.assertTrue(has_hour_volume("award_criterion"))

    def test_training_listed_when_allowed(self):
        self.assertEqual(article_modalities(True)[-1], "training")
        self.assertNotIn("training", article_modalities(False))
        self.assertEqual(len(article_modalities(False)), 3)

    def test_reporting_frequency_monthly_by_default(self):
        self.assertEqual(reporting_frequency(False), "monthly")
        self.assertEqual(reporting_frequency("quarterly"), "quarterly")
        with self.assertRaises(ValueError):
            reporting_frequency("weekly")
