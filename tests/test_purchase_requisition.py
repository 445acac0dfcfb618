# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestPurchaseRequisition(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requisition = cls.env["purchase.requisition"].create(
            {"vendor_id": cls.firm_a.id, "requisition_type": "blanket_order"}
        )

    def test_create_lot_from_agreement_and_edit_clause_tab(self):
        action = self.requisition.action_create_social_clause_lot()
        self.assertEqual(action["res_model"], "social.clause.lot")
        lot_form = Form(
            self.env["social.clause.lot"].with_context(
                **action["context"], default_operation_id=self.operation.id
            )
        )
        self.assertEqual(lot_form.name, self.requisition.name)
        lot_form.amount_untaxed = 200_000
        lot_form.labour_rate = 50
        lot_form.insertion_rate = 7
        lot_form.hourly_cost = 35
        lot = lot_form.save()
        self.assertEqual(lot.requisition_id, self.requisition)
        self.assertEqual(self.requisition.social_clause_lot_id, lot)
        self.assertEqual(self.requisition.social_clause_hours_calibrated, 200)
        # The agreement's "Social clause" tab edits the lot.
        with Form(self.requisition) as requisition_form:
            requisition_form.social_clause_insertion_rate = 10.5
        self.assertEqual(lot.insertion_rate, 10.5)
        self.assertEqual(lot.hours_calibrated, 300)
        self.assertEqual(self.requisition.social_clause_hours_required, 300)
        self.assertEqual(
            self.env["purchase.requisition"].search(
                [("social_clause_lot_id", "=", lot.id)]
            ),
            self.requisition,
        )

    def test_one_lot_per_agreement(self):
        self.lot_1.requisition_id = self.requisition
        with self.assertRaisesRegex(ValidationError, "porte déjà le lot"):
            self.lot_2.requisition_id = self.requisition
        self.assertFalse(self.lot_2.requisition_id)
