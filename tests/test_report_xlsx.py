# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

import jsonschema
from dateutil.relativedelta import relativedelta

from odoo import sql_db
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.misc import file_path

from .common import XlsxCase, make_user


@tagged("post_install", "-at_install")
class TestHourXlsx(XlsxCase):
    def test_hours_export_of_a_selection(self):
        selection = self.lines[:3] | self.draft_line
        workbook = self._render("social_clause.hour_xlsx", selection)
        sheet = workbook.active
        self.assertEqual(sheet.title, "Heures d'insertion")
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[:9][0], "Mois")
        self.assertIn("Entreprise", header)
        self.assertIn("Modalité", header)
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        body, total = rows[:-1], rows[-1]
        self.assertEqual(len(body), 4)
        hours_col = header.index("Heures")
        expected = sum(spec[2] for spec in self.hour_specs[:3]) + 7.0
        self.assertEqual(total[0], "Total")
        self.assertAlmostEqual(total[hours_col], expected)
        self.assertAlmostEqual(sum(row[hours_col] for row in body), expected)
        # The month is a month: a date cell shown as 10/2026.
        self.assertEqual(sheet.cell(2, 1).number_format, "mm/yyyy")
        months = {row[0].date() for row in body}
        self.assertEqual(months, {self.month, self.month - relativedelta(months=1)})
        firm_col = header.index("Entreprise")
        self.assertEqual(
            {row[firm_col] for row in body}, {self.firm_a.name, self.firm_b.name}
        )
        states = {row[header.index("Statut")] for row in body}
        self.assertEqual(states, {"Validée", "Brouillon"})
        self.assertIn("CDD", " ".join(row[header.index("Modalité")] for row in body))

    def test_hours_export_is_in_the_action_menu(self):
        report = self.env.ref("social_clause.action_report_hour_xlsx")
        self.assertEqual(
            report.binding_model_id.model, "social.clause.hour", "action menu"
        )


