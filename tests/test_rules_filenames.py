# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from ..rules.filenames import document_filename


class TestRulesFilenames(unittest.TestCase):
    def test_apostrophes_and_accents_kept(self):
        self.assertEqual(
            document_filename("Article de la clause d'insertion – Lot 1", "docx"),
            "Article de la clause d'insertion – Lot 1.docx",
        )
        self.assertEqual(
            document_filename("Bilan l’école Jean Jaurès"),
            "Bilan l’école Jean Jaurès",
        )

    def test_forbidden_characters_removed(self):
        self.assertEqual(
            document_filename('OPE/2026/0001: "Groupe" <scolaire>?', "pdf"),
            "OPE 2026 0001 Groupe scolaire.pdf",
        )
        self.assertEqual(document_filename(" ..\x00 ", "xlsx"), "document.xlsx")
        self.assertEqual(len(document_filename("a" * 400)), 150)
