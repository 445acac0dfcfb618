# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.common import format_month
from ..rules.declarations import next_reminder_date
from .common import PDF, SocialClausePortalCommon, action_domain


class LateFirmCommon(SocialClausePortalCommon):
    """Firm A's works started four months ago; it declared only the month
    before last (the last month's line was rejected). Its lot states its
    penalties; reminders go on the 28th."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.four_months_ago = cls.this_month - relativedelta(months=4)
        cls.three_months_ago = cls.this_month - relativedelta(months=3)
        cls.operation.date_start = cls.four_months_ago
        cls.lot_masonry.write(
            {
                "date_start": cls.four_months_ago,
                "penalty_hour_rate": 50.0,
                "penalty_late_day_rate": 100.0,
            }
        )
        cls.env.company.social_clause_reminder_day = 28

    def _month(self, month):
        return format_month(month, self.env, long=True)


@tagged("post_install", "-at_install")
class TestDeclarationStatus(LateFirmCommon):
    def test_status_of_a_late_firm(self):
        status = self.commitment_a._get_declaration_status()[self.commitment_a.id]
        self.assertEqual(
            status["missing_months"],
            [self.four_months_ago, self.three_months_ago, self.last_month],
        )
        self.assertEqual(status["hours_left"], 765.0)
        self.assertEqual(status["penalty_hour_rate"], 50.0)
        self.assertEqual(status["penalty_late_day_rate"], 100.0)
        self.assertEqual(status["penalty_at_stake"], 765.0 * 50.0)
        self.assertEqual(
            status["next_reminder"], next_reminder_date(self.today, 28, False)
        )
        # A closed operation takes no more hours: nothing is late.
        closed = self.commitment_a_closed._get_declaration_status()
        self.assertEqual(closed[self.commitment_a_closed.id]["missing_months"], [])

    def test_submitted_hours_count_as_declared(self):
        self.env["social.clause.hour"].create(
            {
                "commitment_id": self.commitment_a.id,
                "participant_id": self.participant_a.id,
                "date": self.last_month,
                "hours": 10.0,
                "modality": "hire_cdi",
                "state": "submitted",
            }
        )
        status = self.commitment_a._get_declaration_status()[self.commitment_a.id]
        self.assertEqual(
            status["missing_months"], [self.four_months_ago, self.three_months_ago]
        )
        # Last month declared: no reminder will come.
        self.assertIsNone(status["next_reminder"])


@tagged("post_install", "-at_install")
class TestLateBanner(LateFirmCommon):
    def test_my_home_tells_the_late_firm(self):
        self._login(self.user_a)
        html = self._text(self.url_open("/my"))
        banner = re.search(
            rf'o_social_clause_late_banner"[^>]*data-commitment-id="{self.commitment_a.id}".*?</div>\s*</div>',
            html,
            re.S,
        )
        self.assertTrue(banner, "the late commitment has its banner on /my")
        banner = re.search(
            rf'data-commitment-id="{self.commitment_a.id}"(.*?)(?:o_social_clause_late_banner|o_portal_docs)',
            html,
            re.S,
        ).group(1)
        self.assertIn("Heures à déclarer", banner)
        for month in (self.four_months_ago, self.three_months_ago, self.last_month):
            self.assertIn(self._month(month), banner)
            self.assertIn(
                f"{self.commitment_a.access_url}?month={month.strftime('%Y-%m')}#declare",
                banner,
            )
        self.assertNotIn(self._month(self.two_months_ago), banner)
        self.assertRegex(banner, r"Heures restant à réaliser.*765 h")
        self.assertRegex(banner, r"50,00.{0,3}€.*par heure manquante")
        self.assertRegex(banner, r"38.250,00.{0,3}€.*pour les heures restantes")
        self.assertRegex(banner, r"100,00.{0,3}€.*par jour de retard")
        reminder = next_reminder_date(self.today, 28, False).strftime("%d/%m/%Y")
        self.assertRegex(banner, rf"Prochaine relance par e-mail.*{reminder}")
        # The tile says what is due.
        self.assertRegex(html, r"mois d'heures à déclarer")
        # Only its own commitments.
        self.assertNotIn("Painting", html)
        self.assertNotIn("Beta Paintworks", html)

    def test_firm_on_time_sees_no_banner(self):
        self.lot_painting.date_start = self.last_month
        self._login(self.user_b)
        html = self._text(self.url_open("/my"))
        self.assertNotIn("o_social_clause_late_banner", html)
        self.assertNotIn("mois d'heures à déclarer", html)

    def test_commitment_page_banner_opens_the_month(self):
        self._login(self.user_a)
        month = self.three_months_ago.strftime("%Y-%m")
        html = self._text(
            self.url_open(f"{self.commitment_a.access_url}?month={month}")
        )
        self.assertIn("o_social_clause_late_banner", html)
        self.assertRegex(html, rf'name="month"[^>]*value="{month}"')
        # A month that is not one is ignored, the default stays.
        html = self._text(
            self.url_open(f"{self.commitment_a.access_url}?month=<b>x</b>")
        )
        self.assertRegex(
            html, rf'name="month"[^>]*value="{self.last_month.strftime("%Y-%m")}"'
        )

    def test_figures_in_french_and_withdraw_asks_first(self):
        hour = self.env["social.clause.hour"].create(
            {
                "commitment_id": self.commitment_a.id,
                "participant_id": self.participant_a.id,
                "date": self.last_month,
                "hours": 50.5,
                "modality": "hire_cdi",
                "state": "submitted",
            }
        )
        self._login(self.user_a)
        html = self._text(self.url_open(self.commitment_a.access_url))
        self.assertRegex(html, r'o_social_clause_hours_left"[^>]*>765 h<')
        row = re.search(rf'data-line-id="{hour.id}".*?</tr>', html, re.S).group(0)
        self.assertIn("50,5 h", row)
        # Withdrawing is a second, explicit step.
        edit = html[html.index(f"/hours/{hour.id}/withdraw") - 1500 :]
        self.assertRegex(edit, r"o_social_clause_withdraw_ask[^>]*>Retirer<")
        self.assertIn("Retirer ces heures ? Le facilitateur en est informé.", edit)
        self.assertRegex(edit, r"o_social_clause_withdraw_submit[^>]*>\s*Oui, retirer")


@tagged("post_install", "-at_install")
class TestRemindNow(LateFirmCommon):
    def _todo(self, kind):
        return (
            self.env["social.clause.todo"]
            .with_user(self.facilitator)
            .search([("kind", "=", kind)])
        )

    def test_remind_now_one_email_per_firm_logged(self):
        self.env["mail.message"].search(
            [("model", "=", "social.clause.commitment")]
        ).unlink()
        action = self._todo("undeclared").with_context(lang="fr_FR").action_remind_now()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("relancée(s)", action["params"]["message"])
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "social.clause.commitment"),
                ("res_id", "in", (self.commitment_a | self.commitment_a_other).ids),
                ("message_type", "=", "comment"),
            ]
        )
        # One e-mail for the firm's two late commitments, to its contacts.
        self.assertEqual(len(messages), 1)
        self.assertEqual(
            set(messages.partner_ids.ids),
            {self.user_a.partner_id.id, self.user_a2.partner_id.id},
        )
        body = messages.body
        self.assertIn("Masonry", body)
        self.assertIn(self._month(self.four_months_ago), body)
        self.assertIn("765", body)
        self.assertIn("par heure manquante", body)
        self.assertNotIn("Beta Paintworks", body)
        self.assertNotIn("Painting", body)
        self.assertEqual(self.commitment_a.reminder_month, self.last_month)
        self.assertEqual(self.commitment_a_other.reminder_month, self.last_month)
        # The other commitment's chatter logs it.
        other = (self.commitment_a | self.commitment_a_other).filtered(
            lambda commitment: commitment.id != messages.res_id
        )
        self.assertTrue(
            self.env["mail.message"].search_count(
                [
                    ("model", "=", "social.clause.commitment"),
                    ("res_id", "=", other.id),
                    ("body", "ilike", "relance"),
                ]
            )
        )

    def test_lists_open_with_their_filter_shown(self):
        Todo = self.env["social.clause.todo"].with_user(self.facilitator)
        for todo in Todo.search([]):
            with self.subTest(kind=todo.kind):
                action = todo.action_open()
                # No hidden domain: a facet the facilitator sees and removes.
                self.assertFalse(action["domain"])
                self.assertEqual(
                    len([k for k in action["context"] if k.startswith("search_")]),
                    1,
                )
                Model = self.env[action["res_model"]].with_user(self.facilitator)
                self.assertEqual(
                    Model.search(action_domain(self.env, action)),
                    Model.search(todo._get_domain()),
                )

    def test_remind_now_is_for_the_undeclared_card_only(self):
        with self.assertRaises(UserError):
            self._todo("hours_to_validate").action_remind_now()

    def test_card_at_zero_says_nothing_to_do(self):
        todo = self._todo("follow_ups_due").with_context(lang="fr_FR")
        with patch.object(
            type(self.env["social.clause.todo"]),
            "_get_domain",
            lambda self: [("id", "=", 0)],
        ):
            todo.invalidate_recordset()
            self.assertEqual(todo.count, 0)
            self.assertEqual(todo.detail, "Rien à faire")

    def test_proposed_persons_counts_firms_proposals_only(self):
        Participant = self.env["social.clause.participant"]
        card = self._todo("proposed_persons")
        before = Participant.search_count(card._get_domain())
        Participant.create(
            [
                {"name": "By A Firm", "proposed_by_id": self.firm_a.id},
                {"name": "By A Buyer", "proposed_by_id": self.buyer.id},
            ]
        )
        self.assertEqual(Participant.search_count(card._get_domain()), before + 1)


@tagged("post_install", "-at_install")
class TestNewPeople(LateFirmCommon):
    def _post_month(self, data, files=None):
        data = dict(data, csrf_token=self._csrf_token(self.commitment_a))
        data.setdefault("month", self.last_month.strftime("%Y-%m"))
        return self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/declare_month",
            data=data,
            files=files or [("proof_month", ("journal.pdf", PDF, "application/pdf"))],
            allow_redirects=False,
        )

    def _people(self):
        self.env.invalidate_all()
        return self.env["social.clause.participant"].search(
            [("firm_ids", "in", self.firm_a.ids)]
        )

    def test_same_name_but_accents_is_the_known_person(self):
        self.participant_a.name = "Nadia Lefèvre"
        self._login(self.user_a)
        before = self._people()
        response = self._post_month(
            {
                "new_participant_name": "nadia LEFEVRE",
                "hours_new": "30",
                "modality_new": "hire_cdd",
            }
        )
        self.assertEqual(response.status_code, 303, response.text[:800])
        self.assertEqual(self._people(), before)
        line = self.env["social.clause.hour"].search(
            [
                ("commitment_id", "=", self.commitment_a.id),
                ("date", "=", self.last_month),
                ("state", "=", "submitted"),
            ]
        )
        self.assertEqual(line.participant_id, self.participant_a)

    def test_close_name_is_suggested_then_confirmed(self):
        self.participant_a.name = "Nadia Lefèvre"
        self._login(self.user_a)
        before = self._written_counts()
        response = self._post_month(
            {
                "new_participant_name": "Nadia Lefebvre",
                "hours_new": "30",
                "modality_new": "hire_cdd",
            }
        )
        self.assertEqual(response.status_code, 200)
        html = self._text(response)
        self.assertIn("Vouliez-vous dire Nadia Lefèvre ?", html)
        self.assertRegex(
            html, r'name="new_participant_name"[^>]*value="Nadia Lefebvre"'
        )
        self.assertRegex(html, r'name="hours_new"[^>]*value="30"')
        self.assertIn('name="confirmed_new"', html)
        self.assertEqual(self._written_counts(), before)
        # The firm confirms it is another person: proposed.
        response = self._post_month(
            {
                "new_participant_name": "Nadia Lefebvre",
                "hours_new": "30",
                "modality_new": "hire_cdd",
                "confirmed_new": "1",
            }
        )
        self.assertEqual(response.status_code, 303, response.text[:800])
        self.assertIn("Nadia Lefebvre", self._people().mapped("name"))

    def test_as_many_new_people_as_needed(self):
        self._login(self.user_a)
        response = self._post_month(
            {
                "new_participant_name": "Nina Newcomer",
                "hours_new": "20",
                "modality_new": "hire_cdd",
                "new_participant_name_new1": "Omar Other",
                "hours_new1": "15",
                "modality_new1": "hire_cdi",
                "new_participant_name_new2": "Pia Third",
                "hours_new2": "10",
                "modality_new2": "hire_cdd",
            }
        )
        self.assertEqual(response.status_code, 303, response.text[:800])
        names = self._people().mapped("name")
        for name in ("Nina Newcomer", "Omar Other", "Pia Third"):
            self.assertIn(name, names)

    def test_same_new_person_twice_is_refused(self):
        self._login(self.user_a)
        before = self._written_counts()
        response = self._post_month(
            {
                "new_participant_name": "Nina Newcomer",
                "hours_new": "20",
                "modality_new": "hire_cdd",
                "new_participant_name_new1": "nina  newcomer",
                "hours_new1": "15",
                "modality_new1": "hire_cdi",
            }
        )
        self.assertEqual(response.status_code, 200)
        html = self._text(response)
        self.assertIn("cette personne figure deux fois", html)
        # Both rows come back with what was typed.
        self.assertRegex(
            html, r'name="new_participant_name_new1"[^>]*value="nina  newcomer"'
        )
        self.assertEqual(self._written_counts(), before)


@tagged("post_install", "-at_install")
class TestFirmImport(LateFirmCommon):
    HEADER = "Participant;Lot;Entreprise;Mois;Heures;Modalité\n"

    def _upload(self, rows, proof=True):
        content = (self.HEADER + "".join(";".join(r) + "\n" for r in rows)).encode()
        files = [("hours_file", ("heures.csv", content, "text/csv"))]
        if proof:
            files.append(("proof_file", ("journal.pdf", PDF, "application/pdf")))
        return self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/import",
            data={"csrf_token": self._csrf_token(self.commitment_a)},
            files=files,
            allow_redirects=False,
        )

    def test_template_is_the_firms_own(self):
        import openpyxl

        self.firm_a.company_registry = "12345678200010"
        hugo = self.env["social.clause.participant"].create(
            {"name": "Hugo Hired", "firm_ids": [Command.link(self.firm_a.id)]}
        )
        self._login(self.user_a)
        response = self.url_open(
            f"/my/social_clauses/{self.commitment_a.id}/import_template"
        )
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        rows = [
            [cell for cell in row]
            for row in sheet.iter_rows(min_row=2, values_only=True)
            if any(row)
        ]
        month = self.four_months_ago.strftime("%m/%Y")
        lot = self.lot_masonry.reference
        self.assertEqual(
            [row[:4] for row in rows],
            [
                [hugo.name, lot, "12345678200010", month],
                ["Paula Placed", lot, "12345678200010", month],
            ],
        )
        self.assertNotIn("Bruno Elsewhere", str(rows))

    def test_success_speaks_to_the_firm_and_proofs_are_attached(self):
        self._login(self.user_a)
        lot = self.lot_masonry.reference
        response = self._upload(
            [
                (
                    "Paula Placed",
                    lot,
                    "Alpha Builders",
                    self.last_month.strftime("%Y-%m"),
                    "60",
                    "hire_cdi",
                )
            ]
        )
        text = self._text(response)
        self.assertIn("Merci : 1 ligne(s) d'heures reçue(s)", text)
        self.assertIn("Le facilitateur les vérifie", text)
        line = self.env["social.clause.hour"].search(
            [
                ("commitment_id", "=", self.commitment_a.id),
                ("date", "=", self.last_month),
                ("state", "=", "submitted"),
            ]
        )
        self.assertEqual(line.attachment_ids.mapped("name"), ["journal.pdf"])

    def test_file_without_proof_is_refused(self):
        self._login(self.user_a)
        before = self._written_counts()
        lot = self.lot_masonry.reference
        response = self._upload(
            [
                (
                    "Paula Placed",
                    lot,
                    "Alpha Builders",
                    self.last_month.strftime("%Y-%m"),
                    "60",
                    "hire_cdi",
                )
            ],
            proof=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Joignez un justificatif", self._text(response))
        self.assertEqual(self._written_counts(), before)

    def test_duplicate_of_a_validated_line_says_whom_to_ask(self):
        self._login(self.user_a)
        lot = self.lot_masonry.reference
        response = self._upload(
            [
                (
                    "Paula Placed",
                    lot,
                    "Alpha Builders",
                    self.two_months_ago.strftime("%Y-%m"),
                    "40",
                    "hire_cdd",
                )
            ]
        )
        text = self._text(response)
        self.assertIn("sont déjà validées (35 heures)", text)
        self.assertIn("demandez à Fanny Facilitator", text)
