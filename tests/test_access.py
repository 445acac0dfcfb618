# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SocialClauseCase, make_user

SENSITIVE_FIELDS = [
    "birth_date",
    "gender",
    "criterion_ids",
    "eligibility_state",
    "prescriber_id",
    "outcome_ids",
]


@tagged("post_install", "-at_install")
class TestAccess(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = make_user(
            cls.env,
            "sc_internal",
            "base.group_user,base.group_allow_export",
            name="Ines Interne",
        )
        cls.portal_user = make_user(
            cls.env,
            "sc_portal",
            "base.group_portal,base.group_allow_export",
            name="Paul Portail",
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other facilitator"})
        cls.other_facilitator = make_user(
            cls.env,
            "sc_other_facilitator",
            "base.group_user,social_clause.group_user",
            company=cls.other_company,
        )

    def test_internal_user_without_group_sees_nothing(self):
        for model in (
            "social.clause.operation",
            "social.clause.lot",
            "social.clause.commitment",
            "social.clause.participant",
            "social.clause.hour",
        ):
            with self.subTest(model=model):
                records = self.env[model].with_user(self.internal)
                self.assertFalse(records.has_access("read"))
                with self.assertRaises(AccessError):
                    records.search([])
        menu = self.env.ref("social_clause.menu_root")
        visible = self.env["ir.ui.menu"].with_user(self.internal)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)

    def test_facilitator_and_manager_rights(self):
        operation = (
            self.env["social.clause.operation"]
            .with_user(self.facilitator)
            .create({"name": "Gymnasium", "buyer_id": self.buyer.id})
        )
        self.assertEqual(operation.user_id, self.facilitator)
        with self.assertRaises(AccessError):
            operation.unlink()
        # Reference data is read-only for facilitators, editable by managers.
        sector = self.env.ref("social_clause.sector_painting")
        with self.assertRaises(AccessError):
            sector.with_user(self.facilitator).labour_rate = 65
        sector.with_user(self.manager).labour_rate = 65
        self.assertEqual(sector.labour_rate, 65)
        operation.with_user(self.manager).unlink()
        self.assertFalse(operation.exists())

    def test_multi_company(self):
        Operation = self.env["social.clause.operation"]
        self.assertIn(self.operation, Operation.with_user(self.facilitator).search([]))
        self.assertNotIn(
            self.operation, Operation.with_user(self.other_facilitator).search([])
        )
        with self.assertRaises(AccessError):
            self.operation.with_user(self.other_facilitator).read(["name"])
        with self.assertRaises(AccessError):
            self.participant.with_user(self.other_facilitator).read(["name"])

    def test_sensitive_participant_fields(self):
        participant = self.participant
        # Facilitators read and write them.
        values = participant.with_user(self.facilitator).read(SENSITIVE_FIELDS)
        self.assertEqual(values[0]["eligibility_state"], "validated")
        participant.with_user(self.facilitator).gender = "female"
        for user in (self.internal, self.portal_user):
            as_user = participant.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    as_user.read(["birth_date"])
                with self.assertRaises(AccessError):
                    as_user.search_read([], ["criterion_ids"])
                with self.assertRaises(AccessError):
                    as_user.export_data(["name", "criterion_ids/code"])
                with self.assertRaises(AccessError):
                    as_user.write({"eligibility_state": "refused"})
        self.assertEqual(participant.eligibility_state, "validated")

    def test_sensitive_fields_are_restricted_to_facilitators(self):
        fields = self.env["social.clause.participant"]._fields
        for name in SENSITIVE_FIELDS:
            with self.subTest(field=name):
                self.assertEqual(fields[name].groups, "social_clause.group_user")
                # Never copied into the chatter.
                self.assertFalse(getattr(fields[name], "tracking", False))

    def test_only_facilitators_validate_hours(self):
        firm_user = make_user(
            self.env,
            "sc_firm_portal",
            "base.group_portal",
            partner=self.env["res.partner"].create(
                {"name": "Firm A contact", "parent_id": self.firm_a.id}
            ),
        )
        line = self.env["social.clause.hour"].create(
            self._hour_vals(self.participant, self.commitment_a1, 10, state="submitted")
        )
        # The firm reads its own line on the portal, but cannot validate it.
        self.assertEqual(
            line.with_user(firm_user).read(["state"])[0]["state"], "submitted"
        )
        for user in (firm_user, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).action_validate()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                line.with_user(user).action_reject("Not mine to reject")
        self.assertEqual(line.state, "submitted")
        line.with_user(self.facilitator).action_validate()
        self.assertEqual(line.state, "validated")
