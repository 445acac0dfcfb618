# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import SocialClauseCase, SocialClauseHttpCase, make_user

CLAUSE_MODELS = (
    "social.clause.operation",
    "social.clause.lot",
    "social.clause.commitment",
    "social.clause.hour",
    "social.clause.participant",
    "social.clause.outcome",
    "social.clause.hour.analysis",
    "social.clause.lot.analysis",
    "social.clause.participant.analysis",
)


class TestMultiCompany(SocialClauseCase):
    """Two structures in one database: company A (the case's) and company B,
    with its own facilitator, operation, lot, participant and hours. Firm A
    works for both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {"name": "PLIE Structure B", "social_clause_retention_months": 36}
        )
        cls.facilitator_b = make_user(
            cls.env,
            "sc_facilitator_b",
            "base.group_user,social_clause.group_user",
            company=cls.company_b,
        )

        def env_b(model):
            return cls.env[model].with_company(cls.company_b)

        cls.operation_b = env_b("social.clause.operation").create(
            {
                "name": "Gymnase B",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator_b.id,
                "lot_ids": [Command.create({"name": "Lot B", "hourly_cost": 30})],
            }
        )
        cls.lot_b = cls.operation_b.lot_ids
        cls.commitment_b = env_b("social.clause.commitment").create(
            {"lot_id": cls.lot_b.id, "partner_id": cls.firm_a.id}
        )
        cls.operation_b.state = "execution"
        cls.participant_b = env_b("social.clause.participant").create(
            {
                "name": "Karim B",
                "criterion_ids": [Command.set(cls.criterion_rsa.ids)],
                "firm_ids": [Command.set(cls.firm_a.ids)],
            }
        )
        cls.participant_b.action_validate_eligibility()
        cls.participant_b.eligibility_date = cls.today - relativedelta(months=12)
        Hour = cls.env["social.clause.hour"]
        cls.hour_a = Hour.create(cls._hour_vals(cls.participant, cls.commitment_a1, 7))
        cls.hour_b = Hour.create(cls._hour_vals(cls.participant_b, cls.commitment_b, 9))
        # Validated hours of the month before, in both companies: the analysis
        # views count them.
        before = cls.month - relativedelta(months=1)
        counted = Hour.create(
            [
                cls._hour_vals(cls.participant, cls.commitment_a1, 5, month=before),
                cls._hour_vals(cls.participant_b, cls.commitment_b, 6, month=before),
            ]
        )
        counted.action_submit()
        counted.action_validate()
        cls.outcome_b = cls.env["social.clause.outcome"].create(
            {
                "participant_id": cls.participant_b.id,
                "kind_id": cls.env.ref("social_clause.outcome_kind_cdi").id,
            }
        )
        cls.env.flush_all()

    def test_records_belong_to_their_structure(self):
        self.assertEqual(self.operation_b.company_id, self.company_b)
        for record in (
            self.lot_b,
            self.commitment_b,
            self.hour_b,
            self.participant_b,
            self.outcome_b,
        ):
            with self.subTest(model=record._name):
                self.assertEqual(record.company_id, self.company_b)
        self.assertEqual(self.hour_a.company_id, self.company)
        for name in CLAUSE_MODELS:
            with self.subTest(model=name):
                self.assertIn("company_id", self.env[name]._fields)

    def test_facilitator_sees_only_their_companies(self):
        for name in CLAUSE_MODELS:
            with self.subTest(model=name):
                Model = self.env[name].with_user(self.facilitator_b)
                companies = Model.search([]).mapped("company_id")
                self.assertEqual(companies, self.company_b)
                as_a = self.env[name].with_user(self.facilitator).search([])
                self.assertTrue(as_a)
                self.assertEqual(as_a.mapped("company_id"), self.company)
        for record in (
            self.operation,
            self.lot_1,
            self.commitment_a1,
            self.hour_a,
            self.participant,
        ):
            with self.subTest(record=record):
                with self.assertRaises(AccessError):
                    record.with_user(self.facilitator_b).read(["display_name"])
        with self.assertRaises(AccessError):
            self.operation_b.with_user(self.facilitator).read(["name"])
        # The to-do counts only what the user may see: one line of B to validate.
        self.hour_b.action_submit()
        self.hour_a.action_submit()
        todo = self.env["social.clause.todo"].with_user(self.facilitator_b)
        [card] = todo.search([("kind", "=", "hours_to_validate")])
        self.assertEqual(card.count, 1)

    def test_user_of_both_companies_switches(self):
        manager = make_user(
            self.env,
            "sc_manager_ab",
            "base.group_user,social_clause.group_manager",
            company=self.company,
            company_ids=[Command.set((self.company | self.company_b).ids)],
        )
        Operation = self.env["social.clause.operation"].with_user(manager)
        both = Operation.with_context(
            allowed_company_ids=(self.company | self.company_b).ids
        ).search([])
        self.assertIn(self.operation, both)
        self.assertIn(self.operation_b, both)
        only_b = Operation.with_context(allowed_company_ids=self.company_b.ids)
        self.assertEqual(only_b.search([]).company_id, self.company_b)
        # The facilitator of B cannot switch to A.
        with self.assertRaises(AccessError):
            self.env["social.clause.operation"].with_user(
                self.facilitator_b
            ).with_context(allowed_company_ids=self.company.ids).search([])

    def test_new_records_take_the_current_company(self):
        with Form(
            self.env["social.clause.operation"].with_user(self.facilitator_b)
        ) as form:
            form.name = "Médiathèque B"
            form.buyer_id = self.buyer
        self.assertEqual(form.record.company_id, self.company_b)
        participant = (
            self.env["social.clause.participant"]
            .with_user(self.facilitator_b)
            .create({"name": "Léa B"})
        )
        self.assertEqual(participant.company_id, self.company_b)

    def test_records_of_two_companies_are_not_mixed(self):
        # A person followed by A cannot get hours on a commitment of B.
        with self.assertRaises(UserError):
            self.env["social.clause.hour"].create(
                self._hour_vals(self.participant, self.commitment_b, 5)
            )
        # A firm of A's own contacts cannot commit on a lot of B.
        firm_of_a = self.env["res.partner"].create(
            {
                "name": "Firm of A only",
                "is_company": True,
                "company_id": self.company.id,
            }
        )
        with self.assertRaises(UserError):
            self.env["social.clause.commitment"].create(
                {"lot_id": self.lot_b.id, "partner_id": firm_of_a.id}
            )
        self.assertFalse(self.commitment_b.hour_ids.participant_id - self.participant_b)

    def test_portal_firm_sees_its_commitments_of_both_companies(self):
        contact = self.env["res.partner"].create(
            {"name": "Contact A", "parent_id": self.firm_a.id}
        )
        firm_user = make_user(
            self.env, "sc_portal_firm_ab", "base.group_portal", partner=contact
        )
        self.assertEqual(firm_user.company_ids, self.company)
        Commitment = self.env["social.clause.commitment"].with_user(firm_user)
        self.assertEqual(Commitment.search([]), self.commitment_a1 | self.commitment_b)
        Hour = self.env["social.clause.hour"].with_user(firm_user)
        hours = Hour.search([])
        self.assertIn(self.hour_b, hours)
        self.assertEqual(hours.commitment_id, self.commitment_a1 | self.commitment_b)
        # Nothing of firm B, in either structure.
        with self.assertRaises(AccessError):
            self.commitment_b1.with_user(firm_user).read(["partner_id"])

    def test_settings_are_per_company(self):
        settings = Form(self.env["res.config.settings"].with_company(self.company_b))
        self.assertEqual(settings.social_clause_retention_months, 36)
        settings.social_clause_reminder_day = 12
        settings.social_clause_hourly_cost = 33
        settings.save().execute()
        self.assertEqual(self.company_b.social_clause_reminder_day, 12)
        self.assertEqual(self.company_b.social_clause_hourly_cost, 33)
        self.assertEqual(self.company.social_clause_reminder_day, 5)
        self.assertEqual(self.company.social_clause_hourly_cost, 30)
        settings_a = Form(self.env["res.config.settings"])
        self.assertEqual(settings_a.social_clause_retention_months, 24)

    def test_retention_cron_uses_each_company_delay(self):
        exited = self.today - relativedelta(months=30)
        values = {
            "entry_date": exited - relativedelta(months=6),
            "exit_date": exited,
            "path_state": "exited",
        }
        person_a = self.env["social.clause.participant"].create(
            dict(values, name="Ancien A")
        )
        person_b = (
            self.env["social.clause.participant"]
            .with_company(self.company_b)
            .create(dict(values, name="Ancien B"))
        )
        self.assertEqual(person_b.company_id, self.company_b)
        self.env.ref(
            "social_clause.ir_cron_participant_anonymise"
        ).method_direct_trigger()
        # 30 months: over A's 24, within B's 36.
        self.assertTrue(person_a.is_anonymised)
        self.assertFalse(person_b.is_anonymised)
        self.assertEqual(person_b.name, "Ancien B")
        self.company_b.social_clause_retention_months = 24
        self.env["social.clause.participant"]._cron_anonymise_expired()
        self.assertTrue(person_b.is_anonymised)

    def test_reminder_cron_uses_each_company_day(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Julie Contact A",
                "parent_id": self.firm_a.id,
                "email": "julie@firm-a.example",
            }
        )
        make_user(self.env, "sc_portal_reminded", "base.group_portal", partner=contact)
        self.company.social_clause_reminder_day = 1
        self.company_b.social_clause_reminder_day = 0  # B sends no reminder
        Commitment = self.env["social.clause.commitment"]
        Commitment._cron_remind_undeclared_hours()
        self.assertEqual(self.commitment_a1.reminder_month, self.month)
        self.assertFalse(self.commitment_b.reminder_month)
        self.company_b.social_clause_reminder_day = 1
        Commitment._cron_remind_undeclared_hours()
        self.assertEqual(self.commitment_b.reminder_month, self.month)


class TestMultiCompanyHttp(SocialClauseHttpCase):
    """The demo's second structure (PLIE Métropole Sud) through the web:
    its facilitator by JSON-RPC and report URLs, and the firm of both
    structures on its portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env.ref("social_clause.company_plie_sud")
        cls.operation_b = cls.env.ref("social_clause.operation_sud_gymnasium")
        cls.operation_a = cls.env.ref("social_clause.operation_school")
        cls.commitment_a = cls.env.ref("social_clause.commitment_school_masonry")
        cls.commitment_b = cls.env.ref("social_clause.commitment_sud_gymnasium_masonry")

    def _call_kw(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_facilitator_of_b_by_json_rpc(self):
        self.authenticate("ines.moreau", "ines.moreau")
        for model, record in (
            ("social.clause.operation", self.operation_b),
            ("social.clause.commitment", self.commitment_b),
            (
                "social.clause.participant",
                self.env.ref("social_clause.participant_sud_karim"),
            ),
        ):
            with self.subTest(model=model):
                rows = self._call_kw(
                    model, "search_read", [[]], fields=["display_name"]
                )
                self.assertEqual([row["id"] for row in rows], record.ids)
        rows = self._call_kw(
            "social.clause.lot.analysis", "search_read", [[]], fields=["lot_id"]
        )
        self.assertTrue(rows)
        self.assertEqual(
            {row["lot_id"][0] for row in rows}, set(self.operation_b.lot_ids.ids)
        )
        for method, args in (
            ("read", [self.operation_a.ids, ["name"]]),
            ("web_read", [self.operation_a.ids]),
            ("write", [self.operation_a.ids, {"name": "Pris"}]),
        ):
            with self.subTest(method=method), self.assertRaises(Exception) as error:
                self._call_kw(
                    "social.clause.operation",
                    method,
                    args,
                    **({"specification": {"name": {}}} if method == "web_read" else {}),
                )
            self.assertIn("AccessError", str(error.exception))
        # Asking for the other structure in the context is refused too.
        with self.assertRaises(Exception) as error:
            self._call_kw(
                "social.clause.operation",
                "search_read",
                [[]],
                fields=["name"],
                context={"allowed_company_ids": self.operation_a.company_id.ids},
            )
        self.assertIn("AccessError", str(error.exception))
        self.assertEqual(
            self.operation_a.name, "Construction du groupe scolaire Jean Jaurès"
        )

    def test_facilitator_of_b_by_url(self):
        self.authenticate("ines.moreau", "ines.moreau")
        report = "/report/pdf/social_clause.report_operation_bilan"
        own = self.url_open(f"{report}/{self.operation_b.id}")
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.headers["Content-Type"], "application/pdf")
        other = self.url_open(f"{report}/{self.operation_a.id}")
        self.assertEqual(other.status_code, 403)
        self.assertNotIn(b"Jean Jaur", other.content)
        attestation = "/report/pdf/social_clause.report_commitment_attestation"
        other = self.url_open(f"{attestation}/{self.commitment_a.id}")
        self.assertEqual(other.status_code, 403)
        # The back office list of operations, as the web client loads it.
        action = self.url_open(
            "/odoo/action-social_clause.social_clause_operation_action"
        )
        self.assertEqual(action.status_code, 200)
        rows = self._call_kw(
            "social.clause.operation",
            "web_search_read",
            [[]],
            specification={"name": {}, "company_id": {"fields": {"display_name": {}}}},
        )
        self.assertEqual(
            [row["company_id"]["display_name"] for row in rows["records"]],
            ["PLIE Métropole Sud"],
        )

    def test_facilitator_of_b_in_the_web_client(self):
        self.start_tour(
            "/odoo/action-social_clause.social_clause_operation_action",
            "social_clause_multicompany_tour",
            login="ines.moreau",
        )

    def test_firm_of_both_sees_both_on_portal(self):
        self.authenticate("portail.btp", "portail.btp")
        page = self.url_open("/my/social_clauses")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Construction du groupe scolaire Jean Jaurès", page.text)
        self.assertIn("Extension du gymnase Léo Lagrange", page.text)
        # Nothing of the other firms of either structure.
        self.assertNotIn("Charpente", page.text)
        for commitment in (self.commitment_a, self.commitment_b):
            with self.subTest(commitment=commitment.display_name):
                detail = self.url_open(f"/my/social_clauses/{commitment.id}")
                self.assertEqual(detail.status_code, 200)
                self.assertIn(commitment.operation_id.name, detail.text)
        other = self.env.ref("social_clause.commitment_school_metal")
        response = self.url_open(f"/my/social_clauses/{other.id}")
        self.assertNotIn("Charpente", response.text)

    def test_demo_facilitator_of_b_only(self):
        ines = self.env.ref("social_clause.user_facilitator_ines")
        self.assertEqual(ines.company_ids, self.company_b)
        self.assertEqual(self.company_b.social_clause_retention_months, 36)
        self.assertNotEqual(
            self.company_b.social_clause_reminder_day,
            self.operation_a.company_id.social_clause_reminder_day,
        )