@tagged("post_install", "-at_install")
class TestAnnualSurvey(XlsxCase):
    def _data(self):
        return self.survey._get_survey_data(self.year, self.buyer)

    def _rows(self, data, key, table_index=0):
        theme = next(theme for theme in data["themes"] if theme["key"] == key)
        return {row[0]: row[1:] for row in theme["tables"][table_index]["rows"]}

    def test_figures_against_the_lines(self):
        data = self._data()
        total_hours = sum(spec[2] for spec in self.hour_specs)
        # Operations and buyers by kind: one local authority, one operation.
        operations = self._rows(data, "operations")
        self.assertEqual(operations["Collectivité territoriale"][:2], [1, 1])
        self.assertEqual(operations["Total"][0:2], [1, 1])
        self.assertAlmostEqual(operations["Total"][2], 1_300_000)
        # Lots by amount band: 300 k€ and 1 M€.
        lots = self._rows(data, "lots")
        self.assertEqual(lots["100 000 € à 1 M€"][0], 1)
        self.assertEqual(lots["1 M€ à 5 M€"][0], 1)
        self.assertEqual(lots["Total"][0], 2)
        # Hours by sector and modality family, FTE at 1,607 h.
        hours = self._rows(data, "hours")
        masonry = self.sector_masonry.name
        lot_1_hours = sum(
            spec[2] for spec in self.hour_specs if spec[1].lot_id == self.lot_1
        )
        self.assertAlmostEqual(hours[masonry][-2], lot_1_hours)
        self.assertAlmostEqual(hours["Sans secteur"][-2], total_hours - lot_1_hours)
        self.assertAlmostEqual(hours["Total"][-2], total_hours)
        self.assertAlmostEqual(hours["Total"][-1], round(total_hours / 1607, 2))
        direct_hire = sum(
            spec[2] for spec in self.hour_specs if spec[3].startswith("hire_")
        )
        self.assertAlmostEqual(hours["Total"][0], direct_hire)
        summary = self._rows(data, "hours", 2)
        self.assertEqual(summary["Participants"], [2])
        # Work placements: distinct participant x firm x modality.
        placements = {
            (spec[0], spec[1].partner_id, spec[3]) for spec in self.hour_specs
        }
        self.assertEqual(self._rows(data, "placements")["Total"], [len(placements)])
        # Participants, counts only.
        genders = self._rows(data, "participants", 0)
        self.assertEqual(genders["Femme"][0], 1)
        self.assertEqual(genders["Homme"][0], 1)
        self.assertEqual(genders["Total"][0], 2)
        ages = self._rows(data, "participants", 1)
        self.assertEqual(ages["Moins de 26 ans"][0], 1)
        self.assertEqual(ages["26 à 49 ans"][0], 1)
        criteria = self._rows(data, "participants", 3)
        self.assertEqual(
            criteria[f"{self.criterion_rsa.code} - {self.criterion_rsa.name}"][0], 2
        )
        new = self._rows(data, "participants", 4)
        expected_new = 1 if self.participant_2.entry_date.year != self.year else 2
        self.assertEqual(
            new["Nouveaux dans l'année (entrée dans l'année)"][0], expected_new
        )
        self.assertEqual(new["Résidant en QPV"][0], 1)
        # Firms: A ordinary, B an SIAE (EI).
        firms = self._rows(data, "firms")
        self.assertEqual(firms["Entreprises ordinaires"][0], 1)
        self.assertEqual(firms["SIAE (structures d'insertion)"][0], 1)
        b_hours = sum(
            spec[2] for spec in self.hour_specs if spec[1].partner_id == self.firm_b
        )
        self.assertAlmostEqual(firms["SIAE (structures d'insertion)"][2], b_hours)
        # Outcomes at 6 months: one CDI (durable), one job-seeker: 50 %.
        outcomes = self._rows(data, "outcomes")
        self.assertEqual(outcomes["Emploi durable"][0], 1)
        self.assertEqual(outcomes["Autre sortie"][0], 1)
        rate = self._rows(data, "outcomes", 2)
        self.assertEqual(rate["Taux de sorties dynamiques (%)"], [50.0])

    def test_workbook_has_a_sheet_per_theme_with_the_figures(self):
        wizard = (
            self.env["social.clause.annual.survey.wizard"]
            .with_user(self.facilitator)
            .create({"year": self.year, "buyer_id": self.buyer.id})
        )
        workbook = self._render("social_clause.annual_survey_xlsx", wizard)
        self.assertEqual(
            workbook.sheetnames,
            [
                "Opérations et acheteurs",
                "Lots avec clause",
                "Heures d'insertion",
                "Mises en situation de travail",
                "Participants",
                "Entreprises",
                "Suites à 6 mois",
            ],
        )
        total_hours = sum(spec[2] for spec in self.hour_specs)
        hours = self._table(workbook["Heures d'insertion"])
        by_sector = hours["Heures par secteur et modalité"]
        self.assertAlmostEqual(by_sector["Total"][-2], total_hours)
        self.assertAlmostEqual(by_sector["Total"][-1], round(total_hours / 1607, 2))
        participants = self._table(workbook["Participants"])
        self.assertEqual(participants["Participants par genre"]["Femme"][0], 1)
        outcomes = self._table(workbook["Suites à 6 mois"])
        self.assertEqual(
            outcomes["Sorties dynamiques"]["Taux de sorties dynamiques (%)"][0], 50
        )

    def test_preview_shows_every_figure(self):
        wizard_form = Form(
            self.env["social.clause.annual.survey.wizard"].with_user(self.facilitator)
        )
        wizard_form.year = self.year
        wizard_form.buyer_id = self.buyer
        preview = str(wizard_form.preview_html)
        data = self._data()
        for theme in data["themes"]:
            self.assertIn(theme["title"], preview.replace("&#39;", "'"))
            for table in theme["tables"]:
                for row in table["rows"]:
                    self.assertIn(str(row[0]).replace("'", "&#39;"), preview)
        self.assertIn("Taux de sorties dynamiques (%)", preview)

    def test_buyer_filter_and_rights(self):
        other_buyer = self.env["res.partner"].create(
            {"name": "Autre acheteur", "social_clause_buyer_kind": "state"}
        )
        data = self.survey._get_survey_data(self.year, other_buyer)
        self.assertEqual(self._rows(data, "hours")["Total"][-2], 0)
        self.assertEqual(self._rows(data, "participants")["Total"][0], 0)
        employee = make_user(self.env, "sc_employee")
        with self.assertRaises(AccessError):
            self.survey.with_user(employee)._get_survey_data(self.year)

    def test_a_year_is_a_year(self):
        Wizard = self.env["social.clause.annual.survey.wizard"]
        with self.assertRaisesRegex(ValidationError, "Indiquez une année"):
            Wizard.with_user(self.facilitator).create({"year": 26})
        with self.assertRaisesRegex(UserError, "Indiquez une année"):
            self.survey._get_survey_data("deux mille")

    def test_query_count_does_not_grow_with_the_lines(self):
        survey = self.survey
        survey._get_survey_data(self.year, self.buyer)  # warm the caches
        self.env.invalidate_all()
        before = sql_db.sql_counter
        survey._get_survey_data(self.year, self.buyer)
        few = sql_db.sql_counter - before
        # Forty more participants and lines, over more months and firms.
        participants = self.env["social.clause.participant"].create(
            [
                {
                    "name": f"Personne {index}",
                    "criterion_ids": [(6, 0, self.criterion_rsa.ids)],
                    "gender": "female" if index % 2 else "male",
                    "eligibility_state": "validated",
                    "eligibility_date": self.today - relativedelta(months=12),
                }
                for index in range(40)
            ]
        )
        lines = self.env["social.clause.hour"].create(
            [
                self._hour_vals(
                    participant,
                    self.commitment_a1 if index % 2 else self.commitment_b1,
                    10 + index,
                    modality="hire_cdi" if index % 3 else "training",
                )
                for index, participant in enumerate(participants)
            ]
        )
        lines.action_validate()
        self.env.invalidate_all()
        before = sql_db.sql_counter
        data = survey._get_survey_data(self.year, self.buyer)
        many = sql_db.sql_counter - before
        self.assertEqual(self._rows(data, "participants")["Total"][0], 42)
        self.assertLessEqual(many, few)


