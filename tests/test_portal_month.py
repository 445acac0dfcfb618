# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import urlparse

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PDF, PNG, PortalMonthCommon


@tagged("post_install", "-at_install")
class TestPortalMonthGrid(PortalMonthCommon):
    def test_grid_lists_the_firms_people_and_its_modalities(self):
        self._login(self.user_a)
        page = self.url_open(self.commitment_a.access_url)
        html = self._text(page)
        rows = re.findall(
            r'o_social_clause_month_row" data-participant="([^"]+)"', html
        )
        self.assertEqual(sorted(rows), ["Hugo Hired", "Paula Placed"])
        self.assertNotIn("Bruno Elsewhere", html)
        # All modalities, none preselected.
        select = re.search(
            rf'<select[^>]*name="modality_{self.participant_a.id}".*?</select>',
            html,
            re.S,
        ).group(0)
        self.assertEqual(select.count("<option"), 13)
        self.assertNotIn("selected", select)
        # The commitment's own modalities only, when it lists any.
        self.commitment_a.modality_ids = [
            Command.set(
                (
                    self.env.ref("social_clause.modality_provision_etti")
                    | self.env.ref("social_clause.modality_hire_cdi")
                ).ids
            )
        ]
        html = self._text(self.url_open(self.commitment_a.access_url))
        select = re.search(
            rf'<select[^>]*name="modality_{self.participant_a.id}".*?</select>',
            html,
            re.S,
        ).group(0)
        self.assertEqual(
            re.findall(r'<option value="([^"]*)"', select),
            ["", "hire_cdi", "provision_etti"],
        )
        self.assertNotIn("selected", select)

    def test_header_speaks_the_firms_words(self):
        self.operation.date_end = "2027-06-30"
        self._login(self.user_a)
        html = self._text(self.url_open(self.commitment_a.access_url))
        header = re.search(
            r"o_social_clause_header\".*?o_social_clause_header_end.*?</div>",
            html,
            re.S,
        ).group(0)
        self.assertNotIn("Exécution", header)
        self.assertIn("Fin des travaux", header)
        self.assertIn("30/06/2027", header)
        # 800 committed, 35 validated: 765 left, in French figures.
        self.assertRegex(html, r'o_social_clause_hours_left"[^>]*>765 h<')
        # On a phone the declaration comes before the tables.
        self.assertRegex(
            html, r'class="order-1 order-lg-2 mb-4 o_social_clause_declare_block"'
        )
        self.assertRegex(
            html, r'class="order-2 order-lg-1 [^"]*o_social_clause_summary"'
        )

    def test_declare_a_month_in_one_go(self):
        self._login(self.user_a2)
        response = self._post(
            self.commitment_a,
            "declare_month",
            {
                "month": self.month,
                f"hours_{self.participant_a.id}": "100,5",
                f"modality_{self.participant_a.id}": "hire_cdi",
                f"hours_{self.participant_a2.id}": "50",
                f"modality_{self.participant_a2.id}": "provision_etti",
                "new_participant_name": "Nina Newcomer",
                "hours_new": "20",
                "modality_new": "hire_cdd",
            },
            files=[
                ("proof_month", ("journal.pdf", PDF, "application/pdf")),
                (f"proof_{self.participant_a2.id}", ("hugo.png", PNG, "image/png")),
            ],
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertIn("done=month", response.headers["Location"])
        lines = self._lines(self.commitment_a).filtered(
            lambda line: line.state == "submitted"
        )
        self.assertEqual(len(lines), 3)
        by_name = {line.participant_id.name: line for line in lines}
        self.assertEqual(by_name["Paula Placed"].hours, 100.5)
        self.assertEqual(by_name["Hugo Hired"].modality, "provision_etti")
        self.assertEqual(by_name["Hugo Hired"].attachment_ids.name, "hugo.png")
        self.assertEqual(by_name["Paula Placed"].attachment_ids.name, "journal.pdf")
        self.assertEqual(
            by_name["Paula Placed"].attachment_ids,
            by_name["Nina Newcomer"].attachment_ids,
        )
        self.assertEqual(by_name["Nina Newcomer"].participant_id.firm_ids, self.firm_a)
        self.assertEqual(set(lines.mapped("declared_by")), {"portal"})
        activity = self.commitment_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("3", activity.note)
        self.assertIn("Nina Newcomer", activity.note)
        page = self.url_open(response.headers["Location"])
        self.assertIn("o_social_clause_success", page.text)

    def test_one_wrong_row_writes_nothing_and_keeps_the_form(self):
        self._login(self.user_a)
        before = self._written_counts()
        cases = [
            (
                {f"hours_{self.participant_a2.id}": "1000"},
                "Hugo Hired : 1000 heures sur un mois",
            ),
            (
                {f"modality_{self.participant_a2.id}": ""},
                "Hugo Hired : Indiquez comment la personne a été employée",
            ),
            (
                {f"modality_{self.participant_a2.id}": "volunteering"},
                "Hugo Hired : Indiquez comment la personne a été employée",
            ),
            ({"month": "2026-13"}, "« 2026-13 » n'est pas un mois"),
            ({"hours_new": "5", "modality_new": "hire_cdd"}, "nouvelle personne"),
        ]
        for overrides, message in cases:
            values = {
                "month": self.month,
                f"hours_{self.participant_a.id}": "35",
                f"modality_{self.participant_a.id}": "hire_cdi",
                f"hours_{self.participant_a2.id}": "40",
                f"modality_{self.participant_a2.id}": "hire_cdd",
            }
            values.update(overrides)
            with self.subTest(overrides=overrides):
                response = self._post(
                    self.commitment_a,
                    "declare_month",
                    values,
                    files=[("proof_month", ("journal.pdf", PDF, "application/pdf"))],
                )
                self.assertEqual(response.status_code, 200)
                text = self._text(response)
                self.assertIn("o_social_clause_error", text)
                self.assertIn(message, text)
                # What was typed is still there; the file must be chosen again.
                self.assertRegex(
                    text,
                    rf'name="hours_{self.participant_a.id}"[^>]*value="35"',
                )
                self.assertIn("o_social_clause_file_again", text)
                self.assertEqual(self._written_counts(), before)
        # Without any proof: refused, and nothing to choose again.
        response = self._post(
            self.commitment_a,
            "declare_month",
            {
                "month": self.month,
                f"hours_{self.participant_a.id}": "35",
                f"modality_{self.participant_a.id}": "hire_cdi",
            },
        )
        self.assertIn("Joignez un justificatif", self._text(response))
        self.assertNotIn("o_social_clause_file_again", response.text)
        self.assertEqual(self._written_counts(), before)

    def test_monthly_maximum_tells_nothing_of_other_firms(self):
        # Bruno has 21 hours validated last month with firm B; he now works
        # for firm A too, which declares 140 hours of him.
        self.participant_b.firm_ids = [Command.link(self.firm_a.id)]
        self._login(self.user_a)
        before = self._written_counts()
        response = self._post(
            self.commitment_a,
            "declare_month",
            {
                "month": self.month,
                f"hours_{self.participant_b.id}": "140",
                f"modality_{self.participant_b.id}": "hire_cdd",
                f"hours_{self.participant_a2.id}": "20",
                f"modality_{self.participant_a2.id}": "hire_cdd",
            },
            files=[("proof_month", ("journal.pdf", PDF, "application/pdf"))],
        )
        text = self._text(response)
        self.assertIn(
            "Bruno Elsewhere dépasserait le maximum mensuel de 151,67 heures", text
        )
        error = re.search(r"o_social_clause_error.*?</div>", text, re.S).group(0)
        for figure in ("161", "21"):
            self.assertNotIn(figure, error)
        self.assertEqual(self._written_counts(), before)

    def test_another_firm_cannot_declare_the_month(self):
        self._login(self.user_b)
        before = self._written_counts()
        csrf = self._csrf_token(self.commitment_b)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/declare_month",
            data={
                "csrf_token": csrf,
                "month": self.month,
                f"hours_{self.participant_a.id}": "10",
                f"modality_{self.participant_a.id}": "hire_cdd",
            },
            files={"proof_month": ("journal.pdf", PDF, "application/pdf")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        # Nor for a person placed with another firm, on its own commitment.
        response = self._post(
            self.commitment_b,
            "declare_month",
            {
                "month": self.month,
                f"hours_{self.participant_a.id}": "10",
                f"modality_{self.participant_a.id}": "hire_cdd",
                f"hours_{self.participant_b.id}": "",
            },
            files=[("proof_month", ("journal.pdf", PDF, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Saisissez les heures d'au moins une personne", self._text(response)
        )
        self.assertEqual(self._written_counts(), before)


@tagged("post_install", "-at_install")
class TestPortalCorrectWithdraw(PortalMonthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.submitted = cls.env["social.clause.hour"].create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a2.id,
                "date": cls.last_month,
                "hours": 30.0,
                "modality": "hire_cdd",
                "state": "submitted",
                "declared_by": "portal",
            }
        )
        cls.proof = cls.env["ir.attachment"].create(
            {
                "name": "payslip.pdf",
                "raw": PDF,
                "res_model": "social.clause.hour",
                "res_id": cls.submitted.id,
            }
        )
        cls.submitted.attachment_ids = [Command.set(cls.proof.ids)]

    def test_correct_a_submitted_line(self):
        self._login(self.user_a)
        page = self._text(self.url_open(self.commitment_a.access_url))
        self.assertEqual(page.count("o_social_clause_update_form"), 1)
        response = self._post(
            self.commitment_a,
            f"hours/{self.submitted.id}/update",
            {"hours": "32,5", "modality": "hire_cdi"},
            files={"proof": ("new.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertRecordValues(
            self.submitted,
            [{"hours": 32.5, "modality": "hire_cdi", "state": "submitted"}],
        )
        self.assertEqual(self.submitted.attachment_ids.name, "new.png")
        # A wrong value: refused, the line kept, the typed value shown again.
        response = self._post(
            self.commitment_a,
            f"hours/{self.submitted.id}/update",
            {"hours": "-3", "modality": "hire_cdi"},
        )
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        self.assertIn("Le nombre d'heures doit être supérieur à zéro", text)
        self.assertRegex(text, r'<details class="o_social_clause_hour_edit" open')
        self.env.invalidate_all()
        self.assertEqual(self.submitted.hours, 32.5)

    def test_withdraw_a_submitted_line(self):
        self._login(self.user_a2)
        response = self._post(self.commitment_a, f"hours/{self.submitted.id}/withdraw")
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.submitted.exists())
        self.assertFalse(self.proof.exists())
        self.assertIn("Hugo Hired", self.commitment_a.message_ids[0].body)

    def test_validated_line_cannot_be_changed(self):
        self._login(self.user_a)
        for path in (
            f"hours/{self.hour_a_validated.id}/update",
            f"hours/{self.hour_a_validated.id}/withdraw",
        ):
            with self.subTest(path=path):
                response = self._post(
                    self.commitment_a, path, {"hours": "1", "modality": "hire_cdd"}
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(
                    "Seules les heures en attente de validation",
                    self._text(response),
                )
        self.env.invalidate_all()
        self.assertRecordValues(self.hour_a_validated, [{"hours": 35.0}])

    def test_open_the_proof_again(self):
        self._login(self.user_a)
        page = self.url_open(self.commitment_a.access_url)
        url = f"/my/social_clauses/{self.commitment_a.id}/proof/{self.proof.id}"
        self.assertIn(url, page.text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    @mute_logger("odoo.http")
    def test_another_firm_refused_by_url_form_and_rpc(self):
        self._login(self.user_b)
        csrf = self._csrf_token(self.commitment_b)
        base = f"/my/social_clauses/{self.commitment_a.id}"
        self.assertRefused(f"{base}/proof/{self.proof.id}")
        # Its own commitment's URL with the other firm's line or proof.
        own = f"/my/social_clauses/{self.commitment_b.id}"
        self.assertRefused(f"{own}/proof/{self.proof.id}")
        for url in (
            f"{base}/hours/{self.submitted.id}/update",
            f"{base}/hours/{self.submitted.id}/withdraw",
            f"{own}/hours/{self.submitted.id}/update",
            f"{own}/hours/{self.submitted.id}/withdraw",
        ):
            with self.subTest(url=url):
                response = self.url_open(
                    url,
                    data={"csrf_token": csrf, "hours": "1", "modality": "hire_cdd"},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 303)
                self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        for method, args in (
            ("_portal_update_line", [[self.commitment_b.id], self.submitted.id, {}]),
            ("_portal_withdraw_line", [[self.commitment_b.id], self.submitted.id]),
            ("_portal_declare_month", [[self.commitment_b.id], self.month, []]),
            ("_portal_import_hours", [[self.commitment_b.id], "a.csv", ""]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {
                        "model": "social.clause.commitment",
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                )
        self.env.invalidate_all()
        self.assertRecordValues(self.submitted, [{"hours": 30.0, "state": "submitted"}])


@tagged("post_install", "-at_install")
class TestPortalUpload(PortalMonthCommon):
    HEADER = "Participant;Lot;Entreprise;Mois;Heures;Modalité\n"

    def _csv(self, *rows):
        return (self.HEADER + "".join(";".join(row) + "\n" for row in rows)).encode()

    def _upload(self, commitment, content, filename="heures.csv"):
        return self._post(
            commitment,
            "import",
            files={
                "hours_file": (filename, content, "text/csv"),
                "proof_file": ("journal.pdf", PDF, "application/pdf"),
            },
        )

    def test_upload_all_rows(self):
        self.firm_a.company_registry = "12345678200010"
        self._login(self.user_a)
        content = self._csv(
            (
                self.participant_a.reference,
                self.lot_masonry.reference,
                "12345678200010",
                self.month,
                "60",
                "hire_cdi",
            ),
            (
                "Hugo Hired",
                self.lot_masonry.reference,
                "Alpha Builders",
                self.month,
                "40,5",
                "hire_cdd",
            ),
        )
        response = self._upload(self.commitment_a, content)
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        self.assertIn("o_social_clause_import_report", text)
        self.assertIn("2 ligne(s)", text)
        lines = self._lines(self.commitment_a).filtered(
            lambda line: line.state == "submitted"
        )
        self.assertEqual(sorted(lines.mapped("hours")), [40.5, 60.0])
        self.assertEqual(set(lines.mapped("declared_by")), {"portal"})
        self.assertTrue(self.commitment_a.activity_ids)

    def test_one_wrong_row_imports_nothing(self):
        self._login(self.user_a)
        before = self._written_counts()
        lot = self.lot_masonry.reference
        content = self._csv(
            ("Paula Placed", lot, "Alpha Builders", self.month, "60", "hire_cdi"),
            # A person of another firm, a lot of another firm, not a number.
            ("Bruno Elsewhere", lot, "Alpha Builders", self.month, "10", "hire_cdi"),
            (
                "Hugo Hired",
                self.lot_painting.reference,
                "Alpha Builders",
                self.month,
                "10",
                "hire_cdi",
            ),
            ("Hugo Hired", lot, "Alpha Builders", self.month, "dix", "hire_cdi"),
        )
        response = self._upload(self.commitment_a, content)
        self.assertEqual(response.status_code, 200)
        text = self._text(response)
        self.assertIn("Rien n'a été importé", text)
        self.assertIn("Ligne 3 : participant Bruno Elsewhere inconnu", text)
        # Another firm's lot: refused, without naming that firm.
        self.assertIn(
            "Ligne 4 : votre entreprise n'a pas d'engagement sur un lot",
            text,
        )
        self.assertNotIn("Beta Paintworks", text)
        self.assertIn("Ligne 5 : Saisissez les heures sous forme de nombre", text)
        self.assertNotIn("Ligne 2 ", text)
        self.assertEqual(self._written_counts(), before)

    def test_other_firm_cannot_upload(self):
        self._login(self.user_b)
        before = self._written_counts()
        csrf = self._csrf_token(self.commitment_b)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/import",
            data={"csrf_token": csrf},
            files={"hours_file": ("h.csv", self._csv(), "text/csv")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertEqual(self._written_counts(), before)

    def test_template_download(self):
        self._login(self.user_a)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/import_template"
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
