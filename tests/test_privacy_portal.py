# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #16, findings 1 and 3: what buyers read of people is masked below
the disclosure threshold (page, XLSX, bilan, with or without a period), and
firms do not read who proposed a candidate, by URL and JSON-RPC."""

import io
import json
import re

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import (
    BuyerLotsCommon,
    SocialClauseReportCase,
    make_portal_user,
    make_user,
)
from .test_evaluation import answer_survey

MASK = "< 5"


@tagged("post_install", "-at_install")
class TestPrivacyBuyer(BuyerLotsCommon):
    """Two people on the operation (a woman, a man): every count is small."""

    def _people_rows(self, html):
        return re.findall(r"o_social_clause_people_row.*?</tr>", html, re.S)

    def test_buyer_page_masks_small_counts(self):
        self._login(self.user_buyer)
        listing = self._text(self.url_open("/my/social_clause_operations"))
        row = re.search(
            rf'href="{self.operation.access_url}".*?</tr>', listing, re.S
        ).group(0)
        self.assertIn(f">{MASK}<", row)
        html = self._text(self.url_open(self.operation.access_url))
        self.assertRegex(
            html, rf'o_social_clause_participant_count"[^>]*>\s*{MASK}\s*<'
        )
        rows = self._people_rows(html)
        for key in ("female", "male"):
            self.assertRegex(rows[-1], rf'data-gender="{key}"[^>]*>{MASK}<')
        self.assertRegex(rows[-1], rf'data-age-band="under_26"[^>]*>{MASK}<')
        for people_row in rows:
            # No cell reads 1 or 2: a single person never shows.
            self.assertNotRegex(people_row, r">\s*[12]\s*<")
        # The other buyer and a firm do not get the page at all.
        for user in (self.user_other_buyer, self.user_a):
            with self.subTest(user=user.login):
                self._login(user)
                self.assertRefused(self.operation.access_url)

    @mute_logger("odoo.http", "odoo.models")
    def test_buyer_reads_no_exact_count_by_rpc(self):
        def call(method, args, kwargs=None):
            return self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "social.clause.lot",
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )

        for user in (self.user_buyer, self.user_other_buyer):
            self._login(user)
            with self.subTest(user=user.login):
                for method, args in (
                    ("read", [self.lot_masonry.ids, ["participant_count"]]),
                    ("search_read", [[], ["participant_count"]]),
                    ("search", [[("participant_count", "=", 2)]]),
                    ("read_group", [[], ["participant_count:sum"], []]),
                ):
                    with self.subTest(method=method):
                        with self.assertRaises(JsonRpcException):
                            call(method, args)
        # Its lots read by name, as its page shows them.
        self._login(self.user_buyer)
        names = call("search_read", [[], ["name"]])
        self.assertLessEqual(
            set(self.operation.lot_ids.mapped("name")), {row["name"] for row in names}
        )

    def test_buyer_xlsx_masks_small_counts(self):
        import openpyxl

        self._login(self.user_buyer)
        response = self.url_open(f"{self.operation.access_url}/xlsx")
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        lots, _trend, people = book.worksheets
        # Under the title and the headers: the two lots, then the total row.
        self.assertEqual(
            [row[8] for row in lots.iter_rows(min_row=5, values_only=True)],
            [MASK, MASK, MASK],
        )
        for row in people.iter_rows(min_row=2, values_only=True):
            self.assertNotIn(1, row[1:])
            self.assertNotIn(2, row[1:])
        self.assertEqual(list(people.iter_rows(values_only=True))[-1][1], MASK)

    def test_complementary_suppression_and_threshold_setting(self):
        women = self.env["social.clause.participant"].create(
            [
                {
                    "name": f"Worker {n}",
                    "gender": "female",
                    "birth_date": "1980-01-01",
                    "firm_ids": [Command.link(self.firm_a.id)],
                    "eligibility_state": "validated",
                    "eligibility_date": self.two_months_ago,
                }
                for n in range(6)
            ]
        )
        lines = self.env["social.clause.hour"].create(
            [
                {
                    "commitment_id": self.commitment_a.id,
                    "participant_id": woman.id,
                    "date": self.last_month,
                    "hours": 7.0,
                    "modality": "hire_cdd",
                }
                for woman in women
            ]
        )
        lines.action_validate()
        operation = self.operation.with_context(lang="fr_FR")
        people = operation._portal_buyer_figures()["people"]
        # 8 people: 7 women, 1 man. The man alone would be 8 - 7: the women
        # are masked with him ("masqué": not "< 5", which would be false).
        self.assertEqual(people["total"], 8)
        self.assertEqual(people["gender"], {"female": "masqué", "male": MASK})
        self.assertEqual(people["age_band"], {"26_49": "masqué", "under_26": MASK})
        # The facilitator's own count stays exact.
        self.assertEqual(self.operation._get_participant_counts()[self.operation.id], 8)
        # The threshold is a company setting; 1 shows every count.
        settings = Form(self.env["res.config.settings"])
        settings.social_clause_disclosure_threshold = 1
        settings.save().execute()
        people = self.operation._portal_buyer_figures()["people"]
        self.assertEqual(people["gender"], {"female": 7, "male": 1})
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                self.env.company.social_clause_disclosure_threshold = 0

    def test_bilan_data_is_masked_for_the_buyer(self):
        bilan = self.operation._get_bilan_data()
        people = bilan["people"]
        self.assertEqual(people["participant_count"], MASK)
        for breakdown in people["breakdowns"]:
            for row in breakdown["rows"]:
                with self.subTest(breakdown=breakdown["title"], row=row[0]):
                    self.assertEqual(row[1:], (MASK, MASK))
        for moment in bilan["outcomes"]:
            self.assertIsNone(moment["dynamic_rate"])

    @mute_logger("odoo.http")
    def test_buyer_cannot_choose_a_period(self):
        day = str(self.last_month)
        with self.assertRaises(UserError):
            self.operation.with_user(self.user_buyer)._get_bilan_data(day, day)
        # The facilitator prints the period (masked as well).
        bilan = self.operation.with_user(self.facilitator)._get_bilan_data(day, day)
        self.assertEqual(bilan["people"]["participant_count"], MASK)
        # By the report URL's options: a clear error, no figures.
        self._login(self.user_buyer)
        options = json.dumps({"date_from": day, "date_to": day})
        for converter in ("html", "pdf"):
            with self.subTest(converter=converter):
                response = self.url_open(
                    f"/report/{converter}/social_clause.report_operation_bilan/"
                    f"{self.operation.id}?options={options}"
                )
                self.assertEqual(response.status_code, 400)
                self.assertIn("Seuls les animateurs", self._text(response))
                self.assertNotIn("o_sc_bilan", response.text)


@tagged("post_install", "-at_install")
class TestPrivacyCandidacy(BuyerLotsCommon):
    """Finding 3: a firm reads its candidates as its page shows them: never
    the prescriber (Cap Emploi tells of a disability)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.cap_emploi, cls.mission_locale = Partner.create(
            [
                {
                    "name": "Cap Emploi du Nord",
                    "is_company": True,
                    "social_clause_partner_kind": "cap_emploi",
                },
                {
                    "name": "Mission Locale du Nord",
                    "is_company": True,
                    "social_clause_partner_kind": "mission_locale",
                },
            ]
        )
        cls.user_cap = make_portal_user(cls.env, "sc_cap", "Carl Cap", cls.cap_emploi)
        cls.user_ml = make_portal_user(cls.env, "sc_ml", "Julie ML", cls.mission_locale)
        cls.internal = make_user(cls.env, "sc_privacy_plain")
        Offer = cls.env["social.clause.job.offer"]
        cls.offer_a, cls.offer_b = Offer.create(
            [
                {
                    "name": "Aide-maçon",
                    "commitment_id": commitment.id,
                    "user_id": cls.facilitator.id,
                    "posts": 2,
                }
                for commitment in (cls.commitment_a, cls.commitment_b)
            ]
        )
        (cls.offer_a | cls.offer_b).action_open()
        cls.candidacy_a = cls.offer_a._add_candidates(cls.participant_a)
        cls.candidacy_b = cls.offer_b._add_candidates(cls.participant_b)
        cls.candidacy_a.write(
            {
                "source": "prescriber",
                "prescriber_id": cls.cap_emploi.id,
                "prescriber_user_id": cls.user_cap.id,
            }
        )
        cls.candidacy_b.write(
            {
                "source": "prescriber",
                "prescriber_id": cls.mission_locale.id,
                "prescriber_user_id": cls.user_ml.id,
            }
        )
        (cls.candidacy_a | cls.candidacy_b).action_send_to_firm()

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http", "odoo.models")
    def test_firms_do_not_read_the_prescriber(self):
        model = "social.clause.candidacy"
        secret = ("prescriber_id", "prescriber_user_id", "source")
        for user, candidacy in (
            (self.user_a, self.candidacy_a),
            (self.user_b, self.candidacy_b),
        ):
            self._login(user)
            with self.subTest(user=user.login):
                # What its page shows it reads.
                rows = self._call(model, "search_read", [[], ["candidate_name"]])
                self.assertEqual([row["id"] for row in rows], candidacy.ids)
                everything = self._call(model, "read", [candidacy.ids])
                self.assertFalse(set(secret) & set(everything[0]))
                self.assertFalse(set(secret) & set(self._call(model, "fields_get", [])))
                page = self._text(self.url_open(candidacy.offer_id.access_url))
                for name in ("Cap Emploi", "Mission Locale"):
                    self.assertNotIn(name, page)
                refused = [
                    ("read", [candidacy.ids, ["prescriber_id"]], {}),
                    ("read", [candidacy.ids, ["source"]], {}),
                    ("search_read", [[("prescriber_id", "=", self.cap_emploi.id)]], {}),
                    ("search", [[("prescriber_id.name", "ilike", "Cap")]], {}),
                    ("search_read", [[], ["id"]], {"order": "prescriber_id"}),
                    ("read_group", [[], ["__count"], ["prescriber_id"]], {}),
                    ("read_group", [[], ["__count"], ["source"]], {}),
                ]
                for method, args, kwargs in refused:
                    with self.subTest(method=method, args=args, kwargs=kwargs):
                        with self.assertRaises(JsonRpcException):
                            self._call(model, method, args, kwargs)

    def test_prescribers_list_their_own_proposals_only(self):
        for user, candidacy in (
            (self.user_cap, self.candidacy_a),
            (self.user_ml, self.candidacy_b),
        ):
            self._login(user)
            with self.subTest(user=user.login):
                page = self._text(self.url_open("/my/proposals"))
                self.assertEqual(page.count("o_social_clause_proposal_row"), 1)
                self.assertIn(candidacy.candidate_name, page)
                rows = self._call(
                    "social.clause.candidacy",
                    "search_read",
                    [[("is_own_proposal", "=", True)], ["candidate_name"]],
                )
                self.assertEqual([row["id"] for row in rows], candidacy.ids)
                with self.assertRaises(JsonRpcException):
                    self._call(
                        "social.clause.candidacy",
                        "read",
                        [candidacy.ids, ["prescriber_id"]],
                    )

    @mute_logger("odoo.http")
    def test_plain_internal_user_and_buyers_read_no_candidacy(self):
        for user in (self.internal, self.user_buyer, self.user_other_buyer):
            self._login(user)
            with self.subTest(user=user.login):
                rows = []
                try:
                    rows = self._call(
                        "social.clause.candidacy", "search_read", [[], ["id"]]
                    )
                except JsonRpcException:
                    rows = []
                self.assertEqual(rows, [])
        # The facilitator still reads and groups by prescriber.
        groups = (
            self.env["social.clause.candidacy"]
            .with_user(self.facilitator)
            .read_group(
                [("id", "in", (self.candidacy_a | self.candidacy_b).ids)],
                ["__count"],
                ["prescriber_id"],
            )
        )
        self.assertEqual(len(groups), 2)
        self.assertEqual(
            self.candidacy_a.with_user(self.facilitator).prescriber_id, self.cap_emploi
        )


@tagged("post_install", "-at_install")
class TestPrivacyBilanEvaluation(SocialClauseReportCase):
    def test_averages_of_few_answers_are_hidden(self):
        for commitment, scores in (
            (self.commitment_a1, [4, 5, 3, 4, 5]),
            (self.commitment_b2, [1, 1, 1, 1, 1]),
        ):
            answer = commitment._create_evaluation_answer(partner=commitment.partner_id)
            answer_survey(answer, scores)
        rows = self.operation._get_bilan_evaluation_averages()
        self.assertEqual(len(rows), 5)
        for row in rows:
            self.assertEqual((row["count"], row["average"]), (MASK, None))
        # The facilitator's own averages stay exact.
        exact = self.operation._get_evaluation_averages()
        self.assertEqual({row["count"] for row in exact}, {2})
        html, __ = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render_qweb_html(
                "social_clause.action_report_operation_bilan", self.operation.ids
            )
        )
        text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html.decode()))
        self.assertIn("Qualitédel&#39;accompagnementparlefacilitateur&lt;5-", text)
        # Averages of 4 and 1 (2,5) never show.
        self.assertNotIn("2,5/5", text)
