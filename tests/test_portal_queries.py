# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged

from .common import SocialClausePortalCommon

_logger = logging.getLogger(__name__)


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
