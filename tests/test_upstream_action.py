# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import UpstreamCase, make_user


@tagged("post_install", "-at_install")
class TestUpstreamAction(UpstreamCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Claire Directrice", "parent_id": cls.town.id}
        )

    def _plan_action(self, partner, name="Présentation du dispositif"):
        Action = self.env["social.clause.action"].with_user(self.facilitator)
        with Form(Action) as form:
            form.name = name
            form.kind = "presentation"
            form.partner_id = partner
            form.contact_ids.add(self.contact)
        return form.record

    def test_action_planned_then_done_then_followed(self):
        action = self._plan_action(self.town)
        self.assertEqual(action.state, "todo")
        self.assertEqual(action.user_id, self.facilitator)
        self.assertEqual(action.company_id, self.company)
        # A prospect: a buyer without any operation yet.
        self.assertEqual(self.town.social_clause_buyer_status, "prospect")
        self.assertEqual(action.partner_role, "prospect")
        # Planned and followed with activities.
        activity = action.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Rappeler la directrice",
            user_id=self.facilitator.id,
        )
        self.assertEqual(action.activity_ids, activity)
        action.action_done()
        self.assertEqual(action.state, "done")
        with self.assertRaisesRegex(UserError, "déjà réalisée"):
            action.action_done()
        # "Followed by an operation" needs the operation it led to.
        with self.assertRaisesRegex(ValidationError, "opération"):
            action.action_followed()
        with Form(action.with_user(self.facilitator)) as form:
            form.outcome = "La ville met une clause dans la rénovation de l'école."
            form.next_step = "Calibrer les lots."
        operation = self.env["social.clause.operation"].create(
            {"name": "Rénovation de l'école", "buyer_id": self.town.id}
        )
        action.operation_ids = operation
        action.with_user(self.facilitator).action_followed()
        self.assertEqual(action.state, "followed")
        self.assertEqual(action.operation_count, 1)
        # The kanban shows the three stages even when empty.
        groups = self.env["social.clause.action"].read_group(
            [("id", "=", -1)], ["state"], ["state"]
        )
        self.assertEqual(
            [group["state"] for group in groups], ["todo", "done", "followed"]
        )

    def test_prospect_becomes_buyer_with_first_operation(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Communauté de communes",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        self.assertEqual(prospect.social_clause_buyer_status, "prospect")
        self.assertIn(
            prospect,
            self.env["res.partner"].search(
                [("social_clause_buyer_status", "=", "prospect")]
            ),
        )
        with Form(self.env["social.clause.operation"]) as form:
            form.name = "Première opération"
            form.buyer_id = prospect
            form.date_start = "2026-03-01"
            with form.lot_ids.new() as lot:
                lot.name = "Lot 1"
                lot.amount_untaxed = 600_000
                lot.labour_rate = 50
                lot.insertion_rate = 5
                lot.hourly_cost = 30
        self.assertEqual(prospect.social_clause_buyer_status, "buyer")
        self.assertEqual(self._plan_action(prospect).partner_role, "buyer")
        # The buyer's form: operations, hours required and done, results.
        prospect.invalidate_recordset()
        self.assertEqual(prospect.social_clause_operation_count, 1)
        self.assertEqual(prospect.social_clause_buyer_hours_required, 500)
        self.assertEqual(prospect.social_clause_buyer_hours_done, 0)
        self.assertEqual(prospect.social_clause_action_count, 1)
        results = str(prospect.social_clause_buyer_results)
        self.assertIn("<td>2026</td>", results)
        self.assertIn("Heures réalisées dans l&#39;année", results)
        action = prospect.action_view_social_clause_actions()
        self.assertEqual(
            self.env["social.clause.action"].search(action["domain"]).partner_id,
            prospect,
        )

    def test_firm_and_partner_roles(self):
        firm = self.env["res.partner"].create({"name": "BTP SAS", "is_company": True})
        siae = self.env["res.partner"].create(
            {
                "name": "ACI du Val",
                "is_company": True,
                "social_clause_employer_kind": "aci",
            }
        )
        self.assertEqual(self._plan_action(firm).partner_role, "firm")
        self.assertEqual(self._plan_action(siae).partner_role, "partner")

    def test_rights_and_companies(self):
        action = self._plan_action(self.town)
        employee = make_user(self.env, "sc_up_employee")
        with self.assertRaises(AccessError):
            action.with_user(employee).read(["name"])
        other_company = self.env["res.company"].create({"name": "Autre territoire"})
        foreign = self.env["social.clause.action"].create(
            {
                "name": "Action d'un autre territoire",
                "partner_id": self.town.id,
                "company_id": other_company.id,
            }
        )
        visible = (
            self.env["social.clause.action"]
            .with_user(self.facilitator)
            .search([("partner_id", "=", self.town.id)])
        )
        self.assertIn(action, visible)
        self.assertNotIn(foreign, visible)
