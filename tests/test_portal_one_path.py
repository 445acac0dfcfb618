# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PDF, SocialClausePortalCommon


@tagged("post_install", "-at_install")
class TestPortalOneDeclarationPath(SocialClausePortalCommon):
    """The one-person declaration is the month's declaration with one row:
    the same rules, the same lines, the same request to the facilitator."""

    def test_one_person_follows_the_month_rules(self):
        self.commitment_a.modality_ids = [
            Command.set(self.env.ref("social_clause.modality_provision_etti").ids)
        ]
        commitment = self.commitment_a.with_user(self.user_a).with_context(lang="fr_FR")
        values = {
            "participant_id": str(self.participant_a.id),
            "month": self.last_month.strftime("%Y-%m"),
            "hours": "20",
            "modality": "hire_cdi",
        }
        proof = [("payslip.pdf", PDF)]
        # Only the commitment's own modalities, as in the month's form.
        with self.assertRaises(UserError) as catcher:
            commitment._portal_declare_hours(values, proof)
        self.assertIn(
            "ne fait pas partie de celles choisies pour l'engagement",
            str(catcher.exception),
        )
        # Hours and a proof are required of the one person.
        for overrides, files, message in (
            ({"hours": ""}, proof, "Saisissez le nombre d'heures."),
            ({"modality": "provision_etti"}, [], "Joignez un justificatif des heures"),
        ):
            with self.assertRaises(UserError) as catcher:
                commitment._portal_declare_hours(dict(values, **overrides), files)
            self.assertIn(message, str(catcher.exception))
        self.assertFalse(self.commitment_a.activity_ids)
        line = commitment._portal_declare_hours(
            dict(values, modality="provision_etti"), proof
        )
        self.assertRecordValues(
            line,
            [
                {
                    "participant_id": self.participant_a.id,
                    "date": self.last_month,
                    "hours": 20.0,
                    "modality": "provision_etti",
                    "state": "submitted",
                    "declared_by": "portal",
                }
            ],
        )
        self.assertEqual(len(line.attachment_ids), 1)
        activity = self.commitment_a.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.facilitator)
        self.assertIn("Paula Placed", str(activity.note))
