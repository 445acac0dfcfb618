# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SocialClauseCase, SocialClauseReportCase, make_user, pdf_text


def answer_survey(answer, scores):
    """Answer every scale question in order with these scores, then the
    comment, as the survey's frontend does."""
    questions = answer.survey_id.question_ids.sorted("sequence")
    for question, score in zip(
        questions.filtered(lambda q: q.question_type == "scale"), scores, strict=True
    ):
        answer._save_lines(question, str(score))
    comment = questions.filtered(lambda q: q.question_type == "text_box")
    answer._save_lines(comment, "Très bonne expérience")
    answer._mark_done()


@tagged("post_install", "-at_install")
class TestEvaluation(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.firm_survey = cls.env.ref("social_clause.survey_firm_evaluation")
        cls.participant_survey = cls.env.ref(
            "social_clause.survey_participant_evaluation"
        )
        cls.firm_contact = cls.env["res.partner"].create(
            {
                "name": "Chloé RH",
                "email": "chloe.rh@firm-a.example",
                "parent_id": cls.firm_a.id,
            }
        )
        cls.commitment_a1.contact_id = cls.firm_contact
        cls.env["social.clause.hour"].create(
            cls._hour_vals(cls.participant, cls.commitment_a1, 35)
        ).action_validate()

    def test_questionnaires_in_french_with_scales(self):
        self.assertEqual(
            self.firm_survey.title, "Évaluation de la clause sociale par l'entreprise"
        )
        scales = self.firm_survey.question_ids.filtered(
            lambda q: q.question_type == "scale"
        )
        self.assertEqual(len(scales), 5)
        self.assertEqual(set(scales.mapped("scale_max")), {5})
        self.assertEqual(self.participant_survey.social_clause_audience, "participant")

    def test_firm_evaluation_sent_answered_and_averaged(self):
        commitment = self.commitment_a1.with_user(self.facilitator)
        commitment.action_send_evaluation()
        answer = self.env["survey.user_input"].search(
            [("social_clause_commitment_id", "=", commitment.id)]
        )
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer.partner_id, self.firm_contact)
        mail = self.env["mail.mail"].search(
            [("email_to", "ilike", "chloe.rh@firm-a.example")], limit=1
        ) or self.env["mail.message"].search(
            [("partner_ids", "in", self.firm_contact.ids)], limit=1
        )
        self.assertTrue(mail, "the invitation was e-mailed to the firm contact")
        self.assertIn(answer.access_token, mail.body_html or mail.body)
        self.assertIn(
            "Questionnaire d'évaluation envoyé à", commitment.message_ids[0].body
        )
        answer_survey(answer, [4, 5, 3, 4, 5])
        # A second firm answer on the same operation (another commitment).
        second = self.commitment_b2.with_user(
            self.facilitator
        )._create_evaluation_answer(partner=self.firm_b)
        answer_survey(second, [2, 3, 3, 4, 1])
        # An answer not finished does not count.
        self.commitment_b1.with_user(self.facilitator)._create_evaluation_answer(
            partner=self.firm_b
        )
        self.assertEqual(commitment.evaluation_count, 1)
        averages = self.operation.with_user(self.facilitator)._get_evaluation_averages()
        firm_rows = [row for row in averages if row["survey_id"] == self.firm_survey.id]
        self.assertEqual(len(firm_rows), 5)
        self.assertEqual(
            [row["average"] for row in firm_rows], [3.0, 4.0, 3.0, 4.0, 3.0]
        )
        self.assertEqual({row["count"] for row in firm_rows}, {2})
        self.assertEqual(
            firm_rows[0]["question"], "Qualité de l'accompagnement par le facilitateur"
        )
        # Dates: nothing answered before this year.
        self.assertEqual(
            self.operation._get_evaluation_averages(date_to="2000-12-31"), []
        )
        action = commitment.action_view_evaluations()
        self.assertEqual(self.env["survey.user_input"].search(action["domain"]), answer)

    def test_participant_answers_are_for_facilitators_only(self):
        participant = self.participant.with_user(self.facilitator)
        action = participant.action_start_evaluation()
        answer = self.env["survey.user_input"].search(
            [("social_clause_participant_id", "=", participant.id)]
        )
        self.assertIn(answer.access_token, action["url"])
        answer_survey(answer, [5, 4, 4, 5, 3])
        averages = self.operation._get_evaluation_averages()
        participant_rows = [
            row for row in averages if row["survey_id"] == self.participant_survey.id
        ]
        self.assertEqual([row["average"] for row in participant_rows], [5, 4, 4, 5, 3])
        # The facilitator reads the answers; a survey officer who is not a
        # facilitator does not, even with the survey app's rights.
        self.assertEqual(
            self.env["survey.user_input"]
            .with_user(self.facilitator)
            .search([("social_clause_participant_id", "=", participant.id)]),
            answer,
        )
        officer = make_user(
            self.env, "sc_survey_officer", "base.group_user,survey.group_survey_manager"
        )
        UserInput = self.env["survey.user_input"].with_user(officer)
        self.assertFalse(UserInput.search([("id", "=", answer.id)]))
        with self.assertRaises(AccessError):
            UserInput.browse(answer.id).read(["survey_id"])
        Line = self.env["survey.user_input.line"].with_user(officer)
        self.assertFalse(Line.search([("user_input_id", "=", answer.id)]))
        # Firm answers stay visible to the survey officer.
        firm_answer = self.commitment_a1._create_evaluation_answer(partner=self.firm_a)
        self.assertTrue(UserInput.search([("id", "=", firm_answer.id)]))

    def test_no_email_no_sending(self):
        self.commitment_b2.contact_id = False
        with self.assertRaisesRegex(UserError, "n'a pas d'adresse e-mail"):
            self.commitment_b2.with_user(self.facilitator).action_send_evaluation()


@tagged("post_install", "-at_install")
class TestBilanEvaluation(SocialClauseReportCase):
    def test_bilan_shows_the_averages(self):
        # Two answers: shown with threshold 1 (the hiding of averages of
        # fewer answers than the threshold: test_privacy_portal).
        self.operation.company_id.social_clause_disclosure_threshold = 1
        html = self._bilan_html()
        self.assertIn("Aucun questionnaire d'évaluation", html)
        for commitment, scores in (
            (self.commitment_a1, [4, 5, 3, 4, 5]),
            (self.commitment_b2, [5, 4, 3, 3, 4]),
        ):
            answer = commitment._create_evaluation_answer(partner=commitment.partner_id)
            answer_survey(answer, scores)
        # The same HTML that wkhtmltopdf prints, its text without spaces.
        text = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", self._bilan_html()))
        self.assertIn("Évaluationqualitative", text)
        self.assertIn("Évaluationdelaclausesocialeparl'entreprise", text)
        # Averages of the two firms: 4.5, 4.5, 3, 3.5, 4.5 out of 5.
        self.assertIn("Qualitédel'accompagnementparlefacilitateur24,5/5", text)
        self.assertIn("Simplicitédesdéclarationsd'heures23,0/5", text)
        self.assertNotIn("Aucunquestionnaired'évaluation", text)
        # And wkhtmltopdf prints it.
        content, __ = self._render_pdf(
            "social_clause.action_report_operation_bilan", self.operation
        )
        pdf = pdf_text(content)
        self.assertIn("Évaluationqualitative", pdf)
        self.assertIn("4,5/5", pdf)

    def _bilan_html(self):
        html, __ = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render_qweb_html(
                "social_clause.action_report_operation_bilan", self.operation.ids
            )
        )
        return html.decode().replace("&#39;", "'")
