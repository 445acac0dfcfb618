# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SocialClauseCase, make_user

# An identity no other data of the database holds.
FIRST_NAME = "Zéphyrine"
LAST_NAME = "Quasimodotrace"
FULL_NAME = f"{FIRST_NAME} {LAST_NAME}"


@tagged("post_install", "-at_install")
class TestGdpr(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = make_user(
            cls.env,
            "sc_gdpr_internal",
            "base.group_user,base.group_allow_export",
            name="Ines Interne",
        )
        cls.facilitator.groups_id |= cls.env.ref("base.group_allow_export")
        cls.person = cls._create_eligible_participant(FULL_NAME)
        Attachment = cls.env["ir.attachment"]
        proof = Attachment.create(
            {"name": f"RSA {LAST_NAME}.pdf", "raw": b"%PDF-1.4 attestation"}
        )
        cls.person.write(
            {
                "birth_date": "1999-03-04",
                "gender": "female",
                "city": "Villeurbanne",
                "zip": "69100",
                "is_qpv": True,
                "eligibility_note": f"Seen with {FULL_NAME}'s counsellor",
                "eligibility_proof_ids": [Command.link(proof.id)],
                "gdpr_informed_date": cls.today,
                "gdpr_informed_by_id": cls.facilitator.id,
                # In the path since the month of its earliest hours: hours
                # of a month before the entry cannot be validated.
                "entry_date": cls.month - relativedelta(months=1),
            }
        )
        cls.person.action_enter_path()
        Hour = cls.env["social.clause.hour"]
        cls.hours = Hour.create(
            [
                cls._hour_vals(cls.person, cls.commitment_a1, 70),
                cls._hour_vals(cls.person, cls.commitment_b2, 35.5),
                cls._hour_vals(
                    cls.person,
                    cls.commitment_a1,
                    20,
                    month=cls.month - relativedelta(months=1),
                ),
            ]
        )
        cls.hours[:2].action_validate()
        cls.hours[2].action_reject(f"Payslip of {FULL_NAME} unreadable")
        payslip = Attachment.create(
            {
                "name": f"Bulletin {FULL_NAME}.pdf",
                "raw": b"%PDF-1.4 payslip",
                "res_model": "social.clause.hour",
                "res_id": cls.hours[0].id,
            }
        )
        cls.hours[0].attachment_ids = [Command.link(payslip.id)]
        cls.env["social.clause.outcome"].create(
            {
                "participant_id": cls.person.id,
                "moment": "exit",
                "date": cls.today,
                "kind_id": cls.env["social.clause.outcome.kind"].search([], limit=1).id,
                "note": f"{FULL_NAME} signed a CDI",
            }
        )
        # Traces in mail: her own chatter (tracked rename, note, activity) and
        # another document's chatter and activity naming her.
        cls.person.name = f"{FULL_NAME}-Martin"
        cls.person.name = FULL_NAME
        cls.person.message_subscribe(partner_ids=cls.facilitator.partner_id.ids)
        cls.person.message_post(
            body=f"Called {FULL_NAME} about her contract",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.person.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=f"Call {FIRST_NAME}",
            user_id=cls.facilitator.id,
        )
        cls.commitment_a1.message_post(
            body=f"Firm A declared 70 hours of {FULL_NAME}.",
            subtype_xmlid="mail.mt_note",
        )
        cls.commitment_a1.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Validate the hours declared on the portal",
            note=f"Check {FULL_NAME}'s eligibility",
            user_id=cls.facilitator.id,
        )
        cls._add_intermediation_and_evaluation()

    @classmethod
    def _add_intermediation_and_evaluation(cls):
        """Identifiers, a CV, a candidacy with notes naming her, a training
        attendance and a 6-month evaluation with a comment naming her."""
        cls.person.write(
            {
                "france_travail_id": "FT1234567X",
                "pass_iae_number": "999990012345",
                "position_sought": "Aide-maçon",
                "availability_date": cls.today,
                "has_driving_licence": True,
                "cv_file": base64.b64encode(f"CV de {FULL_NAME}".encode()),
                "cv_filename": f"CV {LAST_NAME}.txt",
            }
        )
        offer = cls.env["social.clause.job.offer"].create(
            {
                "name": "Aide-maçon",
                "commitment_id": cls.commitment_a1.id,
                "user_id": cls.facilitator.id,
                "posts": 1,
            }
        )
        offer.action_open()
        cls.candidacy = offer._add_candidates(cls.person)
        cls.candidacy.note = f"{FULL_NAME} prefers mornings"
        cls.candidacy.message_post(
            body=f"{FIRST_NAME} called back", subtype_xmlid="mail.mt_note"
        )
        cls.candidacy.action_decline(
            cls.env.ref("social_clause.decline_reason_profile"),
            note=f"{FIRST_NAME} found a job elsewhere",
        )
        training = cls.env["social.clause.training"].create(
            {
                "name": "Chantier école façades",
                "kind": "chantier_ecole",
                "date_start": cls.today,
                "date_end": cls.today,
                "hours": 70,
            }
        )
        cls.attendance = cls.env["social.clause.training.attendance"].create(
            {
                "training_id": training.id,
                "participant_id": cls.person.id,
                "hours_attended": 63.5,
                "completion": "completed",
                "certified": True,
                "certification": "CQP ouvrier du bâti",
            }
        )
        cls.evaluation = cls.person._create_evaluation_answer()
        questions = cls.evaluation.survey_id.question_ids.sorted("sequence")
        for question in questions:
            if question.question_type == "scale":
                cls.evaluation._save_lines(question, "4")
            elif question.question_type == "text_box":
                cls.evaluation._save_lines(question, f"{FULL_NAME} thanks her tutor")
        cls.evaluation._mark_done()

    # Statistics and traces ---------------------------------------------------

    def _statistics(self):
        self.env.invalidate_all()
        Hour = self.env["social.clause.hour"]
        return {
            "hours": Hour._read_group(
                [], ["commitment_id", "state"], ["hours:sum", "__count"]
            ),
            "participants": Hour._read_group(
                [("is_counted", "=", True)], [], ["participant_id:count_distinct"]
            ),
            "by_person": self.env["social.clause.participant"]
            .with_context(active_test=False)
            ._read_group(
                [],
                ["gender", "age_band", "is_qpv", "qualification_level"],
                ["hours_done:sum", "__count"],
            ),
            "commitments": [
                (c.hours_done, c.participant_count, c.progress)
                for c in (self.commitment_a1, self.commitment_b1, self.commitment_b2)
            ],
            "lots": [(lot.hours_done, lot.progress) for lot in self.operation.lot_ids],
            "operation": (self.operation.hours_done, self.operation.progress),
            "outcomes": self.env["social.clause.outcome"]._read_group(
                [], ["kind_id", "moment"], ["__count"]
            ),
            "criteria": self.person.criterion_ids.ids,
            "candidacies": self.env["social.clause.candidacy"]
            .with_context(active_test=False)
            ._read_group(
                [], ["offer_id", "stage_kind", "decline_reason_id"], ["__count"]
            ),
            "trainings": self.env["social.clause.training.attendance"]._read_group(
                [], ["training_id", "completion", "certified"], ["hours_attended:sum"]
            ),
            "evaluations": self.env["survey.user_input.line"]._read_group(
                [("answer_type", "=", "scale")],
                ["question_id"],
                ["value_scale:sum", "__count"],
            ),
        }

    def _tables_holding(self, text):
        """Every (table, column) of the database whose text holds ``text``."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """
            SELECT c.table_name, array_agg(c.column_name::text)
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'jsonb')
          GROUP BY c.table_name
            """
        )
        found = []
        for table, columns in cr.fetchall():
            for column in columns:
                cr.execute(
                    f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: E501
                    [f"%{text}%"],
                )
                if cr.fetchone():
                    found.append(f"{table}.{column}")
        return found

    def test_anonymisation_keeps_statistics_and_erases_identity(self):
        self.assertIn("social_clause_participant.name", self._tables_holding(LAST_NAME))
        self.assertIn("mail_message.body", self._tables_holding(LAST_NAME))
        # The path's documents hold her name before: the scan below must
        # find it nowhere after.
        self.assertLessEqual(
            {
                "social_clause_participant.cv_filename",
                "social_clause_candidacy.note",
                "social_clause_candidacy.cv_filename",
                "survey_user_input_line.value_text_box",
            },
            set(self._tables_holding(LAST_NAME)),
        )
        self.assertIn(
            "social_clause_candidacy.decline_note",
            self._tables_holding(f"{FIRST_NAME} found"),
        )
        self.assertIn(
            "mail_message.body", self._tables_holding(f"{FIRST_NAME} called back")
        )
        before = self._statistics()
        age_band = self.person.age_band
        self.assertEqual(age_band, "26_49" if self.person.age >= 26 else "under_26")

        self.person.with_user(self.facilitator).action_anonymise()

        self.assertEqual(self._statistics(), before)
        person = self.person
        self.assertEqual(person.name, f"Participant anonymisé {person.reference}")
        self.assertTrue(person.is_anonymised)
        self.assertFalse(person.birth_date)
        self.assertEqual(person.age_band, age_band)
        self.assertEqual(person.gender, "female")
        self.assertTrue(person.is_qpv)
        self.assertFalse(person.city or person.zip or person.eligibility_note)
        self.assertFalse(person.eligibility_proof_ids)
        self.assertFalse(self.hours.attachment_ids)
        self.assertEqual(len(person.outcome_ids), 1)
        self.assertFalse(person.outcome_ids.note)
        self.assertFalse(person.activity_ids)
        self.assertEqual(sorted(person.hour_ids.mapped("hours")), [20, 35.5, 70])
        self.assertIn(person.name, self.hours[2].rejection_reason)
        # Identifiers, CV and free texts of the path are erased; what the
        # statistics read stays.
        self.assertFalse(person.france_travail_id or person.pass_iae_number)
        self.assertFalse(person.cv_file or person.cv_filename)
        self.assertRecordValues(
            self.candidacy,
            [
                {
                    "note": False,
                    "decline_note": False,
                    "cv_file": False,
                    "stage_kind": "declined",
                    "candidate_name": "Participant P.",
                }
            ],
        )
        self.assertFalse(self.candidacy.message_ids)
        self.assertRecordValues(
            self.attendance, [{"hours_attended": 63.5, "completion": "completed"}]
        )
        lines = self.evaluation.user_input_line_ids
        self.assertEqual(lines.mapped("answer_type"), ["scale"] * 5)
        # No table the module or mail writes holds the name any more.
        for text in (LAST_NAME, FIRST_NAME):
            with self.subTest(text=text):
                self.assertEqual(self._tables_holding(text), [])
        with self.assertRaisesRegex(UserError, "déjà anonymisé"):
            person.with_user(self.facilitator).action_anonymise()

    def test_anonymisation_scrubs_only_the_module_documents(self):
        # A namesake elsewhere in the database (a contact of a firm) keeps
        # their name; the module's documents lose it, whatever its case.
        namesake = self.env["res.partner"].create({"name": FULL_NAME})
        namesake.message_post(body=f"Met {FULL_NAME} at the fair")
        self.commitment_b2.message_post(body=f"{FULL_NAME.upper()} starts Monday")
        self.person.with_user(self.facilitator).action_anonymise()
        self.assertEqual(namesake.name, FULL_NAME)
        self.assertIn(FULL_NAME, str(namesake.message_ids[0].body))
        body = str(self.commitment_b2.message_ids[0].body)
        self.assertNotIn(LAST_NAME.upper(), body)
        self.assertIn(f"{self.person.name} starts Monday", body)

    def test_erasure_needs_confirmation_and_a_facilitator(self):
        arch = self.env["social.clause.participant"].get_view(view_type="form")["arch"]
        button = etree.fromstring(arch).xpath("//button[@name='action_anonymise']")[0]
        self.assertTrue(button.get("confirm"))
        with self.assertRaises(AccessError):
            self.person.with_user(self.internal).action_anonymise()
        self.assertEqual(self.person.name, FULL_NAME)

    def test_cron_anonymises_past_the_retention_delay(self):
        Participant = self.env["social.clause.participant"]
        long_ago = self.today - relativedelta(years=3)
        old, recent, followed = Participant.create(
            [
                {
                    "name": "Gaston Ancien",
                    "birth_date": "1960-01-01",
                    "entry_date": long_ago,
                    "exit_date": long_ago + relativedelta(months=5),
                    "path_state": "exited",
                },
                {
                    "name": "Rita Recente",
                    "entry_date": long_ago,
                    "exit_date": self.today - relativedelta(months=11),
                    "path_state": "exited",
                },
                {
                    "name": "Suzie Suivie",
                    "entry_date": long_ago,
                    "path_state": "in_path",
                },
            ]
        )
        self.assertEqual(old.last_contact_date, long_ago + relativedelta(months=5))
        self.assertEqual(old.age_band, "50_plus")
        self.env.ref(
            "social_clause.ir_cron_participant_anonymise"
        ).method_direct_trigger()
        self.assertTrue(old.is_anonymised)
        self.assertEqual(old.age_band, "50_plus")
        self.assertFalse(old.birth_date)
        self.assertFalse(recent.is_anonymised or followed.is_anonymised)
        # A shorter delay reaches the recent one too.
        self.company.social_clause_retention_months = 6
        Participant._cron_anonymise_expired()
        self.assertTrue(recent.is_anonymised)
        self.assertFalse(followed.is_anonymised)

    def test_retention_setting_is_positive(self):
        with self.assertRaisesRegex(Exception, "au moins un mois"):
            self.company.social_clause_retention_months = 0

    # Right of access ------------------------------------------------------------

    def test_access_export_holds_all_records_of_the_person(self):
        action = self.person.with_user(self.facilitator).action_export_personal_data()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        self.assertNotIn(LAST_NAME, attachment.name)
        data = json.loads(base64.b64decode(attachment.datas))
        person = data["participant"]
        self.assertEqual(person["Nom"], FULL_NAME)
        self.assertEqual(person["Date de naissance"], "1999-03-04")
        self.assertEqual(person["Commune"], "Villeurbanne")
        self.assertEqual(person["Informé(e) du traitement le"], str(self.today))
        self.assertIn("RSA", json.dumps(person["Critères d'éligibilité"]))
        self.assertEqual(
            sorted(line["Heures"] for line in data["hours"]),
            sorted(self.person.hour_ids.mapped("hours")),
        )
        self.assertEqual(len(data["outcomes"]), 1)
        self.assertIn("signed a CDI", data["outcomes"][0]["Note"])
        self.assertEqual(
            sorted(proof["name"] for proof in data["proofs"]),
            sorted([f"Bulletin {FULL_NAME}.pdf", f"RSA {LAST_NAME}.pdf"]),
        )
        bodies = " ".join(message["body"] for message in data["messages"])
        self.assertIn("about her contract", bodies)
        self.assertIn("Firm A declared 70 hours", bodies)
        self.assertEqual(data["activities"][0]["summary"], f"Call {FIRST_NAME}")
        self.assertEqual(person["Identifiant France Travail"], "FT1234567X")
        self.assertEqual(person["Numéro de PASS IAE"], "999990012345")
        self.assertEqual(person["Nom du fichier du CV"], f"CV {LAST_NAME}.txt")
        self.assertEqual(len(data["candidacies"]), 1)
        candidacy = data["candidacies"][0]
        self.assertIn("Aide-maçon", candidacy["Offre d'emploi"])
        self.assertIn("prefers mornings", json.dumps(candidacy))
        self.assertIn("found a job elsewhere", json.dumps(candidacy))
        self.assertEqual(len(data["trainings"]), 1)
        self.assertIn(63.5, data["trainings"][0].values())
        self.assertIn("CQP ouvrier du bâti", data["trainings"][0].values())
        self.assertEqual(len(data["evaluations"]), 1)
        answers = [line["answer"] for line in data["evaluations"][0]["answers"]]
        self.assertIn(f"{FULL_NAME} thanks her tutor", answers)
        self.assertEqual(len(answers), 6)
        self.assertIn(f"CV {LAST_NAME}.txt", json.dumps(data["candidacies"]))
        self.assertEqual(
            [cv["name"] for cv in data["cvs"]], [f"CV {LAST_NAME}.txt"] * 2
        )
        with self.assertRaises(AccessError):
            self.person.with_user(self.internal).action_export_personal_data()

    # Sensitive fields ----------------------------------------------------------

    def test_sensitive_fields_not_exported_by_others(self):
        sensitive = ["name", "birth_date", "gender", "criterion_ids/code"]
        with self.assertRaises(AccessError):
            self.person.with_user(self.internal).export_data(sensitive)
        exported = self.person.with_user(self.facilitator).export_data(sensitive)
        self.assertEqual(exported["datas"][0][:2], [FULL_NAME, date(1999, 3, 4)])
        fields_ = self.env["social.clause.participant"]._fields
        for fname in (
            "birth_date",
            "gender",
            "city",
            "zip",
            "criterion_ids",
            "eligibility_note",
            "gdpr_informed_date",
            "france_travail_id",
            "pass_iae_number",
            "proposed_by_id",
            "position_sought",
            "availability_date",
            "mobility",
            "has_driving_licence",
            "cv_file",
            "cv_filename",
        ):
            with self.subTest(field=fname):
                self.assertEqual(fields_[fname].groups, "social_clause.group_user")
                self.assertFalse(getattr(fields_[fname], "tracking", False))

    # Deletion guards -------------------------------------------------------------

    def test_records_with_validated_hours_cannot_be_deleted(self):
        for record in (self.operation, self.lot_1, self.commitment_a1):
            with self.subTest(model=record._name):
                with self.assertRaisesRegex(UserError, "ne peut pas être supprimé"):
                    record.unlink()
        with self.assertRaisesRegex(UserError, "archivez ou anonymisez"):
            self.person.unlink()
        # Without validated hours, deleting stays possible.
        self.commitment_b1.unlink()
        self.assertFalse(self.commitment_b1.exists())
        newcomer = self.env["social.clause.participant"].create({"name": "Nina Neuve"})
        newcomer.unlink()
        self.assertFalse(newcomer.exists())
        self.operation.action_archive()
        self.assertFalse(self.operation.active)