@tagged("post_install", "-at_install")
class TestDecpXlsx(XlsxCase):
    def test_one_row_per_lot_with_its_social_consideration(self):
        self.lot_2.clause_type = "reserved_siae"
        wizard = (
            self.env["social.clause.annual.survey.wizard"]
            .with_user(self.facilitator)
            .create({"year": self.year, "buyer_id": self.buyer.id})
        )
        workbook = self._render("social_clause.decp_xlsx", wizard)
        sheet = workbook.active
        header = [cell.value for cell in sheet[1]]
        self.assertEqual(header[-1], "considerationsSociales")
        rows = {
            row[header.index("Lot")]: row
            for row in sheet.iter_rows(min_row=2, values_only=True)
        }
        self.assertEqual(set(rows), {"Lot 1 Masonry", "Lot 2 Painting"})
        lot_1 = rows["Lot 1 Masonry"]
        self.assertEqual(lot_1[-1], "Clause sociale")
        self.assertEqual(lot_1[header.index("Acheteur")], self.buyer.name)
        self.assertEqual(lot_1[header.index("Opération")], self.operation.name)
        self.assertAlmostEqual(lot_1[header.index("Montant HT")], 1_000_000)
        self.assertEqual(rows["Lot 2 Painting"][-1], "Marché réservé")
        # A draft operation is not in the year's open data.
        data = self.survey._get_decp_rows(self.year + 50)
        self.assertEqual(data, [])


