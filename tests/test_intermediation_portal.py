# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import logging
import re
from urllib.parse import urlparse

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import PDF, SocialClauseHttpCase, make_portal_user

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestIntermediationPortal(SocialClauseHttpCase):
    """Two firms with an open offer each, two prescribers of the same area."""

    facilitator_login = "sc_im_facilitator"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.last_month = cls.today.replace(day=1) - relativedelta(months=1)
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create(
            {
                "name": "Ville de Portail",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        cls.firm_a = Partner.create({"name": "Alpha Bâtiment", "is_company": True})
        cls.firm_b = Partner.create({"name": "Beta Peinture", "is_company": True})
        cls.mission_locale = Partner.create(
            {
                "name": "Mission Locale du Test",
                "is_company": True,
                "social_clause_partner_kind": "mission_locale",
                "zip": "59100",
            }
        )
        cls.cap_emploi = Partner.create(
            {
                "name": "Cap Emploi du Test",
                "is_company": True,
                "social_clause_partner_kind": "cap_emploi",
                "social_clause_area_codes": "59",
            }
        )
        cls.far_prescriber = Partner.create(
            {
                "name": "France Travail Paris",
                "is_company": True,
                "social_clause_partner_kind": "france_travail",
                "zip": "75011",
            }
        )
        cls.user_a = make_portal_user(cls.env, "sc_im_firm_a", "Anna Alpha", cls.firm_a)
        cls.user_b = make_portal_user(cls.env, "sc_im_firm_b", "Bob Beta", cls.firm_b)
        cls.user_ml = make_portal_user(
            cls.env, "sc_im_ml", "Julie Mission", cls.mission_locale
        )
        cls.user_cap = make_portal_user(
            cls.env, "sc_im_cap", "Carl Cap", cls.cap_emploi
        )
        cls.user_far = make_portal_user(
            cls.env, "sc_im_far", "Paul Paris", cls.far_prescriber
        )
        operation = cls.env["social.clause.operation"].create(
            {
                "name": "École du Portail",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Maçonnerie", "amount_untaxed": 900_000}),
                    Command.create({"name": "Peinture", "amount_untaxed": 300_000}),
                ],
            }
        )
        lot_masonry, lot_painting = operation.lot_ids
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a = Commitment.create(
            {"lot_id": lot_masonry.id, "partner_id": cls.firm_a.id}
        )
        cls.commitment_b = Commitment.create(
            {"lot_id": lot_painting.id, "partner_id": cls.firm_b.id}
        )
        Offer = cls.env["social.clause.job.offer"]
        cls.offer_a, cls.offer_b = Offer.create(
            [
                {
                    "name": "Aide-maçon Alpha",
                    "commitment_id": cls.commitment_a.id,
                    "user_id": cls.facilitator.id,
                    "zip": "59000",
                    "posts": 2,
                },
                {
                    "name": "Peintre Beta",
                    "commitment_id": cls.commitment_b.id,
                    "user_id": cls.facilitator.id,
                    "zip": "59000",
                },
            ]
        )
        (cls.offer_a | cls.offer_b).action_open()
        cls.criterion = cls.env.ref("social_clause.criterion_rsa")
        cls.person_sent = cls._eligible("Paula Envoyée")
        cls.person_kept = cls._eligible("Karl Gardé")
        cls.person_b = cls._eligible("Bruno Ailleurs")
        cls.person_sent.birth_date = "1990-05-17"
        cls.candidacy_sent, cls.candidacy_kept = cls.offer_a._add_candidates(
            cls.person_sent | cls.person_kept
        )
        cls.candidacy_sent.write(
            {
                "cv_file": "JVBERi0xLjQK",  # base64 of "%PDF-1.4\n"
                "cv_filename": "cv-paula.pdf",
                "availability_date": cls.today,
            }
        )
        cls.candidacy_sent.action_send_to_firm()
        cls.candidacy_b = cls.offer_b._add_candidates(cls.person_b)
        cls.candidacy_b.action_send_to_firm()

    @classmethod
    def _eligible(cls, name):
        person = cls.env["social.clause.participant"].create(
            {"name": name, "criterion_ids": [Command.set(cls.criterion.ids)]}
        )
        person.action_validate_eligibility()
        return person

    def assertRefused(self, url, data=None, reason=None, status=403):
        """A page saying why, in French, instead of a silent redirect."""
        response = self.url_open(url, data=data, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        text = html.unescape(response.text)
        self.assertIn("Accès refusé", text, url)
        self.assertIn("o_social_clause_refused_reason", text, url)
        if reason:
            self.assertIn(reason, text, url)
        return text

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    # Firms ---------------------------------------------------------------------

    def test_firm_sees_its_sent_candidates_only(self):
        self._login(self.user_a)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "social_clause_job_offer_count",
                    "social_clause_open_offer_count",
                ]
            },
        )
        self.assertEqual(counters["social_clause_job_offer_count"], 1)
        self.assertEqual(counters["social_clause_open_offer_count"], 0)
        listing = self.url_open("/my/job_offers")
        self.assertEqual(listing.text.count("o_social_clause_job_offer_row"), 1)
        self.assertNotIn("Peintre Beta", listing.text)
        page = self.url_open(self.offer_a.access_url)
        text = html.unescape(page.text)
        self.assertEqual(page.status_code, 200)
        self.assertEqual(text.count("o_social_clause_candidacy_row"), 1)
        # First name and initial, position, availability and CV only.
        self.assertIn("Paula E.", text)
        self.assertNotIn("Envoyée", text)
        self.assertIn(f"/my/job_offers/candidacy/{self.candidacy_sent.id}/cv", text)
        self.assertNotIn("Karl", text)  # not sent to the firm
        for secret in ("1990", self.criterion.name, "Bruno"):
            self.assertNotIn(secret, text)
        self.assertIn("Candidats qui vous sont envoyés", text)
        cv = self.url_open(f"/my/job_offers/candidacy/{self.candidacy_sent.id}/cv")
        self.assertEqual(cv.content, b"%PDF-1.4\n")

    @mute_logger("odoo.http")
    def test_firm_never_sees_another_firms_candidates(self):
        self._login(self.user_b)
        # A page says why, with the fitting status, and nothing of the
        # other firm's offer or candidate.
        for url, status, reason in (
            (self.offer_a.access_url, 403, "n'est pas une offre de votre entreprise"),
            (
                f"/my/job_offers/candidacy/{self.candidacy_sent.id}/cv",
                403,
                "n'est pas celui d'un de vos candidats",
            ),
            (
                f"/my/open_offers/{self.offer_a.id}",
                403,
                "Seuls les prescripteurs",
            ),
            ("/my/job_offers/999999", 404, "n'existe pas"),
        ):
            with self.subTest(url=url):
                text = self.assertRefused(url, reason=reason, status=status)
                self.assertNotIn("Paula", text)
                self.assertNotIn("Aide-maçon Alpha", text)
        csrf = self._csrf(self.offer_b.access_url)
        self.assertRefused(
            f"/my/job_offers/candidacy/{self.candidacy_sent.id}/answer",
            data={"csrf_token": csrf, "answer": "decline", "decline_reason_id": "1"},
            reason="n'a pas été envoyé à votre entreprise",
        )
        self.assertEqual(self.candidacy_sent.stage_kind, "sent")
        # JSON-RPC: only its own offer and candidate, never the person.
        offers = self._call("social.clause.job.offer", "search_read", [[], ["name"]])
        self.assertEqual([o["id"] for o in offers], [self.offer_b.id])
        found = self._call("social.clause.candidacy", "search_read", [[], ["id"]])
        self.assertEqual([c["id"] for c in found], [self.candidacy_b.id])
        forbidden = [
            ("social.clause.candidacy", "read", [self.candidacy_sent.ids, ["id"]]),
            ("social.clause.job.offer", "read", [self.offer_a.ids, ["name"]]),
            (
                "social.clause.candidacy",
                "read",
                [self.candidacy_b.ids, ["participant_id"]],
            ),
            ("social.clause.job.offer", "read", [self.offer_b.ids, ["candidacy_ids"]]),
            ("social.clause.participant", "search_read", [[], ["name"]]),
            (
                "social.clause.candidacy",
                "write",
                [self.candidacy_b.ids, {"stage_id": self.candidacy_b.stage_id.id}],
            ),
            (
                "social.clause.candidacy",
                "_portal_firm_answer",
                [self.candidacy_sent.ids, {"answer": "hire"}],
            ),
        ]
        for model, method, args in forbidden:
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException):
                    self._call(model, method, args)

    def test_firm_answers_then_declares_the_hired_persons_hours(self):
        self._login(self.user_a)
        answer_url = f"/my/job_offers/candidacy/{self.candidacy_sent.id}/answer"
        csrf = self._csrf(self.offer_a.access_url)
        # A bad answer: a French message, nothing written.
        page = self.url_open(
            answer_url,
            data={"csrf_token": csrf, "answer": "decline", "decline_reason_id": "x"},
        )
        self.assertIn("Choisissez la raison", html.unescape(page.text))
        reason = self.env["social.clause.decline.reason"].search(
            [("firm_can_use", "=", True)], limit=1
        )
        page = self.url_open(
            answer_url,
            data={
                "csrf_token": csrf,
                "answer": "decline",
                "decline_reason_id": str(reason.id),
                "decline_note": "Trop loin\x00",
            },
        )
        self.assertEqual(page.status_code, 200)
        self.assertIn("caractères de contrôle", html.unescape(page.text))
        self.env.invalidate_all()
        self.assertEqual(self.candidacy_sent.stage_kind, "sent")
        response = self.url_open(
            answer_url,
            data={
                "csrf_token": csrf,
                "answer": "interview",
                "interview_date": str(self.today),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.candidacy_sent.stage_kind, "interview")
        self.assertEqual(self.candidacy_sent.interview_date, self.today)
        self.url_open(answer_url, data={"csrf_token": csrf, "answer": "hire"})
        self.env.invalidate_all()
        self.assertEqual(self.candidacy_sent.stage_kind, "hired")
        self.assertIn(self.firm_a, self.person_sent.firm_ids)
        self.assertEqual(self.person_sent.entry_date, self.today)
        self.assertEqual(self.offer_a.state, "open")  # 2 posts, 1 hire

        # The firm declares the hours of the person it hired.
        declare_csrf = self._csrf(self.commitment_a.access_url)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/declare",
            data={
                "csrf_token": declare_csrf,
                "participant_id": str(self.person_sent.id),
                "month": self.last_month.strftime("%Y-%m"),
                "hours": "70",
                "modality": "hire_cdd",
            },
            files={"proof": ("payslip.pdf", PDF, "application/pdf")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        line = self.env["social.clause.hour"].search(
            [("participant_id", "=", self.person_sent.id)]
        )
        self.assertRecordValues(
            line,
            [
                {
                    "commitment_id": self.commitment_a.id,
                    "hours": 70.0,
                    "state": "submitted",
                }
            ],
        )

    # Prescribers ---------------------------------------------------------------

    def _propose(self, offer, values, files):
        """Propose with what the form requires, unless ``values`` says else."""
        csrf = self._csrf(f"/my/open_offers/{offer.id}")
        required = {
            "birth_date": "1999-03-14",
            "criterion_ids": self.criterion.ids,
            "gdpr_informed": "1",
        }
        return self.url_open(
            f"/my/open_offers/{offer.id}/propose",
            data=dict(required, **values, csrf_token=csrf),
            files=files,
            allow_redirects=False,
        )

    def _proposals(self):
        self.env.invalidate_all()
        return self.env["social.clause.candidacy"].search(
            [("source", "=", "prescriber")]
        )

    @mute_logger("odoo.http")
    def test_prescriber_proposes_and_sees_only_its_outcomes(self):
        self._login(self.user_ml)
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "social_clause_job_offer_count",
                    "social_clause_open_offer_count",
                    "social_clause_proposal_count",
                ]
            },
        )
        self.assertEqual(counters["social_clause_job_offer_count"], 0)
        self.assertGreaterEqual(counters["social_clause_open_offer_count"], 2)
        self.assertEqual(counters["social_clause_proposal_count"], 0)
        home = html.unescape(self.url_open("/my").text)
        self.assertIn('href="/my/open_offers"', home)
        self.assertIn("Offres d'emploi ouvertes", home)
        listing = self.url_open("/my/open_offers")
        in_area = self.env["social.clause.job.offer"].search_count(
            [("state", "=", "open"), ("area_code", "=", "59")]
        )
        self.assertEqual(listing.text.count("o_social_clause_open_offer_row"), in_area)
        for offer in (self.offer_a, self.offer_b):
            self.assertIn(f'href="/my/open_offers/{offer.id}"', listing.text)
        self.assertNotIn("Paula", listing.text)
        # The offer's form has a field for the prescriber's opinion (QWeb
        # drops an element whose t-out is None: the empty form had none).
        offer_page = self.url_open(f"/my/open_offers/{self.offer_a.id}").text
        self.assertIn('<textarea id="sc_note" name="note"', offer_page)
        # Bad input: French messages, nothing written.
        before = self._proposals()
        page = self._propose(self.offer_a, {"name": "Yanis Jeune"}, files={})
        self.assertIn("justificatif d'éligibilité", html.unescape(page.text))
        page = self._propose(
            self.offer_a,
            {"name": "Yanis Jeune"},
            files={"proof": ("proof.txt", b"just text", "text/plain")},
        )
        self.assertIn("ni un PDF ni une image", html.unescape(page.text))
        page = self._propose(
            self.offer_a,
            {"name": "Yanis Jeune", "availability_date": "demain"},
            files={"proof": ("proof.pdf", PDF, "application/pdf")},
        )
        self.assertIn("n'est pas valide", html.unescape(page.text))
        # Typed text goes through the portal's one cleaning (models/common.py).
        for name, message in (
            ("Yanis\x00Jeune", "caractères de contrôle"),
            ("Yanis \u202eenueJ", "caractères de contrôle"),
            ("\u200b", "au moins une lettre"),
        ):
            page = self._propose(
                self.offer_a,
                {"name": name},
                files={"proof": ("proof.pdf", PDF, "application/pdf")},
            )
            self.assertEqual(page.status_code, 200)
            self.assertIn(message, html.unescape(page.text))
        # What the facilitator needs: birth date, criteria, the notice given,
        # a contact only with the person's agreement.
        for values, message in (
            ({"birth_date": ""}, "Indiquez la date de naissance"),
            ({"birth_date": "14/03/1999"}, "n'est pas valide"),
            ({"birth_date": "2020-01-01"}, "entre 15 et 100 ans"),
            ({"criterion_ids": []}, "Cochez au moins un critère"),
            ({"criterion_ids": ["999999"]}, "Choisissez les critères"),
            ({"gdpr_informed": ""}, "notice d'information"),
            ({"phone": "06 12 34 56 78"}, "a accepté de partager"),
            ({"phone": "12", "contact_consent": "1"}, "numéro de téléphone"),
            ({"email": "pas-un-mail", "contact_consent": "1"}, "adresse e-mail"),
            ({"france_travail_id": "ABC"}, "identifiant France Travail"),
        ):
            with self.subTest(values=values):
                page = self._propose(
                    self.offer_a,
                    dict(values, name="Yanis Jeune"),
                    files={"proof": ("proof.pdf", PDF, "application/pdf")},
                )
                self.assertEqual(page.status_code, 200)
                text = html.unescape(page.text)
                self.assertIn(message, text)
                # The form comes back filled in with what was typed.
                self.assertIn('value="Yanis Jeune"', text)
        self.assertEqual(self._proposals(), before)

        response = self._propose(
            self.offer_a,
            {
                "name": " Yanis   Jeune ",
                "position_sought": "Aide-maçon",
                "availability_date": str(self.today),
                "note": "Motivé, CAP en cours.",
                "birth_date": "2004-02-29",
                "france_travail_id": "9876543 z",
                "phone": "06.12.34.56.78",
                "email": "Yanis.Jeune@Example.fr",
                "contact_consent": "1",
            },
            files={"proof": ("attestation.pdf", PDF, "application/pdf")},
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my/proposals")
        proposal = self._proposals() - before
        self.assertRecordValues(
            proposal,
            [
                {
                    "offer_id": self.offer_a.id,
                    "prescriber_id": self.mission_locale.id,
                    "prescriber_user_id": self.user_ml.id,
                    "proposal_checked": False,
                    "stage_kind": "proposed",
                    "candidate_name": "Yanis J.",
                }
            ],
        )
        person = proposal.participant_id
        self.assertEqual(person.name, "Yanis Jeune")
        self.assertEqual(person.prescriber_id, self.mission_locale)
        self.assertEqual(person.eligibility_state, "to_check")
        self.assertEqual(person.eligibility_proof_ids.mimetype, "application/pdf")
        self.assertRecordValues(
            person,
            [
                {
                    "birth_date": fields.Date.to_date("2004-02-29"),
                    "france_travail_id": "9876543Z",
                    "phone": "0612345678",
                    "email": "yanis.jeune@example.fr",
                    "criterion_ids": self.criterion.ids,
                    "gdpr_informed_date": self.today,
                    "gdpr_informed_by_id": self.user_ml.id,
                }
            ],
        )
        self.assertEqual(proposal.activity_ids.user_id, self.facilitator)
        page = self.url_open("/my/proposals?proposed=1")
        text = html.unescape(page.text)
        self.assertEqual(text.count("o_social_clause_proposal_row"), 1)
        self.assertIn('data-status="to_check"', text)
        self.assertIn("En cours de vérification", text)

        # Another prescriber of the same area sees none of it.
        self._login(self.user_cap)
        page = self.url_open("/my/proposals")
        self.assertEqual(page.text.count("o_social_clause_proposal_row"), 0)
        self.assertNotIn("Yanis", page.text)
        found = self._call("social.clause.candidacy", "search_read", [[], ["id"]])
        self.assertEqual(found, [])
        for model, method, args in (
            ("social.clause.candidacy", "read", [proposal.ids, ["candidate_name"]]),
            ("social.clause.participant", "read", [person.ids, ["name"]]),
        ):
            with self.subTest(model=model, method=method):
                with self.assertRaises(JsonRpcException):
                    self._call(model, method, args)
        # A prescriber of another area does not see the offers at all.
        self._login(self.user_far)
        self.assertEqual(
            self.url_open("/my/open_offers").text.count(
                "o_social_clause_open_offer_row"
            ),
            0,
        )
        self.assertRefused(
            f"/my/open_offers/{self.offer_a.id}", reason="hors de votre territoire"
        )
        # A firm cannot propose people.
        self._login(self.user_a)
        self.assertRefused(
            f"/my/open_offers/{self.offer_a.id}", reason="Seuls les prescripteurs"
        )

        # The facilitator checks the person, accepts and sends; the
        # prescriber reads the outcome, never the sensitive fields.
        person.criterion_ids = self.criterion
        person.action_validate_eligibility()
        proposal.with_user(self.facilitator).action_accept_proposal()
        proposal.with_user(self.facilitator).action_send_to_firm()
        self._login(self.user_ml)
        text = html.unescape(self.url_open("/my/proposals").text)
        self.assertIn('data-status="sent"', text)
        self.assertIn("Envoyé à l'entreprise", text)
        self.assertNotIn(self.criterion.name, text)
        own = self._call(
            "social.clause.candidacy",
            "search_read",
            [[], ["candidate_name", "prescriber_status"]],
        )
        self.assertEqual(own[0]["prescriber_status"], "sent")
        with self.assertRaises(JsonRpcException):
            self._call(
                "social.clause.candidacy", "read", [proposal.ids, ["participant_id"]]
            )

    def _proposal_of(self, name):
        self.env.invalidate_all()
        return self.env["social.clause.candidacy"].search(
            [("source", "=", "prescriber"), ("proposed_name", "=", name)]
        )

    @mute_logger("odoo.http")
    def test_two_prescribers_propose_the_same_person_one_record(self):
        People = self.env["social.clause.participant"]
        proof = {"proof": ("attestation.pdf", PDF, "application/pdf")}
        self._login(self.user_ml)
        self._propose(
            self.offer_a, {"name": "Zoé Dupré-Lenoir", "phone": ""}, files=proof
        )
        person = self._proposal_of("Zoé Dupré-Lenoir").participant_id
        self.assertEqual(person.birth_date, fields.Date.to_date("1999-03-14"))
        count = People.search_count([])
        # Another prescriber, the same name however typed and birth date: the
        # same person, linked; it learns nothing of the first proposal.
        self._login(self.user_cap)
        response = self._propose(
            self.offer_b,
            {"name": "ZOE  dupre lenoir", "france_travail_id": "7654321B"},
            files=proof,
        )
        self.assertEqual(response.status_code, 303)
        second = self._proposal_of("ZOE dupre lenoir")  # spaces collapsed
        self.assertEqual(second.participant_id, person)
        self.assertEqual(People.search_count([]), count)
        self.assertEqual(person.france_travail_id, "7654321B")
        self.assertEqual(len(person.eligibility_proof_ids), 2)
        self.assertIn(
            f"Rattaché au participant {person.reference}", second.activity_ids.note
        )
        text = html.unescape(self.url_open("/my/proposals").text)
        self.assertEqual(text.count("o_social_clause_proposal_row"), 1)
        self.assertIn("ZOE L.", text)
        self.assertNotIn("Zoé", text)
        self.assertNotIn("Aide-maçon Alpha", text)
        # The same France Travail identifier, another spelling and birth
        # date: the same person again (on a third offer: on the first two the
        # person is already a candidate).
        offer_c = self.env["social.clause.job.offer"].create(
            {"name": "Coffreur", "commitment_id": self.commitment_a.id, "zip": "59000"}
        )
        offer_c.action_open()
        self._login(self.user_ml)
        self._propose(
            offer_c,
            {
                "name": "Zoe Lenoir",
                "birth_date": "1999-04-13",
                "france_travail_id": "7654321 b",
            },
            files=proof,
        )
        self.assertEqual(self._proposal_of("Zoe Lenoir").participant_id, person)
        self.assertEqual(People.search_count([]), count)
        # The same name born another day: another person.
        self._login(self.user_cap)
        self._propose(
            self.offer_a,
            {"name": "Zoé Dupré-Lenoir", "birth_date": "1988-11-02"},
            files=proof,
        )
        other = self._proposal_of("Zoé Dupré-Lenoir").filtered(
            lambda c: c.prescriber_id == self.cap_emploi
        )
        self.assertNotEqual(other.participant_id, person)
        self.assertEqual(People.search_count([]), count + 1)

    def _hire(self, candidacy):
        candidacy.participant_id.action_validate_eligibility()
        candidacy.with_user(self.facilitator).action_accept_proposal()
        candidacy.with_user(self.facilitator).action_send_to_firm()
        candidacy.hire_date = self.last_month
        candidacy.with_user(self.facilitator).action_hire()

    @mute_logger("odoo.http")
    def test_hired_person_leaves_the_pool_and_the_prescriber_sees_the_hire(self):
        People = self.env["social.clause.participant"]
        proof = {"proof": ("attestation.pdf", PDF, "application/pdf")}
        self._login(self.user_ml)
        self._propose(
            self.offer_a,
            {"name": "Inès Embauchée", "availability_date": str(self.today)},
            files=proof,
        )
        proposal = self._proposal_of("Inès Embauchée")
        person = proposal.participant_id
        pool = [("id", "=", person.id), *People._available_pool_domain()]
        person.action_validate_eligibility()
        self.assertEqual(People.search_count(pool), 1)
        self._hire(proposal)
        self.assertEqual(People.search_count(pool), 0)
        # Proposed again, "available" today: still out of the pool.
        self._propose(
            self.offer_b,
            {"name": "Ines Embauchee", "availability_date": str(self.today)},
            files=proof,
        )
        self.assertEqual(self._proposal_of("Ines Embauchee").participant_id, person)
        self.assertEqual(People.search_count(pool), 0)

        # The firm's hours are validated; the person leaves with a job.
        line = self.env["social.clause.hour"].create(
            {
                "commitment_id": self.commitment_a.id,
                "participant_id": person.id,
                "date": self.last_month,
                "hours": 70.5,
                "modality": "hire_cdd",
            }
        )
        # Eligible since before the month of the hours: they count.
        person.eligibility_date = self.last_month - relativedelta(months=1)
        line.action_submit()
        line.action_validate()
        self.assertTrue(line.is_counted)
        person.write({"path_state": "exited", "exit_date": self.today})
        self.env["social.clause.outcome"].create(
            {
                "participant_id": person.id,
                "moment": "exit",
                "date": self.today,
                "kind_id": self.env.ref("social_clause.outcome_kind_cdi").id,
                "note": "Note du facilitateur",
            }
        )
        text = html.unescape(self.url_open("/my/proposals").text)
        row = re.search(
            r"o_social_clause_proposal_row(?:(?!o_social_clause_proposal_row).)*?"
            r"Inès E\.(?:(?!o_social_clause_proposal_row).)*",
            text,
            re.S,
        ).group(0)
        self.assertIn('data-status="hired"', row)
        self.assertIn(f"Embauché le {self.last_month.strftime('%d/%m/%Y')}", row)
        self.assertRegex(row, r"o_social_clause_proposal_hours[^>]*>\s*70,50")
        self.assertIn(f"({self.today.strftime('%d/%m/%Y')})", row)
        cdi = self.env.ref("social_clause.outcome_kind_cdi").with_context(lang="fr_FR")
        self.assertIn(cdi.name, row)
        for secret in ("Note du facilitateur", "Embauchée"):
            self.assertNotIn(secret, text)

    @mute_logger("odoo.http")
    def test_refused_pages_say_why(self):
        self._login(self.user_ml)
        closed = self.env["social.clause.job.offer"].create(
            {
                "name": "Offre close",
                "commitment_id": self.commitment_a.id,
                "zip": "59000",
            }
        )
        closed.action_open()
        url = f"/my/open_offers/{closed.id}"
        csrf = self._csrf(url)
        closed.action_cancel()
        self.assertRefused(url, reason="L'offre Offre close est close")
        before = self._proposals()
        self.assertRefused(
            f"{url}/propose",
            data={"csrf_token": csrf, "name": "Yanis Jeune"},
            reason="est close",
        )
        self.assertEqual(self._proposals(), before)
        self.assertRefused("/my/open_offers/999999", status=404, reason="n'existe pas")
        # Not its proposal: another prescriber's CV is refused with a reason.
        self.assertRefused(
            f"/my/job_offers/candidacy/{self.candidacy_sent.id}/cv",
            reason="n'est pas celui d'un de vos candidats",
        )

    # Query counts ----------------------------------------------------------------

    def _queries(self, url):
        self.url_open(url)
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - count0, response.text

    def test_offer_page_queries_do_not_grow_with_candidacies(self):
        Offer = self.env["social.clause.job.offer"]
        offer_10, offer_200 = Offer.create(
            [
                {"name": "Offre 10", "commitment_id": self.commitment_a.id},
                {"name": "Offre 200", "commitment_id": self.commitment_a.id},
            ]
        )
        (offer_10 | offer_200).action_open()
        people = self.env["social.clause.participant"].create(
            [{"name": f"Candidat Numéro{n:03d}"} for n in range(210)]
        )
        sent = self.env.ref("social_clause.candidacy_stage_sent")
        self.env["social.clause.candidacy"].create(
            [
                {
                    "offer_id": offer.id,
                    "participant_id": person.id,
                    "position_sought": "Maçon",
                    "availability_date": self.today,
                    "cv_filename": "cv.pdf" if n % 2 else False,
                }
                for offer, persons in (
                    (offer_10, people[:10]),
                    (offer_200, people[10:]),
                )
                for n, person in enumerate(persons)
            ]
        )
        # Sent in bulk for the test (the people are not eligible).
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE social_clause_candidacy SET stage_id = %s, stage_kind = 'sent', "
            "sent_date = %s WHERE offer_id IN %s",
            (sent.id, self.today, (offer_10.id, offer_200.id)),
        )
        self.env.invalidate_all()
        self._login(self.user_a)
        queries_10, page_10 = self._queries(offer_10.access_url)
        queries_200, page_200 = self._queries(offer_200.access_url)
        list_10, _page = self._queries("/my/job_offers")
        self.assertEqual(page_10.count("o_social_clause_candidacy_row"), 10)
        self.assertEqual(page_200.count("o_social_clause_candidacy_row"), 80)
        self.assertIn(f"{offer_200.access_url}/page/2", page_200)
        _logger.info(
            "Portal offer page queries, 10 vs 200 candidacies: %s vs %s",
            queries_10,
            queries_200,
        )
        self.assertEqual(queries_10, queries_200)
        self.assertGreater(list_10, 0)


