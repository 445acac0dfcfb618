# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import re
from contextlib import contextmanager
from urllib.parse import urlparse

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase

from odoo.addons.base.tests.common import BaseCommon

FACILITATOR_GROUPS = "base.group_user,social_clause.group_user"


def make_user(
    env,
    login,
    groups="base.group_user",
    name=None,
    partner=None,
    company=None,
    **values,
):
    """The one way the tests create a user.

    ``groups``: comma-separated XML ids. The password is the login (what
    ``start_tour`` and ``authenticate(login, login)`` use), the e-mail the
    partner's or ``<login>@example.com``; ``company`` is the user's only one
    unless ``company_ids`` is given. Other ``values`` (``lang``...) go to
    ``create`` as they are. No invitation e-mail is sent."""
    vals = {
        "login": login,
        "password": login,
        "name": name or (partner and partner.name) or login,
        "email": (partner and partner.email) or f"{login}@example.com",
        "groups_id": [
            Command.set([env.ref(xmlid.strip()).id for xmlid in groups.split(",")])
        ],
    }
    if partner:
        vals["partner_id"] = partner.id
    if company:
        vals["company_id"] = company.id
        vals["company_ids"] = [Command.set(company.ids)]
    vals.update(values)
    return env["res.users"].with_context(no_reset_password=True).create(vals)


def make_portal_user(env, login, name, company_partner, **values):
    """A French portal user whose partner is a contact of ``company_partner``."""
    contact = env["res.partner"].create(
        {"name": name, "parent_id": company_partner.id, "type": "contact"}
    )
    values.setdefault("lang", "fr_FR")
    return make_user(
        env, login, "base.group_portal", name=name, partner=contact, **values
    )


