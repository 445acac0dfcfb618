# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging
import re

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..models.common import format_month
from .common import BuyerLotsCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPortalBuyerLots(BuyerLotsCommon):
    def _exact_counts(self):
        """Threshold 1: every count shown, to check the figures themselves
        (the masking of small counts: test_privacy_portal)."""
        self.operation.company_id.social_clause_disclosure_threshold = 1

    def test_figures_of_the_lots(self):
        self._exact_counts()
        operation = self.operation.with_context(lang="fr_FR")
        figures = operation._portal_buyer_figures()
        masonry, painting = figures["lots"]
        self.assertEqual(masonry["name"], "Masonry")
        self.assertEqual(
            {firm["name"] for firm in masonry["firms"]},
            {"Alpha Builders", "Beta Paintworks"},
        )
        self.assertEqual(masonry["hours_committed"], 1000.0)
        self.assertEqual(masonry["gap"], 100.0)
        self.assertEqual(masonry["hours_done"], 55.0)
        self.assertTrue(masonry["is_behind_schedule"])
        self.assertFalse(painting["is_behind_schedule"])
        self.assertEqual(painting["gap"], 280.0)
        # The trend starts with the works (six months ago), for 12 months.
        works = self.operation.date_start.replace(day=1)
        self.assertEqual(len(figures["months"]), 12)
        self.assertEqual(figures["months"][0], works)
        self.assertEqual(figures["months"][6], self.this_month)
        self.assertEqual(masonry["trend"][5], 20.0)  # last month
        self.assertEqual(masonry["trend"][4], 35.0)  # two months ago
        # Clause types in full, not their codes.
        self.assertEqual(masonry["clause_type"], "Condition d'exécution (art. L2112-2)")
        people = figures["people"]
        self.assertEqual(people["total"], 2)
        self.assertEqual(people["gender"], {"female": 1, "male": 1})
        self.assertEqual(people["age_band"], {"26_49": 1, "under_26": 1})
        self.assertEqual(masonry["people"]["total"], 2)
        self.assertEqual(painting["people"]["gender"], {"male": 1})

    def test_buyer_page(self):
        self._exact_counts()
        self._login(self.user_buyer)
        page = self.url_open(self.operation.access_url)
        self.assertEqual(page.status_code, 200)
        html = self._text(page)
        rows = re.findall(r'o_social_clause_lot_row[^"]*" data-lot="(\w+)"', html)
        self.assertEqual(rows, ["Masonry", "Painting"])
        masonry = re.search(r'data-lot="Masonry".*?</tr>', html, re.S).group(0)
        self.assertIn("o_social_clause_behind", masonry)
        self.assertIn("En retard", masonry)
        self.assertIn("Alpha Builders", masonry)
        self.assertIn("Beta Paintworks", masonry)
        self.assertRegex(masonry, r"o_social_clause_gap[^>]*>100,00<")
        self.assertIn("1 000,00", masonry.replace("\u202f", " ").replace("\xa0", " "))
        painting = re.search(r'data-lot="Painting".*?</tr>', html, re.S).group(0)
        self.assertNotIn("o_social_clause_behind", painting)
        self.assertEqual(html.count("o_social_clause_trend_bar"), 24)
        self.assertIn("Heures validées par mois", html)
        self.assertIn(
            "Condition d'exécution (art. L2112-2)",
            re.search(r'data-lot="Masonry".*?</tr>', html, re.S).group(0),
        )
        whole = re.findall(r"o_social_clause_people_row.*?</tr>", html, re.S)[-1]
        self.assertRegex(whole, r'data-gender="female"[^>]*>1<')
        self.assertRegex(whole, r'data-gender="male"[^>]*>1<')
        self.assertRegex(whole, r'data-age-band="under_26"[^>]*>1<')
        self.assertRegex(whole, r'data-age-band="26_49"[^>]*>1<')
        self.assertRegex(whole, r'data-age-band="50_plus"[^>]*>0<')
        # Counts only: no name, no birth date of the people.
        for secret in ("Paula Placed", "Bruno Elsewhere", "1990", "2010"):
            self.assertNotIn(secret, html)
        self.assertIn(f"{self.operation.access_url}/xlsx", html)

    def test_xlsx_download(self):
        import openpyxl

        self._exact_counts()
        self._login(self.user_buyer)
        response = self.url_open(f"{self.operation.access_url}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        lots, trend, people = book.worksheets
        rows = list(lots.iter_rows(values_only=True))
        # A title naming the operation and the buyer, then the table.
        self.assertIn(self.operation.name, rows[0][0])
        self.assertIn(self.operation.buyer_id.name, rows[0][0])
        self.assertTrue(rows[1][0].startswith("Heures validées au "))
        self.assertEqual(
            rows[3],
            (
                "Lot",
                "Entreprises",
                "Heures exigées",
                "Heures engagées",
                "Écart",
                "Heures réalisées",
                "Avancement",
                "En retard",
                "Participants",
                "Type de clause",
            ),
        )
        self.assertEqual(
            [sheet.title for sheet in book.worksheets],
            ["Lots", "Heures par mois", "Personnes"],
        )
        self.assertEqual(rows[4][0], "Masonry")
        self.assertEqual(rows[4][1], "Alpha Builders, Beta Paintworks")
        self.assertEqual(rows[4][2:6], (900, 1000, 100, 55))
        self.assertEqual(rows[4][7], "Oui")
        self.assertEqual(rows[5][7], "Non")
        # Progress is a percentage (a fraction shown as "6%"), not 6.11.
        self.assertAlmostEqual(rows[4][6], 55 / 900)
        self.assertEqual(lots.cell(row=5, column=7).number_format, "0%")
        # The total row sums the lots; its progress is done / required.
        total = rows[-1]
        self.assertEqual(total[0], "Total")
        lot_rows = rows[4:-1]
        for col in range(2, 6):
            self.assertEqual(total[col], sum(row[col] for row in lot_rows))
        self.assertAlmostEqual(total[6], total[5] / total[2])
        trend_rows = list(trend.iter_rows(values_only=True))
        last_month = format_month(self.this_month - relativedelta(months=1))
        self.assertEqual(trend_rows[1][trend_rows[0].index(last_month)], 20)
        self.assertEqual(trend_rows[0][1], format_month(self.operation.date_start))
        self.assertEqual(rows[4][9], "Condition d'exécution (art. L2112-2)")
        whole = list(people.iter_rows(values_only=True))[-1]
        self.assertEqual(whole[0], "Toute l'opération")
        self.assertEqual(whole[1], 2)
        text = " ".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
        self.assertNotIn("Paula", text)
        self.assertNotIn("Bruno", text)
        # Another buyer, a firm: refused.
        for user in (self.user_other_buyer, self.user_a):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertRefused(f"{self.operation.access_url}/xlsx")

    @mute_logger("odoo.http")
    def test_drafts_are_not_shown_to_the_buyer(self):
        self._login(self.user_buyer)
        page = self.url_open("/my/social_clause_operations")
        self.assertNotIn("Draft Plans Library", page.text)
        self.assertEqual(page.text.count("o_social_clause_operation_row"), 2)
        self.assertRefused(self.draft_operation.access_url)
        self.assertRefused(f"{self.draft_operation.access_url}/xlsx")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["social_clause_operation_count"]}
        )
        self.assertEqual(counters["social_clause_operation_count"], 2)

        def call(model, method, args):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {"model": model, "method": method, "args": args, "kwargs": {}},
            )

        operations = call("social.clause.operation", "search_read", [[], ["name"]])
        self.assertNotIn("Draft Plans Library", [o["name"] for o in operations])
        lots = call("social.clause.lot", "search_read", [[], ["name"]])
        self.assertNotIn("Secret lot", [lot["name"] for lot in lots])
        with self.assertRaises(JsonRpcException):
            call(
                "social.clause.operation", "read", [self.draft_operation.ids, ["name"]]
            )


