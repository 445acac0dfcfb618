# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from ..rules.names import match_name, name_key, normalise_name

KNOWN = {1: "Nadia Lefèvre", 2: "Mehdi Kaci", 3: "Jean-Pierre Dupont"}


class TestNames(unittest.TestCase):
    def test_normalise(self):
        self.assertEqual(normalise_name("  Nadia   LEFÈVRE "), "nadia lefevre")
        self.assertEqual(normalise_name("Jean-Pierre Dupont"), "jean pierre dupont")
        self.assertEqual(normalise_name("Ｎadia"), "nadia")  # full-width letter
        self.assertEqual(normalise_name(""), "")

    def test_same_name_but_accents_case_spaces_is_matched(self):
        self.assertEqual(match_name("nadia lefevre", KNOWN), (1, None))
        self.assertEqual(match_name("Jean Pierre DUPONT", KNOWN), (3, None))
        # First and last name swapped.
        self.assertEqual(match_name("Lefevre Nadia", KNOWN), (1, None))

    def test_close_name_is_suggested(self):
        self.assertEqual(match_name("Nadia Lefebvre", KNOWN), (None, 1))
        self.assertEqual(match_name("Medhi Kaci", KNOWN), (None, 2))

    def test_another_name_is_new(self):
        self.assertEqual(match_name("Nina Newcomer", KNOWN), (None, None))
        self.assertEqual(match_name("Nadia Martin", KNOWN), (None, None))
        self.assertEqual(match_name("", KNOWN), (None, None))


class TestNameKey(unittest.TestCase):
    """One notion of "the same name" for the firm's month form and the
    prescribers' proposals (one person, one record)."""

    def test_spellings_of_one_name(self):
        self.assertEqual(name_key("Nadia Lefèvre"), name_key("LEFEVRE  nadia"))
        self.assertEqual(name_key("Jean-Marc Dupont"), name_key("dupont jean marc"))
        self.assertNotEqual(name_key("Yanis Roche"), name_key("Yanis Rochefort"))
        self.assertEqual(name_key("  "), "")
