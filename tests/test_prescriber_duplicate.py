# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PDF, IntermediationCase, make_user


@tagged("post_install", "-at_install")
class TestPrescriberDuplicate(IntermediationCase):
    """A prescriber proposing a person it already proposed links the new
    candidacy to that person, and learns nothing of the person's file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.mission_locale, cls.cap_emploi = Partner.create(
            [
                {
                    "name": "Mission Locale Doublons",
                    "is_company": True,
                    "social_clause_partner_kind": "mission_locale",
                    "zip": "59100",
                },
                {
                    "name": "Cap Emploi Doublons",
                    "is_company": True,
                    "social_clause_partner_kind": "cap_emploi",
                    "zip": "59200",
                },
            ]
        )
        cls.user_ml = cls._prescriber_user("sc_dup_ml", cls.mission_locale)
        cls.user_cap = cls._prescriber_user("sc_dup_cap", cls.cap_emploi)
        cls.offer_2 = cls.env["social.clause.job.offer"].create(
            {
                "name": "Coffreur",
                "commitment_id": cls.commitment_a1.id,
                "user_id": cls.facilitator.id,
                "zip": "59000",
            }
        )
        cls.offer_2.action_open()

    @classmethod
    def _prescriber_user(cls, login, prescriber):
        user = make_user(cls.env, login, "base.group_portal")
        user.partner_id.parent_id = prescriber
        return user

    def _propose(self, user, offer, name, **values):
        required = {
            "birth_date": "1999-03-14",
            "criterion_ids": self.env.ref("social_clause.criterion_rsa").ids,
            "gdpr_informed": "1",
        }
        return offer.with_user(user)._portal_propose_candidate(
            dict(required, **values, name=name), [("attestation.pdf", PDF)]
        )

    def test_known_person_is_linked_not_duplicated(self):
        People = self.env["social.clause.participant"]
        first = self._propose(self.user_ml, self.offer, "Zoé Dupré-Lenoir")
        person = first.participant_id
        self.assertEqual(person.prescriber_id, self.mission_locale)
        # The facilitator completes the file.
        person.write(
            {
                "position_sought": "Coffreur bancheur",
                "cv_file": "JVBERi0xLjQK",
                "cv_filename": "cv-zoe.pdf",
                "eligibility_note": "Suivie depuis 2025",
            }
        )
        count = People.search_count([])

        # Same prescriber, same name however typed: the same person.
        second = self._propose(
            self.user_ml,
            self.offer_2,
            "ZOE  dupre lenoir",
            note="Disponible le matin",
        )
        self.assertEqual(People.search_count([]), count)
        self.assertEqual(second.participant_id, person)
        self.assertEqual(len(person.eligibility_proof_ids), 2)
        self.assertEqual(person.position_sought, "Coffreur bancheur")
        self.assertEqual(
            person.eligibility_note, "Suivie depuis 2025\nDisponible le matin"
        )
        self.assertIn(
            f"Rattaché au participant {person.reference}", second.activity_ids.note
        )
        # What the prescriber reads of its proposal is what it typed, not the
        # known person's spelling, position or CV.
        read = second.with_user(self.user_ml).read(
            ["candidate_name", "position_sought", "cv_filename", "cv_file"]
        )[0]
        self.assertEqual(read["candidate_name"], "ZOE L.")
        self.assertEqual(read["position_sought"], "Coffreur")
        self.assertFalse(read["cv_filename"] or read["cv_file"])
        self.assertEqual(second.with_user(self.user_ml).prescriber_status, "to_check")

        # Another prescriber proposing the same name born another day:
        # another person (the same birth date: see test_intermediation_portal).
        other = self._propose(
            self.user_cap, self.offer_2, "Zoé Dupré-Lenoir", birth_date="1988-11-02"
        )
        self.assertNotEqual(other.participant_id, person)
        self.assertEqual(People.search_count([]), count + 1)

        # Already a candidate for this offer: a new record, flagged to the
        # facilitator, and the same answer to the prescriber.
        again = self._propose(self.user_ml, self.offer, "Zoé Dupré-Lenoir")
        self.assertNotEqual(again.participant_id, person)
        self.assertIn(
            f"Le participant {person.reference}, de même identité",
            again.activity_ids.note,
        )
        self.assertIn("déjà candidat à cette offre", again.activity_ids.note)
        self.assertEqual(again.with_user(self.user_ml).candidate_name, "Zoé D.")
