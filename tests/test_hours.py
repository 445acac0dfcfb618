# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestHours(SocialClauseCase):
    def _submitted(self, vals_list):
        return self.env["social.clause.hour"].create(
            [dict(vals, state="submitted") for vals in vals_list]
        )

    def test_month_is_stored_as_first_day(self):
        hour_form = Form(self.env["social.clause.hour"].with_user(self.facilitator))
        hour_form.participant_id = self.participant
        hour_form.commitment_id = self.commitment_a1
        hour_form.date = self.month + relativedelta(days=14)
        hour_form.hours = 35
        line = hour_form.save()
        self.assertEqual(line.date, self.month)
        self.assertEqual(line.lot_id, self.lot_1)
        self.assertEqual(line.operation_id, self.operation)
        self.assertEqual(line.partner_id, self.firm_a)
        self.assertEqual(line.state, "draft")

    def test_totals_after_validation_and_rejection(self):
        lines = self._submitted(
            [
                self._hour_vals(self.participant, self.commitment_a1, 100),
                self._hour_vals(
                    self.participant,
                    self.commitment_a1,
                    40,
                    month=self.month - relativedelta(months=1),
                    modality="provision_etti",
                ),
                self._hour_vals(self.participant_2, self.commitment_b1, 50),
                self._hour_vals(
                    self.participant_2, self.commitment_b2, 60, modality="training"
                ),
            ]
        )
        # Submitted hours do not count yet.
        self.assertEqual(self.commitment_a1.hours_done, 0)
        self.assertEqual(self.commitment_a1.hours_submitted, 140)
        lines.with_user(self.facilitator).action_validate()
        self.assertEqual(set(lines.mapped("state")), {"validated"})
        self.assertEqual(lines[0].validated_by_id, self.facilitator)
        self.assertEqual(self.commitment_a1.hours_done, 140)
        self.assertEqual(self.commitment_a1.hours_direct_hire, 100)
        self.assertEqual(self.commitment_a1.hours_provision, 40)
        self.assertEqual(self.commitment_a1.hours_submitted, 0)
        self.assertAlmostEqual(self.commitment_a1.progress, 100 * 140 / 600)
        self.assertEqual(self.lot_1.hours_done, 190)
        self.assertEqual(self.lot_1.participant_count, 2)
        self.assertAlmostEqual(self.lot_1.progress, 100 * 190 / 800)
        self.assertEqual(self.lot_2.hours_training, 60)
        self.assertEqual(self.operation.hours_done, 250)
        self.assertAlmostEqual(self.operation.progress, 100 * 250 / 1100)
        self.assertEqual(self.participant.hours_done, 140)
        self.assertEqual(self.participant_2.hours_done, 110)

        # Rejecting a validated line takes its hours out of every total.
        wizard = (
            self.env["social.clause.hour.reject"]
            .with_user(self.facilitator)
            .with_context(active_model="social.clause.hour", active_ids=lines[0].ids)
            .create({"reason": "No payslip for this month"})
        )
        wizard.action_reject()
        self.assertEqual(lines[0].state, "rejected")
        self.assertEqual(lines[0].rejection_reason, "No payslip for this month")
        self.assertEqual(self.commitment_a1.hours_done, 40)
        self.assertEqual(self.lot_1.hours_done, 90)
        self.assertEqual(self.operation.hours_done, 150)
        self.assertEqual(self.participant.hours_done, 40)
        self.assertEqual(self.lot_1.participant_count, 2)

    def test_rejection_needs_a_reason(self):
        line = self._submitted(
            [self._hour_vals(self.participant, self.commitment_a1, 10)]
        )
        with self.assertRaisesRegex(UserError, "motif du rejet"):
            line.action_reject("  ")
        self.assertEqual(line.state, "submitted")

    def test_eligibility_gates_the_hours(self):
        candidate = self.env["social.clause.participant"].create(
            {"name": "Not yet checked", "criterion_ids": self.criterion_rsa.ids}
        )
        line = self._submitted([self._hour_vals(candidate, self.commitment_a1, 20)])
        # Not validated: reported with its reason, left submitted.
        self.assertEqual(line._validate_what_can_be(), line)
        self.assertEqual(line.validation_blocker, "Éligibilité pas encore vérifiée.")
        self.assertEqual(line.state, "submitted")
        self.assertEqual(self.commitment_a1.hours_done, 0)

        # Hours of a month before the diagnosis never count.
        candidate._validate_eligibility(self.month)
        old_month = self.month - relativedelta(months=3)
        old_line = self._submitted(
            [self._hour_vals(candidate, self.commitment_a1, 30, month=old_month)]
        )
        self.assertEqual(old_line._validate_what_can_be(), old_line)
        self.assertRegex(old_line.validation_blocker, "après ce mois")
        self.assertEqual(old_line.state, "submitted")
        line.action_validate()
        self.assertTrue(line.is_counted)
        self.assertEqual(self.commitment_a1.hours_done, 20)

        # An eligibility that expires stops counting the later months.
        self.company.social_clause_eligibility_months = 1
        candidate.eligibility_date = self.month - relativedelta(months=6)
        self.assertFalse(line.is_counted)
        self.assertEqual(self.commitment_a1.hours_done, 0)
        self.assertEqual(candidate.hours_done, 0)

    def test_monthly_maximum_across_firms(self):
        self._submitted([self._hour_vals(self.participant, self.commitment_a1, 100)])
        Hour = self.env["social.clause.hour"]
        count = Hour.search_count([])
        with self.assertRaisesRegex(
            ValidationError, "plus que ne le permet un mois à temps plein"
        ):
            self._submitted([self._hour_vals(self.participant, self.commitment_b2, 60)])
        self.assertEqual(Hour.search_count([]), count)
        # Another month, or a rejected line, is fine.
        self._submitted(
            [
                self._hour_vals(
                    self.participant,
                    self.commitment_b2,
                    60,
                    month=self.month - relativedelta(months=1),
                )
            ]
        )
        self.assertEqual(Hour.search_count([]), count + 1)

    def test_bad_lines_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "supérieur à zéro"):
            self._submitted([self._hour_vals(self.participant, self.commitment_a1, -5)])
        with self.assertRaisesRegex(ValidationError, "supérieur à zéro"):
            self._submitted([self._hour_vals(self.participant, self.commitment_a1, 0)])
        line = self._submitted(
            [self._hour_vals(self.participant, self.commitment_a1, 8)]
        )
        line.action_validate()
        with self.assertRaisesRegex(
            UserError, "Les heures validées ne peuvent pas être modifiées"
        ):
            line.hours = 80
        with self.assertRaisesRegex(
            UserError, "Les heures validées ne peuvent pas être modifiées"
        ):
            line.unlink()
        # Validating it again reports it, and counts it once.
        self.assertEqual(line._validate_what_can_be(), line)
        self.assertEqual(line.validation_blocker, "Déjà validées.")
        self.assertEqual(line.hours, 8)

    def test_closed_operation_takes_no_hours(self):
        self.operation.action_close()
        with self.assertRaisesRegex(ValidationError, "n'accepte plus d'heures"):
            self._submitted([self._hour_vals(self.participant, self.commitment_a1, 8)])

    def test_behind_schedule(self):
        # Half of the works are gone and nothing is done.
        self.assertTrue(self.lot_1.is_behind_schedule)
        Lot = self.env["social.clause.lot"]
        behind = Lot.search([("is_behind_schedule", "=", True)])
        self.assertIn(self.lot_1, behind)
        self.lot_1.hours_required = 10
        self._submitted(
            [self._hour_vals(self.participant, self.commitment_a1, 10)]
        ).action_validate()
        self.assertFalse(self.lot_1.is_behind_schedule)
        self.assertNotIn(self.lot_1, Lot.search([("is_behind_schedule", "=", True)]))

    def _bulk_lines(self, count):
        """``count`` submitted lines on the same commitments, spread on months."""
        participants = self.env["social.clause.participant"].create(
            [
                {
                    "name": f"Bulk participant {index}",
                    "criterion_ids": self.criterion_rsa.ids,
                }
                for index in range(count)
            ]
        )
        participants.action_validate_eligibility()
        participants.eligibility_date = self.today - relativedelta(months=12)
        commitments = self.commitment_a1 | self.commitment_b2
        return self._submitted(
            [
                self._hour_vals(participant, commitments[index % 2], 10)
                for index, participant in enumerate(participants)
            ]
        )

    def test_bulk_validation_query_count(self):
        """Validating many lines takes a fixed number of queries."""
        few = self._bulk_lines(10)
        many = self._bulk_lines(300)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            few.action_validate()
            few.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            many.action_validate()
            many.env.flush_all()
        self.assertEqual(self.commitment_a1.hours_done, 1550)
        self.assertEqual(self.commitment_a1.participant_count, 155)

    def test_bulk_totals_match_the_orm_computation(self):
        lines = self._bulk_lines(40)
        lines[:3].action_reject("Missing contract")
        lines[3:].action_validate()
        commitments = self.commitment_a1 | self.commitment_b2
        participants = lines.participant_id
        lots = commitments.lot_id
        fields_to_check = {
            commitments: commitments._HOUR_TOTALS,
            participants: ["hours_done"],
            lots: lots._HOUR_TOTALS,
            self.operation: self.operation._TOTALS,
        }
        stored = {
            records: records.read(fnames) for records, fnames in fields_to_check.items()
        }
        for records, fnames in fields_to_check.items():
            for fname in fnames:
                self.env.add_to_compute(records._fields[fname], records)
        self.env.flush_all()
        self.env.invalidate_all()
        for records, fnames in fields_to_check.items():
            self.assertEqual(records.read(fnames), stored[records])
        # 20 lines of 10 h on each commitment, 2 and 1 of them rejected.
        self.assertEqual(self.commitment_a1.hours_done, 180)
        self.assertEqual(self.commitment_b2.hours_done, 190)
        self.assertEqual(self.commitment_a1.hours_submitted, 0)
        self.assertEqual(self.lot_1.hours_done, 180)
        self.assertEqual(self.operation.hours_done, 370)
        self.assertEqual(self.lot_1.participant_count, 18)

    def test_bulk_penalty_matches_the_orm_computation(self):
        """At closing, the missing hours and the penalty written in SQL are
        those of the lot's computation."""
        self._bulk_lines(40).action_validate()
        lots = self.operation.lot_ids
        lots.penalty_hour_rate = 12.5
        self.operation.state = "closed"
        self.env.flush_all()
        lots._refresh_totals_in_bulk()
        fnames = ["hours_missing", "penalty_due", "progress", "hours_done"]
        stored = lots.read(fnames)
        self.assertEqual(
            stored[0]["penalty_due"],
            (lots[0].hours_required - lots[0].hours_done) * 12.5,
        )
        self.assertGreater(stored[0]["penalty_due"], 0)
        for fname in fnames:
            self.env.add_to_compute(lots._fields[fname], lots)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(lots.read(fnames), stored)
