# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The tests' one base and one way to create users.

Every database test derives from ``SocialClauseBaseCase`` (fr_FR active, a
French environment, the company, today, the facilitator), directly or through
a layer of this file that adds a fixture::

    SocialClauseBaseCase (TransactionCase)
    +-- SocialClauseCase (+ BaseCommon): a buyer's operation, two lots, firms
    |   +-- IntermediationCase: an open offer of firm A
    |   +-- XlsxCase: validated hours of a known year, outcomes
    |   +-- SocialClauseReportCase (+ HttpCase): what the reports count
    +-- UpstreamCase (+ BaseCommon): a town and fresh sectors
    +-- SocialClauseHttpCase (+ HttpCase): the web server, login helper
        +-- SocialClausePortalCommon: firms, buyers, their portal users, hours
            +-- PortalMonthCommon: a second person of firm A, form helpers
            +-- BuyerLotsCommon: a co-contractor, a late lot, a draft operation

Users are created by ``make_user`` (``make_portal_user`` for a company's
contact), nowhere else. The few tests on a bare database say why.
"""

import html
import io
import re
from contextlib import contextmanager
from urllib.parse import urlparse

from dateutil.relativedelta import relativedelta
from openpyxl import load_workbook

from odoo import Command, fields
from odoo.tests import HttpCase, TransactionCase
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.tests.common import BaseCommon

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
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


def pdf_text(content):
    """The text of a PDF, as the PDF library Odoo ships extracts it, with
    every kind of space removed (French numbers use narrow no-break spaces):
    compare it with figures written without spaces, e.g. "33000,00€"."""
    reader = PdfFileReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text)


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


class SocialClauseBaseCase(TransactionCase):
    """The root of every database test: French, the company, today and the
    facilitator (a layer may give it another login or name)."""

    facilitator_login = "sc_facilitator"
    facilitator_name = "Fanny Facilitatrice"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Facilitators work in French: messages are checked as they read them.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env = cls.env(context=dict(cls.env.context, lang="fr_FR"))
        cls.company = cls.env.company
        cls.today = fields.Date.context_today(cls.env.user)
        cls.facilitator = make_user(
            cls.env,
            cls.facilitator_login,
            FACILITATOR_GROUPS,
            name=cls.facilitator_name,
            lang="fr_FR",
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # pylint: disable=invalid-name
        """Like unittest's, inside Odoo's savepoint so nothing stays written."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), regex)


class SocialClauseHttpCase(SocialClauseBaseCase, HttpCase):
    """The root with Odoo's test server: pages, JSON-RPC and tours."""

    def _login(self, user):
        self.authenticate(user.login, user.login)


class SocialClauseCase(SocialClauseBaseCase, BaseCommon):
    """Builds a buyer's operation in execution with two lots and firms; the
    environment of Odoo's ``BaseCommon`` (no mail tracking, USD company)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "social_clause_hourly_cost": 30.0,
                "social_clause_insertion_rate": 5.0,
                "social_clause_monthly_hours_max": 151.67,
                "social_clause_eligibility_months": 24,
            }
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


class IntermediationCase(SocialClauseCase):
    """An open offer of firm A and a pool of participants."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage = {
            stage.kind: stage
            for stage in cls.env["social.clause.candidacy.stage"].search([])
        }
        cls.reason = cls.env.ref("social_clause.decline_reason_profile")
        cls.offer = cls.env["social.clause.job.offer"].create(
            {
                "name": "Aide-maçon",
                "rome_code": "F1703",
                "commitment_id": cls.commitment_a1.id,
                "user_id": cls.facilitator.id,
                "posts": 1,
                "date_start": cls.today + relativedelta(days=10),
                "zip": "59000",
                "qualification_level": "3",
            }
        )
        cls.offer.action_open()

    @classmethod
    def _pool_person(cls, name, eligible=True, **vals):
        values = {
            "name": name,
            "zip": "59100",
            "qualification_level": "3",
            "criterion_ids": [Command.set(cls.criterion_rsa.ids)],
        }
        values.update(vals)
        person = cls.env["social.clause.participant"].create(values)
        if eligible:
            person.action_validate_eligibility()
        return person


