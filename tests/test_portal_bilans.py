# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestPortalPublishedBilans(SocialClausePortalCommon):
    """The facilitator publishes the bilans of all a buyer's operations for
    a period in one go; the buyer finds them in one list on each operation's
    page and downloads only its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls.today.year - 1
        wizard_form = Form(
            cls.env["social.clause.bilan.wizard"]
            .with_user(cls.facilitator)
            .with_context(default_scope="buyer", lang="fr_FR")
        )
        wizard_form.buyer_id = cls.buyer
        wizard_form.preset = "year"
        wizard_form.year = cls.year
        cls.notification = wizard_form.save().action_publish()
        cls.bilans = cls.env["social.clause.bilan"].search(
            [("buyer_id", "=", cls.buyer.id)]
        )
        wizard_form = Form(
            cls.env["social.clause.bilan.wizard"]
            .with_user(cls.facilitator)
            .with_context(default_scope="buyer", lang="fr_FR")
        )
        wizard_form.buyer_id = cls.other_buyer
        wizard_form.preset = "half_year"
        wizard_form.year = cls.year
        wizard_form.period_index = "2"
        wizard_form.save().action_publish()
        cls.other_bilan = cls.env["social.clause.bilan"].search(
            [("buyer_id", "=", cls.other_buyer.id)]
        )

    def test_batch_publishes_every_operation_of_the_buyer(self):
        self.assertEqual(
            self.bilans.operation_id, self.operation | self.closed_operation
        )
        self.assertEqual(
            self.notification["params"]["message"],
            "2 bilans publiés sur le portail de l'acheteur.",
        )
        for bilan in self.bilans:
            self.assertEqual(bilan.date_from, datetime.date(self.year, 1, 1))
            self.assertEqual(bilan.date_to, datetime.date(self.year, 12, 31))
            self.assertTrue(bilan.attachment_id.raw)
        self.assertEqual(
            (self.other_bilan.date_from, self.other_bilan.date_to),
            (datetime.date(self.year, 7, 1), datetime.date(self.year, 12, 31)),
        )
        # Publishing the same period again replaces, never doubles.
        self.env["social.clause.bilan"]._publish(
            self.operation,
            datetime.date(self.year, 1, 1),
            datetime.date(self.year, 12, 31),
        )
        self.assertEqual(
            self.env["social.clause.bilan"].search_count(
                [("operation_id", "=", self.operation.id)]
            ),
            1,
        )

    def test_buyer_lists_and_downloads_its_bilans(self):
        self._login(self.user_buyer)
        page = self._text(self.url_open(self.operation.access_url))
        self.assertIn("Bilans publiés", page)
        self.assertIn(f"01/01/{self.year}", page)
        bilan = self.bilans.filtered(lambda b: b.operation_id == self.operation)
        self.assertIn(bilan._portal_url(), page)
        self.assertNotIn(self.other_bilan._portal_url(), page)
        response = self.url_open(bilan._portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, bilan.attachment_id.raw)
        disposition = response.headers["Content-Disposition"]
        self.assertIn("attachment", disposition)
        self.assertIn(".pdf", disposition)

    @mute_logger("odoo.http")
    def test_other_buyer_and_firm_refused(self):
        bilan = self.bilans.filtered(lambda b: b.operation_id == self.operation)
        for user in (self.user_other_buyer, self.user_a):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertRefused(bilan._portal_url())
        # The other buyer's own bilan, reached through this operation's URL
        # by its buyer: not served.
        self._login(self.user_buyer)
        response = self._get(
            f"{self.operation.access_url}/bilans/{self.other_bilan.id}"
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotEqual(response.content, self.other_bilan.attachment_id.raw)
        # The other buyer gets its own.
        self._login(self.user_other_buyer)
        response = self.url_open(self.other_bilan._portal_url())
        self.assertEqual(response.content, self.other_bilan.attachment_id.raw)
