# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
from pathlib import Path

from dateutil.relativedelta import relativedelta
from psycopg2 import errors as pg_errors

from odoo import SUPERUSER_ID, api
from odoo.sql_db import db_connect
from odoo.tests import Form, TransactionCase
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from odoo.addons.social_clause.models.common import SocialClauseError, format_month

from .common import SocialClauseCase, action_domain, make_user


class TestMonths(SocialClauseCase):
    def test_months_read_as_months(self):
        october = datetime.date(2026, 10, 1)
        self.assertEqual(format_month(october, self.env), "10/2026")
        self.assertEqual(format_month(october, self.env, long=True), "octobre 2026")
        self.assertEqual(format_month(False, self.env), "")
        line = self.env["social.clause.hour"].create(
            self._hour_vals(
                self.participant, self.commitment_a1, 10, month="2026-10-17"
            )
        )
        self.assertEqual(line.date, october)
        self.assertEqual(line.month_label, "10/2026")
        self.assertEqual(line.display_name, "Alice Durand - 10/2026")
        # Lists show the label, and exports carry it as text.
        arch = self.env["social.clause.hour"].get_view(view_type="list")["arch"]
        self.assertIn('name="month_label"', arch)
        exported = line.export_data(["month_label"])["datas"]
        self.assertEqual(exported, [["10/2026"]])
        # Moving the line to another month moves its label.
        line.date = "2026-11-03"
        self.assertEqual(line.month_label, "11/2026")


class TestTotalsByState(SocialClauseCase):
    def test_validated_and_submitted_never_mix(self):
        Hour = self.env["social.clause.hour"]
        validated, submitted, rejected = Hour.create(
            [
                self._hour_vals(self.participant, self.commitment_a1, 30),
                self._hour_vals(self.participant_2, self.commitment_a1, 20),
                self._hour_vals(
                    self.participant, self.commitment_a1, 5, modality="training"
                ),
            ]
        )
        (validated | submitted | rejected).action_submit()
        validated.action_validate()
        rejected.action_reject("Pas de feuille de présence")
        self.assertEqual(
            (validated.hours_validated, validated.hours_submitted), (30, 0)
        )
        self.assertEqual(
            (submitted.hours_validated, submitted.hours_submitted), (0, 20)
        )
        self.assertEqual((rejected.hours_validated, rejected.hours_submitted), (0, 0))
        # Grouped sums, as the list's groups show them.
        [(hours_validated, hours_submitted, hours)] = Hour._read_group(
            [("commitment_id", "=", self.commitment_a1.id)],
            aggregates=["hours_validated:sum", "hours_submitted:sum", "hours:sum"],
        )
        self.assertEqual((hours_validated, hours_submitted, hours), (30, 20, 55))
        self.assertEqual(self.commitment_a1.hours_done, 30)
        self.assertEqual(self.commitment_a1.hours_submitted, 20)
        self.assertEqual(self.participant.hours_done, 30)
        # The lists sum the validated and submitted columns, not ``hours``.
        for model in ("social.clause.hour",):
            arch = self.env[model].get_view(view_type="list")["arch"]
            self.assertIn('<field name="hours_validated" sum=', arch)
            self.assertIn('<field name="hours_submitted" sum=', arch)
            self.assertNotIn('<field name="hours" sum=', arch)
        tab = self.env["social.clause.commitment"].get_view(view_type="form")["arch"]
        self.assertNotIn('<field name="hours" sum=', tab)


class TestBulkStateColumns(SocialClauseCase):
    def test_bulk_update_matches_the_orm(self):
        """The bulk validation and rejection write the hours by state in SQL:
        the ORM's computation finds the same values."""
        lines = self.env["social.clause.hour"].create(
            [
                self._hour_vals(self.participant, self.commitment_a1, 12),
                self._hour_vals(self.participant_2, self.commitment_a1, 7),
                self._hour_vals(self.participant, self.commitment_b2, 5),
            ]
        )
        lines.action_submit()
        lines[0].action_validate()
        lines[1].action_reject("Pas de contrat")
        fnames = ["hours_validated", "hours_submitted"]
        stored = lines.read(fnames)
        self.assertEqual(
            [(row["hours_validated"], row["hours_submitted"]) for row in stored],
            [(12, 0), (0, 0), (0, 5)],
        )
        for fname in fnames:
            self.env.add_to_compute(lines._fields[fname], lines)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(lines.read(fnames), stored)


