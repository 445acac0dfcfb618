# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlparse

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PDF, SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestSocialClausePortalAccess(SocialClausePortalCommon):
    """Who reaches what: URLs, counters and JSON-RPC, per firm and buyer."""

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
