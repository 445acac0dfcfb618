# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Findings of the attack on the portal: a name holding HTML must not become
a live link in the facilitator's activity (finding 1); the refusal of the
monthly maximum must not tell a firm the hours other firms declared
(finding 2); a NUL character gives a French message, not an error 500
(finding 6)."""

import json

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SocialClausePortalCommon

EVIL_NAME = (
    '<a href="https://evil.example/login">Valider ici</a>'
    '<img src="https://evil.example/p.png">'
)


@tagged("post_install", "-at_install")
class TestSocialClausePortalSecurity(SocialClausePortalCommon):
    def test_new_person_name_is_text_in_the_activity(self):
        self._login(self.user_a)
        response = self._declare(
            self.commitment_a,
            self._declaration_values(
                hours="20", participant_id="new", new_participant_name=EVIL_NAME
            ),
        )
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        person = self.env["social.clause.participant"].search(
            [("name", "=", EVIL_NAME)]
        )
        self.assertEqual(len(person), 1, "the name is kept as the firm typed it")
        activity = self.commitment_a.activity_ids
        message = self.commitment_a.message_ids.filtered(
            lambda message: "Alpha Builders" in (message.body or "")
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(len(message), 1)
        for html in (str(activity.note), str(message.body)):
            with self.subTest(html=html):
                self.assertIn("&lt;a href=", html)
                self.assertIn("&lt;img src=", html)
                self.assertNotIn("<a ", html)
                self.assertNotIn("<img", html)
                self.assertIn("vérifiez son éligibilité", html)

    def _over_the_maximum_elsewhere(self):
        """Bruno works for firm B (21 + 120 hours last month) and is placed
        with firm A too: 20 more hours at firm A go over 151.67."""
        self.participant_b.firm_ids = [(4, self.firm_a.id)]
        self.env["social.clause.hour"].create(
            {
                "commitment_id": self.commitment_b.id,
                "participant_id": self.participant_b.id,
                "date": self.last_month,
                "hours": 120.0,
                "modality": "hire_cdd",
            }
        )
        self.env.flush_all()
        return self._declaration_values(
            hours="20", participant_id=str(self.participant_b.id)
        )

    def assertNoOtherFirmFigures(self, text):
        for figure in ("161", "141", "120", "21"):
            self.assertNotIn(figure, text)
        self.assertNotIn("totaliserait", text)

    def test_maximum_refusal_tells_a_firm_no_other_figures(self):
        values = self._over_the_maximum_elsewhere()
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(self.commitment_a, values)
        self.assertEqual(response.status_code, 200)
        error = response.text.split("o_social_clause_error", 1)[1].split("</div>")[0]
        text = self._text(response)
        month = self.last_month.strftime("%m/%Y")
        self.assertIn(
            "Bruno Elsewhere dépasserait le maximum mensuel de 151,67 heures pour "
            f"{month}.",
            text,
        )
        self.assertNoOtherFirmFigures(error)
        self.assertEqual(self._written_counts(), before)

    @mute_logger("odoo.http")
    def test_maximum_refusal_by_json_rpc_tells_nothing(self):
        values = self._over_the_maximum_elsewhere()
        self._login(self.user_a)
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "social.clause.hour",
                        "method": "create",
                        "args": [
                            {
                                "commitment_id": self.commitment_a.id,
                                "participant_id": self.participant_b.id,
                                "date": str(self.last_month),
                                "hours": float(values["hours"]),
                                "modality": "hire_cdi",
                            }
                        ],
                        "kwargs": {"context": {"lang": "fr_FR"}},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertNoOtherFirmFigures(error["message"])
        self.assertFalse(
            self.env["social.clause.hour"].search(
                [("commitment_id", "=", self.commitment_a.id), ("hours", "=", 20.0)]
            )
        )

    def test_facilitator_reads_the_total(self):
        self._over_the_maximum_elsewhere()
        Hour = self.env["social.clause.hour"]
        with (
            self.assertRaisesRegex(ValidationError, "totaliserait 161 heures"),
            self.env.cr.savepoint(),
        ):
            Hour.with_user(self.facilitator).with_context(lang="fr_FR").create(
                {
                    "commitment_id": self.commitment_a.id,
                    "participant_id": self.participant_b.id,
                    "date": self.last_month,
                    "hours": 20.0,
                    "modality": "hire_cdi",
                }
            )

    def test_nul_character_in_a_name_is_a_french_message(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._declare(
            self.commitment_a,
            self._declaration_values(
                hours="20", participant_id="new", new_participant_name="Nina\x00Nul"
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Le champ « Nom de la nouvelle personne » contient des caractères de "
            "contrôle",
            self._text(response),
        )
        self.assertEqual(self._written_counts(), before)
