# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import SocialClauseReportCase, pdf_text


@tagged("post_install", "-at_install")
class TestReportBilan(SocialClauseReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Exact counts (threshold 1) to check the computation; the masking
        # of small counts for buyers is tested in test_privacy_portal.
        cls.operation.company_id.social_clause_disclosure_threshold = 1

    def test_bilan_data_whole_operation(self):
        bilan = self.operation._get_bilan_data()
        lots = {lot["name"]: lot for lot in bilan["lots"]}
        lot_1, lot_2 = lots["Lot 1 Masonry"], lots["Lot 2 Painting"]
        self.assertEqual(lot_1["hours_required"], 800)
        self.assertEqual(lot_1["hours_done"], 250)
        self.assertAlmostEqual(lot_1["progress"], 31.25)
        firms = {firm["name"]: firm for firm in lot_1["firms"]}
        self.assertEqual(firms["Firm A Construction"]["hours_done"], 230)
        self.assertEqual(firms["Firm B Peinture"]["hours_done"], 20)
        self.assertEqual(lot_2["hours_done"], 100)
        people = bilan["people"]
        self.assertEqual(people["participant_count"], 3)
        self.assertEqual(people["placement_count"], 5)
        breakdowns = {b["title"]: b["rows"] for b in people["breakdowns"]}
        self.assertEqual(
            breakdowns["Sexe"], [("Femme", 2, 3), ("Homme", 1, 2)], breakdowns
        )
        self.assertEqual(
            breakdowns["Tranche d'âge à l'entrée"],
            [
                ("Moins de 26 ans", 1, 2),
                ("26 à 49 ans", 1, 2),
                ("50 ans et plus", 1, 1),
            ],
        )
        self.assertIn(("Dans un QPV", 1, 2), breakdowns["Lieu de résidence"])
        exit_, six_months = bilan["outcomes"]
        self.assertEqual((exit_["total"], exit_["dynamic"]), (3, 2))
        self.assertAlmostEqual(exit_["dynamic_rate"], 200 / 3)
        self.assertEqual(six_months["dynamic_rate"], 100.0)
        # Penalties are only due once the operation is closed.
        self.assertEqual(bilan["penalty_due"], 0.0)

    def test_bilan_data_period(self):
        bilan = self.operation._get_bilan_data(self.month, self.month)
        lot_1 = bilan["lots"][0]
        # The month before the period is left out, but counts to date.
        self.assertEqual(lot_1["hours_done"], 200)
        self.assertEqual(lot_1["hours_done_to_date"], 250)
        self.assertEqual(bilan["people"]["participant_count"], 3)
        bilan = self.operation._get_bilan_data(self.previous_month, self.previous_month)
        self.assertEqual(bilan["hours_done"], 50)
        self.assertEqual(bilan["people"]["participant_count"], 1)
        with self.assertRaisesRegex(Exception, "se termine avant de commencer"):
            self.operation._get_bilan_data(self.month, self.previous_month)

    def test_bilan_queries_do_not_grow_with_lines(self):
        def count_queries():
            # Warm the registry caches (translated selection labels), then
            # count from a cold record cache, as in a new request.
            self.operation._get_bilan_data()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.operation._get_bilan_data()
            return self.env.cr.sql_log_count - before

        few = count_queries()
        participants = self.env["social.clause.participant"]
        for index in range(6):
            participants |= self._create_eligible_participant(f"Extra {index}")
        self.env["social.clause.hour"].create(
            [
                self._hour_vals(participant, commitment, 10, modality=modality)
                for participant in participants
                for commitment in (self.commitment_a1, self.commitment_b2)
                for modality in ("hire_cdd", "training")
            ]
        ).action_validate()
        self.assertEqual(count_queries(), few)

    def test_wizard_prints_the_period(self):
        wizard_form = Form(
            self.env["social.clause.bilan.wizard"].with_context(
                active_model="social.clause.operation", active_id=self.operation.id
            )
        )
        wizard_form.date_from = self.month
        wizard = wizard_form.save()
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "social_clause.report_operation_bilan")
        self.assertEqual(action["data"]["date_from"], str(self.month))
        self.assertFalse(action["data"]["date_to"])
        wizard_form.date_to = self.previous_month
        with self.assertRaisesRegex(Exception, "se termine avant de commencer"):
            wizard_form.save()

    def test_bilan_pdf(self):
        self.operation.action_close()
        self.assertEqual(self.lot_1.penalty_due, 550 * 60)
        content, report_type = self._render_pdf(
            "social_clause.action_report_operation_bilan", self.operation
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        self.assertIn("Bilandelaclausesociale", text)
        # Hours per lot (required, done, to date, progress).
        self.assertIn(
            "LotMasonry800,00250,00250,0031%", text.replace("1Masonry", "Masonry")
        )
        self.assertIn(
            "LotPainting300,00100,00100,0033%", text.replace("2Painting", "Painting")
        )
        # People by gender and age band: participants, placements.
        self.assertIn("Femme23", text)
        self.assertIn("Homme12", text)
        self.assertIn("Moinsde26ans12", text)
        self.assertIn("50ansetplus11", text)
        # Dynamic-exit rate at exit and at 6 months.
        self.assertIn("Tauxdesortiesdynamiques67%100%", text)
        # Penalties: 550 h x 60 and 200 h x 100, in the company's currency.
        self.assertRegex(text, r"Lot1Masonry550,00\D*60,00\D*33000,00")
        self.assertRegex(text, r"Lot2Painting200,00\D*100,00\D*20000,00")
        self.assertRegex(text, r"Totaldespénalitésdues\D*53000,00")