class XlsxCase(SocialClauseCase):
    """Validated hours of a known year for the test buyer, with the
    participants' breakdowns and outcomes set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls.month.year
        cls.lot_1.sector_id = cls.sector_masonry
        cls.firm_b.social_clause_employer_kind = "ei"
        cls.participant.write(
            {
                "gender": "female",
                "birth_date": cls.today - relativedelta(years=30),
                "entry_date": cls.month,
                "qualification_level": "3",
                "is_qpv": True,
            }
        )
        cls.participant_2.write(
            {
                "gender": "male",
                "birth_date": cls.today - relativedelta(years=22),
                "entry_date": cls.month - relativedelta(years=1, months=1),
                "qualification_level": "4",
            }
        )
        cls.hour_specs = [
            # participant, commitment, hours, modality
            (cls.participant, cls.commitment_a1, 35.0, "hire_cdd"),
            (cls.participant, cls.commitment_b2, 20.5, "provision_etti"),
            (cls.participant_2, cls.commitment_b1, 40.0, "hire_cdi"),
            (cls.participant_2, cls.commitment_a1, 12.0, "hire_cdd"),
        ]
        cls.lines = cls.env["social.clause.hour"].create(
            [
                cls._hour_vals(participant, commitment, hours, modality=modality)
                for participant, commitment, hours, modality in cls.hour_specs
            ]
        )
        cls.lines.with_user(cls.facilitator).action_validate()
        # A draft line does not count anywhere.
        cls.draft_line = cls.env["social.clause.hour"].create(
            cls._hour_vals(
                cls.participant_2,
                cls.commitment_b2,
                7.0,
                month=cls.month - relativedelta(months=1),
            )
        )
        Outcome = cls.env["social.clause.outcome"]
        outcome_date = cls.month
        Outcome.create(
            [
                {
                    "participant_id": cls.participant_2.id,
                    "moment": "six_months",
                    "date": outcome_date,
                    "kind_id": cls.env.ref("social_clause.outcome_kind_cdi").id,
                },
                {
                    "participant_id": cls.participant.id,
                    "moment": "six_months",
                    "date": outcome_date,
                    "kind_id": cls.env.ref("social_clause.outcome_kind_de").id,
                },
                {
                    "participant_id": cls.participant.id,
                    "moment": "exit",
                    "date": outcome_date,
                    "kind_id": cls.env.ref("social_clause.outcome_kind_cdd_short").id,
                },
            ]
        )
        cls.survey = cls.env["social.clause.annual.survey"].with_user(cls.facilitator)

    def _render(self, report, records, user=None):
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.facilitator)
            ._render(report, records.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content), data_only=True)

    @staticmethod
    def _table(sheet):
        """The sheet's rows as {first cell: [other cells]}, per table: a dict
        of {table title: {row label: values}}."""
        tables, current, title = {}, None, None
        for row in sheet.iter_rows(min_row=3, values_only=True):
            if row[0] is None:
                current = None
                continue
            if current is None and all(value is None for value in row[1:]):
                title = row[0]
                current = tables.setdefault(title, {})
                continue
            if current is not None:
                current[row[0]] = list(row[1:])
        return tables


class SocialClauseReportCase(SocialClauseCase, HttpCase):
    """The back-office case (SocialClauseCase) with hours, people and outcomes that the
    reports count; an HttpCase so that wkhtmltopdf reaches the test server
    (web.base.url) for the report's styles.

    Lot 1 (800 h required): firm A 230 h (Alice 150 h in two months, Bruno
    80 h), firm B 20 h (Alice) -> 250 h, 31 %. Lot 2 (300 h): firm B 100 h
    (Bruno 60 h, Chloé 40 h) -> 33 %. Three participants (women 2, men 1;
    one per age band), five placements. Outcomes at exit: durable, other,
    positive (dynamic 67 %); at 6 months: durable, transition (100 %).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # As after the first print, when the user chose the document layout.
        cls.company.external_report_layout_id = cls.env.ref(
            "web.external_layout_standard"
        )
        cls.previous_month = cls.month - relativedelta(months=1)
        cls.participant_3 = cls._create_eligible_participant("Chloé Martin")
        entry = cls.previous_month
        cls.participant.write(
            {
                "gender": "female",
                "birth_date": entry - relativedelta(years=22),
                "entry_date": entry,
                "is_qpv": True,
                "qualification_level": "3",
            }
        )
        cls.participant_2.write(
            {
                "gender": "male",
                "birth_date": entry - relativedelta(years=35),
                "entry_date": entry,
            }
        )
        cls.participant_3.write(
            {
                "gender": "female",
                "birth_date": entry - relativedelta(years=55),
                "entry_date": entry,
            }
        )
        Hour = cls.env["social.clause.hour"]
        lines = Hour.create(
            [
                cls._hour_vals(cls.participant, cls.commitment_a1, 100),
                cls._hour_vals(
                    cls.participant, cls.commitment_a1, 50, month=cls.previous_month
                ),
                cls._hour_vals(
                    cls.participant, cls.commitment_b1, 20, modality="provision_etti"
                ),
                cls._hour_vals(
                    cls.participant_2, cls.commitment_a1, 80, modality="hire_cdi"
                ),
                cls._hour_vals(
                    cls.participant_2,
                    cls.commitment_b2,
                    60,
                    modality="subcontract_siae",
                ),
                cls._hour_vals(cls.participant_3, cls.commitment_b2, 40),
            ]
        )
        lines.action_validate()
        # Submitted, not validated: never counted.
        Hour.create(
            cls._hour_vals(cls.participant_3, cls.commitment_a1, 30, state="submitted")
        )
        Outcome = cls.env["social.clause.outcome"]

        def outcome(participant, moment, code):
            kind = cls.env["social.clause.outcome.kind"].search([("code", "=", code)])
            return {
                "participant_id": participant.id,
                "moment": moment,
                "kind_id": kind.id,
                "date": cls.today,
            }

        Outcome.create(
            [
                outcome(cls.participant, "exit", "CDI"),
                outcome(cls.participant_2, "exit", "DE"),
                outcome(cls.participant_3, "exit", "FORMATION"),
                outcome(cls.participant, "six_months", "CDI"),
                outcome(cls.participant_2, "six_months", "CDD_SHORT"),
            ]
        )
        cls.lot_2.penalty_hour_rate = 100.0

    @classmethod
    def _render_pdf(cls, report_ref, records, data=None):
        content, report_type = (
            cls.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_ref, records.ids, data=data)
        )
        return content, report_type


