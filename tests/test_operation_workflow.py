# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.osv.expression import AND
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestOperationWorkflow(SocialClauseCase):
    def _new_operation(self):
        operation_form = Form(self.env["social.clause.operation"])
        operation_form.name = "Media library"
        operation_form.buyer_id = self.buyer
        with operation_form.lot_ids.new() as lot:
            lot.name = "Single lot"
            lot.amount_untaxed = 500_000
            lot.labour_rate = 50
            lot.insertion_rate = 6
            lot.hourly_cost = 30
        return operation_form.save()

    def test_full_workflow(self):
        operation = self._new_operation().with_context(
            tracking_disable=False, mail_notrack=False
        )
        self.assertEqual(operation.state, "draft")
        self.assertTrue(operation.reference.startswith("OPE/"))
        self.assertIn(operation.reference, operation.display_name)
        self.assertEqual(operation.hours_required, 500)
        self.env.cr.precommit.run()  # tracking is written at commit time
        operation.action_calibrate()
        self.env.cr.precommit.run()
        self.assertEqual(operation.state, "calibrated")
        operation.action_consultation()
        self.env.cr.precommit.run()
        self.assertEqual(operation.state, "consultation")
        with self.assertRaisesRegex(UserError, "Single lot"):
            operation.action_execution()
        self.assertEqual(operation.state, "consultation")
        self.env["social.clause.commitment"].create(
            {
                "lot_id": operation.lot_ids.id,
                "partner_id": self.firm_a.id,
                "hours_committed": 500,
            }
        )
        operation.action_execution()
        self.env.cr.precommit.run()
        self.assertEqual(operation.state, "execution")
        operation.action_close()
        self.env.cr.precommit.run()
        self.assertEqual(operation.state, "closed")
        # The state changes are tracked in the chatter.
        tracked = operation.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual(len(tracked), 4)

    def test_state_changes_that_do_not_hold(self):
        operation = self._new_operation()
        with self.assertRaisesRegex(UserError, "Seule une opération calibrée peut"):
            operation.action_consultation()
        with self.assertRaisesRegex(UserError, "Seule une opération en exécution"):
            operation.action_close()
        with self.assertRaisesRegex(
            UserError, "Seule une opération calibrée ou annulée"
        ):
            operation.action_draft()
        self.assertEqual(operation.state, "draft")
        empty = self.env["social.clause.operation"].create(
            {"name": "Empty", "buyer_id": self.buyer.id}
        )
        with self.assertRaisesRegex(UserError, "au moins un lot"):
            empty.action_calibrate()
        self.assertEqual(empty.state, "draft")
        operation.action_cancel()
        with self.assertRaisesRegex(UserError, "ne peut pas être annulée"):
            operation.action_cancel()
        operation.action_draft()
        self.assertEqual(operation.state, "draft")

    def test_no_commitment_on_cancelled_operation(self):
        operation = self._new_operation()
        operation.action_cancel()
        Commitment = self.env["social.clause.commitment"]
        count = Commitment.search_count([])
        with self.assertRaisesRegex(
            ValidationError, "n'accepte plus de nouvel engagement"
        ):
            Commitment.create(
                {
                    "lot_id": operation.lot_ids.id,
                    "partner_id": self.firm_a.id,
                    "hours_committed": 10,
                }
            )
        self.assertEqual(Commitment.search_count([]), count)
        with self.assertRaisesRegex(
            ValidationError, "n.accepte plus de modification de ses lots"
        ):
            operation.lot_ids.amount_untaxed = 1

    def test_dates_must_be_ordered(self):
        with self.assertRaisesRegex(
            ValidationError, "ne peuvent pas se terminer avant"
        ):
            self.operation.date_end = self.operation.date_start.replace(year=2000)

    def test_smart_buttons(self):
        self.assertEqual(self.operation.commitment_count, 3)
        action = self.operation.action_view_commitments()
        commitments = self.env["social.clause.commitment"].search(action["domain"])
        self.assertEqual(commitments, self.operation.commitment_ids)
        action = self.operation.action_view_lots()
        self.assertEqual(
            self.env["social.clause.lot"].search(action["domain"]),
            self.operation.lot_ids,
        )

    def test_partner_roles_and_search_filters(self):
        Partner = self.env["res.partner"]
        building = self.env.ref("social_clause.sector_building")
        aci = Partner.create(
            {
                "name": "ACI Les Bâtisseurs",
                "is_company": True,
                "social_clause_employer_kind": "aci",
                "social_clause_sector_ids": [(6, 0, building.ids)],
            }
        )
        market_garden = Partner.create(
            {
                "name": "ACI Maraîchage",
                "is_company": True,
                "social_clause_employer_kind": "aci",
                "social_clause_sector_ids": [
                    (6, 0, self.env.ref("social_clause.sector_green_spaces").ids)
                ],
            }
        )
        self.assertTrue(aci.is_siae)
        self.assertTrue(self.buyer.is_social_clause_buyer)
        self.assertFalse(self.firm_a.is_social_clause_buyer)
        # The filters of the partner search view, as a facilitator combines them.
        arch = etree.fromstring(
            self.env.ref("social_clause.res_partner_view_search").arch_db
        )

        def filter_domain(name):
            node = arch.xpath(f"//filter[@name='{name}']")[0]
            return safe_eval(node.get("domain"))

        found = Partner.search(
            AND(
                [
                    filter_domain("social_clause_aci"),
                    filter_domain("social_clause_building"),
                ]
            )
        )
        self.assertIn(aci, found)
        self.assertNotIn(market_garden, found)
        self.assertFalse(
            found.filtered(lambda p: p.social_clause_employer_kind != "aci")
        )
        self.assertIn(
            self.buyer,
            Partner.search([("social_clause_buyer_kind", "=", "local_authority")]),
        )
        self.assertEqual(self.firm_a.social_clause_commitment_count, 1)
        self.assertEqual(self.firm_b.social_clause_commitment_count, 2)
