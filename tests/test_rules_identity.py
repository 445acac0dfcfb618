# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The SIRET rule (rules/identity.py): its key, La Poste's exception, the
separators people type."""

from odoo.tests import tagged
from odoo.tests.common import BaseCase

from ..rules.identity import (
    SIRET_EMPTY,
    SIRET_FORMAT,
    SIRET_KEY,
    SIRET_LENGTH,
    SIRET_OK,
    check_siret,
    compact_siret,
    format_siret,
)


@tagged("post_install", "-at_install")
class TestRulesIdentity(BaseCase):
    def test_right_key(self):
        for typed in (
            "73282932000074",
            "732 829 320 00074",
            "732.829.320.00074",
            "732-829-320-00074",
            "732\u00a0829\u202f320 00074",
            " 73282932000074 ",
        ):
            with self.subTest(typed=typed):
                self.assertEqual(check_siret(typed), ("73282932000074", SIRET_OK))

    def test_wrong_key_length_or_format(self):
        table = [
            ("73282932000075", SIRET_KEY),  # last digit changed
            ("73282932000047", SIRET_KEY),  # two digits swapped
            ("99999999999999", SIRET_KEY),
            ("7328293200007", SIRET_LENGTH),
            ("732829320000740", SIRET_LENGTH),
            ("732829320", SIRET_LENGTH),  # a SIREN is not a SIRET
            ("7328293200007A", SIRET_FORMAT),
            ("FR 732 829 320", SIRET_FORMAT),
            ("٧٣٢٨٢٩٣٢٠٠٠٠٧٤", SIRET_FORMAT),  # Arabic-Indic digits
            ('=HYPERLINK("x")', SIRET_FORMAT),
            ("", SIRET_EMPTY),
            (None, SIRET_EMPTY),
            (" . - ", SIRET_EMPTY),
        ]
        for typed, verdict in table:
            with self.subTest(typed=typed):
                self.assertEqual(check_siret(typed)[1], verdict)

    def test_la_poste_exception(self):
        # La Poste's establishments share the SIREN 356 000 000: the sum of
        # their digits is a multiple of 5, their Luhn key is not checked.
        self.assertEqual(check_siret("356 000 000 00048")[1], SIRET_OK)  # head office
        self.assertEqual(check_siret("35600000000105")[1], SIRET_OK)  # sum 20
        self.assertEqual(check_siret("35600000012345")[1], SIRET_KEY)  # sum 29
        self.assertEqual(check_siret("35600000000049")[1], SIRET_KEY)

    def test_compact_and_format(self):
        self.assertEqual(compact_siret("732 829 320 00074"), "73282932000074")
        self.assertEqual(compact_siret(None), "")
        self.assertEqual(format_siret("73282932000074"), "732 829 320 00074")
        self.assertEqual(format_siret("123"), "123")
