# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.social_clause.rules.lever import recommend_lever

from .common import UpstreamCase


@tagged("post_install", "-at_install")
class TestUpstreamLever(UpstreamCase):
    """The territory's capacity and the recommended lever, for each band of
    Le marché de l'inclusion's rule (defaults: > 30 with a dependency under
    30 %, > 30 or > 10, > 1, otherwise none)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "social_clause_lever_reserve_market_min": 30,
                "social_clause_lever_reserve_lot_min": 10,
                "social_clause_lever_clause_min": 1,
                "social_clause_lever_dependency_max": 30.0,
                "social_clause_lever_award_amount_min": 1_000_000,
                "social_clause_lever_award_pool_min": 1,
            }
        )
        cls.sector_many = cls._sector("up_many", "Propreté (test)")
        cls.sector_some = cls._sector("up_some", "Espaces verts (test)")
        cls.sector_few = cls._sector("up_few", "Peinture (test)")
        cls.sector_one = cls._sector("up_one", "Serrurerie (test)")
        cls.sector_ea = cls._sector("up_ea", "Blanchisserie (test)")
        cls._structures(cls.sector_many, 31)
        # Elsewhere: not counted in the area of the works (59).
        cls._structures(cls.sector_many, 3, department="69")
        cls._structures(cls.sector_some, 11, kind="aci")
        cls._structures(cls.sector_few, 2, kind="geiq")
        cls._structures(cls.sector_one, 1)
        cls._structures(cls.sector_ea, 10, kind="esat")
        cls._structures(cls.sector_ea, 2, kind="ea")
        cls.env["res.partner"].create(
            {
                "name": "Organisme de formation propreté",
                "is_company": True,
                "social_clause_partner_kind": "training_body",
                "social_clause_sector_ids": [(6, 0, cls.sector_many.ids)],
                "zip": "59000",
            }
        )

    def _operation(self, lots, name="Entretien des bâtiments"):
        """An operation before calibration, its lots typed in as a user does."""
        with Form(self.env["social.clause.operation"]) as form:
            form.name = name
            form.buyer_id = self.town
            form.procurement_nature = "services"
            for lot_name, sector, amount in lots:
                with form.lot_ids.new() as lot:
                    lot.name = lot_name
                    lot.sector_id = sector
                    lot.amount_untaxed = amount
        self.assertEqual(form.record.department_code, "59")
        return form.record

    def test_capacity_and_lever_for_each_band(self):
        # The award criterion needs more candidates than the pool holds (the
        # demo data may have some): here only the number of structures decides.
        pool = self.env["social.clause.lot"]._count_available_pool(self.company)
        self.company.social_clause_lever_award_pool_min = (
            pool.get(self.company.id, 0) + 1
        )
        operation = self._operation(
            [
                ("Propreté, petit lot", self.sector_many, 150_000),
                ("Propreté, gros lot", self.sector_many, 500_000),
                ("Espaces verts", self.sector_some, 200_000),
                ("Peinture", self.sector_few, 100_000),
                ("Serrurerie", self.sector_one, 90_000),
                ("Blanchisserie", self.sector_ea, 50_000),
            ]
        )
        small, big, green, painting, metal, laundry = operation.lot_ids
        # More than 30 in the sector and area, dependency 15 % < 30 %.
        self.assertEqual(small.capacity_structure_count, 31)
        self.assertEqual(small.capacity_siae_count, 31)
        self.assertEqual(small.capacity_posts, 310)
        self.assertEqual(small.capacity_hours, 155_000)
        self.assertAlmostEqual(small.capacity_dependency, 15.0)
        self.assertEqual(small.capacity_training_body_count, 1)
        self.assertEqual(small.recommended_lever, "reserve_market")
        self.assertEqual(small.recommended_clause_type, "reserved_siae")
        self.assertIn("réserver", small.recommendation_note)
        # More than 30 but a dependency of 50 %: reserve the lot only.
        self.assertAlmostEqual(big.capacity_dependency, 50.0)
        self.assertEqual(big.recommended_lever, "reserve_lot")
        # More than 10.
        self.assertEqual(green.capacity_structure_count, 11)
        self.assertEqual(green.recommended_lever, "reserve_lot")
        # More than 1: an execution condition.
        self.assertEqual(painting.capacity_structure_count, 2)
        self.assertEqual(painting.recommended_lever, "execution_condition")
        self.assertEqual(painting.recommended_clause_type, "execution_condition")
        # One or none: a training-based clause, or none.
        self.assertEqual(metal.capacity_structure_count, 1)
        self.assertEqual(metal.recommended_lever, "training_or_none")
        # EA/ESAT above SIAE: the reservation is the disability one.
        self.assertEqual(laundry.capacity_disability_count, 12)
        self.assertEqual(laundry.recommended_lever, "reserve_lot")
        self.assertEqual(laundry.recommended_clause_type, "reserved_ea")

    def test_large_operation_with_a_pool_adds_an_award_criterion(self):
        pool = self.env["social.clause.lot"]._count_available_pool(self.company)
        self.company.social_clause_lever_award_pool_min = (
            pool.get(self.company.id, 0) + 1
        )
        operation = self._operation(
            [
                ("Peinture", self.sector_few, 400_000),
                ("Gros œuvre", self.sector_one, 800_000),
            ],
            name="Grande opération",
        )
        painting = operation.lot_ids[0]
        self.assertEqual(painting.recommended_lever, "execution_condition")
        # One more eligible person available in the pool: enough candidates.
        participant = self.env["social.clause.participant"].create(
            {
                "name": "Candidat Disponible",
                "criterion_ids": [
                    (6, 0, self.env.ref("social_clause.criterion_rsa").ids)
                ],
            }
        )
        participant.action_validate_eligibility()
        painting.invalidate_recordset()
        self.assertEqual(painting.capacity_pool_count, pool.get(self.company.id, 0) + 1)
        self.assertEqual(painting.recommended_lever, "execution_and_award")
        self.assertEqual(painting.recommended_clause_type, "award_criterion")
        self.assertIn("R2152-7", painting.recommendation_note)

    def test_follow_with_one_click_or_override_with_a_reason(self):
        operation = self._operation(
            [
                ("Espaces verts", self.sector_some, 200_000),
                ("Peinture", self.sector_few, 100_000),
            ]
        )
        green, painting = operation.lot_ids
        self.assertEqual(green.clause_type, "execution_condition")
        green.with_user(self.facilitator).action_follow_recommended_lever()
        self.assertEqual(green.clause_type, "reserved_siae")
        self.assertEqual(green.lever_decision, "followed")
        self.assertEqual(green.lever_applied, "reserve_lot")
        # Override: another clause type, with a reason kept in the chatter.
        action = painting.with_user(self.facilitator).action_open_lever_override()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.facilitator)
            .with_context(
                **action["context"], tracking_disable=False, mail_notrack=False
            )
        )
        wizard_form.clause_type = "reserved_siae"
        with self.assertRaises(AssertionError):
            wizard_form.save()  # the reason is required
        wizard_form.reason = "Le GEIQ du territoire ne couvre pas ce métier."
        wizard_form.save().action_confirm()
        self.assertEqual(painting.clause_type, "reserved_siae")
        self.assertEqual(painting.lever_decision, "overridden")
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit
        tracked = painting.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "lever_override_reason"
        )
        self.assertEqual(
            tracked.new_value_text, "Le GEIQ du territoire ne couvre pas ce métier."
        )
        with self.assertRaisesRegex(UserError, "raison"):
            painting._override_lever("execution_condition", "  ")
        # After calibration the lever is no longer chosen here.
        operation.action_calibrate()
        with self.assertRaisesRegex(UserError, "calibrage"):
            painting.action_follow_recommended_lever()

    def test_rule_boundaries(self):
        self.assertEqual(recommend_lever(31, 29.9, False), "reserve_market")
        self.assertEqual(recommend_lever(31, 30.0, False), "reserve_lot")
        self.assertEqual(recommend_lever(31, None, False), "reserve_lot")
        self.assertEqual(recommend_lever(30, 5.0, False), "reserve_lot")
        self.assertEqual(recommend_lever(11, 5.0, True), "reserve_lot")
        self.assertEqual(recommend_lever(10, 5.0, False), "execution_condition")
        self.assertEqual(recommend_lever(2, None, False), "execution_condition")
        self.assertEqual(recommend_lever(2, None, True), "execution_and_award")
        self.assertEqual(recommend_lever(1, None, False), "training_or_none")
        self.assertEqual(recommend_lever(0, None, False), "training_or_none")

    def test_demo_operation_gets_three_levers(self):
        operation = self.env.ref(
            "social_clause.operation_upkeep", raise_if_not_found=False
        )
        if not operation:
            self.skipTest("demo data not installed")
        self.assertEqual(
            operation.lot_ids.mapped("recommended_lever"),
            ["reserve_lot", "execution_condition", "training_or_none"],
        )
