# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestReportClauseArticle(SocialClauseCase):
    """The clause article agrees with the tool: the operation's reporting
    frequency, training when a lot allows it, no hours for a reserved lot."""

    def _sections(self):
        return {
            section["title"]: section
            for section in self.operation.lot_ids.with_context(
                lang="fr_FR"
            )._get_clause_article()
        }

    def test_monthly_reporting_by_default(self):
        operation = Form(self.env["social.clause.operation"])
        self.assertEqual(operation.reporting_frequency, "monthly")
        reporting = self._sections()["Suivi et justificatifs"]["paragraphs"][0]
        self.assertIn("Chaque mois", reporting)
        self.assertNotIn("trimestre", reporting)
        self.operation.reporting_frequency = "quarterly"
        reporting = self._sections()["Suivi et justificatifs"]["paragraphs"][0]
        self.assertIn("Chaque trimestre", reporting)

    def test_training_among_the_modalities_when_allowed(self):
        title = "Modalités de mise en œuvre"
        items = self._sections()[title]["items"]
        self.assertEqual(len(items), 4)
        self.assertIn("formation", items[-1])
        self.lot_2.training_allowed = False
        items = self._sections()[title]["items"]
        self.assertIn(f"(lots {self.lot_1.name})", items[-1])
        self.lot_1.training_allowed = False
        items = self._sections()[title]["items"]
        self.assertEqual(len(items), 3)
        self.assertFalse(any("formation des personnes" in item for item in items))

    def test_reserved_lot_gets_no_hour_volume(self):
        self.lot_2.clause_type = "reserved_siae"
        volume = self._sections()["Volume d'heures d'insertion"]
        self.assertEqual(len(volume["items"]), 1)
        self.assertIn(self.lot_1.name, volume["items"][0])
        self.assertIn(self.lot_2.name, volume["paragraphs"][-1])
        self.assertIn("aucun volume d'heures", volume["paragraphs"][-1])
