# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import logging
import re
from urllib.parse import urlparse

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class SocialClausePortalCommon(HttpCase):
    """Two firms, two buyers, their portal users and a facilitator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The users of the product are French: the pages they see, and the
        # messages the tests read, are the French of i18n/fr.po.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.today = fields.Date.context_today(cls.env.user)
        cls.this_month = cls.today.replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.two_months_ago = cls.this_month - relativedelta(months=2)
        cls.facilitator = cls._create_user(
            "sc_facilitator", "Fanny Facilitator", "social_clause.group_user"
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Town of Portalville",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        cls.other_buyer = cls.env["res.partner"].create(
            {
                "name": "Other Housing Board",
                "is_company": True,
                "social_clause_buyer_kind": "social_landlord",
            }
        )
        cls.firm_a = cls.env["res.partner"].create(
            {"name": "Alpha Builders", "is_company": True}
        )
        cls.firm_b = cls.env["res.partner"].create(
            {"name": "Beta Paintworks", "is_company": True}
        )
        cls.user_a = cls._create_portal_user("sc_firm_a", "Anna Alpha", cls.firm_a)
        cls.user_a2 = cls._create_portal_user("sc_firm_a2", "Adam Alpha", cls.firm_a)
        cls.user_b = cls._create_portal_user("sc_firm_b", "Bob Beta", cls.firm_b)
        cls.user_buyer = cls._create_portal_user("sc_buyer", "Bella Buyer", cls.buyer)
        cls.user_other_buyer = cls._create_portal_user(
            "sc_other_buyer", "Oscar Other", cls.other_buyer
        )

        Operation = cls.env["social.clause.operation"]
        cls.operation = Operation.create(
            {
                "name": "School of the Portal",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Masonry", "amount_untaxed": 1_000_000.0}),
                    Command.create({"name": "Painting", "amount_untaxed": 300_000.0}),
                ],
            }
        )
        cls.lot_masonry, cls.lot_painting = cls.operation.lot_ids
        cls.other_operation = Operation.create(
            {
                "name": "Housing of the Other Board",
                "buyer_id": cls.other_buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Roofing", "amount_untaxed": 500_000.0})
                ],
            }
        )
        cls.closed_operation = Operation.create(
            {
                "name": "Finished Gymnasium",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Carpentry", "amount_untaxed": 200_000.0})
                ],
            }
        )
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a = Commitment.create(
            {
                "lot_id": cls.lot_masonry.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 800.0,
            }
        )
        cls.commitment_b = Commitment.create(
            {
                "lot_id": cls.lot_painting.id,
                "partner_id": cls.firm_b.id,
                "hours_committed": 300.0,
            }
        )
        cls.commitment_a_other = Commitment.create(
            {
                "lot_id": cls.other_operation.lot_ids.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 400.0,
            }
        )
        cls.commitment_a_closed = Commitment.create(
            {
                "lot_id": cls.closed_operation.lot_ids.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 100.0,
            }
        )
        cls.closed_operation.state = "closed"

        cls.criterion = cls.env["social.clause.criterion"].search([], limit=1)
        Participant = cls.env["social.clause.participant"]
        cls.participant_a = Participant.create(
            {
                "name": "Paula Placed",
                "firm_ids": [Command.link(cls.firm_a.id)],
                "birth_date": "1990-05-17",
                "criterion_ids": [Command.link(cls.criterion.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.two_months_ago,
            }
        )
        cls.participant_b = Participant.create(
            {
                "name": "Bruno Elsewhere",
                "firm_ids": [Command.link(cls.firm_b.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.two_months_ago,
            }
        )
        Hour = cls.env["social.clause.hour"]
        cls.hour_a_validated = Hour.create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a.id,
                "date": cls.two_months_ago,
                "hours": 35.0,
                "modality": "hire_cdd",
            }
        )
        cls.hour_a_validated.action_validate()
        cls.hour_a_rejected = Hour.create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a.id,
                "date": cls.last_month,
                "hours": 12.0,
                "modality": "hire_cdd",
            }
        )
        cls.hour_a_rejected.action_reject("The payslip is missing its second page.")
        cls.hour_b = Hour.create(
            {
                "commitment_id": cls.commitment_b.id,
                "participant_id": cls.participant_b.id,
                "date": cls.last_month,
                "hours": 21.0,
                "modality": "provision_etti",
            }
        )
        cls.hour_b.action_validate()

    @classmethod
    def _create_user(cls, login, name, group_xmlid, partner=None):
        return (
            cls.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": name,
                    "login": login,
                    "password": login,  # start_tour logs in with login/login
                    "email": f"{login}@example.com",
                    "lang": "fr_FR",
                    "partner_id": partner.id if partner else False,
                    "groups_id": [Command.set([cls.env.ref(group_xmlid).id])],
                }
            )
        )

    @classmethod
    def _create_portal_user(cls, login, name, company_partner):
        """A portal user whose partner is a contact of ``company_partner``."""
        contact = cls.env["res.partner"].create(
            {"name": name, "parent_id": company_partner.id, "type": "contact"}
        )
        return cls._create_user(login, name, "base.group_portal", partner=contact)

    def _login(self, user):
        self.authenticate(user.login, user.login)

    @staticmethod
    def _text(response):
        """The page as its reader sees it: HTML entities (``&#39;``) decoded."""
        return html.unescape(response.text)

    def _get(self, url):
        response = self.url_open(url, allow_redirects=False)
        return response

    def assertRefused(self, url):
        """Odoo's portal convention: what is not yours redirects to /my."""
        response = self._get(url)
        self.assertEqual(response.status_code, 303, url)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my", url)

    def _csrf_token(self, commitment):
        page = self.url_open(commitment.access_url)
        self.assertEqual(page.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "the declaration form carries a CSRF token")
        return match.group(1)

    def _declare(self, commitment, values, files=None, csrf=True):
        data = dict(values)
        if csrf:
            data["csrf_token"] = self._csrf_token(commitment)
        if files is None:
            files = {"proof": ("payslip.pdf", PDF, "application/pdf")}
        return self.url_open(
            f"/my/social_clauses/{commitment.id}/declare",
            data=data,
            files=files,
            allow_redirects=False,
        )

    def _written_counts(self):
        self.env.invalidate_all()
        return {
            "hours": self.env["social.clause.hour"].search_count([]),
            "participants": self.env["social.clause.participant"]
            .with_context(active_test=False)
            .search_count([]),
            "attachments": self.env["ir.attachment"].search_count(
                [("res_model", "=", "social.clause.hour")]
            ),
            "activities": self.env["mail.activity"].search_count(
                [("res_model", "=", "social.clause.commitment")]
            ),
        }


@tagged("post_install", "-at_install")
class TestSocialClausePortalAccess(SocialClausePortalCommon):
    def test_access_url(self):
        self.assertEqual(
            self.commitment_a.access_url, f"/my/social_clauses/{self.commitment_a.id}"
        )
        self.assertEqual(
            self.operation.access_url,
            f"/my/social_clause_operations/{self.operation.id}",
        )

    def test_grant_portal_access_to_a_firm_contact(self):
        """Odoo's standard "Grant portal access" is all a firm contact needs."""
        contact = self.env["res.partner"].create(
            {
                "name": "Berta Beta",
                "email": "berta@beta.example.com",
                "parent_id": self.firm_b.id,
            }
        )
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_model="res.partner", active_ids=contact.ids)
            .create({})
        )
        wizard.user_ids.action_grant_access()
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        commitments = self.env["social.clause.commitment"].with_user(user)
        self.assertEqual(commitments.search([]), self.commitment_b)
        hours = self.env["social.clause.hour"].with_user(user)
        self.assertEqual(hours.search([]), self.hour_b)
        self.assertFalse(self.env["social.clause.operation"].with_user(user).search([]))

    def test_home_counters(self):
        counters = ["social_clause_commitment_count", "social_clause_operation_count"]
        expected = {
            self.user_a: (3, 0),
            self.user_a2: (3, 0),
            self.user_b: (1, 0),
            self.user_buyer: (0, 2),
            self.user_other_buyer: (0, 1),
        }
        for user, (commitments, operations) in expected.items():
            with self.subTest(user=user.login):
                self._login(user)
                result = self.make_jsonrpc_request(
                    "/my/counters", {"counters": counters}
                )
                self.assertEqual(result["social_clause_commitment_count"], commitments)
                self.assertEqual(result["social_clause_operation_count"], operations)
        self._login(self.user_a)
        home = self.url_open("/my")
        self.assertEqual(home.status_code, 200)
        self.assertIn('href="/my/social_clauses"', home.text)
        self.assertIn(
            'data-placeholder_count="social_clause_commitment_count"', home.text
        )

    def test_firm_list_shows_only_its_commitments(self):
        for user in (self.user_a, self.user_a2):
            with self.subTest(user=user.login):
                self._login(user)
                page = self.url_open("/my/social_clauses")
                self.assertEqual(page.status_code, 200)
                self.assertEqual(page.text.count("o_social_clause_commitment_row"), 3)
                for commitment in (
                    self.commitment_a,
                    self.commitment_a_other,
                    self.commitment_a_closed,
                ):
                    self.assertIn(commitment.access_url + '"', page.text)
                self.assertNotIn(self.commitment_b.access_url + '"', page.text)
                self.assertIn("Town of Portalville", page.text)
                self.assertNotIn("Painting", page.text)
        self._login(self.user_b)
        page = self.url_open("/my/social_clauses?sortby=progress")
        self.assertEqual(page.text.count("o_social_clause_commitment_row"), 1)
        self.assertIn(self.commitment_b.access_url + '"', page.text)
        self.assertNotIn("Masonry", page.text)

    def test_firm_detail_shows_hours_without_sensitive_data(self):
        self._login(self.user_a)
        page = self.url_open(self.commitment_a.access_url)
        self.assertEqual(page.status_code, 200)
        html = page.text
        self.assertIn("Paula Placed", html)
        self.assertEqual(html.count("o_social_clause_hour_row"), 2)
        self.assertIn('data-state="validated"', html)
        self.assertIn('data-state="rejected"', html)
        self.assertIn("The payslip is missing its second page.", html)
        self.assertIn("o_social_clause_by_month", html)
        self.assertIn("o_social_clause_by_modality", html)
        self.assertIn("o_social_clause_by_participant", html)
        # Other firms' people and the participant's sensitive data never show.
        self.assertNotIn("Bruno Elsewhere", html)
        for birth_date in ("1990-05-17", "05/17/1990", "17/05/1990"):
            self.assertNotIn(birth_date, html)
        self.assertNotIn(self.criterion.name, html)
        self.assertIn('name="csrf_token"', html)

    def test_other_firm_urls_refused(self):
        self._login(self.user_b)
        for url in (
            self.commitment_a.access_url,
            f"{self.commitment_a.access_url}/page/2",
            f"{self.commitment_a.access_url}/attestation",
            self.commitment_a_other.access_url,
            "/my/social_clauses/999999",
            self.operation.access_url,
        ):
            with self.subTest(url=url):
                self.assertRefused(url)
        # A buyer sees operations, not the firms' commitments.
        self._login(self.user_buyer)
        for url in (
            self.commitment_a.access_url,
            f"{self.commitment_b.access_url}/attestation",
            self.other_operation.access_url,
        ):
            with self.subTest(url=url):
                self.assertRefused(url)
        self._login(self.user_other_buyer)
        self.assertRefused(self.operation.access_url)

    def test_other_firm_cannot_declare(self):
        self._login(self.user_b)
        before = self._written_counts()
        csrf = self._csrf_token(self.commitment_b)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/declare",
            data={
                "csrf_token": csrf,
                "participant_id": self.participant_a.id,
                "month": self.last_month.strftime("%Y-%m"),
                "hours": "10",
                "modality": "hire_cdd",
            },
            files={"proof": ("payslip.pdf", PDF, "application/pdf")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my")
        self.assertEqual(self._written_counts(), before)

    @mute_logger("odoo.http")  # the refused calls are logged as warnings
    def test_json_rpc_is_limited_to_own_records(self):
        self._login(self.user_b)

        def call(model, method, args, kwargs=None):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )

        records = call("social.clause.commitment", "search_read", [[], ["id"]])
        self.assertEqual([r["id"] for r in records], [self.commitment_b.id])
        hours = call("social.clause.hour", "search_read", [[], ["id"]])
        self.assertEqual([r["id"] for r in hours], [self.hour_b.id])
        forbidden = [
            ("social.clause.commitment", "read", [[self.commitment_a.id], ["id"]]),
            ("social.clause.hour", "read", [[self.hour_a_validated.id], ["hours"]]),
            (
                "social.clause.commitment",
                "write",
                [[self.commitment_b.id], {"hours_committed": 1.0}],
            ),
            (
                "social.clause.hour",
                "write",
                [[self.hour_b.id], {"state": "validated"}],
            ),
            (
                "social.clause.hour",
                "create",
                [
                    {
                        "commitment_id": self.commitment_b.id,
                        "participant_id": self.participant_b.id,
                        "hours": 5.0,
                        "date": str(self.last_month),
                    }
                ],
            ),
            ("social.clause.participant", "search_read", [[], ["name"]]),
            ("social.clause.criterion", "search_read", [[], ["name"]]),
            (
                "social.clause.commitment",
                "_portal_declare_hours",
                [[self.commitment_b.id], {}, []],
            ),
        ]
        for model, method, args in forbidden:
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException):
                    call(model, method, args)
        self.env.invalidate_all()
        self.assertEqual(self.commitment_b.hours_committed, 300.0)
        self.assertEqual(self.hour_b.state, "validated")

    def test_buyer_sees_only_its_operations(self):
        self._login(self.user_buyer)
        page = self.url_open("/my/social_clause_operations")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(page.text.count("o_social_clause_operation_row"), 2)
        self.assertIn(self.operation.access_url + '"', page.text)
        self.assertIn(self.closed_operation.access_url + '"', page.text)
        self.assertNotIn("Housing of the Other Board", page.text)
        detail = self.url_open(self.operation.access_url)
        self.assertEqual(detail.status_code, 200)
        self.assertEqual(detail.text.count("o_social_clause_lot_row"), 2)
        self.assertIn("Masonry", detail.text)
        self.assertIn("Painting", detail.text)
        # Two people have counted hours: Paula (firm A) and Bruno (firm B).
        self.assertRegex(
            detail.text, r'o_social_clause_participant_count"[^>]*>\s*2\s*<'
        )
        self.assertNotIn("Paula Placed", detail.text)
        self._login(self.user_other_buyer)
        page = self.url_open("/my/social_clause_operations")
        self.assertEqual(page.text.count("o_social_clause_operation_row"), 1)
        self.assertIn("Housing of the Other Board", page.text)
        self.assertNotIn("School of the Portal", page.text)


