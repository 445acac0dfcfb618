# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain unit tests of rules/gdpr.py (no database)."""

import unittest

from ..rules.gdpr import identity_pattern, identity_terms, scrub, search_words


class TestGdprRules(unittest.TestCase):
    def test_whole_words_only(self):
        pattern = identity_pattern(identity_terms("Ette Dupont", "Yanis Roche"))
        self.assertEqual(
            scrub("Paulette Dupont and Ette Dupont", pattern, "P-1"),
            "Paulette Dupont and P-1",
        )
        self.assertEqual(
            scrub("Yanis Rochefort, not YANIS  ROCHE.", pattern, "P-1"),
            "Yanis Rochefort, not P-1.",
        )

    def test_identifiers_and_escaped_forms(self):
        terms = identity_terms("Jeanne D'Arc", "FT1234567X", None, " ", "x")
        self.assertIn("Jeanne D&#39;Arc", terms)
        self.assertNotIn("x", terms)
        pattern = identity_pattern(terms)
        self.assertEqual(
            scrub("<p>Jeanne D&#39;Arc (FT1234567X)</p>", pattern, "P-2"),
            "<p>P-2 (P-2)</p>",
        )
        self.assertEqual(scrub("FT1234567XY", pattern, "P-2"), "FT1234567XY")

    def test_no_term(self):
        self.assertIsNone(identity_pattern(identity_terms(None, "")))
        self.assertEqual(scrub("text", None, "P"), "text")
        self.assertEqual(search_words({"Yanis Rochefort"}), {"Rochefort"})
