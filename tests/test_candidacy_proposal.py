# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import PDF, IntermediationCase, make_user


@tagged("post_install", "-at_install")
class TestCandidacyProposal(IntermediationCase):
    """The facilitator checks a prescriber's proposal on the candidacy: the
    proof and the note it sent, and the way to the person's file."""

    def test_form_shows_the_proof_the_note_and_links_to_the_person(self):
        mission_locale = self.env["res.partner"].create(
            {
                "name": "Mission Locale Form",
                "is_company": True,
                "social_clause_partner_kind": "mission_locale",
                "zip": "59100",
            }
        )
        user = make_user(self.env, "sc_form_ml", "base.group_portal")
        user.partner_id.parent_id = mission_locale
        candidacy = self.offer.with_user(user)._portal_propose_candidate(
            {
                "name": "Yasmine Form",
                "note": "Suivie depuis 2025",
                "birth_date": "1999-03-14",
                "criterion_ids": self.criterion_rsa.ids,
                "gdpr_informed": "1",
            },
            [("attestation.pdf", PDF)],
        )
        candidacy = candidacy.with_user(self.facilitator)
        form = Form(candidacy)
        self.assertEqual(form.proposal_note, "Suivie depuis 2025")
        self.assertEqual(len(form.proposal_proof_ids), 1)
        self.assertEqual(
            candidacy.proposal_proof_ids.mapped("name"), ["attestation.pdf"]
        )
        action = candidacy.action_open_participant()
        self.assertEqual(action["res_model"], "social.clause.participant")
        self.assertEqual(action["res_id"], candidacy.participant_id.id)
        self.assertEqual(
            self.env["social.clause.participant"].browse(action["res_id"]).name,
            "Yasmine Form",
        )