@tagged("post_install", "-at_install")
class TestSocialClausePortalDeclaration(SocialClausePortalCommon):
    def _valid_values(self, **overrides):
        values = {
            "participant_id": str(self.participant_a.id),
            "month": self.last_month.strftime("%Y-%m"),
            "hours": "42.5",
            "modality": "hire_cdi",
        }
        values.update(overrides)
        return values

    def test_declare_hours(self):
        self._login(self.user_a2)
        response = self._declare(
            self.commitment_a,
            self._valid_values(),
            files={"proof": ("payslip.png", PNG, "image/png")},
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(
                f"{self.commitment_a.access_url}?declared=1#hours"
            )
        )
        line = self.env["social.clause.hour"].search(
            [("commitment_id", "=", self.commitment_a.id), ("hours", "=", 42.5)]
        )
        self.assertEqual(len(line), 1)
        self.assertRecordValues(
            line,
            [
                {
                    "participant_id": self.participant_a.id,
                    "date": self.last_month,
                    "modality": "hire_cdi",
                    "state": "submitted",
                    "declared_by": "portal",
                    "partner_id": self.firm_a.id,
                }
            ],
        )
        self.env.invalidate_all()
        self.assertEqual(len(line.attachment_ids), 1)
        self.assertRecordValues(
            line.attachment_ids,
            [
                {
                    "res_model": "social.clause.hour",
                    "res_id": line.id,
                    "mimetype": "image/png",
                    "name": "payslip.png",
                }
            ],
        )
        activity = self.commitment_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.facilitator)
        self.assertIn("Paula Placed", activity.note)
        self.assertEqual(self.commitment_a.hours_submitted, 42.5)
        page = self.url_open(response.headers["Location"])
        self.assertIn("o_social_clause_success", page.text)
        self.assertEqual(page.text.count('data-state="submitted"'), 1)

    def test_propose_new_person(self):
        self._login(self.user_a)
        response = self._declare(
            self.commitment_a,
            self._valid_values(
                participant_id="new", new_participant_name="  Nina   Newcomer "
            ),
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        newcomer = self.env["social.clause.participant"].search(
            [("name", "=", "Nina Newcomer")]
        )
        self.assertEqual(len(newcomer), 1)
        self.assertEqual(newcomer.firm_ids, self.firm_a)
        self.assertEqual(newcomer.eligibility_state, "to_check")
        self.assertEqual(newcomer.user_id, self.facilitator)
        line = newcomer.hour_ids
        self.assertRecordValues(
            line, [{"state": "submitted", "commitment_id": self.commitment_a.id}]
        )
        self.assertIn(
            "vérifiez son éligibilité",
            html.unescape(self.commitment_a.activity_ids.note),
        )
        # The firm may now declare hours of the person it proposed.
        page = self.url_open(self.commitment_a.access_url)
        self.assertRegex(page.text, rf'<option value="{newcomer.id}"[^>]*>')

    def test_bad_input_is_refused_and_nothing_written(self):
        self.env["social.clause.hour"].create(
            {
                "commitment_id": self.commitment_b.id,
                "participant_id": self.participant_b.id,
                "date": self.two_months_ago,
                "hours": 140.0,
                "modality": "hire_cdd",
            }
        )
        # Bruno also works for firm A: only the monthly maximum stops him.
        self.participant_b.firm_ids = [Command.link(self.firm_a.id)]
        next_month = (self.this_month + relativedelta(months=1)).strftime("%Y-%m")
        # Binary content, with line breaks as real files have (werkzeug
        # buffers a multipart part until it sees one).
        big_pdf = PDF + bytes(range(256)) * (41 * 1024)
        cases = [
            ({"hours": "-5"}, None, "Le nombre d'heures doit être supérieur à zéro."),
            ({"hours": "0"}, None, "Le nombre d'heures doit être supérieur à zéro."),
            (
                {"hours": "1000"},
                None,
                "c'est plus que ne le permet un mois à temps plein",
            ),
            ({"hours": "nan"}, None, "Saisissez les heures sous forme de nombre"),
            ({"hours": "ten"}, None, "Saisissez les heures sous forme de nombre"),
            ({"month": next_month}, None, "pour un mois à venir"),
            ({"month": "2026-13"}, None, "Choisissez le mois des heures."),
            ({"month": ""}, None, "Choisissez le mois des heures."),
            (
                {"participant_id": str(self.participant_b.id), "hours": "20"},
                None,
                "Bruno Elsewhere totaliserait 160 heures",
            ),
            (
                {"modality": "volunteering"},
                None,
                "Indiquez comment la personne a été employée",
            ),
            (
                {"participant_id": ""},
                None,
                "ou indiquez le nom d'une nouvelle personne",
            ),
            (
                {"participant_id": "new", "new_participant_name": "x" * 200},
                None,
                "Le nom de la nouvelle personne est trop long.",
            ),
            (
                {"participant_id": "999999"},
                None,
                "Ce participant n'est pas en poste dans votre entreprise",
            ),
            (
                {"participant_id": "not-an-id"},
                None,
                "Ce participant n'est pas en poste dans votre entreprise",
            ),
            (
                {},
                {"proof": ("payslip.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
                "n'est ni un PDF ni une image",
            ),
            (
                {},
                {"proof": ("notes.txt", b"just some text", "text/plain")},
                "n'est ni un PDF ni une image",
            ),
            (
                {},
                {"proof": ("big.pdf", big_pdf, "application/pdf")},
                "dépasse 10 Mo",
            ),
            ({}, {}, "Joignez un justificatif des heures"),
        ]
        self.participant_b.hour_ids.flush_recordset()
        self._login(self.user_a)
        before = self._written_counts()
        for overrides, files, message in cases:
            values = self._valid_values(**overrides)
            if overrides.get("participant_id") == str(self.participant_b.id):
                values["month"] = self.two_months_ago.strftime("%Y-%m")
            with self.subTest(overrides=overrides, message=message):
                response = self._declare(self.commitment_a, values, files=files)
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_social_clause_error", response.text)
                self.assertIn(message, self._text(response))
                self.assertEqual(self._written_counts(), before)

    def test_other_firm_participant_refused(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(
            self.commitment_a,
            self._valid_values(participant_id=str(self.participant_b.id)),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Ce participant n'est pas en poste dans votre entreprise",
            self._text(response),
        )
        self.assertEqual(self._written_counts(), before)
        # Nor is the other firm's participant offered in the form.
        self.assertNotIn("Bruno Elsewhere", response.text)

    def test_closed_or_cancelled_operation_refused(self):
        self._login(self.user_a)
        page = self.url_open(self.commitment_a_closed.access_url)
        self.assertIn("o_social_clause_no_declaration", page.text)
        self.assertNotIn("o_social_clause_declare_form", page.text)
        for state in ("closed", "cancelled"):
            self.closed_operation.state = state
            self.env.flush_all()
            with self.subTest(state=state):
                before = self._written_counts()
                csrf = self._csrf_token(self.commitment_a)
                response = self.url_open(
                    f"/my/social_clauses/{self.commitment_a_closed.id}/declare",
                    data=dict(self._valid_values(), csrf_token=csrf),
                    files={"proof": ("payslip.pdf", PDF, "application/pdf")},
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 200)
                # The refusal itself, not the notice the page always shows
                # ("Cette opération n'accepte plus de déclarations d'heures.").
                self.assertIn(
                    "elle n'accepte plus de déclarations", self._text(response)
                )
                self.assertEqual(self._written_counts(), before)

    @mute_logger("odoo.http")  # the missing token is logged as a warning
    def test_csrf_required(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(self.commitment_a, self._valid_values(), csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._written_counts(), before)

    def test_get_on_declare_refused(self):
        self._login(self.user_a)
        response = self._get(f"/my/social_clauses/{self.commitment_a.id}/declare")
        self.assertEqual(response.status_code, 405)

    def test_anonymous_redirected_to_login(self):
        self.authenticate(None, None)
        response = self._get(self.commitment_a.access_url)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/web/login")


@tagged("post_install", "-at_install")
class TestSocialClausePortalQueries(SocialClausePortalCommon):
    """Rendering the firm's pages costs the same queries for 10 or 500 lines."""

    def _add_lines(self, commitment, count, participants):
        months = [self.this_month - relativedelta(months=n) for n in range(1, 13)]
        states = ["submitted", "validated", "rejected"]
        self.env["social.clause.hour"].create(
            [
                {
                    "commitment_id": commitment.id,
                    "participant_id": participants[n % len(participants)].id,
                    "date": months[(n // len(participants)) % len(months)],
                    "hours": 1.0,
                    "modality": "hire_cdd" if n % 2 else "provision_geiq",
                    "state": states[n % len(states)],
                    "rejection_reason": "Unreadable" if n % 3 == 2 else False,
                }
                for n in range(count)
            ]
        )
        self.env.flush_all()

    def _queries(self, url):
        self.url_open(url)  # warm the caches (routing, templates, assets)
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        response = self.url_open(url)
        count = self.cr.sql_log_count - count0
        self.assertEqual(response.status_code, 200)
        return count, response.text

    def test_query_count_does_not_grow_with_lines(self):
        commitment = self.env["social.clause.commitment"].create(
            {
                "lot_id": self.lot_painting.id,
                "partner_id": self.firm_a.id,
                "hours_committed": 1000.0,
            }
        )
        participants = self.env["social.clause.participant"].create(
            [
                {
                    "name": f"Worker {n:02d}",
                    "firm_ids": [Command.link(self.firm_a.id)],
                    "eligibility_state": "validated",
                    "eligibility_date": self.this_month - relativedelta(months=13),
                }
                for n in range(50)
            ]
        )
        self._add_lines(commitment, 10, participants[:10])
        self._login(self.user_a)
        list_url, detail_url = "/my/social_clauses", commitment.access_url
        list_10, _html = self._queries(list_url)
        detail_10, html = self._queries(detail_url)
        self.assertEqual(html.count("o_social_clause_hour_row"), 10)

        self._add_lines(commitment, 490, participants)
        list_500, _html = self._queries(list_url)
        detail_500, html = self._queries(detail_url)
        self.assertEqual(len(commitment.hour_ids), 500)
        # One page of lines, the pager for the others.
        self.assertEqual(html.count("o_social_clause_hour_row"), 80)
        self.assertIn(f"{detail_url}/page/2", html)
        _logger.info(
            "Portal queries, 10 vs 500 lines: list %s vs %s, detail %s vs %s",
            list_10,
            list_500,
            detail_10,
            detail_500,
        )
        self.assertLessEqual(
            list_500, list_10, f"list: {list_10} queries (10), {list_500} (500)"
        )
        self.assertLessEqual(
            detail_500,
            detail_10,
            f"detail: {detail_10} queries (10 lines), {detail_500} (500 lines)",
        )
        self.assertGreater(detail_10, 0)


@tagged("post_install", "-at_install")
class TestSocialClausePortalTour(SocialClausePortalCommon):
    def test_tour_declare_hours(self):
        tour_participant = self.env["social.clause.participant"].create(
            {"name": "Tour Participant", "firm_ids": [Command.link(self.firm_a.id)]}
        )
        tour_lot = self.env["social.clause.lot"].create(
            {
                "operation_id": self.operation.id,
                "name": "Tour lot",
                "amount_untaxed": 100_000.0,
            }
        )
        commitment = self.env["social.clause.commitment"].create(
            {"lot_id": tour_lot.id, "partner_id": self.firm_a.id, "hours_committed": 50}
        )
        self.start_tour(
            "/my", "social_clause_portal_declare_hours", login=self.user_a.login
        )
        self.env.invalidate_all()
        line = commitment.hour_ids
        self.assertRecordValues(
            line,
            [
                {
                    "participant_id": tour_participant.id,
                    "date": self.last_month,
                    "hours": 42.0,
                    "modality": "hire_cdi",
                    "state": "submitted",
                    "declared_by": "portal",
                }
            ],
        )
        self.assertEqual(line.attachment_ids.mimetype, "application/pdf")
        self.assertEqual(line.attachment_ids.name, "payslip.pdf")
