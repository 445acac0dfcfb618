# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime
import json
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.tests import tagged
from odoo.tools import config
from odoo.tools.safe_eval import safe_eval

from .common import SocialClauseCase, SocialClauseHttpCase


@tagged("post_install", "-at_install")
class TestAnalysis(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot_1.sector_id = cls.sector_masonry
        cls.participant.sudo().write({"gender": "female"})
        cls.participant_2.sudo().write({"gender": "male"})
        cls.lines = cls.env["social.clause.hour"].create(
            [
                cls._hour_vals(cls.participant, cls.commitment_a1, 30),
                cls._hour_vals(cls.participant, cls.commitment_b2, 10),
                cls._hour_vals(cls.participant_2, cls.commitment_b1, 25),
            ]
        )
        cls.lines.action_validate()
        cls.env["social.clause.outcome"].create(
            {
                "participant_id": cls.participant.id,
                "moment": "six_months",
                "date": cls.month,
                "kind_id": cls.env.ref("social_clause.outcome_kind_formation").id,
            }
        )
        cls.env.flush_all()

    def test_hours_by_sector_as_the_lines(self):
        Analysis = self.env["social.clause.hour.analysis"].with_user(self.facilitator)
        groups = dict(
            Analysis._read_group(
                [("operation_id", "=", self.operation.id), ("is_counted", "=", True)],
                ["sector_id"],
                ["hours:sum"],
            )
        )
        self.assertEqual(groups[self.sector_masonry], 55)
        self.assertEqual(groups[self.env["social.clause.sector"]], 10)

    def test_lots_required_and_done_side_by_side(self):
        Analysis = self.env["social.clause.lot.analysis"].with_user(self.facilitator)
        groups = {
            (lot, measure): hours
            for lot, measure, hours in Analysis._read_group(
                [("operation_id", "=", self.operation.id)],
                ["lot_id", "measure"],
                ["hours:sum"],
            )
        }
        self.assertEqual(groups[self.lot_1, "required"], self.lot_1.hours_required)
        self.assertEqual(groups[self.lot_1, "done"], 55)
        self.assertEqual(groups[self.lot_2, "done"], 10)

    def test_participants_and_outcomes_by_operation(self):
        Analysis = self.env["social.clause.participant.analysis"].with_user(
            self.facilitator
        )
        groups = dict(
            Analysis._read_group(
                [("operation_id", "=", self.operation.id)],
                ["gender"],
                ["participant_id:count_distinct"],
            )
        )
        self.assertEqual(groups, {"female": 1, "male": 1})
        rows = Analysis.search(
            [
                ("operation_id", "=", self.operation.id),
                ("six_months_category", "=", "positive"),
            ]
        )
        self.assertEqual(rows.participant_id, self.participant)
        self.assertEqual(rows.hours, 40)

    def test_shared_filters(self):
        for xmlid, model in (
            ("filter_hours_this_year_by_buyer", "social.clause.hour.analysis"),
            ("filter_dynamic_exits_six_months", "social.clause.outcome"),
            ("filter_lots_behind_schedule", "social.clause.lot"),
        ):
            saved = self.env.ref(f"social_clause.{xmlid}")
            self.assertFalse(saved.user_id, "shared with everyone")
            domain = safe_eval(
                saved.domain,
                {
                    "context_today": lambda: datetime.date.today(),
                    "relativedelta": relativedelta,
                },
            )
            records = self.env[model].with_user(self.facilitator).search(domain)
            if model == "social.clause.outcome":
                self.assertIn(self.participant, records.participant_id)
        self.assertEqual(
            self.env.ref("social_clause.filter_hours_this_year_by_buyer").name,
            "Heures de l'année par acheteur",
        )

    def test_analysis_actions_have_no_default_filter(self):
        for xmlid in (
            "social_clause_hour_analysis_action",
            "social_clause_lot_analysis_action",
            "social_clause_participant_analysis_action",
            "social_clause_participant_analysis_action_window",
            "social_clause_outcome_analysis_action",
        ):
            action = self.env.ref(f"social_clause.{xmlid}")
            self.assertNotIn("search_default", action.context or "")
        menu = self.env.ref("social_clause.menu_analysis")
        self.assertEqual(menu.parent_id, self.env.ref("social_clause.menu_root"))

    def test_dashboard_loads_and_its_data_sources_answer(self):
        dashboard = self.env.ref("social_clause.spreadsheet_dashboard_social_clause")
        self.assertEqual(dashboard.with_context(lang="fr_FR").name, "Clauses sociales")
        # The checks Odoo runs on a dashboard file in test mode: models,
        # fields and menus it names exist.
        with patch.dict(config.options, {"test_enable": True}):
            dashboard._check_spreadsheet_data()
        readonly = dashboard.with_user(self.facilitator).get_readonly_dashboard()
        self.assertTrue(readonly["snapshot"])
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        self.assertEqual(len(data["pivots"]), 5)
        for pivot in data["pivots"].values():
            Model = self.env[pivot["model"]].with_user(self.facilitator)
            aggregates = [
                f"{m['fieldName']}:{m['aggregator']}"
                if m.get("aggregator")
                else m["fieldName"]
                for m in pivot["measures"]
            ]
            groupby = [
                f"{r['fieldName']}:{r['granularity']}"
                if r.get("granularity")
                else r["fieldName"]
                for r in pivot["rows"] + pivot["columns"]
            ]
            # Every pivot is a valid grouped read for a facilitator.
            Model._read_group(pivot["domain"], groupby, aggregates)
        for figure in data["sheets"][0]["figures"]:
            meta = figure["data"]["metaData"]
            self.env[meta["resModel"]].with_user(self.facilitator)._read_group(
                [], meta["groupBy"], [f"{meta['measure']}:sum"]
            )

    def test_dashboard_titles_formats_and_axes(self):
        dashboard = self.env.ref("social_clause.spreadsheet_dashboard_social_clause")
        data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        sheet = data["sheets"][0]
        formulas = [
            cell["content"]
            for cell in sheet["cells"].values()
            if cell.get("content", "").startswith("=PIVOT(")
        ]
        self.assertEqual(len(formulas), 4)
        # A pivot table with its column titles shows "(#3) name" in its
        # corner: the tables come without them, under their own header row.
        for formula in formulas:
            self.assertTrue(formula.endswith(",,,FALSE)"), formula)
        self.assertEqual(sheet["cells"]["A10"]["content"], '=_t("Operation name")')
        self.assertEqual(
            sheet["cells"]["D10"]["content"], '=PIVOT.HEADER(3,"measure","progress")'
        )
        progress = {m["id"]: m for m in data["pivots"]["3"]["measures"]}["progress"]
        self.assertEqual(progress["format"], '0.0" %"')
        self.assertEqual(data["formats"][str(sheet["formats"]["B7"])], "0.0%")
        # Odoo 18 bar charts start their value axis at 0, line charts do not.
        titles = {}
        for figure in sheet["figures"]:
            titles[figure["data"]["title"]["text"]] = figure["data"]["type"]
        self.assertEqual(
            titles,
            {
                "Required and done hours by operation": "odoo_bar",
                "Hours by month": "odoo_bar",
            },
        )


@tagged("post_install", "-at_install")
class TestDashboardTour(SocialClauseHttpCase):
    def test_facilitator_opens_the_dashboard(self):
        self.start_tour(
            "/odoo/action-spreadsheet_dashboard.ir_actions_dashboard_action",
            "social_clause_dashboard_tour",
            login=self.facilitator.login,
        )
