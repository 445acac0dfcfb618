# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one parser of hours, of months and of names (models/common.py) that
the portal and the import share: what they accept and what they refuse,
with the French messages users read."""

import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.common import (
    clean_name,
    clean_text,
    format_hours,
    format_month,
    parse_hours,
    parse_month,
)
from .common import SocialClauseBaseCase


@tagged("post_install", "-at_install")
class TestInputRules(SocialClauseBaseCase):
    def assertRefused(self, function, value, message, **kwargs):
        with self.subTest(value=value):
            with self.assertRaises(UserError) as catcher:
                function(self.env, value, **kwargs)
            self.assertIn(message, str(catcher.exception))

    def test_hours_accepted(self):
        for value, expected in [
            ("35", 35.0),
            ("12,5", 12.5),
            ("12.5", 12.5),
            (" 151,67 ", 151.67),
            ("7,50", 7.5),
            ("1,230", 1.23),  # a trailing zero is not a third decimal
            ("+8", 8.0),
            ("35\u00a0", 35.0),
            (35, 35.0),
            (151.67, 151.67),
        ]:
            with self.subTest(value=value):
                self.assertEqual(parse_hours(self.env, value, maximum=151.67), expected)

    def test_hours_refused(self):
        not_a_number = "Saisissez les heures sous forme de nombre"
        decimals = "ont plus de deux décimales : les heures se saisissent au centième"
        for value, message in [
            ("1e-300", not_a_number),
            ("1E3", not_a_number),
            ("1_0", not_a_number),
            ("١٠", not_a_number),  # Arabic-Indic ten
            ("۱۰", not_a_number),  # Extended Arabic-Indic ten
            ("１０", not_a_number),  # full-width ten
            ("nan", not_a_number),
            ("inf", not_a_number),
            ("-inf", not_a_number),
            ("1,2,3", not_a_number),
            ("0x10", not_a_number),
            ("ten", not_a_number),
            (float("nan"), not_a_number),
            (float("inf"), not_a_number),
            ("0.0001", decimals),
            ("1.23456789", decimals),
            (0.0001, decimals),
            ("-5", "Le nombre d'heures doit être supérieur à zéro (« -5 »)."),
            ("0", "Le nombre d'heures doit être supérieur à zéro"),
            ("0,00", "Le nombre d'heures doit être supérieur à zéro"),
            ("", "Saisissez le nombre d'heures."),
            (None, "Saisissez le nombre d'heures."),
            (
                "151,68",
                "151,68 heures sur un mois, c'est plus que ne le permet un mois à "
                "temps plein (151,67 heures).",
            ),
            ("1000000", "plus que ne le permet un mois à temps plein"),
            ("9" * 400, not_a_number),  # beyond a float: infinite
        ]:
            self.assertRefused(parse_hours, value, message, maximum=151.67)

    def test_months(self):
        july = datetime.date(2026, 7, 1)
        for value in (
            "2026-07",
            "07/2026",
            "2026-07-01",
            "2026-07-31",
            datetime.date(2026, 7, 14),
            datetime.datetime(2026, 7, 14, 8, 30),
        ):
            with self.subTest(value=value):
                self.assertEqual(parse_month(self.env, value), july)
        for value in (
            "2026-07-01T00:00:00x",
            "2026-07-01T00:00:00",
            "2026-07-01 00:00",
            "15/07/2026",
            "7/2026",
            "2026-7",
            "2026/07",
            "2026-13",
            "2026-02-30",
            "juillet 2026",
            "٢٠٢٦-٠٧",  # Arabic-Indic digits
        ):
            self.assertRefused(parse_month, value, "n'est pas un mois")
        self.assertRefused(parse_month, "", "Choisissez le mois des heures.")
        self.assertRefused(parse_month, "1999-12", "Le mois 12/1999 n'est pas valide.")

    def test_names(self):
        label = "Nom de la nouvelle personne"
        for value, expected in [
            ("  Nina   Newcomer ", "Nina Newcomer"),
            ("Zoé\tN'Diaye-Martin", "Zoé N'Diaye-Martin"),
            ("Nina\u200bNewcomer", "NinaNewcomer"),  # zero-width space dropped
            ("Ana\u00adïs", "Anaïs"),  # soft hyphen dropped
            ("Jose\u0301", "José"),  # composed (NFC)
        ]:
            with self.subTest(value=value):
                self.assertEqual(clean_name(self.env, value, label), expected)
        controls = "contient des caractères de contrôle ou de sens d'écriture"
        for value in (
            "Nina\x00Newcomer",
            "Nina\x07",
            "Nina\x9bNewcomer",  # C1
            "Nina\x85Newcomer",  # C1 "next line", a space for str.split()
            "Nina\x1cNewcomer",  # C0 "file separator", a space for str.split()
            "Ninà\x1f",
            "Nina\u202eremocweN",  # right-to-left override
            "\u2066Nina\u2069",  # isolates
            "Nina\u202a",
        ):
            self.assertRefused(clean_name, value, controls, label=label)
        for value in ("\u200b", "\u2060\u200b", "123", "-- !", "\u00ad"):
            self.assertRefused(
                clean_name,
                value,
                "Le champ « Nom de la nouvelle personne » doit contenir au moins une "
                "lettre.",
                label=label,
            )
        self.assertRefused(
            clean_name,
            "x" * 129,
            "Le champ « Nom de la nouvelle personne » dépasse 128 caractères.",
            label=label,
        )
        self.assertEqual(clean_text(self.env, None, label), "")

    def test_formats(self):
        self.assertEqual(format_hours(151.67, self.env), "151,67")
        self.assertEqual(format_hours(160.0, self.env), "160")
        self.assertEqual(format_hours(12.5, self.env), "12,5")
        self.assertEqual(format_hours(1234567.0), "1234567")
        # Printed documents (the clause article) group the thousands.
        self.assertEqual(
            format_hours(1800.0, self.env, grouping=True), "1\N{NO-BREAK SPACE}800"
        )
        self.assertEqual(format_hours(1234567.5, grouping=True), "1\xa0234\xa0567,5")
        self.assertEqual(format_hours(800.0, self.env, grouping=True), "800")
        self.assertEqual(format_month(datetime.date(2026, 10, 1)), "10/2026")
