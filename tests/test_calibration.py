# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestCalibration(SocialClauseCase):
    def _new_lot_form(self):
        return Form(
            self.env["social.clause.lot"].with_context(
                default_operation_id=self.operation.id
            )
        )

    def test_calibration_as_the_user_types(self):
        """1,000,000 EUR x 40 % x 7 % / 35 EUR/h = 800 h, as the form shows it."""
        lot_form = self._new_lot_form()
        lot_form.name = "Lot 3 Carpentry"
        lot_form.amount_untaxed = 1_000_000
        lot_form.labour_rate = 40
        lot_form.insertion_rate = 7
        lot_form.hourly_cost = 35
        self.assertEqual(lot_form.hours_calibrated, 800)
        self.assertEqual(lot_form.hours_required, 800)
        self.assertEqual(lot_form.hours_gap, 0)
        lot = lot_form.save()
        self.assertEqual(lot.hours_calibrated, 800)
        self.assertEqual(lot.legal_basis, "L2112-2")
        self.assertEqual(lot.decp_tag, "Clause sociale")

    def test_published_example_rounds_to_nearest_hour(self):
        """1,000,000 EUR x 50 % x 5 % / 30 EUR/h = 833.33 h, rounded to 833 h."""
        lot_form = self._new_lot_form()
        lot_form.name = "Lot 4"
        lot_form.amount_untaxed = 1_000_000
        lot_form.labour_rate = 50
        lot_form.insertion_rate = 5
        lot_form.hourly_cost = 30
        self.assertEqual(lot_form.save().hours_calibrated, 833)

    def test_sector_and_company_defaults(self):
        self.company.social_clause_hourly_cost = 32
        self.company.social_clause_insertion_rate = 8
        lot_form = self._new_lot_form()
        lot_form.name = "Lot 5 Painting"
        self.assertEqual(lot_form.hourly_cost, 32)
        self.assertEqual(lot_form.insertion_rate, 8)
        lot_form.sector_id = self.env.ref("social_clause.sector_painting")
        self.assertEqual(lot_form.labour_rate, 70)
        lot_form.sector_id = self.env.ref("social_clause.sector_metal")
        self.assertEqual(lot_form.labour_rate, 20)

    def test_required_hours_override_shows_the_gap(self):
        with Form(self.lot_1) as lot_form:
            self.assertEqual(lot_form.hours_required, 800)
            lot_form.hours_required = 900
            self.assertEqual(lot_form.hours_gap, 100)
        self.assertEqual(self.lot_1.hours_required, 900)
        self.assertEqual(self.lot_1.hours_calibrated, 800)
        self.assertEqual(self.operation.hours_required, 900 + 300)
        # Changing the calibration inputs recalibrates the required hours.
        self.lot_1.insertion_rate = 3.5
        self.assertEqual(self.lot_1.hours_calibrated, 400)
        self.assertEqual(self.lot_1.hours_required, 400)

    def test_operation_totals(self):
        self.assertEqual(self.lot_2.hours_calibrated, 300)
        self.assertEqual(self.operation.hours_calibrated, 1100)
        self.assertEqual(self.operation.amount_untaxed, 1_300_000)
        self.assertEqual(self.lot_1.hours_committed, 800)
        self.assertEqual(self.operation.hours_committed, 1100)
        self.assertEqual(self.operation.lot_count, 2)

    def test_bad_inputs_are_refused_and_nothing_is_written(self):
        Lot = self.env["social.clause.lot"]
        lots_before = Lot.search_count([])
        base = {"operation_id": self.operation.id, "name": "Bad lot"}
        cases = [
            ({"amount_untaxed": -1}, "ne peu(t|vent) pas être négati"),
            ({"labour_rate": 101}, "compris entre 0 et 100"),
            ({"labour_rate": -5}, "compris entre 0 et 100"),
            ({"insertion_rate": 120}, "compris entre 0 et 100"),
            ({"hourly_cost": 0}, "supérieur à zéro"),
            ({"hourly_cost": -10}, "supérieur à zéro"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(ValidationError, message):
                    Lot.create(dict(base, **vals))
        self.assertEqual(Lot.search_count([]), lots_before)
        with self.assertRaisesRegex(ValidationError, "ne peu(t|vent) pas être négati"):
            self.lot_1.hours_required = -10
        self.assertEqual(self.lot_1.hours_required, 800)

    def test_commitment_warning(self):
        self.assertFalse(self.lot_2.commitment_warning)
        self.commitment_b2.hours_committed = 250
        self.assertIn("moins que les 300", self.lot_2.commitment_warning)
        self.commitment_b2.hours_committed = 350
        self.assertIn("plus que les 300", self.lot_2.commitment_warning)
        with Form(self.commitment_b2) as commitment_form:
            commitment_form.hours_committed = 300
        self.assertFalse(self.lot_2.commitment_warning)

    def test_commitment_onchange_warns_above_the_clause(self):
        commitment = self.env["social.clause.commitment"].new(
            {"lot_id": self.lot_2.id, "partner_id": self.firm_a.id}
        )
        commitment.hours_committed = 50
        result = commitment._onchange_hours_committed()
        self.assertIn("350 heures", result["warning"]["message"])

    def test_negative_commitment_refused(self):
        with self.assertRaisesRegex(ValidationError, "ne peu(t|vent) pas être négati"):
            self.commitment_a1.hours_committed = -1
        self.assertEqual(self.commitment_a1.hours_committed, 600)
