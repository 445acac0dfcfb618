# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Regression tests of the security findings of issue 10 (1 outside the
portal declaration, 3, 4 and 5)."""

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import SocialClauseCase, SocialClausePortalCommon, make_user

EVIL_NAME = (
    '<a href="https://evil.example/login">Valider ici</a>'
    '<img src="https://evil.example/p.png">'
)
REQUISITION_CLAUSE_FIELDS = [
    "social_clause_lot_ids",
    "social_clause_lot_id",
    "social_clause_operation_id",
    "social_clause_type",
    "social_clause_amount_untaxed",
    "social_clause_labour_rate",
    "social_clause_insertion_rate",
    "social_clause_hourly_cost",
    "social_clause_hours_calibrated",
    "social_clause_hours_required",
    "social_clause_hours_done",
]


@tagged("post_install", "-at_install")
class TestInternalUsersWithoutGroups(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.purchase_user = make_user(
            cls.env,
            "sc_purchase_only",
            "base.group_user,purchase.group_purchase_user",
            name="Paul Purchase",
        )
        cls.requisition = cls.env["purchase.requisition"].create(
            {"vendor_id": cls.firm_a.id, "requisition_type": "blanket_order"}
        )
        cls.lot_1.requisition_id = cls.requisition

    def test_requisition_clause_fields_not_readable_by_purchase_user(self):
        requisition = self.requisition.with_user(self.purchase_user)
        self.assertTrue(requisition.read(["name"]))
        for fname in REQUISITION_CLAUSE_FIELDS:
            with self.subTest(field=fname), self.assertRaises(AccessError):
                requisition.invalidate_recordset()
                requisition.read([fname])
        # A read of all fields leaves them out.
        self.assertFalse(
            set(REQUISITION_CLAUSE_FIELDS) & set(requisition.read()[0]),
        )

    def test_requisition_clause_fields_not_searchable_by_purchase_user(self):
        Requisition = self.env["purchase.requisition"].with_user(self.purchase_user)
        domains = [
            [("social_clause_hours_required", ">", 100)],
            [("social_clause_amount_untaxed", "=", 1_000_000)],
            [("social_clause_type", "=", "execution_condition")],
            [("social_clause_operation_id", "=", self.operation.id)],
            [("social_clause_lot_ids", "!=", False)],
            [("social_clause_lot_ids", "in", self.lot_1.ids)],
            [("social_clause_lot_id.hours_required", ">", 0)],
            ["|", ("name", "=", "x"), ("social_clause_labour_rate", ">", 10)],
        ]
        for domain in domains:
            with self.subTest(domain=domain), self.assertRaises(AccessError):
                Requisition.search(domain)
        with self.assertRaises(AccessError):
            Requisition.search([], order="social_clause_hours_required desc")
        with self.assertRaises(AccessError):
            self.env["purchase.order"].with_user(self.purchase_user).search(
                [("requisition_id.social_clause_hours_required", ">", 0)]
            )
        # Their own fields still work.
        self.assertIn(self.requisition, Requisition.search([]))

    def test_purchase_user_still_works_on_agreements(self):
        form = Form(self.env["purchase.requisition"].with_user(self.purchase_user))
        form.vendor_id = self.firm_b
        requisition = form.save()
        requisition.write({"description": "Gravel for the school"})
        self.assertTrue(requisition.search_read([("id", "=", requisition.id)]))
        copy = requisition.copy()
        self.assertEqual(copy.vendor_id, self.firm_b)

    def test_requisition_clause_fields_for_facilitator(self):
        buyer_facilitator = make_user(
            self.env,
            "sc_purchase_facilitator",
            "base.group_user,purchase.group_purchase_user,social_clause.group_user",
        )
        Requisition = self.env["purchase.requisition"].with_user(buyer_facilitator)
        found = Requisition.search(
            [
                ("social_clause_hours_required", "=", self.lot_1.hours_required),
                ("social_clause_type", "=", "execution_condition"),
            ]
        )
        self.assertEqual(found, self.requisition)
        values = found.read(["social_clause_hours_required", "social_clause_lot_id"])
        self.assertEqual(values[0]["social_clause_hours_required"], 800.0)
        self.assertEqual(values[0]["social_clause_lot_id"][0], self.lot_1.id)

    def test_partner_commitments_not_searchable_without_group(self):
        Partner = self.env["res.partner"]
        for user in (self.purchase_user,):
            for domain in (
                [("social_clause_commitment_ids", "in", self.commitment_a1.ids)],
                [("social_clause_commitment_ids", "!=", False)],
                [("social_clause_commitment_ids.hours_committed", ">", 0)],
            ):
                with self.subTest(domain=domain), self.assertRaises(AccessError):
                    Partner.with_user(user).search(domain)
            with self.assertRaises(AccessError):
                Partner.browse(self.firm_a.id).with_user(user).read(
                    ["social_clause_commitment_ids"]
                )

    def test_partner_commitments_searchable_by_facilitator(self):
        Partner = self.env["res.partner"].with_user(self.facilitator)
        self.assertEqual(
            Partner.search(
                [("social_clause_commitment_ids", "in", self.commitment_a1.ids)]
            ),
            self.firm_a,
        )
        ours = self.firm_a | self.firm_b | self.buyer
        holders = Partner.search([("social_clause_commitment_ids", "!=", False)])
        self.assertEqual(holders & ours, self.firm_a | self.firm_b)
        without = Partner.search([("social_clause_commitment_ids", "=", False)])
        self.assertEqual(without & ours, self.buyer)
        self.assertEqual(
            self.firm_b.with_user(self.facilitator).social_clause_commitment_ids,
            self.commitment_b2 | self.commitment_b1,
        )

    def test_exit_follow_up_activity_escapes_the_name(self):
        participant = self._create_eligible_participant(EVIL_NAME)
        participant.action_enter_path()
        participant.action_exit_path()
        note = str(participant.activity_ids.note)
        self.assertNotIn("<a ", note)
        self.assertNotIn("<img", note)
        self.assertIn("&lt;a href=", note)
        self.assertIn("Renseignez la situation de", note)


@tagged("post_install", "-at_install")
class TestPortalBackOfficeFields(SocialClausePortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.commitment_b.note = "<p>Firm slow to send payslips: call the boss</p>"

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger("odoo.http")
    def test_firm_cannot_read_facilitator_note(self):
        self._login(self.user_b)
        for method, args in (
            ("read", [[self.commitment_b.id], ["note"]]),
            ("search_read", [[], ["note"]]),
            ("search_read", [[("note", "ilike", "payslips")], ["id"]]),
            ("web_read", [[self.commitment_b.id], {"note": {}}]),
        ):
            with self.subTest(method=method), self.assertRaises(JsonRpcException):
                self._call("social.clause.commitment", method, args)
        with self.assertRaises(JsonRpcException):
            self._call(
                "social.clause.lot",
                "read",
                [[self.lot_painting.id], ["requisition_id"]],
            )
        # A firm reads no lot at all: a co-contractor's figures are on it.
        with self.assertRaises(JsonRpcException):
            self._call("social.clause.lot", "read", [[self.lot_painting.id], ["name"]])
        everything = self._call(
            "social.clause.commitment", "read", [[self.commitment_b.id]]
        )
        self.assertNotIn("note", everything[0])
        self.assertNotIn("call the boss", str(everything))
        # The portal page renders all the same, without the note.
        page = self.url_open(f"/my/social_clauses/{self.commitment_b.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("call the boss", page.text)
