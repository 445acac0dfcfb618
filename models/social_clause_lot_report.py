# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang
from odoo.tools.translate import _lt

from .common import format_hours
from .social_clause_lot import SocialClauseLot as BaseLot

try:
    import docx
except ImportError:  # pragma: no cover - listed in external_dependencies
    docx = None

# The legal basis paragraph of the clause article, by clause type.
CLAUSE_BASIS_TEXTS = {
    "execution_condition": _lt(
        "In accordance with article L2112-2 of the public procurement code, the "
        "execution of the contract includes a condition promoting the employment "
        "of people facing social or professional difficulties."
    ),
    "award_criterion": _lt(
        "In accordance with article R2152-7 2° a) of the public procurement code, "
        "the performance in the professional insertion of people in difficulty "
        "is an award criterion; the undertakings of the tender become "
        "contractual obligations."
    ),
    "reserved_siae": _lt(
        "In accordance with article L2113-13 of the public procurement code, the "
        "contract is reserved to integration through economic activity "
        "structures (SIAE) and equivalent structures."
    ),
    "reserved_ea": _lt(
        "In accordance with article L2113-12 of the public procurement code, the "
        "contract is reserved to adapted companies (EA) and work centres (ESAT) "
        "employing at least 50 % of disabled workers (article R2113-7)."
    ),
    "insertion_market": _lt(
        "In accordance with article R2123-1 of the public procurement code, the "
        "contract has the professional insertion of people in difficulty as its "
        "object."
    ),
}


