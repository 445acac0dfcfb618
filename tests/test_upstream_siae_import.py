# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl

from odoo.tests import Form, tagged

from odoo.addons.social_clause.wizards.social_clause_siae_import import (
    kind_of,
    split_sectors,
)

from .common import UpstreamCase

# The columns of Le marché de l'inclusion's export of structures.
HEADER = (
    "Raison sociale",
    "Enseigne",
    "Siret",
    "Type de structure",
    "Type de prestation",
    "Site internet",
    "Adresse",
    "Ville",
    "Code Postal",
    "Département",
    "Région",
    "Zone QPV",
    "Secteurs d'activité",
    "Prénom",
    "Nom",
    "E-mail",
    "Téléphone",
)
ROWS = [
    [
        "Jardins du Test",
        "",
        "901 234 567 00013",
        "Atelier chantier d'insertion (ACI)",
        "Prestation de service",
        "www.jardins-test.example",
        "1 rue des Lilas",
        "Lille",
        "59000",
        "59",
        "Hauts-de-France",
        "Non",
        "Création et entretien des espaces verts, Couture, reprisage, retouches",
        "Paul",
        "Vert",
        "contact@jardins-test.example",
        "03 20 00 00 01",
    ],
    [
        "Net Insertion Test",
        "",
        "90223456600013",
        "EI",
        "Prestation de service",
        "",
        "2 rue du Port",
        "Roubaix",
        "59100",
        "59",
        "Hauts-de-France",
        "Oui",
        "Nettoyage spécifique (chantiers, parkings, hôpitaux, hôtellerie...)",
        "",
        "",
        "",
        "",
    ],
    [
        "EA Test Services",
        "",
        "90323456500013",
        "Entreprise adaptée de travail temporaire (EATT)",
        "Mise à disposition - Interim",
        "",
        "",
        "Arras",
        "62000",
        "62",
        "Hauts-de-France",
        "Non",
        "Métallurgie",
        "",
        "",
        "",
        "",
    ],
    [
        "Atelier pénitentiaire",
        "",
        "90423456400014",
        "Produits et services réalisés en prison (SEP)",
        "",
        "",
        "",
        "Loos",
        "59120",
        "59",
        "Hauts-de-France",
        "Non",
        "Textiles",
        "",
        "",
        "",
        "",
    ],
]


def csv_content(rows, header=HEADER):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_content(rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestUpstreamSiaeImport(UpstreamCase):
    def _run(self, content):
        with Form(
            self.env["social.clause.siae.import"].with_user(self.facilitator)
        ) as form:
            form.file = base64.b64encode(content)
        wizard = form.record
        wizard.action_import()
        return wizard

    def _imported(self):
        return self.env["res.partner"].search(
            [
                ("is_company", "=", True),
                (
                    "company_registry",
                    "in",
                    ["90123456700013", "90223456600013", "90323456500013"],
                ),
            ]
        )

    def test_import_twice_creates_nothing_the_second_time(self):
        wizard = self._run(csv_content(ROWS))
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(wizard.created_count, 3)
        self.assertEqual(wizard.skipped_count, 1)  # the prison workshop
        self.assertIn("3 structure(s) créée(s)", wizard.report)
        partners = self._imported()
        self.assertEqual(len(partners), 3)
        jardins = partners.filtered(lambda p: p.name == "Jardins du Test")
        self.assertEqual(jardins.social_clause_employer_kind, "aci")
        self.assertEqual(jardins.siae_department, "59")
        self.assertEqual(jardins.siae_area_key, ",59,")
        self.assertTrue(jardins.siae_offers_service)
        self.assertFalse(jardins.siae_offers_provision)
        self.assertEqual(jardins.website, "http://www.jardins-test.example")
        self.assertEqual(
            sorted(jardins.social_clause_sector_ids.mapped("code")),
            sorted(["green_spaces", "lm_couture_reprisage_retouches"]),
        )
        self.assertEqual(jardins.child_ids.mapped("name"), ["Paul Vert"])
        net = partners.filtered(lambda p: p.name == "Net Insertion Test")
        self.assertEqual(net.social_clause_sector_ids.code, "cleaning")
        ea = partners.filtered(lambda p: p.name == "EA Test Services")
        self.assertEqual(ea.social_clause_employer_kind, "ea")
        self.assertTrue(ea.siae_offers_provision)
        self.assertEqual(ea.social_clause_sector_ids.code, "metal")
        # Second run of the same file: nothing created, nothing changed.
        partner_count = self.env["res.partner"].search_count([])
        sector_count = self.env["social.clause.sector"].search_count([])
        again = self._run(csv_content(ROWS))
        self.assertEqual(again.state, "done", again.report)
        self.assertEqual(again.created_count, 0)
        self.assertEqual(again.updated_count, 0)
        self.assertEqual(again.unchanged_count, 3)
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count)
        self.assertEqual(
            self.env["social.clause.sector"].search_count([]), sector_count
        )
        # A later export with a new address updates the partner, by SIRET.
        moved = [list(row) for row in ROWS]
        moved[1][6] = "10 avenue de la Gare"
        third = self._run(xlsx_content(moved))
        self.assertEqual((third.created_count, third.updated_count), (0, 1))
        self.assertEqual(net.street, "10 avenue de la Gare")
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count)

    def test_malformed_file_is_refused_with_a_row_report(self):
        bad = [list(row) for row in ROWS]
        bad[0][2] = "1234"  # row 2: a SIRET of 4 digits
        bad[2][3] = "Boulangerie"  # row 4: not a kind of structure
        wizard = self._run(csv_content(bad))
        self.assertEqual(wizard.state, "error")
        self.assertEqual(wizard.error_count, 2)
        self.assertIn("Rien n'a été importé", wizard.report)
        self.assertIn(
            "Ligne 2 : Le SIRET « 1234 » doit comporter 14 chiffres (4 saisis).",
            wizard.report,
        )
        self.assertIn("Ligne 4 : ", wizard.report)
        self.assertIn("Boulangerie", wizard.report)
        # All or nothing: the good rows were not imported either.
        self.assertFalse(self._imported())

    def test_missing_columns_are_named(self):
        with self.assertRaisesRegex(Exception, "Siret|SIRET"):
            self._run(csv_content([["A", "EI"]], header=["Raison sociale", "Type"]))

    def test_sector_and_kind_parsing(self):
        self.assertEqual(
            split_sectors(
                "Nettoyage spécifique (chantiers, parkings, hôpitaux...), "
                "Couture, reprisage, retouches, Métallurgie"
            ),
            [
                "Nettoyage spécifique (chantiers, parkings, hôpitaux...)",
                "Couture, reprisage, retouches",
                "Métallurgie",
            ],
        )
        self.assertEqual(split_sectors("Textiles; Traiteur"), ["Textiles", "Traiteur"])
        self.assertEqual(kind_of("Entreprise d'insertion (EI)"), "ei")
        self.assertEqual(kind_of("ESAT"), "esat")
        self.assertEqual(kind_of("Entreprise adaptée"), "ea")
        self.assertEqual(kind_of("SEP"), "skip")
        self.assertIsNone(kind_of("Boulangerie"))
