# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from ..models.social_clause_training_attendance import split_hours_by_month
from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestTrainingHours(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.modality_training = cls.env.ref("social_clause.modality_training")
        cls.training_body = cls.env["res.partner"].create(
            {
                "name": "AFPA Test",
                "is_company": True,
                "social_clause_partner_kind": "training_body",
            }
        )
        start = cls.month - relativedelta(months=1)
        cls.training = cls.env["social.clause.training"].create(
            {
                "name": "Chantier école maçonnerie",
                "kind": "chantier_ecole",
                "training_body_id": cls.training_body.id,
                "sector_id": cls.sector_masonry.id,
                "operation_id": cls.operation.id,
                "date_start": start,
                "date_end": start + relativedelta(months=1, days=14),
                "places": 2,
                "hours": 140,
                "funding_ids": [
                    Command.create({"partner_id": cls.buyer.id, "amount": 9000}),
                    Command.create({"partner_id": cls.firm_a.id, "amount": 1000}),
                ],
            }
        )

    def _training_lines(self):
        return self.env["social.clause.hour"].search(
            [("training_attendance_id.training_id", "=", self.training.id)]
        )

    def test_split_hours_by_month(self):
        split = split_hours_by_month(100, date(2026, 1, 17), date(2026, 2, 14))
        self.assertEqual(split, {date(2026, 1, 1): 51.72, date(2026, 2, 1): 48.28})
        self.assertEqual(
            split_hours_by_month(35, date(2026, 3, 2), None), {date(2026, 3, 1): 35}
        )

    def test_hours_count_only_when_the_action_says_so(self):
        training = self.training.with_user(self.facilitator)
        with Form(training) as training_form:
            with training_form.attendance_ids.new() as line:
                line.participant_id = self.participant
                line.hours_attended = 100
                line.completion = "completed"
                line.certified = True
        attendance = training.attendance_ids
        self.assertEqual(training.amount_total, 10000)
        self.assertEqual((training.enrolled_count, training.certified_count), (1, 1))
        training.action_start()
        training.action_done()
        # The action does not say its hours count: nothing on the commitment.
        self.assertFalse(self._training_lines())
        self.assertEqual(self.commitment_a1.hours_training, 0)
        # The commitment must allow training hours.
        with self.assertRaisesRegex(ValidationError, "n'autorise pas les heures"):
            training.write(
                {"counts_hours": True, "commitment_id": self.commitment_a1.id}
            )
        self.commitment_a1.modality_ids = [Command.link(self.modality_training.id)]
        training.write({"counts_hours": True, "commitment_id": self.commitment_a1.id})
        lines = self._training_lines()
        self.assertEqual(lines.mapped("modality"), ["training"] * len(lines))
        self.assertEqual(set(lines.mapped("state")), {"validated"})
        self.assertTrue(all(lines.mapped("is_counted")))
        self.assertAlmostEqual(sum(lines.mapped("hours")), 100)
        self.assertEqual(len(lines), 2)  # two months of training
        self.assertAlmostEqual(self.commitment_a1.hours_training, 100)
        self.assertAlmostEqual(attendance.hours_counted, 100)

        # Counted once: running the synchronisation again changes nothing.
        attendance._sync_hour_lines()
        training.write({"state": "done"})
        self.assertEqual(self._training_lines(), lines)
        self.assertAlmostEqual(self.commitment_a1.hours_training, 100)

        # Changing the attendance updates the lines, never duplicates them.
        attendance.hours_attended = 60
        self.assertEqual(self._training_lines(), lines)
        self.assertAlmostEqual(sum(lines.mapped("hours")), 60)
        self.assertAlmostEqual(self.commitment_a1.hours_training, 60)
        self.assertAlmostEqual(self.participant.hours_done, 60)

        # The lines are the training's: they cannot be changed by hand.
        with self.assertRaisesRegex(UserError, "validées"):
            lines[0].with_user(self.facilitator).hours = 10

        # The action no longer counts: its hours leave the commitment.
        training.counts_hours = False
        self.assertFalse(self._training_lines())
        self.assertEqual(self.commitment_a1.hours_training, 0)

    def test_places_and_dates(self):
        self.training.attendance_ids = [
            Command.create({"participant_id": self.participant.id}),
            Command.create({"participant_id": self.participant_2.id}),
        ]
        third = self._create_eligible_participant("Chloé Troisième")
        with self.assertRaisesRegex(ValidationError, "2 places"):
            self.training.attendance_ids = [
                Command.create({"participant_id": third.id})
            ]
        with self.assertRaisesRegex(ValidationError, "avant de commencer"):
            self.training.date_end = self.training.date_start - relativedelta(days=1)
        with self.assertRaisesRegex(UserError, "brouillon ou annulées"):
            self.training.action_start()
            self.training.unlink()

    def test_participant_path_and_partner_prescriptions(self):
        self.training.attendance_ids = [
            Command.create(
                {"participant_id": self.participant.id, "completion": "completed"}
            )
        ]
        participant = self.participant.with_user(self.facilitator)
        self.assertEqual(participant.training_attendance_ids.training_id, self.training)
        mission_locale = self.env["res.partner"].create(
            {
                "name": "Mission Locale Test",
                "is_company": True,
                "social_clause_partner_kind": "mission_locale",
                "zip": "59100",
            }
        )
        self.assertEqual(mission_locale.social_clause_area_code_list, ["59"])
        mission_locale.social_clause_area_codes = "59, 62 ;974"
        self.assertEqual(
            mission_locale.social_clause_area_code_list, ["59", "62", "974"]
        )
        # A firm has no area: it never sees other firms' offers.
        self.assertFalse(self.firm_a.social_clause_area_code_list)
        # One département rule for offers and areas: an offer in Bastia
        # (20200) is seen by a prescriber of Haute-Corse (2B).
        mission_locale.social_clause_area_codes = "2B"
        offer = self.env["social.clause.job.offer"].create(
            {
                "name": "Agent d'entretien",
                "commitment_id": self.commitment_a1.id,
                "zip": "20200",
            }
        )
        self.assertEqual(offer.area_code, "2B")
        self.assertIn(offer.area_code, mission_locale.social_clause_area_code_list)
        self.participant.prescriber_id = mission_locale
        partnership = self.env["social.clause.partnership"].create(
            {
                "name": "Convention 2026",
                "partner_id": mission_locale.id,
                "kind": "spe",
                "operation_ids": [Command.link(self.operation.id)],
            }
        )
        partnership.action_activate()
        partner = mission_locale.with_user(self.facilitator)
        self.assertEqual(partner.social_clause_partnership_ids, partnership)
        self.assertEqual(
            partner.social_clause_prescribed_participant_ids, self.participant
        )
        # The participant's form shows the training (view inheritance).
        with Form(participant) as participant_form:
            self.assertEqual(len(participant_form.training_attendance_ids), 1)
