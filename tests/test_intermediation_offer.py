# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PDF, IntermediationCase, make_user

POOL_NAMES = [
    "Inès Testeuse",
    "Marc Loin",
    "Paul Loin",
    "Léa Pasvalide",
    "Jean Peuqualifié",
    "Hugo Occupé",
    "Nora Bientôt",
]


@tagged("post_install", "-at_install")
class TestJobOffer(IntermediationCase):
    def test_offer_form_and_checks(self):
        offer_form = Form(
            self.env["social.clause.job.offer"].with_user(self.facilitator)
        )
        offer_form.name = "Peintre"
        offer_form.commitment_id = self.commitment_b2
        offer_form.zip = "59 000"
        offer = offer_form.save()
        self.assertEqual(offer.partner_id, self.firm_b)
        self.assertEqual(offer.area_code, "59")
        self.assertEqual(offer.state, "draft")
        with self.assertRaisesRegex(ValidationError, "code ROME"):
            offer.rome_code = "ABC"
        with self.assertRaisesRegex(ValidationError, "au moins un poste"):
            offer.posts = 0
        with self.assertRaisesRegex(UserError, "pas ouverte"):
            offer._add_candidates(self.participant)
        offer.action_open()
        self.assertEqual(offer.state, "open")

    def test_offer_filled_from_the_pool_then_hours_declared(self):
        fits = self._pool_person("Inès Testeuse")
        mobile = self._pool_person("Marc Loin", zip="75011", mobility="region")
        far = self._pool_person("Paul Loin", zip="75011", mobility="local")
        self._pool_person("Léa Pasvalide", eligible=False)
        self._pool_person("Jean Peuqualifié", qualification_level="none")
        busy = self._pool_person(
            "Hugo Occupé",
            path_state="in_path",
            availability_date=self.today + relativedelta(months=3),
        )
        free_soon = self._pool_person(
            "Nora Bientôt",
            path_state="in_path",
            availability_date=self.today,
        )
        pool = self.env["social.clause.participant"].search(
            [("name", "in", POOL_NAMES)]
        )
        self.assertEqual(len(pool), len(POOL_NAMES))
        search = Form(
            self.env["social.clause.candidate.search"]
            .with_user(self.facilitator)
            .with_context(default_offer_id=self.offer.id)
        )
        wizard = search.save()
        # (The demo data may add people of the area to the suggestions.)
        suggested = wizard.participant_ids
        self.assertEqual(suggested & pool, fits | mobile | free_soon)
        # Widening the search (any area) brings the local person back.
        search.same_area = False
        self.assertEqual(
            search.save().participant_ids & pool, fits | mobile | far | free_soon
        )
        self.assertNotIn(busy, search.save().participant_ids)
        search.same_area = True
        wizard = search.save()
        wizard.participant_ids = fits | mobile
        wizard.action_add_candidates()
        candidacies = self.offer.candidacy_ids
        self.assertEqual(candidacies.participant_id, fits | mobile)
        self.assertEqual(set(candidacies.mapped("stage_kind")), {"proposed"})
        candidacy = candidacies.filtered(lambda c: c.participant_id == fits)
        self.assertEqual(candidacy.candidate_name, "Inès T.")
        # Already candidates: not suggested again.
        self.assertFalse(self.offer._find_candidates() & (fits | mobile))

        candidacy.with_user(self.facilitator).action_send_to_firm()
        self.assertEqual(candidacy.stage_kind, "sent")
        self.assertEqual(candidacy.sent_date, self.today)

        # The firm hires through the portal method its form calls.
        firm_user = make_user(
            self.env, "sc_firm_a_user", "base.group_portal", name="Sophie RH"
        )
        firm_user.partner_id.parent_id = self.firm_a
        candidacy.with_user(firm_user)._portal_firm_answer(
            {"answer": "interview", "interview_date": str(self.today)}
        )
        self.assertEqual(candidacy.stage_kind, "interview")
        self.assertEqual(candidacy.interview_date, self.today)
        candidacy.with_user(firm_user)._portal_firm_answer({"answer": "hire"})
        self.assertEqual(candidacy.stage_kind, "hired")
        self.assertEqual(candidacy.hire_date, self.offer.date_start)
        self.assertIn(self.firm_a, fits.firm_ids)
        self.assertEqual(fits.path_state, "in_path")
        self.assertEqual(fits.entry_date, self.offer.date_start)
        # One post: the offer is filled.
        self.assertEqual(self.offer.state, "filled")
        self.assertTrue(candidacy.activity_ids)
        with self.assertRaisesRegex(UserError, "déjà répondu"):
            candidacy.with_user(firm_user)._portal_firm_answer({"answer": "hire"})

        # Placed with the firm: its portal user declares the person's hours.
        line = self.commitment_a1.with_user(firm_user)._portal_declare_hours(
            {
                "participant_id": str(fits.id),
                "month": self.month.strftime("%Y-%m"),
                "hours": "35",
                "modality": "hire_cdd",
            },
            [("payslip.pdf", PDF)],
        )
        self.assertRecordValues(
            line,
            [{"participant_id": fits.id, "state": "submitted", "hours": 35.0}],
        )

    def test_stage_rules(self):
        person = self._pool_person("Karim Test")
        unchecked = self._pool_person("Lina Nonvérifiée", eligible=False)
        candidacy, other = self.offer._add_candidates(person | unchecked)
        candidacy = candidacy.with_user(self.facilitator)
        # Declining needs a reason from the list.
        with self.assertRaisesRegex(UserError, "raison"):
            candidacy.stage_id = self.stage["declined"]
        # An ineligible person is never presented to a firm.
        with self.assertRaisesRegex(UserError, "éligibilité"):
            other.with_user(self.facilitator).action_send_to_firm()
        other.proposal_checked = False
        with self.assertRaisesRegex(UserError, "Acceptez la proposition"):
            other.with_user(self.facilitator).action_send_to_firm()
        with self.assertRaisesRegex(UserError, "éligibilité"):
            other.with_user(self.facilitator).action_accept_proposal()
        wizard = Form(
            self.env["social.clause.candidacy.decline"]
            .with_user(self.facilitator)
            .with_context(active_model=candidacy._name, active_ids=candidacy.ids)
        )
        wizard.reason_id = self.reason
        wizard.note = "Ne souhaite pas travailler en hauteur."
        wizard.save().action_decline()
        self.assertEqual(candidacy.stage_kind, "declined")
        self.assertEqual(candidacy.declined_by, "facilitator")
        self.assertEqual(candidacy.decline_reason_id, self.reason)
        candidacy.action_reset_to_proposed()
        self.assertFalse(candidacy.decline_reason_id)
        # Kanban drag to "Hired": the same rules as the button.
        candidacy.stage_id = self.stage["hired"]
        self.assertIn(self.firm_a, person.firm_ids)
        self.assertEqual(candidacy.sent_date, self.today)
        with self.assertRaisesRegex(UserError, "ne peut pas revenir"):
            candidacy.stage_id = self.stage["interview"]

    def test_kanban_queries_do_not_grow_with_candidacies(self):
        """The offer's kanban (web_read_group, web_search_read) reads the
        same number of queries for 10 and 200 candidacies."""
        people = self.env["social.clause.participant"].create(
            [{"name": f"Personne {n:03d}"} for n in range(210)]
        )
        offer_10, offer_200 = self.env["social.clause.job.offer"].create(
            [
                {"name": "Offre 10", "commitment_id": self.commitment_a1.id},
                {"name": "Offre 200", "commitment_id": self.commitment_b1.id},
            ]
        )
        Candidacy = self.env["social.clause.candidacy"]
        stages = list(self.stage.values())
        for offer, persons in ((offer_10, people[:10]), (offer_200, people[10:])):
            Candidacy.create(
                [
                    {
                        "offer_id": offer.id,
                        "participant_id": person.id,
                        "position_sought": "Maçon",
                        "priority": str(n % 3),
                    }
                    for n, person in enumerate(persons)
                ]
            )
        # Spread them over the columns, as the facilitator's work does.
        for offer in (offer_10, offer_200):
            for n, candidacy in enumerate(offer.candidacy_ids):
                stage = stages[n % 3]  # proposed, sent or interview
                self.env.cr.execute(
                    "UPDATE social_clause_candidacy SET stage_id = %s, "
                    "stage_kind = %s WHERE id = %s",
                    (stage.id, stage.kind, candidacy.id),
                )
        self.env.invalidate_all()
        spec = {
            "participant_id": {"fields": {"display_name": {}}},
            "offer_id": {"fields": {"display_name": {}}},
            "position_sought": {},
            "source": {},
            "proposal_checked": {},
            "prescriber_id": {"fields": {"display_name": {}}},
            "priority": {},
            "decline_reason_id": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
        }
        candidacies = Candidacy.with_user(self.facilitator)

        def kanban_queries(offer):
            domain = [("offer_id", "=", offer.id)]
            self.env.invalidate_all()
            count0 = self.env.cr.sql_log_count
            groups = candidacies.web_read_group(
                domain, ["stage_id"], ["stage_id"], lazy=True
            )["groups"]
            records = 0
            for group in groups:
                result = candidacies.web_search_read(group["__domain"], spec, limit=80)
                records += result["length"]
            return self.env.cr.sql_log_count - count0, records, len(groups)

        kanban_queries(offer_10)  # warm the caches
        queries_10, records_10, columns_10 = kanban_queries(offer_10)
        queries_200, records_200, columns_200 = kanban_queries(offer_200)
        self.assertEqual((records_10, records_200), (10, 200))
        self.assertEqual(columns_10, columns_200)
        self.assertEqual(columns_10, len(self.stage))  # all stages are columns
        self.assertEqual(queries_10, queries_200)
