# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
from urllib.parse import urlparse

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PNG, SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestSocialClausePortalDeclaration(SocialClausePortalCommon):
    def test_declare_hours(self):
        self._login(self.user_a2)
        response = self._declare(
            self.commitment_a,
            self._declaration_values(),
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
            self._declaration_values(
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
        self.assertIn(f'name="hours_{newcomer.id}"', page.text)
        self.assertIn('data-participant="Nina Newcomer"', page.text)

    def test_other_firm_participant_refused(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(
            self.commitment_a,
            self._declaration_values(participant_id=str(self.participant_b.id)),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Ce participant n'est pas en poste dans votre entreprise",
            self._text(response),
        )
        self.assertEqual(self._written_counts(), before)
        # Nor is the other firm's participant offered in the form.
        self.assertNotIn("Bruno Elsewhere", response.text)

    def test_closed_operation_shows_no_form(self):
        """The page says so; the refused POST is in test_bad_input."""
        self._login(self.user_a)
        page = self.url_open(self.commitment_a_closed.access_url)
        self.assertIn("o_social_clause_no_declaration", page.text)
        self.assertNotIn("o_social_clause_declare_form", page.text)

    @mute_logger("odoo.http")  # the missing token is logged as a warning
    def test_csrf_required(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(
            self.commitment_a, self._declaration_values(), csrf=False
        )
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