@tagged("post_install", "-at_install")
class TestPortalCoContractors(BuyerLotsCommon):
    """A firm sees its own commitment's figures; the lot's totals, which add
    up the other firms' hours, only the buyer."""

    def test_firm_pages_show_its_own_figures_only(self):
        self._login(self.user_b)
        for url in ("/my/social_clauses", self.commitment_b_masonry.access_url):
            with self.subTest(url=url):
                html = self._text(self.url_open(url)).replace("\u202f", " ")
                self.assertIn("20 h", html)  # its own hours done
                # Not the lot's: 55 done, 1,000 committed, 900 required.
                for total in ("55 h", "1000 h", "1 000 h", "900 h", "35 h"):
                    self.assertNotIn(total, html)
                self.assertNotIn("Paula Placed", html)

    @mute_logger("odoo.http")
    def test_json_rpc_reads_of_lot_fields_refused(self):
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

        fields = ["hours_done", "hours_committed", "progress"]
        self.assertEqual(call("social.clause.lot", "search_read", [[], fields]), [])
        # The exact count of people is for facilitators (buyers read masked
        # counts on their page): even an empty read of it is refused.
        with self.assertRaises(JsonRpcException):
            call("social.clause.lot", "search_read", [[], ["participant_count"]])
        self.assertEqual(
            call(
                "social.clause.lot",
                "search",
                [[("hours_done", ">", 0)]],
            ),
            [],
        )
        with self.assertRaises(JsonRpcException):
            call("social.clause.lot", "read", [self.lot_masonry.ids, fields])
        with self.assertRaises(JsonRpcException):
            call(
                "social.clause.commitment",
                "web_read",
                [self.commitment_b_masonry.ids],
                {"specification": {"lot_id": {"fields": {"hours_done": {}}}}},
            )
        # Its own commitment reads, with its own figures; the lot by name only.
        [own] = call(
            "social.clause.commitment",
            "read",
            [self.commitment_b_masonry.ids, ["lot_id", "hours_done"]],
        )
        self.assertEqual(own["hours_done"], 20.0)
        self.assertEqual(own["lot_id"][0], self.lot_masonry.id)
        # Searching the commitments by the lot's totals finds nothing.
        self.assertEqual(
            call(
                "social.clause.commitment",
                "search",
                [[("lot_id.hours_done", "=", 55.0)]],
            ),
            [],
        )


