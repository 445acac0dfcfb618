# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SocialClauseCase


@tagged("post_install", "-at_install")
class TestParticipant(SocialClauseCase):
    def test_eligibility_validation(self):
        participant_form = Form(
            self.env["social.clause.participant"].with_user(self.facilitator)
        )
        participant_form.name = "Chloé Bernard"
        participant = participant_form.save()
        self.assertTrue(participant.reference.startswith("P-"))
        self.assertEqual(participant.eligibility_state, "to_check")
        with self.assertRaisesRegex(UserError, "au moins un critère d'éligibilité"):
            participant.action_validate_eligibility()
        participant.criterion_ids = self.env.ref("social_clause.criterion_jeune")
        participant.action_validate_eligibility()
        self.assertEqual(participant.eligibility_state, "validated")
        self.assertEqual(participant.eligibility_user_id, self.facilitator)
        self.assertEqual(participant.eligibility_date, self.today)
        self.assertEqual(
            participant.eligibility_end_date, self.today + relativedelta(months=24)
        )
        # The validity period is a setting.
        self.company.social_clause_eligibility_months = 6
        self.assertEqual(
            participant.eligibility_end_date, self.today + relativedelta(months=6)
        )

    def test_criteria_reference_data(self):
        Criterion = self.env["social.clause.criterion"]
        level_1 = Criterion.search([("level", "=", "1")]).mapped("code")
        self.assertCountEqual(level_1, ["RSA", "ASS", "AAH", "DETLD"])
        for code in ("TH", "RES_QPV", "PARCOURS_IAE", "AVIS_PARTENAIRE", "FLE"):
            self.assertTrue(Criterion.search([("code", "=", code)]), code)
        positive = self.env["social.clause.outcome.kind"].search(
            [("is_positive", "=", True)]
        )
        self.assertCountEqual(
            positive.mapped("code"),
            ["CDI", "CDD_LONG", "ALTERNANCE", "FORMATION", "CREATION"],
        )

    def test_exit_plans_the_six_month_follow_up(self):
        self.participant.user_id = self.facilitator
        participant = self.participant.with_user(self.facilitator)
        with self.assertRaisesRegex(UserError, "n'est pas en parcours"):
            participant.action_exit_path()
        participant.action_enter_path()
        self.assertEqual(participant.path_state, "in_path")
        self.assertEqual(participant.entry_date, self.today)
        participant.action_exit_path()
        self.assertEqual(participant.path_state, "exited")
        self.assertEqual(participant.exit_date, self.today)
        activity = participant.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.date_deadline, self.today + relativedelta(months=6))
        self.assertEqual(activity.user_id, self.facilitator)
        outcome = self.env["social.clause.outcome"].create(
            {
                "participant_id": participant.id,
                "moment": "six_months",
                "kind_id": self.env.ref("social_clause.outcome_kind_cdi").id,
            }
        )
        self.assertTrue(outcome.is_positive)

    def test_sensitive_changes_are_not_in_the_chatter(self):
        participant = self.participant
        messages_before = len(participant.message_ids)
        participant.write(
            {
                "criterion_ids": [(4, self.env.ref("social_clause.criterion_th").id)],
                "birth_date": "1990-05-04",
                "is_qpv": True,
            }
        )
        participant.flush_recordset()
        self.assertEqual(len(participant.message_ids), messages_before)

    def test_exit_before_entry_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "ne peut pas précéder sa date d'entrée"
        ):
            self.participant.write(
                {
                    "entry_date": self.today,
                    "exit_date": self.today - relativedelta(days=1),
                }
            )
