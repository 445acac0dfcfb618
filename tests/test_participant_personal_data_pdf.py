# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SocialClauseReportCase, make_user, pdf_text


@tagged("post_install", "-at_install")
class TestParticipantPersonalDataPdf(SocialClauseReportCase):
    """The right-of-access export, also as a readable PDF in French: labels,
    dates dd/mm/yyyy, Oui/Non, "—" for nothing; facilitators only."""

    def test_pdf_in_french_with_values(self):
        person = self.participant
        person.write(
            {
                "birth_date": "1990-05-17",
                "france_travail_id": "1234567A",
                "phone": "0612345678",
                "is_qpv": True,
                "has_driving_licence": False,
            }
        )
        facilitator = person.with_user(self.facilitator)
        action = facilitator.action_print_personal_data()
        self.assertEqual(
            action["report_name"], "social_clause.report_participant_personal_data"
        )
        self.assertIn("imprimées (PDF)", person.message_ids[0].body)
        sections = facilitator._gdpr_personal_data_sections()
        rows = dict(sections[0]["rows"])
        self.assertEqual(sections[0]["title"], "Le dossier de la personne")
        self.assertEqual(rows["Date de naissance"], "17/05/1990")
        self.assertEqual(rows["Réside en QPV"], "Oui")
        self.assertEqual(rows["Permis de conduire"], "Non")
        self.assertEqual(rows["E-mail personnel"], "\N{EM DASH}")
        hours = next(s for s in sections if s["title"] == "Heures d'insertion")
        self.assertEqual(len(hours["items"]), len(person.hour_ids))
        content, report_type = self._render_pdf(
            "social_clause.action_report_participant_personal_data",
            person.with_user(self.facilitator),
        )
        self.assertEqual(report_type, "pdf")
        text = pdf_text(content)
        for expected in (
            "AliceDurand",
            "Dateden",  # the label, not the field name
            "17/05/1990",
            "1234567A",
            "RésideenQPVOui",
            "Heuresd'insertion",
            "Suitesdeparcours",
        ):
            self.assertIn(expected, text)
        for raw in ("False", "None", "null", "true", "1990-05-17", "birth_date"):
            self.assertNotIn(raw, text)

    def test_facilitators_only(self):
        internal = make_user(self.env, "sc_pdf_internal")
        with self.assertRaises(AccessError):
            self.participant.with_user(internal).action_print_personal_data()