@tagged("post_install", "-at_install")
class TestDecpJson(XlsxCase):
    """The DECP JSON export, checked against the DECP 2.0.3 schema vendored in
    tests/data/schema_decp_v2.0.3.json: the file ``schema_decp_v2.0.3.json``
    of https://github.com/139bercy/format-commande-publique (commit 79fed6c,
    March 2025), released into the public domain (Unlicense)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer.write({"company_registry": "73282932000074", "zip": "35000"})
        cls.firm_a.company_registry = "44306184100047"
        cls.firm_b.company_registry = "35600000000048"
        cls.lot_1.cpv_code = "45262500"
        cls.lot_2.cpv_code = "45442100"
        cls.lot_2.clause_type = "reserved_siae"
        cls.wizard = (
            cls.env["social.clause.annual.survey.wizard"]
            .with_user(cls.facilitator)
            .create({"year": cls.year, "buyer_id": cls.buyer.id})
        )

    def _schema(self):
        path = file_path("social_clause/tests/data/schema_decp_v2.0.3.json")
        with open(path, encoding="utf-8") as schema_file:
            return json.load(schema_file)

    def _download(self):
        action = self.wizard.action_download_decp_json()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[3].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertEqual(attachment.name, "decp.json")
        return json.loads(attachment.raw)

    def test_export_is_valid_against_the_schema(self):
        data = self._download()
        jsonschema.validate(data, self._schema())
        marches = {m["objet"]: m for m in data["marches"]["marche"]}
        self.assertEqual(
            set(marches),
            {"School building - Lot 1 Masonry", "School building - Lot 2 Painting"},
        )
        masonry = marches["School building - Lot 1 Masonry"]
        self.assertEqual(
            masonry["considerationsSociales"],
            {"considerationSociale": ["Clause sociale"]},
        )
        self.assertEqual(masonry["acheteur"], {"id": "73282932000074"})
        self.assertEqual(masonry["codeCPV"], "45262500")
        self.assertEqual(masonry["montant"], 1_000_000)
        self.assertEqual(masonry["dureeMois"], 12)
        self.assertEqual(
            masonry["lieuExecution"], {"code": "35000", "typeCode": "Code postal"}
        )
        # Every firm with a commitment on the lot, by its SIRET.
        self.assertEqual(
            {t["titulaire"]["id"] for t in masonry["titulaires"]},
            set(self.lot_1.commitment_ids.partner_id.mapped("company_registry")),
        )
        self.assertIn(
            {"titulaire": {"typeIdentifiant": "SIRET", "id": "44306184100047"}},
            masonry["titulaires"],
        )
        # The reserved market is told by its social consideration.
        painting = marches["School building - Lot 2 Painting"]
        self.assertEqual(
            painting["considerationsSociales"],
            {"considerationSociale": ["Marché réservé"]},
        )
        self.assertEqual(
            {t["titulaire"]["id"] for t in painting["titulaires"]},
            set(self.lot_2.commitment_ids.partner_id.mapped("company_registry")),
        )

    def test_the_xlsx_shows_the_same_social_consideration(self):
        rows = self.env["social.clause.annual.survey"]._get_decp_rows(
            self.year, self.buyer
        )
        for row in rows:
            self.assertEqual(
                [row["considerations_sociales"]],
                row["marche"]["considerationsSociales"]["considerationSociale"],
            )

    def test_missing_values_are_refused_with_the_list(self):
        self.lot_2.cpv_code = "4544"
        self.firm_a.company_registry = False
        with self.assertRaises(UserError) as error:
            self.wizard.action_download_decp_json()
        message = str(error.exception)
        self.assertIn("Lot 2 Painting (School building) : Code CPV", message)
        self.assertIn("SIRET de l'entreprise", message)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "decp.json")]))

    def test_a_year_without_lots_is_refused(self):
        self.wizard.year = self.year + 50
        with self.assertRaisesRegex(UserError, "Aucun lot"):
            self.wizard.action_download_decp_json()
