# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Declarations at the same time, as two workers run them: two database
cursors, the second one's snapshot taken before the first one commits.

Measured before: 10 sessions of one firm declaring at once got HTTP 400
"un partenaire ne peut pas suivre deux fois le même objet" (the followers of
the first declaration inserted twice). Now the second transaction fails with
a serialization error, which Odoo retries (``odoo.service.model.retrying``,
as it does for every request); the retry sees the first one's work and ends
accepted or refused with the usual message.

These tests commit: they build their own records in their own cursors and
delete them at the end."""

from functools import partial
from unittest.mock import patch

import psycopg2.errors

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import PDF, make_user

PROOF = [("payslip.pdf", PDF)]


# Bare TransactionCase on purpose: the records are committed in cursors of
# their own, where the shared fixture (uncommitted) would not exist.
@tagged("post_install", "-at_install")
class TestDeclarationConcurrency(TransactionCase):
    def setUp(self):
        super().setUp()
        self.ids = {}
        self.addCleanup(self._delete_committed)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "fr_FR"})
            env["res.lang"]._activate_lang("fr_FR")
            Partner = env["res.partner"]
            buyer = Partner.create(
                {
                    "name": "Concurrence Ville",
                    "is_company": True,
                    "social_clause_buyer_kind": "local_authority",
                }
            )
            firm_a, firm_b = Partner.create(
                [
                    {"name": "Concurrence BTP A", "is_company": True},
                    {"name": "Concurrence Peinture B", "is_company": True},
                ]
            )
            users = env["res.users"]
            for key, firm in (("a", firm_a), ("b", firm_b)):
                users |= make_user(
                    env,
                    f"sc_concurrency_{key}",
                    "base.group_portal",
                    name=f"Contact {firm.name}",
                    lang="fr_FR",
                    parent_id=firm.id,
                    email=False,  # as before: the committed contacts have none
                )
            operation = env["social.clause.operation"].create(
                {
                    "name": "Concurrence école",
                    "buyer_id": buyer.id,
                    "user_id": env.ref("base.user_admin").id,
                    "state": "execution",
                    "lot_ids": [
                        Command.create({"name": "Gros œuvre"}),
                        Command.create({"name": "Peinture"}),
                    ],
                }
            )
            lot_1, lot_2 = operation.lot_ids
            commitments = env["social.clause.commitment"].create(
                [
                    {"lot_id": lot_1.id, "partner_id": firm_a.id},
                    {"lot_id": lot_2.id, "partner_id": firm_b.id},
                ]
            )
            participants = env["social.clause.participant"].create(
                [
                    {"name": name, "firm_ids": [Command.set((firm_a | firm_b).ids)]}
                    for name in ("Paul Concurrent", "Rita Concurrente")
                ]
            )
            self.ids = {
                "partners": (buyer | firm_a | firm_b | users.partner_id).ids,
                "users": users.ids,
                "operation": operation.id,
                "commitments": commitments.ids,
                "participants": participants.ids,
            }
        self.month = "2026-01"

    def _delete_committed(self):
        if not self.ids:
            return
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            hours = env["social.clause.hour"].search(
                [("commitment_id", "in", self.ids["commitments"])]
            )
            env["ir.attachment"].search(
                [("res_model", "=", hours._name), ("res_id", "in", hours.ids)]
            ).unlink()
            hours.unlink()
            env["social.clause.commitment"].browse(self.ids["commitments"]).unlink()
            operation = env["social.clause.operation"].browse(self.ids["operation"])
            operation.lot_ids.unlink()
            operation.unlink()
            env["social.clause.participant"].with_context(active_test=False).search(
                [("firm_ids", "in", self.ids["partners"])]
            ).unlink()
            env["res.users"].browse(self.ids["users"]).unlink()
            env["res.partner"].browse(self.ids["partners"]).unlink()

    def _declare(self, cr, firm, participant_index, hours):
        """A firm's declaration in ``cr``, as the declaration route makes it."""
        key = "a" if firm == 0 else "b"
        env = api.Environment(cr, SUPERUSER_ID, {})
        user = env["res.users"].search([("login", "=", f"sc_concurrency_{key}")])
        env = api.Environment(cr, user.id, {"lang": "fr_FR"})
        commitment = env["social.clause.commitment"].browse(
            self.ids["commitments"][firm]
        )
        return commitment._portal_declare_hours(
            {
                "participant_id": str(self.ids["participants"][participant_index]),
                "month": self.month,
                "hours": str(hours),
                "modality": "hire_cdi",
            },
            PROOF,
        )

    def _lines(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            hours = env["social.clause.hour"].search(
                [("commitment_id", "in", self.ids["commitments"])]
            )
            followers = env["mail.followers"].search_count(
                [
                    ("res_model", "=", "social.clause.commitment"),
                    ("res_id", "in", self.ids["commitments"]),
                ]
            )
            return sorted(hours.mapped("hours")), followers

    def _race(self, first, second):
        """Run ``second`` in a transaction whose snapshot predates the commit
        of ``first``; return the serialization error ``second`` hit, then
        what its retry gives (the result, or the refusal)."""
        with self.registry.cursor() as cr_b:
            # The second request started (and read) before the first ends.
            cr_b.execute("SELECT id FROM social_clause_commitment LIMIT 1")
            with self.registry.cursor() as cr_a:
                first(cr_a)
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.SerializationFailure),
            ):
                with cr_b.savepoint():
                    second(cr_b)
            cr_b.rollback()
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            # What Odoo does with the request: try again from scratch.
            with patch("odoo.service.model.random.uniform", return_value=0):
                return retrying(partial(second, cr_b), env_b)

    def test_first_declarations_of_a_firm_at_once(self):
        """Two people declared on the same commitment at once: both accepted,
        the firm's contact and the facilitator follow it once."""
        self._race(
            lambda cr: self._declare(cr, 0, 0, 35),
            lambda cr: self._declare(cr, 0, 1, 40),
        )
        lines, followers = self._lines()
        self.assertEqual(lines, [35.0, 40.0])
        self.assertEqual(followers, 2, "the firm's contact and the facilitator")

    def test_same_person_same_month_at_once(self):
        """100 hours twice at once on one commitment: one accepted, the other
        refused with the usual message."""
        with self.assertRaises(UserError) as catcher:
            self._race(
                lambda cr: self._declare(cr, 0, 0, 100),
                lambda cr: self._declare(cr, 0, 0, 100),
            )
        self.assertIn(
            "Paul Concurrent a déjà 100 heures déclarées", str(catcher.exception)
        )
        self.assertEqual(self._lines()[0], [100.0])

    def test_same_person_two_firms_at_once(self):
        """Firm A and firm B declare 100 hours of the same person at once:
        the monthly maximum holds (the participant's row serialises them),
        and firm B reads no figure of firm A."""
        with self.assertRaises(UserError) as catcher:
            self._race(
                lambda cr: self._declare(cr, 0, 0, 100),
                lambda cr: self._declare(cr, 1, 0, 100),
            )
        message = str(catcher.exception)
        self.assertIn(
            "Paul Concurrent dépasserait le maximum mensuel de 151,67 heures", message
        )
        self.assertNotIn("200", message)
        self.assertEqual(self._lines()[0], [100.0])