@tagged("post_install", "-at_install")
class TestPrescriberTour(SocialClauseHttpCase):
    """In a browser: a prescriber proposes a person, and later sees the hire."""

    def test_tour_propose_then_see_the_hire(self):
        env = self.env
        Partner = env["res.partner"]
        firm = Partner.create({"name": "Tour Bâtiment", "is_company": True})
        prescriber = Partner.create(
            {
                "name": "Mission Locale Tour",
                "is_company": True,
                "social_clause_partner_kind": "mission_locale",
                "zip": "59100",
            }
        )
        user = make_portal_user(env, "sc_tour_ml", "Tina Tour", prescriber)
        operation = env["social.clause.operation"].create(
            {
                "name": "Opération Tour",
                "buyer_id": Partner.create({"name": "Ville Tour"}).id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Gros œuvre", "amount_untaxed": 500_000})
                ],
            }
        )
        commitment = env["social.clause.commitment"].create(
            {"lot_id": operation.lot_ids.id, "partner_id": firm.id}
        )
        offer = env["social.clause.job.offer"].create(
            {"name": "Tour coffreur", "commitment_id": commitment.id, "zip": "59000"}
        )
        offer.action_open()
        self.start_tour("/my", "social_clause_prescriber_propose", login=user.login)
        self.env.invalidate_all()
        candidacy = env["social.clause.candidacy"].search([("offer_id", "=", offer.id)])
        self.assertEqual(candidacy.candidate_name, "Tom T.")
        person = candidacy.participant_id
        self.assertEqual(str(person.birth_date), "1998-06-21")
        self.assertEqual(person.phone, "0611223344")
        self.assertTrue(person.criterion_ids)
        # The facilitator checks, sends and the firm hires.
        person.action_validate_eligibility()
        candidacy.action_accept_proposal()
        candidacy.action_send_to_firm()
        candidacy.action_hire()
        self.start_tour("/my", "social_clause_prescriber_sees_hire", login=user.login)