class TestPartialValidation(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Participant = cls.env["social.clause.participant"]
        # A person a firm proposed on its portal: eligibility still to check.
        cls.proposed = Participant.create(
            {
                "name": "Chloé Proposée",
                "firm_ids": [(6, 0, cls.firm_a.ids)],
                "proposed_by_id": cls.firm_a.id,
            }
        )
        # An eligibility that ended before last month.
        cls.expired = cls._create_eligible_participant("Eric Expiré", months_ago=30)

    def test_validates_what_it_can_and_reports_the_rest(self):
        lines = self.env["social.clause.hour"].create(
            [
                self._hour_vals(self.participant, self.commitment_a1, 40),
                self._hour_vals(self.proposed, self.commitment_a1, 35),
                self._hour_vals(self.expired, self.commitment_a1, 20),
                self._hour_vals(self.participant_2, self.commitment_a1, 10),
            ]
        )
        lines.action_submit()
        ok, proposed, expired, ok_2 = lines
        Hour = self.env["social.clause.hour"].with_user(self.facilitator)
        # The list tells beforehand which lines cannot be validated.
        blocked = Hour.search([("id", "in", lines.ids), ("cannot_validate", "=", True)])
        self.assertEqual(blocked, proposed | expired)
        self.assertEqual(
            Hour.search([("id", "in", lines.ids), ("cannot_validate", "=", False)]),
            ok | ok_2,
        )
        self.assertEqual(
            proposed.with_user(self.facilitator).validation_blocker,
            "Nouvelle personne proposée par Firm A Construction : vérifiez "
            "d'abord son éligibilité.",
        )
        end = self.expired.eligibility_end_date
        self.assertEqual(
            expired.with_user(self.facilitator).validation_blocker,
            f"Éligibilité expirée le {end.strftime('%d/%m/%Y')}.",
        )

        action = lines.with_user(self.facilitator).action_validate()
        self.assertEqual((ok | ok_2).mapped("state"), ["validated", "validated"])
        self.assertEqual((proposed | expired).mapped("state"), ["submitted"] * 2)
        self.assertEqual(self.commitment_a1.hours_done, 50)
        self.assertEqual(self.commitment_a1.hours_submitted, 55)
        report = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(report.blocked_hour_ids, proposed | expired)
        self.assertEqual(
            report.summary,
            "2 ligne(s) validée(s) ; 2 ligne(s) n'ont pas pu être validées et "
            "gardent leur statut :",
        )
        month = format_month(self.month, self.env)
        report_lines = report.with_user(self.facilitator)._lines_text()
        self.assertIn(
            f"Chloé Proposée ({month}) : Nouvelle personne proposée par Firm A "
            "Construction : vérifiez d'abord son éligibilité.",
            report_lines,
        )
        # Once the person is checked, the line can be validated.
        self.proposed.write({"criterion_ids": [(6, 0, self.criterion_rsa.ids)]})
        self.proposed.action_validate_eligibility()
        self.proposed.eligibility_date = self.month
        self.assertFalse(proposed.with_user(self.facilitator).cannot_validate)
        self.assertIs(proposed.with_user(self.facilitator).action_validate(), True)
        self.assertEqual(proposed.state, "validated")

    def test_already_validated_lines_are_reported_not_counted_twice(self):
        line = self.env["social.clause.hour"].create(
            self._hour_vals(self.participant, self.commitment_a1, 40)
        )
        line.action_submit()
        line.action_validate()
        blocked = line._validate_what_can_be()
        self.assertEqual(blocked, line)
        self.assertEqual(line.validation_blocker, "Déjà validées.")
        self.assertFalse(line.cannot_validate)
        self.assertEqual(self.commitment_a1.hours_done, 40)

    def test_refusals_are_titled_for_the_facilitator(self):
        line = self.env["social.clause.hour"].create(
            self._hour_vals(self.participant, self.commitment_a1, 40)
        )
        line.action_submit()
        with self.assertRaises(SocialClauseError) as catcher:
            line.action_submit()
        self.assertEqual(
            str(catcher.exception),
            "Seules les heures en brouillon peuvent être soumises.",
        )
        # The web client maps the exception's name to its dialog title.
        name = f"{SocialClauseError.__module__}.{SocialClauseError.__name__}"
        script = Path(__file__).parents[1] / "static/src/js/error_dialogs.js"
        self.assertIn(f'"{name}"', script.read_text(encoding="utf-8"))


class TestLateLotsAndTodo(SocialClauseCase):
    def test_late_lots_on_operations(self):
        Operation = self.env["social.clause.operation"]
        # Half of the works are gone and nothing is done: both lots are late.
        self.assertEqual(self.operation.late_lot_count, 2)
        self.assertIn(self.operation, Operation.search([("late_lot_count", ">", 0)]))
        self.lot_2.hours_required = 0
        self.lot_1.hours_required = 10
        self.env["social.clause.hour"].create(
            self._hour_vals(self.participant, self.commitment_a1, 10)
        ).action_validate()
        self.operation.invalidate_recordset(["late_lot_count"])
        self.assertEqual(self.operation.late_lot_count, 0)
        self.assertNotIn(self.operation, Operation.search([("late_lot_count", ">", 0)]))
        self.assertIn(self.operation, Operation.search([("late_lot_count", "=", 0)]))

    def test_lot_named_short_inside_its_operation(self):
        self.assertEqual(self.lot_1.display_name, "School building / Lot 1 Masonry")
        lot = self.lot_1.with_context(social_clause_lot_short_name=True)
        self.assertEqual(lot.display_name, "Lot 1 Masonry")
        action = self.operation.action_view_commitments()
        self.assertTrue(action["context"]["social_clause_lot_short_name"])

    def _figures(self):
        # The figures are computed on the fly: read them again.
        self.env["social.clause.todo"].invalidate_model()
        todos = self.env["social.clause.todo"].with_user(self.facilitator).search([])
        return {todo.kind: (todo.count, todo.detail) for todo in todos}

    def _opened(self, kind):
        todo = (
            self.env["social.clause.todo"]
            .with_user(self.facilitator)
            .search([("kind", "=", kind)])
        )
        action = todo.action_open()
        return self.env[action["res_model"]].search(action_domain(self.env, action))

    def test_todo_figures(self):
        before = self._figures()
        self.assertEqual(len(before), 6)
        Hour = self.env["social.clause.hour"]
        old_month = self.month - relativedelta(years=6)
        lines = Hour.create(
            [
                self._hour_vals(self.participant, self.commitment_a1, 10),
                self._hour_vals(self.participant_2, self.commitment_b2, 10),
                self._hour_vals(
                    self.participant, self.commitment_b2, 10, month=old_month
                ),
            ]
        )
        lines.action_submit()
        Participant = self.env["social.clause.participant"]
        proposed = Participant.create(
            {"name": "Proposée", "proposed_by_id": self.firm_a.id}
        )
        expiring = self._create_eligible_participant("Expire bientôt", months_ago=0)
        expiring.eligibility_date = self.today - relativedelta(months=24, days=-10)
        expiring.path_state = "in_path"
        exited = Participant.create(
            {
                "name": "Sortie il y a 7 mois",
                "path_state": "exited",
                "entry_date": self.today - relativedelta(months=12),
                "exit_date": self.today - relativedelta(months=7),
            }
        )
        after = self._figures()
        self.assertEqual(
            after["hours_to_validate"][0], before["hours_to_validate"][0] + 3
        )
        self.assertEqual(
            after["hours_to_validate"][1],
            f"Mois le plus ancien : {format_month(old_month, self.env, long=True)}",
        )
        self.assertTrue(set(lines.ids) <= set(self._opened("hours_to_validate").ids))
        self.assertEqual(
            after["proposed_persons"][0], before["proposed_persons"][0] + 1
        )
        self.assertIn(proposed, self._opened("proposed_persons"))
        self.assertEqual(
            after["eligibility_expiring"][0], before["eligibility_expiring"][0] + 1
        )
        self.assertIn(expiring, self._opened("eligibility_expiring"))
        self.assertEqual(after["follow_ups_due"][0], before["follow_ups_due"][0] + 1)
        self.assertIn(exited, self._opened("follow_ups_due"))
        # Both lots are late, nothing was declared on the commitment of firm A
        # on lot 1 last month (firm B's on lot 2 has a submitted line).
        self.assertLessEqual(self.lot_1 | self.lot_2, self._opened("late_lots"))
        undeclared = self._opened("undeclared")
        self.assertNotIn(self.commitment_a1, undeclared)
        self.assertNotIn(self.commitment_b2, undeclared)
        self.assertIn(self.commitment_b1, undeclared)
        self.assertEqual(
            after["undeclared"][1],
            f"Mois : {format_month(self.month, self.env, long=True)}",
        )
        # A six-month outcome closes the follow-up.
        self.env["social.clause.outcome"].create(
            {
                "participant_id": exited.id,
                "moment": "six_months",
                "kind_id": self.env.ref("social_clause.outcome_kind_cdi").id,
            }
        )
        self.assertNotIn(exited, self._opened("follow_ups_due"))

    def test_todo_is_the_home_of_the_app(self):
        menu = self.env.ref("social_clause.menu_root")
        first = menu.child_id.sorted("sequence")[0]
        self.assertEqual(
            first.action, self.env.ref("social_clause.social_clause_todo_action")
        )


class TestReminders(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.social_clause_reminder_day = 1
        cls.firm_a.lang = "fr_FR"
        cls.contact_a = cls.env["res.partner"].create(
            {
                "name": "Julie Contact A",
                "parent_id": cls.firm_a.id,
                "email": "julie@firm-a.example",
                "lang": "fr_FR",
            }
        )
        cls.portal_user_a = make_user(
            cls.env, "sc_portal_firm_a", "base.group_portal", partner=cls.contact_a
        )

    def _reminders(self, commitment):
        return commitment.message_ids.filtered(
            lambda message: message.message_type == "comment" and message.partner_ids
        )

    def test_reminder_sent_once_per_firm_and_month(self):
        # Firm B declared last month on lot 2; firm A did not, on lot 1.
        self.env["social.clause.hour"].create(
            self._hour_vals(self.participant, self.commitment_b2, 10)
        ).action_submit()
        Commitment = self.env["social.clause.commitment"]
        Commitment._cron_remind_undeclared_hours()
        [reminder] = self._reminders(self.commitment_a1)
        self.assertEqual(reminder.partner_ids, self.contact_a)
        month = format_month(self.month, self.env)
        self.assertEqual(reminder.subject, f"Heures d'insertion de {month} à déclarer")
        self.assertIn(f"/my/social_clauses/{self.commitment_a1.id}", reminder.body)
        self.assertIn("Déclarez-les sur votre espace", reminder.body)
        self.assertEqual(self.commitment_a1.reminder_month, self.month)
        # Firm B has no portal contact: nobody to e-mail.
        self.assertFalse(self._reminders(self.commitment_b1))
        # A second run the same month sends nothing.
        Commitment._cron_remind_undeclared_hours()
        self.assertEqual(len(self._reminders(self.commitment_a1)), 1)

    def test_person_proposed_on_the_portal_is_marked(self):
        # As the portal's "propose a new person" creates it.
        person = (
            self.env["social.clause.participant"]
            .with_user(self.portal_user_a)
            .sudo()
            .create({"name": "Nouvelle Personne"})
        )
        self.assertEqual(person.proposed_by_id, self.firm_a)
        facilitators = self.env["social.clause.participant"].create(
            {"name": "Saisie par le facilitateur"}
        )
        self.assertFalse(facilitators.proposed_by_id)

    def test_no_reminder_before_the_day(self):
        self.company.social_clause_reminder_day = 0
        self.env["social.clause.commitment"]._cron_remind_undeclared_hours()
        self.assertFalse(self._reminders(self.commitment_a1))

    def test_reminder_day_in_settings(self):
        settings = Form(self.env["res.config.settings"])
        settings.social_clause_reminder_day = 10
        settings.save().execute()
        self.assertEqual(self.company.social_clause_reminder_day, 10)


class TestSensitiveIdentifiers(SocialClauseCase):
    def test_identifiers_are_sensitive(self):
        Participant = self.env["social.clause.participant"]
        for fname in ("france_travail_id", "pass_iae_number"):
            field = Participant._fields[fname]
            self.assertEqual(field.groups, "social_clause.group_user")
            self.assertFalse(getattr(field, "tracking", False))


# Bare TransactionCase on purpose: the test commits its own records in its
# own cursors, where the shared fixture (uncommitted) would not exist.
class TestConcurrentValidation(TransactionCase):
    """Two facilitators validate the same lines at the same time."""

    def test_two_facilitators_never_count_twice(self):
        dbname = get_db_name()
        cr_a = db_connect(dbname).cursor()
        cr_b = db_connect(dbname).cursor()
        self.addCleanup(cr_b.close)
        self.addCleanup(cr_a.close)
        env_a = api.Environment(cr_a, SUPERUSER_ID, {})
        env_b = api.Environment(cr_b, SUPERUSER_ID, {})
        today = datetime.date.today()
        # Committed records: no chatter, so that the cleanup leaves nothing.
        env_a = env_a(context={"tracking_disable": True})
        buyer = env_a["res.partner"].create(
            {"name": "Concurrency town", "is_company": True}
        )
        firm = env_a["res.partner"].create(
            {"name": "Concurrency firm", "is_company": True}
        )
        operation = env_a["social.clause.operation"].create(
            {
                "name": "Concurrency works",
                "buyer_id": buyer.id,
                "lot_ids": [(0, 0, {"name": "Concurrency lot", "hours_required": 100})],
            }
        )
        commitment = env_a["social.clause.commitment"].create(
            {"lot_id": operation.lot_ids.id, "partner_id": firm.id}
        )
        participant = env_a["social.clause.participant"].create(
            {
                "name": "Concurrency person",
                "eligibility_state": "validated",
                "eligibility_date": today - relativedelta(months=6),
            }
        )
        line = env_a["social.clause.hour"].create(
            {
                "participant_id": participant.id,
                "commitment_id": commitment.id,
                "date": today.replace(day=1) - relativedelta(months=1),
                "hours": 12,
                "state": "submitted",
            }
        )
        cr_a.commit()
        self.addCleanup(
            self._cleanup,
            dbname,
            line.id,
            operation.id,
            participant.id,
            (buyer | firm).ids,
        )
        # Facilitator B opened the list (read the line) before A validated it.
        cr_b.execute("SELECT state FROM social_clause_hour WHERE id = %s", [line.id])
        self.assertEqual(cr_b.fetchone()[0], "submitted")
        line.with_env(env_a).action_validate()
        cr_a.commit()
        # B's validation meets A's: PostgreSQL refuses it, Odoo retries it.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(pg_errors.SerializationFailure),
        ):
            line.with_env(env_b).action_validate()
        cr_b.rollback()
        env_b.invalidate_all()
        blocked = line.with_env(env_b)._validate_what_can_be()
        cr_b.commit()
        self.assertEqual(blocked.validation_blocker, "Déjà validées.")
        cr_a.execute(
            "SELECT hours_done FROM social_clause_commitment WHERE id = %s",
            [commitment.id],
        )
        self.assertEqual(cr_a.fetchone()[0], 12)

    @staticmethod
    def _cleanup(dbname, line_id, operation_id, participant_id, partner_ids):
        with db_connect(dbname).cursor() as cr:
            cr.execute("DELETE FROM social_clause_hour WHERE id = %s", [line_id])
            cr.execute(
                "DELETE FROM social_clause_operation WHERE id = %s", [operation_id]
            )
            cr.execute(
                "DELETE FROM social_clause_participant WHERE id = %s", [participant_id]
            )
            cr.execute("DELETE FROM res_partner WHERE id = ANY(%s)", [partner_ids])
            cr.commit()  # pylint: disable=invalid-commit
