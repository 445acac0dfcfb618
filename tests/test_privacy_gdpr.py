# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #16, findings 2, 7 and 12: the right-of-access export and the
anonymisation hold to the person's own records and the documents about them,
by whole words, and see every spelling and identifier of the person."""

import base64
import json

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from ..models.social_clause_participant import (
    GDPR_CANDIDACY_ERASED_FIELDS,
    GDPR_ERASED_FIELDS,
)
from .common import SocialClauseCase, make_user


@tagged("post_install", "-at_install")
class TestPrivacyGdpr(SocialClauseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = make_user(cls.env, "sc_privacy_internal")
        # A firm first typed "Yanis Rosh"; the facilitator corrected it.
        cls.yanis = cls._create_eligible_participant("Yanis Rosh")
        cls.yanis.write(
            {
                "france_travail_id": "FT7654321Z",
                "pass_iae_number": "999990054321",
                "email": "yanis.r@example.org",
                "phone": "06 11 22 33 44",
            }
        )
        cls.hours = cls.env["social.clause.hour"].create(
            [cls._hour_vals(cls.yanis, cls.commitment_a1, 35)]
        )
        cls.hours.action_validate()
        cls.commitment_a1.message_post(
            body="Firm A declared 35 hours of Yanis Rosh.",
            subtype_xmlid="mail.mt_note",
        )
        # The rename, tracked as Odoo writes it in a later transaction.
        cls.yanis.name = "Yanis Roche"
        rename = cls.yanis.message_post(body="", subtype_xmlid="mail.mt_note")
        cls.env["mail.tracking.value"].create(
            {
                "mail_message_id": rename.id,
                "field_id": cls.env["ir.model.fields"]._get(cls.yanis._name, "name").id,
                "old_value_char": "Yanis Rosh",
                "new_value_char": "Yanis Roche",
            }
        )
        # Another person whose name starts the same, and his own file.
        cls.rochefort = cls._create_eligible_participant("Yanis Rochefort")
        cls.rochefort.message_post(
            body="Yanis Rochefort asked about his training",
            subtype_xmlid="mail.mt_note",
        )
        cls.commitment_a1.message_post(
            body="Yanis Rochefort and Yanis Roche start Monday (FT7654321Z).",
            subtype_xmlid="mail.mt_note",
        )
        cls.commitment_a1.activity_schedule(
            "mail.mail_activity_data_todo",
            summary="Check a PASS IAE",
            note="Number 999990054321 to check with the platform",
            user_id=cls.facilitator.id,
        )
        # A private chat between two users naming him.
        channel = (
            cls.env["discuss.channel"]
            .with_user(cls.facilitator)
            .channel_get(cls.manager.partner_id.ids)
            .sudo()
        )
        channel.message_post(
            body="Private: Yanis Roche is my neighbour",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        cls.channel = channel

    def _export(self, person):
        action = person.with_user(self.facilitator).action_export_personal_data()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        attachment = self.env["ir.attachment"].browse(attachment_id)
        return json.loads(base64.b64decode(attachment.datas))

    # Finding 2: the right-of-access export ------------------------------------

    def test_access_export_holds_only_the_persons_records(self):
        data = self._export(self.yanis)
        bodies = [message["body"] for message in data["messages"]]
        text = json.dumps(data, ensure_ascii=False)
        # The declaration of the firm, under the first spelling, is there.
        self.assertTrue(any("35 hours of Yanis Rosh" in body for body in bodies))
        self.assertTrue(any("start Monday" in body for body in bodies))
        # Never a private chat, never the file of "Yanis Rochefort".
        self.assertNotIn("neighbour", text)
        self.assertNotIn("asked about his training", text)
        self.assertEqual(
            [activity["summary"] for activity in data["activities"]],
            ["Check a PASS IAE"],
        )
        self.assertEqual(data["participant"]["E-mail personnel"], "yanis.r@example.org")
        # Rochefort's export holds his file, not Yanis Roche's declaration.
        other = json.dumps(self._export(self.rochefort), ensure_ascii=False)
        self.assertIn("asked about his training", other)
        self.assertNotIn("35 hours of Yanis Rosh", other)
        self.assertNotIn("neighbour", other)

    def test_access_export_refused_to_others(self):
        with self.assertRaises(AccessError):
            self.yanis.with_user(self.internal).action_export_personal_data()
        with self.assertRaises(AccessError):
            self.yanis.with_user(self.internal)._gdpr_personal_data()

    # Finding 7: whole words, the person's documents only -------------------------

    def test_anonymisation_scrubs_whole_words_in_the_persons_documents(self):
        ette = self._create_eligible_participant("Ette Dupont")
        line = self.env["social.clause.hour"].create(
            [self._hour_vals(ette, self.commitment_b2, 10)]
        )
        line.action_validate()
        message = self.commitment_b2.message_post(
            body="Paulette Dupont and Ette Dupont worked", subtype_xmlid="mail.mt_note"
        )
        # A document that is not about her: another firm's commitment.
        elsewhere = self.commitment_b1.message_post(
            body="Ette Dupont called", subtype_xmlid="mail.mt_note"
        )
        Mail = self.env["mail.mail"]
        queued_other = Mail.create(
            {"subject": "Paulette Dupont's contract", "body_html": "<p>Paulette</p>"}
        )
        queued_on_her = Mail.create(
            {
                "subject": "Hours of Ette Dupont",
                "body_html": "<p>Ette Dupont</p>",
                "model": self.commitment_b2._name,
                "res_id": self.commitment_b2.id,
            }
        )
        ette.with_user(self.facilitator).action_anonymise()
        self.assertEqual(
            str(message.body),
            f"<p>Paulette Dupont and {ette.name} worked</p>",
        )
        self.assertEqual(str(elsewhere.body), "<p>Ette Dupont called</p>")
        self.assertTrue(queued_other.exists())
        self.assertFalse(queued_on_her.exists())
        self.assertIn("Yanis Rochefort", str(self.rochefort.message_ids[0].body))

    # Finding 12: what a name scrub cannot see -------------------------------------

    def test_anonymisation_scrubs_spellings_and_identifiers(self):
        self.yanis.with_user(self.facilitator).action_anonymise()
        pseudonym = self.yanis.name
        bodies = " ".join(str(m.body) for m in self.commitment_a1.message_ids)
        for secret in ("Rosh", "Yanis Roche ", "FT7654321Z"):
            self.assertNotIn(secret, bodies)
        self.assertIn(f"35 hours of {pseudonym}.", bodies)
        self.assertIn(f"Yanis Rochefort and {pseudonym} start Monday", bodies)
        activity = self.commitment_a1.activity_ids.filtered(
            lambda a: a.summary == "Check a PASS IAE"
        )
        self.assertNotIn("999990054321", str(activity.note))
        self.assertFalse(
            self.yanis.email or self.yanis.phone or self.yanis.france_travail_id
        )
        # The private chat and the namesake's file are untouched.
        self.assertIn("Yanis Roche is my neighbour", str(self.channel.message_ids.body))
        self.assertEqual(self.rochefort.name, "Yanis Rochefort")

    def test_erased_fields_exist_and_are_sensitive(self):
        fields_ = self.env["social.clause.participant"]._fields
        for fname in GDPR_ERASED_FIELDS:
            with self.subTest(field=fname):
                self.assertIn(fname, fields_)
        for fname in ("email", "phone"):
            self.assertEqual(fields_[fname].groups, "social_clause.group_user")
            self.assertFalse(getattr(fields_[fname], "tracking", False))
        candidacy_fields = self.env["social.clause.candidacy"]._fields
        for fname in GDPR_CANDIDACY_ERASED_FIELDS:
            self.assertIn(fname, candidacy_fields)
        form = Form(self.yanis.with_user(self.facilitator))
        form.email = "y.roche@example.org"
        form.phone = "0611223344"
        form.save()
        self.assertEqual(self.yanis.email, "y.roche@example.org")
        with self.assertRaises(AccessError):
            self.yanis.with_user(self.internal).read(["email", "phone"])

    def test_retention_keeps_a_person_proposed_again(self):
        long_ago = self.today - relativedelta(years=3)
        Participant = self.env["social.clause.participant"]
        proposed, forgotten = Participant.create(
            [
                {
                    "name": "Rémi Reproposé",
                    "entry_date": long_ago,
                    "exit_date": long_ago + relativedelta(months=3),
                    "path_state": "exited",
                },
                {
                    "name": "Oscar Oublié",
                    "entry_date": long_ago,
                    "exit_date": long_ago + relativedelta(months=3),
                    "path_state": "exited",
                },
            ]
        )
        offer = self.env["social.clause.job.offer"].create(
            {
                "name": "Aide-maçon",
                "commitment_id": self.commitment_a1.id,
                "user_id": self.facilitator.id,
                "posts": 1,
            }
        )
        offer.action_open()
        # Proposed again this week: a contact.
        proposed.write({"firm_ids": [Command.clear()]})
        offer._add_candidates(proposed)
        self.assertEqual(proposed.last_contact_date, self.today)
        Participant._cron_anonymise_expired()
        self.assertFalse(proposed.is_anonymised)
        self.assertTrue(forgotten.is_anonymised)
