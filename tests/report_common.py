# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase
from odoo.tools.pdf import PdfFileReader

from .common import SocialClauseCase


def pdf_text(content):
    """The text of a PDF, as the PDF library Odoo ships extracts it, with
    every kind of space removed (French numbers use narrow no-break spaces):
    compare it with figures written without spaces, e.g. "33000,00€"."""
    reader = PdfFileReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text)


class SocialClauseReportCase(SocialClauseCase, HttpCase):
    """The case of tests/common.py with hours, people and outcomes that the
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