@tagged("post_install", "-at_install")
class TestPortalBuyerQueries(BuyerLotsCommon):
    """The buyer's and the firm's pages cost the same queries for 10 or 200
    lines."""

    def _queries(self, url):
        self.url_open(url)  # warm the caches
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - count0

    def _add_lines(self, commitment, participants, count):
        months = [self.this_month - relativedelta(months=n) for n in range(1, 13)]
        lines = self.env["social.clause.hour"].create(
            [
                {
                    "commitment_id": commitment.id,
                    "participant_id": participants[n % len(participants)].id,
                    "date": months[(n // len(participants)) % len(months)],
                    "hours": 1.0,
                    "modality": "hire_cdd",
                    "state": "submitted",
                }
                for n in range(count)
            ]
        )
        lines[: count // 2].action_validate()
        self.env.flush_all()

    def test_query_counts_do_not_grow_with_lines(self):
        participants = self.env["social.clause.participant"].create(
            [
                {
                    "name": f"Worker {n:02d}",
                    "firm_ids": [Command.link(self.firm_a.id)],
                    "gender": "female" if n % 2 else "male",
                    "birth_date": f"{1970 + n}-01-01",
                    "eligibility_state": "validated",
                    "eligibility_date": self.this_month - relativedelta(months=13),
                }
                for n in range(20)
            ]
        )
        self._add_lines(self.commitment_a, participants[:10], 10)
        self._login(self.user_buyer)
        buyer_10 = self._queries(self.operation.access_url)
        self._login(self.user_a)
        firm_10 = self._queries(self.commitment_a.access_url)

        self._add_lines(self.commitment_a, participants, 190)
        self._login(self.user_buyer)
        buyer_200 = self._queries(self.operation.access_url)
        self._login(self.user_a)
        firm_200 = self._queries(self.commitment_a.access_url)
        _logger.info(
            "Portal queries, 10 vs 200 lines: buyer %s vs %s, firm %s vs %s",
            buyer_10,
            buyer_200,
            firm_10,
            firm_200,
        )
        self.assertLessEqual(buyer_200, buyer_10)
        self.assertLessEqual(firm_200, firm_10)