class UpstreamCase(SocialClauseBaseCase, BaseCommon):
    """French facilitator, a town (buyer) and fresh sectors, so that the demo
    directory does not count in the capacity of the tests' lots."""

    facilitator_login = "sc_up_facilitator"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.town = Partner.create(
            {
                "name": "Ville de Testville",
                "is_company": True,
                "social_clause_buyer_kind": "local_authority",
                "zip": "59100",
                "city": "Testville",
            }
        )
        cls.Sector = cls.env["social.clause.sector"]

    @classmethod
    def _sector(cls, code, name=None):
        return cls.Sector.create({"name": name or code, "code": code})

    @classmethod
    def _structures(cls, sector, count, kind="ei", department="59", **values):
        """``count`` inclusion employers of ``sector`` in ``department``."""
        return cls.env["res.partner"].create(
            [
                dict(
                    {
                        "name": f"{sector.code} {kind} {number}",
                        "is_company": True,
                        "social_clause_employer_kind": kind,
                        "social_clause_sector_ids": [(6, 0, sector.ids)],
                        "social_clause_area_codes": department,
                        "siae_annual_turnover": 1_000_000,
                        "siae_posts": 10,
                        "siae_hours_capacity": 5000,
                    },
                    **values,
                )
                for number in range(count)
            ]
        )


class SocialClausePortalCommon(SocialClauseHttpCase):
    """Two firms, two buyers, their portal users and a facilitator."""

    facilitator_name = "Fanny Facilitator"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.this_month = cls.today.replace(day=1)
        cls.last_month = cls.this_month - relativedelta(months=1)
        cls.two_months_ago = cls.this_month - relativedelta(months=2)
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


class PortalMonthCommon(SocialClausePortalCommon):
    """A second person placed with firm A, and helpers to post the forms."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.participant_a2 = cls.env["social.clause.participant"].create(
            {
                "name": "Hugo Hired",
                "firm_ids": [Command.link(cls.firm_a.id)],
                "eligibility_state": "validated",
                "eligibility_date": cls.two_months_ago,
            }
        )
        cls.month = cls.last_month.strftime("%Y-%m")

    def _post(self, commitment, path, data=None, files=None, csrf=True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self._csrf_token(commitment)
        return self.url_open(
            f"/my/social_clauses/{commitment.id}/{path}",
            data=data,
            files=files or {},
            allow_redirects=False,
        )

    def _lines(self, commitment):
        self.env.invalidate_all()
        return self.env["social.clause.hour"].search(
            [("commitment_id", "=", commitment.id), ("date", "=", self.last_month)]
        )


class BuyerLotsCommon(SocialClausePortalCommon):
    """Firm B is also co-contractor on the masonry lot of firm A; masonry is
    late, painting on time; a draft operation of the same buyer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operation.write(
            {
                "date_start": cls.today - relativedelta(months=6),
                "date_end": cls.today + relativedelta(months=6),
            }
        )
        cls.lot_masonry.hours_required = 900.0
        cls.lot_painting.hours_required = 20.0
        cls.participant_a.gender = "female"
        cls.participant_b.write({"gender": "male", "birth_date": "2010-01-01"})
        cls.commitment_b_masonry = cls.env["social.clause.commitment"].create(
            {
                "lot_id": cls.lot_masonry.id,
                "partner_id": cls.firm_b.id,
                "role": "co_contractor",
                "hours_committed": 200.0,
            }
        )
        cls.hour_b_masonry = cls.env["social.clause.hour"].create(
            {
                "commitment_id": cls.commitment_b_masonry.id,
                "participant_id": cls.participant_b.id,
                "date": cls.last_month,
                "hours": 20.0,
                "modality": "hire_cdd",
            }
        )
        cls.hour_b_masonry.action_validate()
        cls.draft_operation = cls.env["social.clause.operation"].create(
            {
                "name": "Draft Plans Library",
                "buyer_id": cls.buyer.id,
                "user_id": cls.facilitator.id,
                "lot_ids": [
                    Command.create({"name": "Secret lot", "amount_untaxed": 1.0})
                ],
            }
        )