class SocialClauseLot(models.Model):
    """Penalties of the lot and the clause article of the tender documents."""

    _inherit = "social.clause.lot"

    penalty_hour_rate = fields.Monetary(
        string="Penalty per missing hour",
        currency_field="currency_id",
        default=lambda self: self.env.company.social_clause_penalty_hour_rate,
        tracking=True,
        help="Written in the clause article: due at closing for each insertion "
        "hour not done (tax excluded).",
    )
    penalty_late_day_rate = fields.Monetary(
        string="Penalty per day of late reporting",
        currency_field="currency_id",
        default=lambda self: self.env.company.social_clause_penalty_late_day_rate,
        tracking=True,
        help="Written in the clause article: due for each day of delay in "
        "sending the quarterly reporting, after formal notice (tax excluded).",
    )
    hours_missing = fields.Float(
        string="Missing hours",
        compute="_compute_penalty_due",
        store=True,
        help="Required hours not done.",
    )
    penalty_due = fields.Monetary(
        string="Penalty due",
        currency_field="currency_id",
        compute="_compute_penalty_due",
        store=True,
        help="Once the operation is closed: missing hours x penalty per "
        "missing hour.",
    )

    _LOCKED_WHEN_CLOSED = BaseLot._LOCKED_WHEN_CLOSED | {
        "penalty_hour_rate",
        "penalty_late_day_rate",
    }

    @api.constrains("penalty_hour_rate", "penalty_late_day_rate")
    def _check_penalty_rates(self):
        for lot in self:
            if lot.penalty_hour_rate < 0 or lot.penalty_late_day_rate < 0:
                raise ValidationError(
                    self.env._(
                        "The penalties of the lot %(lot)s cannot be negative.",
                        lot=lot.name,
                    )
                )

    @api.depends("hours_required", "hours_done", "penalty_hour_rate", "operation_state")
    def _compute_penalty_due(self):
        for lot in self:
            lot.hours_missing = max(lot.hours_required - lot.hours_done, 0.0)
            lot.penalty_due = (
                lot.hours_missing * lot.penalty_hour_rate
                if lot.operation_state == "closed"
                else 0.0
            )

    # Clause article --------------------------------------------------------

    def _format_amount(self, amount):
        return formatLang(self.env, amount, currency_obj=self[:1].currency_id)

    def _get_clause_article(self):
        """The article to paste into the CCAP for these lots of one operation,
        following the skeleton of a real CCAP (art. 1.4): a list of sections
        ``{"title": str, "paragraphs": [str], "items": [str]}``. The PDF and
        the .docx are both written from it."""
        operation = self.operation_id
        if len(operation) != 1:
            raise UserError(
                self.env._("Print the clause article for the lots of one operation.")
            )
        lots = self.sorted(lambda lot: (lot.sequence, lot.id))
        clause_types = dict(
            self._fields["clause_type"]._description_selection(self.env)
        )
        basis = []
        for clause_type in dict.fromkeys(lots.mapped("clause_type")):
            text = self.env._(CLAUSE_BASIS_TEXTS[clause_type])
            if len(set(lots.mapped("clause_type"))) > 1:
                text = self.env._(
                    "%(text)s Lots: %(lots)s (%(type)s).",
                    text=text,
                    lots=", ".join(
                        lots.filtered(
                            lambda lot, t=clause_type: lot.clause_type == t
                        ).mapped("name")
                    ),
                    type=clause_types[clause_type],
                )
            basis.append(text)
        facilitator = operation.user_id
        company = operation.company_id
        contact = ", ".join(
            value for value in (facilitator.email, facilitator.phone) if value
        )
        rates = {(lot.penalty_hour_rate, lot.penalty_late_day_rate) for lot in lots}
        if len(rates) == 1:
            hour_rate, day_rate = rates.pop()
            penalties = [
                self.env._(
                    "If the clause is not carried out, a penalty of %(hour_rate)s "
                    "excl. tax per missing insertion hour is applied at closing, "
                    "and a penalty of %(day_rate)s excl. tax per day of late "
                    "reporting after formal notice.",
                    hour_rate=self._format_amount(hour_rate),
                    day_rate=self._format_amount(day_rate),
                )
            ]
            penalty_items = []
        else:
            penalties = [
                self.env._(
                    "If the clause is not carried out, the following penalties "
                    "apply (excl. tax):"
                )
            ]
            penalty_items = [
                self.env._(
                    "%(lot)s: %(hour_rate)s per missing insertion hour at closing, "
                    "%(day_rate)s per day of late reporting after formal notice",
                    lot=lot.name,
                    hour_rate=self._format_amount(lot.penalty_hour_rate),
                    day_rate=self._format_amount(lot.penalty_late_day_rate),
                )
                for lot in lots
            ]
        return [
            {"title": self.env._("Legal basis"), "paragraphs": basis, "items": []},
            {
                "title": self.env._("Lots concerned"),
                "paragraphs": [],
                "items": [
                    self.env._(
                        "%(lot)s (%(reference)s): %(amount)s excl. tax",
                        lot=lot.name,
                        reference=lot.reference or "-",
                        amount=self._format_amount(lot.amount_untaxed),
                    )
                    for lot in lots
                ],
            },
            {
                "title": self.env._("Volume of insertion hours"),
                "paragraphs": [
                    self.env._(
                        "The holder of each lot commits to carry out at least the "
                        "following number of insertion hours, all the firms of the "
                        "lot together (holder, co-contractors and subcontractors):"
                    )
                ],
                "items": [
                    self.env._(
                        "%(lot)s: %(hours)s hours",
                        lot=lot.name,
                        hours=format_hours(lot.hours_required, self.env, grouping=True),
                    )
                    for lot in lots
                ],
            },
            {
                "title": self.env._("Eligible publics"),
                "paragraphs": [
                    self.env._(
                        "The hours count for the following people far from employment:"
                    )
                ],
                "items": [
                    self.env._(
                        "long-term job seekers (registered for more than 12 months)"
                    ),
                    self.env._("job seekers aged 50 and over"),
                    self.env._("recipients of the RSA and their dependants"),
                    self.env._(
                        "recipients of the AAH, the ASS or an invalidity pension, "
                        "and disabled workers (article L5212-13 of the labour code)"
                    ),
                    self.env._(
                        "young people under 26 with a qualification below CAP level, "
                        "or followed in a PACEA, an EPIDE or a second-chance school"
                    ),
                    self.env._(
                        "employees of an integration structure (SIAE) or of a GEIQ"
                    ),
                    self.env._("people under the supervision of the justice system"),
                    self.env._("refugees and beneficiaries of subsidiary protection"),
                    self.env._(
                        "residents of a priority neighbourhood (QPV) far from "
                        "employment"
                    ),
                    self.env._(
                        "other people, on the reasoned opinion of the facilitator "
                        "or of a public employment service"
                    ),
                ],
            },
            {
                "title": self.env._("How the firm meets its obligation"),
                "paragraphs": [
                    self.env._("The firm chooses one or several of these ways:")
                ],
                "items": [
                    self.env._(
                        "direct hire: CDI, CDD, site contract, apprenticeship or "
                        "professionalisation contract"
                    ),
                    self.env._(
                        "provision of staff by an integration temp agency (ETTI), "
                        "an intermediary association (AI), a GEIQ or a temp agency"
                    ),
                    self.env._(
                        "subcontracting or co-contracting with an integration "
                        "structure (EI, ACI) or an adapted company (EA)"
                    ),
                ],
            },
            {
                "title": self.env._("The facilitator"),
                "paragraphs": [
                    self.env._(
                        "%(company)s, represented by %(name)s (%(contact)s), "
                        "facilitates the clause. The facilitator informs the firm, "
                        "finds candidates from its job descriptions, organises "
                        "training, follows the people until the end of their "
                        "integration, directs the firm to integration structures "
                        "and checks the execution of the clause.",
                        company=company.name,
                        name=facilitator.name or company.name,
                        contact=contact or company.email or "-",
                    )
                ],
                "items": [],
            },
            {
                "title": self.env._("Controls"),
                "paragraphs": [
                    self.env._(
                        "The facilitator checks the eligibility of each person, on "
                        "proofs, before the hours count, and the hours done, on "
                        "payslips, contracts or invoices of provision of staff."
                    )
                ],
                "items": [],
            },
            {
                "title": self.env._("Reporting"),
                "paragraphs": [
                    self.env._(
                        "Every quarter (31 March, 30 June, 30 September, 31 "
                        "December), the holder sends the attestations and proofs "
                        "of the hours done to the facilitator before the 15th of "
                        "the following month. It names a contact for the clause. "
                        "When it meets difficulties in carrying out the clause, it "
                        "informs the facilitator and the buyer by registered letter."
                    )
                ],
                "items": [],
            },
            {
                "title": self.env._("Penalties"),
                "paragraphs": penalties
                + [
                    self.env._(
                        "Penalties are deducted from the payments; they do not "
                        "release the holder from its obligation."
                    )
                ],
                "items": penalty_items,
            },
        ]

    def _get_clause_article_title(self):
        return self.env._(
            "Social insertion clause - %(operation)s",
            operation=self.operation_id[:1].display_name,
        )

    def _get_clause_article_docx(self):
        """The clause article as a Word document the buyer can edit
        (python-docx)."""
        if docx is None:  # pragma: no cover
            raise UserError(self.env._("The python-docx library is not installed."))
        document = docx.Document()
        document.add_heading(self._get_clause_article_title(), level=1)
        for index, section in enumerate(self._get_clause_article(), start=1):
            document.add_heading(f"{index}. {section['title']}", level=2)
            for paragraph in section["paragraphs"]:
                document.add_paragraph(paragraph)
            for item in section["items"]:
                document.add_paragraph(item, style="List Bullet")
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()

    def action_download_clause_docx(self):
        """Download the clause article of these lots as a .docx."""
        self.check_access("read")
        content = self._get_clause_article_docx()
        operation = self.operation_id[:1]
        name = re.sub(r"[^\w\- ]+", "", self._get_clause_article_title()).strip()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{name}.docx",
                "raw": content,
                "mimetype": "application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document",
                "res_model": operation._name,
                "res_id": operation.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
