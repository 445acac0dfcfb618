# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain unit tests of rules/disclosure.py (no database)."""

import unittest

from ..rules.disclosure import masked_label, shown, suppress, suppress_table


class TestDisclosure(unittest.TestCase):
    def test_small_counts_are_masked_zero_and_large_are_not(self):
        counts = {"female": 2, "male": 3, "other": 0, "unknown": 7}
        self.assertEqual(suppress(counts, 5), {"female", "male"})
        self.assertEqual(suppress({"a": 5, "b": 9}, 5), set())
        self.assertEqual(masked_label(5), "< 5")

    def test_a_single_masked_cell_takes_the_next_smallest_with_it(self):
        # Total 13 is shown: "female < 5" alone would be 13 - 11 = 2.
        counts = {"female": 2, "male": 11, "other": 0}
        self.assertEqual(suppress(counts, 5), {"female", "male"})
        counts = {"a": 1, "b": 6, "c": 20}
        self.assertEqual(suppress(counts, 5), {"a", "b"})
        # A zero is taken only when nothing else is left.
        self.assertEqual(suppress({"a": 3, "b": 0}, 5), {"a", "b"})
        self.assertEqual(suppress({"a": 3}, 5), {"a"})

    def test_threshold_one_masks_nothing(self):
        self.assertEqual(suppress({"a": 1, "b": 2}, 1), set())

    def test_table_rows_and_columns(self):
        # Lot 1: 2 women of 12 -> row suppression masks men too; then the
        # column "male" holds one masked cell -> lot 2's men are masked.
        table = {
            "lot1": {"female": 2, "male": 10},
            "lot2": {"female": 6, "male": 8},
        }
        hidden = suppress_table(table, 5)
        self.assertEqual(
            hidden,
            {
                ("lot1", "female"),
                ("lot1", "male"),
                ("lot2", "female"),
                ("lot2", "male"),
            },
        )
        for row in table:
            for group in (["female", "male"],):
                masked = [col for col in group if (row, col) in hidden]
                self.assertNotEqual(len(masked), 1)

    def test_table_groups_are_suppressed_separately(self):
        table = {
            "lot": {"total": 20, "female": 2, "male": 18, "young": 10, "old": 10},
        }
        hidden = suppress_table(table, 5, [["female", "male"], ["young", "old"]])
        self.assertEqual(hidden, {("lot", "female"), ("lot", "male")})

    def test_shown_labels(self):
        self.assertEqual(shown(3, True, 5, "masqué"), "< 5")
        self.assertEqual(shown(7, True, 5, "masqué"), "masqué")
        self.assertEqual(shown(0, True, 5, "masqué"), "masqué")
        self.assertEqual(shown(3, False, 5, "masqué"), 3)
