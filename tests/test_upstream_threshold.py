# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import UpstreamCase


@tagged("post_install", "-at_install")
class TestUpstreamEuThreshold(UpstreamCase):
    """From 22 August 2026, contracts above the EU thresholds must carry a
    social or employment execution condition: operations above them without
    one are flagged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "social_clause_eu_threshold_works": 5_404_000,
                "social_clause_eu_threshold_central": 140_000,
                "social_clause_eu_threshold_local": 216_000,
            }
        )
        Partner = cls.env["res.partner"]
        cls.state = Partner.create(
            {
                "name": "Préfecture",
                "is_company": True,
                "social_clause_buyer_kind": "state",
            }
        )
        cls.private = Partner.create(
            {
                "name": "Promoteur privé",
                "is_company": True,
                "social_clause_buyer_kind": "private",
            }
        )

    def _operation(self, buyer, nature, amount, insertion_rate=5.0):
        with Form(self.env["social.clause.operation"]) as form:
            form.name = f"{nature} {amount}"
            form.buyer_id = buyer
            form.procurement_nature = nature
            with form.lot_ids.new() as lot:
                lot.name = "Lot unique"
                lot.amount_untaxed = amount
                lot.insertion_rate = insertion_rate
        return form.record

    def test_settings_hold_the_values_in_force(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.social_clause_eu_threshold_works, 5_404_000)
        self.assertEqual(settings.social_clause_eu_threshold_central, 140_000)
        self.assertEqual(settings.social_clause_eu_threshold_local, 216_000)
        with self.assertRaisesRegex(ValidationError, "seuils européens"):
            self.company.social_clause_eu_threshold_works = 0

    def test_works_above_the_threshold_without_clause_are_flagged(self):
        with_clause = self._operation(self.town, "works", 6_000_000)
        without = self._operation(self.town, "works", 6_000_000, insertion_rate=0)
        below = self._operation(self.town, "works", 5_000_000, insertion_rate=0)
        self.assertTrue(with_clause.is_above_eu_threshold)
        self.assertFalse(with_clause.eu_threshold_missing_clause)
        self.assertEqual(without.eu_threshold, 5_404_000)
        self.assertTrue(without.eu_threshold_missing_clause)
        self.assertFalse(below.is_above_eu_threshold)
        self.assertFalse(below.eu_threshold_missing_clause)
        # The stored flag is searchable (the list's filter).
        flagged = self.env["social.clause.operation"].search(
            [("eu_threshold_missing_clause", "=", True)]
        )
        self.assertIn(without, flagged)
        self.assertNotIn(with_clause | below, flagged)
        # A reserved lot is a social consideration, whatever its hours.
        without.lot_ids.clause_type = "reserved_siae"
        self.assertFalse(without.eu_threshold_missing_clause)
        # The thresholds are settings: a lower one flags the smaller operation.
        self.company.social_clause_eu_threshold_works = 4_000_000
        self.assertTrue(below.eu_threshold_missing_clause)

    def test_supplies_and_services_central_and_local(self):
        central = self._operation(self.state, "supplies", 150_000, insertion_rate=0)
        local = self._operation(self.town, "services", 150_000, insertion_rate=0)
        local_above = self._operation(self.town, "services", 220_000, insertion_rate=0)
        private = self._operation(self.private, "works", 9_000_000, insertion_rate=0)
        self.assertEqual(central.eu_threshold, 140_000)
        self.assertTrue(central.eu_threshold_missing_clause)
        self.assertEqual(local.eu_threshold, 216_000)
        self.assertFalse(local.eu_threshold_missing_clause)
        self.assertTrue(local_above.eu_threshold_missing_clause)
        # Private clients are not bound by the public procurement thresholds.
        self.assertFalse(private.eu_threshold)
        self.assertFalse(private.eu_threshold_missing_clause)