class SocialClauseCase(BaseCommon):
    """Builds a buyer's operation in execution with two lots and firms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Facilitators work in French: messages are checked as they read them.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company = cls.env.company
        cls.company.write(
            {
                "social_clause_hourly_cost": 30.0,
                "social_clause_insertion_rate": 5.0,
                "social_clause_monthly_hours_max": 151.67,
                "social_clause_eligibility_months": 24,
            }
        )
        cls.facilitator = make_user(
            cls.env,
            "sc_facilitator",
            FACILITATOR_GROUPS,
            name="Fanny Facilitatrice",
            lang="fr_FR",
        )
        cls.manager = make_user(
            cls.env,
            "sc_manager",
            "base.group_user,social_clause.group_manager",
            name="Marc Responsable",
        )
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create(
            {
                "name": "Commune de Test",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        cls.firm_a, cls.firm_b = Partner.create(
            [
                {"name": "Firm A Construction", "is_company": True},
                {"name": "Firm B Peinture", "is_company": True},
            ]
        )
        cls.sector_masonry = cls.env.ref("social_clause.sector_masonry")
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.month = cls.today.replace(day=1) - relativedelta(months=1)
        cls.operation = cls.env["social.clause.operation"].create(
            {
                "name": "School building",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "date_start": cls.today - relativedelta(months=6),
                "date_end": cls.today + relativedelta(months=6),
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Lot 1 Masonry",
                            "amount_untaxed": 1_000_000,
                            "labour_rate": 40,
                            "insertion_rate": 7,
                            "hourly_cost": 35,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Lot 2 Painting",
                            "amount_untaxed": 300_000,
                            "labour_rate": 70,
                            "insertion_rate": 5,
                            "hourly_cost": 35,
                        },
                    ),
                ],
            }
        )
        cls.lot_1, cls.lot_2 = cls.operation.lot_ids
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a1, cls.commitment_b2, cls.commitment_b1 = Commitment.create(
            [
                {
                    "lot_id": cls.lot_1.id,
                    "partner_id": cls.firm_a.id,
                    "hours_committed": 600,
                },
                {
                    "lot_id": cls.lot_2.id,
                    "partner_id": cls.firm_b.id,
                    "hours_committed": 300,
                },
                {
                    "lot_id": cls.lot_1.id,
                    "partner_id": cls.firm_b.id,
                    "role": "subcontractor",
                    "hours_committed": 200,
                },
            ]
        )
        cls.operation.write({"state": "execution"})
        cls.criterion_rsa = cls.env.ref("social_clause.criterion_rsa")
        cls.participant = cls._create_eligible_participant("Alice Durand")
        cls.participant_2 = cls._create_eligible_participant("Bruno Leroy")

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=invalid-name
        """Like unittest's, inside Odoo's savepoint so nothing stays written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)

    @classmethod
    def _create_eligible_participant(cls, name, months_ago=12):
        participant = cls.env["social.clause.participant"].create(
            {
                "name": name,
                "criterion_ids": [(6, 0, cls.criterion_rsa.ids)],
                "firm_ids": [(6, 0, (cls.firm_a | cls.firm_b).ids)],
            }
        )
        participant.action_validate_eligibility()
        participant.eligibility_date = cls.today - relativedelta(months=months_ago)
        return participant

    @classmethod
    def _hour_vals(cls, participant, commitment, hours, month=None, **extra):
        vals = {
            "participant_id": participant.id,
            "commitment_id": commitment.id,
            "date": month or cls.month,
            "hours": hours,
            "modality": "hire_cdd",
        }
        vals.update(extra)
        return vals


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class SocialClausePortalCommon(HttpCase):
    """Two firms, two buyers, their portal users and a facilitator."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The users of the product are French: the pages they see, and the
        # messages the tests read, are the French of i18n/fr.po.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.today = fields.Date.context_today(cls.env.user)
        cls.this_month = cls.today.replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.two_months_ago = cls.this_month - relativedelta(months=2)
        cls.facilitator = make_user(
            cls.env,
            "sc_facilitator",
            FACILITATOR_GROUPS,
            name="Fanny Facilitator",
            lang="fr_FR",
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Town of Portalville",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
            }
        )
        cls.other_buyer = cls.env["res.partner"].create(
            {
                "name": "Other Housing Board",
                "is_company": True,
                "social_clause_buyer_kind": "social_landlord",
            }
        )
        cls.firm_a = cls.env["res.partner"].create(
            {"name": "Alpha Builders", "is_company": True}
        )
        cls.firm_b = cls.env["res.partner"].create(
            {"name": "Beta Paintworks", "is_company": True}
        )
        cls.user_a = make_portal_user(cls.env, "sc_firm_a", "Anna Alpha", cls.firm_a)
        cls.user_a2 = make_portal_user(cls.env, "sc_firm_a2", "Adam Alpha", cls.firm_a)
        cls.user_b = make_portal_user(cls.env, "sc_firm_b", "Bob Beta", cls.firm_b)
        cls.user_buyer = make_portal_user(cls.env, "sc_buyer", "Bella Buyer", cls.buyer)
        cls.user_other_buyer = make_portal_user(
            cls.env, "sc_other_buyer", "Oscar Other", cls.other_buyer
        )

        Operation = cls.env["social.clause.operation"]
        cls.operation = Operation.create(
            {
                "name": "School of the Portal",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Masonry", "amount_untaxed": 1_000_000.0}),
                    Command.create({"name": "Painting", "amount_untaxed": 300_000.0}),
                ],
            }
        )
        cls.lot_masonry, cls.lot_painting = cls.operation.lot_ids
        cls.other_operation = Operation.create(
            {
                "name": "Housing of the Other Board",
                "buyer_id": cls.other_buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Roofing", "amount_untaxed": 500_000.0})
                ],
            }
        )
        cls.closed_operation = Operation.create(
            {
                "name": "Finished Gymnasium",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "state": "execution",
                "lot_ids": [
                    Command.create({"name": "Carpentry", "amount_untaxed": 200_000.0})
                ],
            }
        )
        Commitment = cls.env["social.clause.commitment"]
        cls.commitment_a = Commitment.create(
            {
                "lot_id": cls.lot_masonry.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 800.0,
            }
        )
        cls.commitment_b = Commitment.create(
            {
                "lot_id": cls.lot_painting.id,
                "partner_id": cls.firm_b.id,
                "hours_committed": 300.0,
            }
        )
        cls.commitment_a_other = Commitment.create(
            {
                "lot_id": cls.other_operation.lot_ids.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 400.0,
            }
        )
        cls.commitment_a_closed = Commitment.create(
            {
                "lot_id": cls.closed_operation.lot_ids.id,
                "partner_id": cls.firm_a.id,
                "hours_committed": 100.0,
            }
        )
        cls.closed_operation.state = "closed"

        cls.criterion = cls.env["social.clause.criterion"].search([], limit=1)
        Participant = cls.env["social.clause.participant"]
        cls.participant_a = Participant.create(
            {
                "name": "Paula Placed",
                "firm_ids": [Command.link(cls.firm_a.id)],
                "birth_date": "1990-05-17",
                "criterion_ids": [Command.link(cls.criterion.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.two_months_ago,
            }
        )
        cls.participant_b = Participant.create(
            {
                "name": "Bruno Elsewhere",
                "firm_ids": [Command.link(cls.firm_b.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.two_months_ago,
            }
        )
        Hour = cls.env["social.clause.hour"]
        cls.hour_a_validated = Hour.create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a.id,
                "date": cls.two_months_ago,
                "hours": 35.0,
                "modality": "hire_cdd",
            }
        )
        cls.hour_a_validated.action_validate()
        cls.hour_a_rejected = Hour.create(
            {
                "commitment_id": cls.commitment_a.id,
                "participant_id": cls.participant_a.id,
                "date": cls.last_month,
                "hours": 12.0,
                "modality": "hire_cdd",
            }
        )
        cls.hour_a_rejected.action_reject("The payslip is missing its second page.")
        cls.hour_b = Hour.create(
            {
                "commitment_id": cls.commitment_b.id,
                "participant_id": cls.participant_b.id,
                "date": cls.last_month,
                "hours": 21.0,
                "modality": "provision_etti",
            }
        )
        cls.hour_b.action_validate()

    def _login(self, user):
        self.authenticate(user.login, user.login)

    @staticmethod
    def _text(response):
        """The page as its reader sees it: HTML entities (``&#39;``) decoded."""
        return html.unescape(response.text)

    def _get(self, url):
        response = self.url_open(url, allow_redirects=False)
        return response

    def assertRefused(self, url):
        """Odoo's portal convention: what is not yours redirects to /my."""
        response = self._get(url)
        self.assertEqual(response.status_code, 303, url)
        self.assertEqual(urlparse(response.headers["Location"]).path, "/my", url)

    def _csrf_token(self, commitment):
        page = self.url_open(commitment.access_url)
        self.assertEqual(page.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "the declaration form carries a CSRF token")
        return match.group(1)

    def _declaration_values(self, **overrides):
        """A valid declaration of firm A for Paula, last month, and changes."""
        values = {
            "participant_id": str(self.participant_a.id),
            "month": self.last_month.strftime("%Y-%m"),
            "hours": "42.5",
            "modality": "hire_cdi",
        }
        values.update(overrides)
        return values

    def _declare(self, commitment, values, files=None, csrf=True, csrf_from=None):
        """POST the declaration form of ``commitment``, with the CSRF token
        of its page (or of ``csrf_from``'s, when it shows no form)."""
        data = dict(values)
        if csrf:
            data["csrf_token"] = self._csrf_token(csrf_from or commitment)
        if files is None:
            files = {"proof": ("payslip.pdf", PDF, "application/pdf")}
        return self.url_open(
            f"/my/social_clauses/{commitment.id}/declare",
            data=data,
            files=files,
            allow_redirects=False,
        )

    def _written_counts(self):
        self.env.invalidate_all()
        return {
            "hours": self.env["social.clause.hour"].search_count([]),
            "participants": self.env["social.clause.participant"]
            .with_context(active_test=False)
            .search_count([]),
            "attachments": self.env["ir.attachment"].search_count(
                [("res_model", "=", "social.clause.hour")]
            ),
            "activities": self.env["mail.activity"].search_count(
                [("res_model", "=", "social.clause.commitment")]
            ),
            "messages": self.env["mail.message"].search_count(
                [("model", "=", "social.clause.commitment")]
            ),
            "followers": self.env["mail.followers"].search_count(
                [("res_model", "=", "social.clause.commitment")]
            ),
        }


def action_domain(env, action):
    """The records an action opens, as the facilitator's list shows them:
    its domain and the filters its context selects in its search view."""
    from lxml import etree

    from odoo.tools.safe_eval import safe_eval

    search_view = action.get("search_view_id")
    view = env[action["res_model"]].get_view(
        search_view[0] if search_view else None, view_type="search"
    )
    arch = etree.fromstring(view["arch"])
    today = fields.Date.context_today(env.user)
    domain = list(action.get("domain") or [])
    for key, value in (action.get("context") or {}).items():
        if key.startswith("search_default_") and value:
            [node] = arch.xpath(f"//filter[@name='{key[len('search_default_'):]}']")
            domain += safe_eval(
                node.get("domain"),
                {
                    "context_today": lambda: today,
                    "relativedelta": relativedelta,
                },
            )
    return domain
