# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The bad-input tables: for the firm's declaration route and the import
wizard, every kind of bad input tried (negative, huge, wrong type, control
characters, wrong owner, missing, duplicate, closed operation, oversized or
fake file), each refused with its French message and nothing written."""

import base64
import io
import re
import tracemalloc
import zipfile
from unittest.mock import patch
from urllib.parse import urlparse

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..wizards import social_clause_file_import
from .common import PDF, PNG, SocialClauseCase, SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestBadInputDeclarationRoute(SocialClausePortalCommon):
    """POST /my/social_clauses/<id>/declare: a page with the message, never a
    server error, and nothing written."""

    def test_bad_inputs(self):
        two_months_ago = self.two_months_ago.strftime("%Y-%m")
        next_month = self.this_month.replace(
            year=self.this_month.year + (self.this_month.month == 12),
            month=self.this_month.month % 12 + 1,
        ).strftime("%Y-%m")
        # Binary content, with line breaks as real files have (werkzeug
        # buffers a multipart part until it sees one).
        big_pdf = PDF + bytes(range(256)) * (41 * 1024)
        positive = "Le nombre d'heures doit être supérieur à zéro"
        not_a_number = "Saisissez les heures sous forme de nombre"
        full_time = "plus que ne le permet un mois à temps plein (151,67 heures)"
        controls = "contient des caractères de contrôle ou de sens d'écriture"
        not_placed = "Ce participant n'est pas en poste dans votre entreprise"
        not_a_month = "n'est pas un mois : écrivez-le sous la forme 10/2026"
        new = {"participant_id": "new"}
        table = [
            # (kind, form values, files, message)
            ("negative", {"hours": "-5"}, None, positive),
            ("negative", {"hours": "-0,01"}, None, positive),
            ("zero", {"hours": "0"}, None, positive),
            ("huge", {"hours": "1000"}, None, full_time),
            ("huge", {"hours": "9" * 30}, None, full_time),
            ("huge", {"hours": "9" * 400}, None, "dépasse 128 caractères"),
            ("huge", {"hours": "1e308"}, None, not_a_number),
            ("wrong type", {"hours": "ten"}, None, not_a_number),
            ("wrong type", {"hours": "nan"}, None, not_a_number),
            ("wrong type", {"hours": "inf"}, None, not_a_number),
            ("wrong type", {"hours": "1e-300"}, None, not_a_number),
            ("wrong type", {"hours": "1_0"}, None, not_a_number),
            ("wrong type", {"hours": "١٠"}, None, not_a_number),
            ("wrong type", {"hours": "0.0001"}, None, "ont plus de deux décimales"),
            ("wrong type", {"hours": "1.23456789"}, None, "ont plus de deux décimales"),
            ("wrong type", {"month": "2026-07-01T00:00:00x"}, None, not_a_month),
            ("wrong type", {"month": "2026-13"}, None, not_a_month),
            ("wrong type", {"month": next_month}, None, "pour un mois à venir"),
            ("wrong type", {"month": "1999-12"}, None, "n'est pas valide"),
            ("wrong type", {"participant_id": "not-an-id"}, None, not_placed),
            ("wrong type", {"participant_id": "1.5"}, None, not_placed),
            ("wrong type", {"participant_id": "١"}, None, not_placed),
            (
                "wrong type",
                {"modality": "volunteering"},
                None,
                "Indiquez comment la personne a été employée",
            ),
            (
                "control characters",
                dict(new, new_participant_name="Nina\x00Newcomer"),
                None,
                controls,
            ),
            (
                "control characters",
                dict(new, new_participant_name="\u202eremocweN aniN"),
                None,
                controls,
            ),
            (
                "control characters",
                dict(new, new_participant_name="\u200b\u2060"),
                None,
                "doit contenir au moins une lettre",
            ),
            (
                "control characters",
                dict(new, new_participant_name="x" * 200),
                None,
                "dépasse 128 caractères",
            ),
            ("control characters", {"hours": "3\x005"}, None, controls),
            ("control characters", {"month": "2026-07\x00"}, None, controls),
            ("control characters", {"modality": "hire_cdi\x1b"}, None, controls),
            (
                "control characters",
                {},
                {"proof": ("payslip\u202efdp.exe", PDF, "application/pdf")},
                controls,
            ),
            (
                "wrong owner",
                {"participant_id": str(self.participant_b.id)},
                None,
                not_placed,
            ),
            ("wrong owner", {"participant_id": "999999"}, None, not_placed),
            (
                "missing",
                {"participant_id": ""},
                None,
                "ou indiquez le nom d'une nouvelle personne",
            ),
            (
                "missing",
                dict(new, new_participant_name=" "),
                None,
                "ou indiquez le nom",
            ),
            ("missing", {"hours": ""}, None, "Saisissez le nombre d'heures."),
            ("missing", {"month": ""}, None, "Choisissez le mois des heures."),
            ("missing", {"modality": ""}, None, "Indiquez comment la personne"),
            ("missing", {}, {}, "Joignez un justificatif des heures"),
            (
                "missing",
                {},
                {"proof": ("empty.pdf", b"", "application/pdf")},
                "Joignez un justificatif des heures",
            ),
            (
                "duplicate",
                {"month": two_months_ago, "modality": "hire_cdd", "hours": "35"},
                None,
                "Paula Placed a déjà 35 heures déclarées pour "
                f"{self.two_months_ago.strftime('%m/%Y')} avec cette modalité",
            ),
            (
                "fake attachment",
                {},
                {"proof": ("payslip.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
                "n'est ni un PDF ni une image",
            ),
            (
                "fake attachment",
                {},
                {"proof": ("notes.txt", b"just some text", "text/plain")},
                "n'est ni un PDF ni une image",
            ),
            (
                "oversized attachment",
                {},
                {"proof": ("big.pdf", big_pdf, "application/pdf")},
                "dépasse 10 Mo",
            ),
        ]
        self._login(self.user_a)
        before = self._written_counts()
        for kind, overrides, files, message in table:
            with self.subTest(kind=kind, values=overrides, message=message):
                response = self._declare(
                    self.commitment_a,
                    self._declaration_values(**overrides),
                    files=files,
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_social_clause_error", response.text)
                self.assertIn(message, self._text(response))
                self.assertEqual(self._written_counts(), before)
        # What was typed stays in the form, the file is to choose again.
        response = self._declare(
            self.commitment_a,
            self._declaration_values(hours="ten", modality="hire_cdd"),
        )
        self.assertIn('value="ten"', response.text)

    def test_closed_or_cancelled_operation(self):
        self._login(self.user_a)
        for state in ("closed", "cancelled"):
            self.closed_operation.state = state
            self.env.flush_all()
            with self.subTest(state=state):
                before = self._written_counts()
                response = self._declare(
                    self.commitment_a_closed,
                    self._declaration_values(),
                    files={"proof": ("payslip.png", PNG, "image/png")},
                    csrf_from=self.commitment_a,
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("elle n'accepte plus d'heures", self._text(response))
                self.assertEqual(self._written_counts(), before)

    def test_other_firm_commitment(self):
        """Wrong owner of the commitment itself: back to /my, nothing written."""
        self._login(self.user_b)
        before = self._written_counts()
        response = self._declare(
            self.commitment_a, self._declaration_values(), csrf_from=self.commitment_b
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertEqual(self._written_counts(), before)


@tagged("post_install", "-at_install")
class TestBadInputImport(SocialClauseCase):
    """The import wizard: every bad row reported in French, nothing imported."""

    HEADER = "Participant;Lot;SIRET;Mois;Heures;Modalité"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm_a.company_registry = "11111111800019"
        cls.firm_b.company_registry = "22222222600029"
        cls.outsider = cls.env["social.clause.participant"].create(
            {"name": "Carla Ailleurs", "firm_ids": [Command.set(cls.firm_b.ids)]}
        )
        cls.closed = cls.env["social.clause.operation"].create(
            {
                "name": "Gymnase terminé",
                "buyer_id": cls.buyer.id,
                "lot_ids": [Command.create({"name": "Charpente"})],
            }
        )
        cls.env["social.clause.commitment"].create(
            {"lot_id": cls.closed.lot_ids.id, "partner_id": cls.firm_a.id}
        )
        cls.closed.state = "closed"
        cls.Hour = cls.env["social.clause.hour"]

    def _row(self, **cells):
        row = {
            "participant": self.participant.reference,
            "lot": self.lot_1.reference,
            "firm": "11111111800019",
            "month": self.month.strftime("%m/%Y"),
            "hours": "35",
            "modality": "CDI",
        }
        row.update(cells)
        return ";".join(
            row[key]
            for key in ("participant", "lot", "firm", "month", "hours", "modality")
        )

    def _import(self, content, filename="heures.csv", **values):
        wizard = self.env["social.clause.hour.import"].create(
            {"file": base64.b64encode(content), "filename": filename, **values}
        )
        wizard.action_import()
        return wizard

    def _csv(self, *rows):
        return "\n".join((self.HEADER,) + rows).encode("utf-8")

    def _counts(self):
        return (
            self.Hour.search_count([]),
            self.env["social.clause.participant"]
            .with_context(active_test=False)
            .search_count([]),
        )

    def test_bad_rows(self):
        not_a_number = "Saisissez les heures sous forme de nombre"
        controls = "contient des caractères de contrôle ou de sens d'écriture"
        not_a_month = "n'est pas un mois"
        table = [
            ("negative", {"hours": "-3"}, "doit être supérieur à zéro (« -3 »)"),
            ("huge", {"hours": "1000"}, "plus que ne le permet un mois à temps plein"),
            ("wrong type", {"hours": "abc"}, not_a_number),
            ("wrong type", {"hours": "1e-300"}, not_a_number),
            ("wrong type", {"hours": "1_0"}, not_a_number),
            ("wrong type", {"hours": "٣٥"}, not_a_number),
            ("wrong type", {"hours": "0,0001"}, "ont plus de deux décimales"),
            ("wrong type", {"month": "2026-07-01T00:00:00x"}, not_a_month),
            ("wrong type", {"month": "13/2025"}, not_a_month),
            ("wrong type", {"month": "15/07/2025"}, not_a_month),
            (
                "wrong type",
                {"modality": "bénévolat"},
                "modalité « bénévolat » inconnue",
            ),
            ("wrong type", {"participant": "P-99999"}, "participant P-99999 inconnu"),
            ("wrong type", {"lot": "LOT-99999"}, "lot LOT-99999 inconnu"),
            (
                "wrong type",
                {"firm": "73282932000074"},
                "entreprise 73282932000074 inconnue",
            ),
            (
                "bad SIRET",
                {"firm": "99999999999999"},
                "Le SIRET « 99999999999999 » n'est pas valide : sa clé",
            ),
            (
                "bad SIRET",
                {"firm": "111 111 118 00018"},
                "Le SIRET « 111 111 118 00018 » n'est pas valide : sa clé",
            ),
            (
                "bad SIRET",
                {"firm": "35600000012345"},
                "Le SIRET « 35600000012345 » n'est pas valide",
            ),
            (
                "formula",
                {"participant": '=HYPERLINK("https://evil.example","P-1")'},
                "participant =HYPERLINK",
            ),
            ("control characters", {"participant": "Alice\x00Durand"}, controls),
            ("control characters", {"firm": "\u202e11000111111111"}, controls),
            ("control characters", {"hours": "3\x075"}, controls),
            ("control characters", {"modality": "CDI\x1b"}, controls),
            ("missing", {"participant": ""}, "la colonne Participant est vide"),
            ("missing", {"hours": ""}, "Saisissez le nombre d'heures."),
            ("missing", {"month": ""}, "Choisissez le mois des heures."),
            (
                "closed operation",
                {"lot": self.closed.lot_ids.reference},
                "est à l'état « clôturée » : elle n'accepte plus d'heures.",
            ),
        ]
        before = self._counts()
        for kind, cells, message in table:
            with self.subTest(kind=kind, cells=cells):
                # A good row, then the bad one: nothing of either is imported.
                wizard = self._import(
                    self._csv(
                        self._row(participant=self.participant_2.reference),
                        self._row(**cells),
                    )
                )
                self.assertEqual(wizard.state, "error", wizard.report)
                self.assertNotIn("Ligne 2 :", wizard.report)
                row_3 = [
                    line
                    for line in wizard.report.splitlines()
                    if line.startswith("Ligne 3 : ")
                ]
                self.assertEqual(len(row_3), 1, wizard.report)
                self.assertIn(message, row_3[0])
                self.assertEqual(self._counts(), before)

    def test_duplicate_rows(self):
        before = self._counts()
        wizard = self._import(self._csv(self._row(), self._row(modality="hire_cdi")))
        self.assertIn(
            "Ligne 3 : même participant, entreprise, lot, mois et modalité que la "
            "ligne 2",
            wizard.report,
        )
        self.assertEqual(self._counts(), before)

    def test_wrong_owner_in_a_firm_file(self):
        before = self._counts()
        wizard = self._import(
            self._csv(
                self._row(lot=self.lot_2.reference, firm=""),
                self._row(participant=self.outsider.name, firm=""),
            ),
            partner_id=self.firm_a.id,
        )
        self.assertIn(
            "Ligne 2 : votre entreprise n'a pas d'engagement sur un lot "
            f"{self.lot_2.reference} : vérifiez la référence du lot",
            wizard.report,
        )
        self.assertIn("Ligne 3 : participant Carla Ailleurs inconnu", wizard.report)
        self.assertEqual(self._counts(), before)

    def test_lots_of_others_in_a_firm_file(self):
        """A firm's file learns nothing of the lots it has no commitment on:
        another buyer's draft, a co-contractor's lot and no lot at all get
        the same answer."""
        draft = self.env["social.clause.operation"].create(
            {
                "name": "Projet d'un autre acheteur",
                "buyer_id": self.env["res.partner"]
                .create({"name": "Autre acheteur", "is_company": True})
                .id,
                "lot_ids": [Command.create({"name": "Lot secret"})],
            }
        )
        lots = [
            draft.lot_ids.reference,
            "Lot secret",
            self.lot_2.reference,
            "LOT-99999",
            "Pas de lot",
        ]
        before = self._counts()
        wizard = self._import(
            self._csv(*(self._row(lot=lot, firm="") for lot in lots)),
            partner_id=self.firm_a.id,
        )
        answers = {
            line.split(" : ", 1)[1].replace(lot, "<lot>")
            for line, lot in zip(
                [line for line in wizard.report.splitlines() if " : " in line][1:],
                lots,
                strict=True,
            )
        }
        self.assertEqual(
            answers,
            {
                "votre entreprise n'a pas d'engagement sur un lot <lot> : vérifiez "
                "la référence du lot sur votre page du portail"
            },
            wizard.report,
        )
        self.assertEqual(self._counts(), before)

    def test_bad_files(self):
        xlsx_like = b"PK\x03\x04 not really a workbook"
        table = [
            (b"", "heures.csv", "Choisissez le fichier à importer."),
            (
                xlsx_like,
                "heures.xlsx",
                "Le fichier n'a pas pu être lu comme un classeur",
            ),
            (b"MZ\x90\x00\x03", "heures.xlsx", "n'a pas pu être lu comme un classeur"),
            (b"\xd0\xcf\x11\xe0", "heures.xls", "Les anciens fichiers Excel (.xls)"),
            (
                PNG,
                "heures.csv",
                "La première ligne du fichier doit nommer les colonnes",
            ),
            (
                PDF,
                "heures.csv",
                "La première ligne du fichier doit nommer les colonnes",
            ),
            (
                self.HEADER.encode(),
                "heures.csv",
                "Le fichier n'a aucune ligne d'heures",
            ),
            (b"\n\n", "heures.csv", "Le fichier n'a pas de ligne d'en-t"),
        ]
        before = self._counts()
        for content, filename, message in table:
            with self.subTest(filename=filename, content=content[:10]):
                with self.assertRaises(UserError) as catcher:
                    self._import(content, filename=filename)
                self.assertIn(message, str(catcher.exception))
                self.assertEqual(self._counts(), before)
        with patch.object(social_clause_file_import, "MAX_FILE_BYTES", 100):
            with self.assertRaises(UserError) as catcher:
                self._import(self._csv(*(self._row() for __ in range(5))))
        self.assertIn("Le fichier dépasse", str(catcher.exception))
        self.assertEqual(self._counts(), before)

    # Hostile files (#16, finding 4): the limits hold before the cells are read.

    def _xlsx(self, *rows, dimension=None, padding=0):
        """An XLSX of these rows; ``dimension`` rewrites the range the sheet
        declares, ``padding`` adds that many bytes of XML comment to it."""
        import xlsxwriter

        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        sheet = book.add_worksheet()
        for number, row in enumerate((self.HEADER,) + rows):
            for column, value in enumerate(row.split(";")):
                sheet.write_string(number, column, value)
        book.close()
        source = zipfile.ZipFile(io.BytesIO(output.getvalue()))
        result = io.BytesIO()
        with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
            for part in source.infolist():
                data = source.read(part.filename)
                if part.filename == "xl/worksheets/sheet1.xml":
                    if dimension:
                        data = re.sub(
                            rb'<dimension ref="[^"]*"/>',
                            b'<dimension ref="%s"/>' % dimension.encode(),
                            data,
                        )
                    data = data.replace(
                        b"<sheetData>", b"<!--" + b" " * padding + b"--><sheetData>"
                    )
                target.writestr(part.filename, data)
        return result.getvalue()

    def test_declared_dimensions_are_not_trusted(self):
        """An XLSX of 2 KB declaring A1:XFD4000 (16,384 columns, 4,000
        rows) used to make the server hold ~760 MB: now its real rows are
        read, 50 columns at most, in a few megabytes."""
        content = self._xlsx(self._row(), dimension="A1:XFD4000")
        self.assertLess(len(content), 10000)
        before = self._counts()
        tracemalloc.start()
        try:
            wizard = self._import(content, filename="heures.xlsx")
            __, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual((wizard.line_count, wizard.created_count), (1, 1))
        self.assertLess(peak, 30 * 1024 * 1024)
        self.assertEqual(self._counts()[0], before[0] + 1)
        rows = list(wizard._iter_rows(io.BytesIO(content), len(content)))
        self.assertEqual([number for number, __ in rows], [1, 2])
        self.assertTrue(all(len(cells) == 6 for __, cells in rows))

    def test_hostile_files(self):
        """Each refused with its French message, nothing imported."""
        long_cell = self._row(participant="x" * 1001)
        blank_lines = self._csv(self._row()) + b"\n" * 5000
        table = [
            (
                b";" * 60000,
                "heures.csv",
                {},
                "Une ligne du fichier dépasse 50150 caractères",
            ),
            (
                self._csv(long_cell),
                "heures.csv",
                {},
                "Ligne 2 : une cellule contient plus de 1000 caractères.",
            ),
            (
                self._xlsx(long_cell),
                "heures.xlsx",
                {},
                "Ligne 2 : une cellule contient plus de 1000 caractères.",
            ),
            (
                blank_lines,
                "heures.csv",
                {"MAX_ROWS": 1000},
                "Le fichier a plus de 1\N{NO-BREAK SPACE}000 lignes (lignes vides "
                "comprises)",
            ),
            (
                self._xlsx(*(self._row() for __ in range(3)), dimension="A1:F1048576"),
                "heures.xlsx",
                {"MAX_ROWS": 2},
                "Le fichier a plus de 2 lignes",
            ),
            (
                self._xlsx(self._row(), padding=200000),
                "heures.xlsx",
                {"MAX_XLSX_BYTES": 100000},
                "Le classeur est trop volumineux une fois décompressé",
            ),
        ]
        before = self._counts()
        for content, filename, limits, message in table:
            with self.subTest(message=message):
                with patch.multiple(
                    social_clause_file_import, **(limits or {"MAX_COLUMNS": 50})
                ):
                    with self.assertRaises(UserError) as catcher:
                        self._import(content, filename=filename)
                self.assertIn(message, str(catcher.exception))
                self.assertEqual(self._counts(), before)
