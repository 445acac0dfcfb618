# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .common import SocialClauseError

# Fields that hold sensitive personal data: facilitators only, never tracked.
SENSITIVE = "social_clause.group_user"

# Age bands of the national reporting (moins de 26 ans, 26-49 ans, 50 ans et plus).
AGE_BANDS = [
    ("under_26", "Under 26"),
    ("26_49", "26 to 49"),
    ("50_plus", "50 and over"),
]


def age_band_of(birth_date, day):
    """The AGE_BANDS key of a person born on birth_date, on that day."""
    if not birth_date or not day:
        return False
    years = relativedelta(day, birth_date).years
    if years < 26:
        return "under_26"
    return "26_49" if years < 50 else "50_plus"


class SocialClauseParticipant(models.Model):
    """A person far from employment hired under a clause."""

    _name = "social.clause.participant"
    _description = "Social clause participant"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _rec_names_search = ["name", "reference"]

    name = fields.Char(required=True, tracking=True)
    reference = fields.Char(
        readonly=True, copy=False, index=True, help="Reference used in imports."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    user_id = fields.Many2one(
        "res.users",
        string="Facilitator",
        default=lambda self: self.env.user,
        tracking=True,
    )
    firm_ids = fields.Many2many(
        "res.partner",
        "social_clause_participant_firm_rel",
        "participant_id",
        "partner_id",
        string="Placed with",
        domain=[("is_company", "=", True)],
        help="Firms where the participant works under a clause; they may "
        "declare hours for this person.",
    )
    path_state = fields.Selection(
        [
            ("candidate", "Candidate"),
            ("in_path", "In path"),
            ("exited", "Exited"),
        ],
        string="Path status",
        default="candidate",
        required=True,
        tracking=True,
    )
    entry_date = fields.Date(tracking=True)
    exit_date = fields.Date(tracking=True)
    # Sensitive personal data below: restricted to facilitators, not tracked.
    birth_date = fields.Date(groups=SENSITIVE)
    age = fields.Integer(compute="_compute_age", groups=SENSITIVE)
    age_band = fields.Selection(
        AGE_BANDS,
        string="Age band at entry",
        compute="_compute_age_band",
        store=True,
        groups=SENSITIVE,
        help="Age at the entry in the path (or today, before entry), in the "
        "bands of the national reporting. Kept when the birth date is erased.",
    )
    gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        groups=SENSITIVE,
    )
    city = fields.Char(string="Area of residence", groups=SENSITIVE)
    zip = fields.Char(string="Postcode", groups=SENSITIVE)
    is_qpv = fields.Boolean(
        string="Lives in a QPV",
        groups=SENSITIVE,
        help="Priority neighbourhood of the city policy (quartier prioritaire).",
    )
    qualification_level = fields.Selection(
        [
            ("none", "No diploma"),
            ("3", "Level 3 (CAP, BEP)"),
            ("4", "Level 4 (baccalauréat)"),
            ("5", "Level 5 (bac+2)"),
            ("6", "Level 6 or above (bac+3 and more)"),
        ],
        groups=SENSITIVE,
    )
    prescriber_id = fields.Many2one(
        "res.partner",
        string="Prescriber",
        groups=SENSITIVE,
        help="Organisation that directed the participant to the clause.",
    )
    referent_id = fields.Many2one(
        "res.partner",
        string="Path referent",
        groups=SENSITIVE,
        help="Person who follows the participant's path (référent de parcours).",
    )
    criterion_ids = fields.Many2many(
        "social.clause.criterion",
        string="Eligibility criteria",
        groups=SENSITIVE,
    )
    eligibility_state = fields.Selection(
        [
            ("to_check", "To check"),
            ("validated", "Validated"),
            ("refused", "Refused"),
        ],
        default="to_check",
        required=True,
        groups=SENSITIVE,
    )
    eligibility_date = fields.Date(
        string="Eligibility checked on", groups=SENSITIVE, copy=False
    )
    eligibility_user_id = fields.Many2one(
        "res.users", string="Eligibility checked by", groups=SENSITIVE, copy=False
    )
    eligibility_end_date = fields.Date(
        string="Eligibility valid until",
        compute="_compute_eligibility_end_date",
        store=True,
        groups=SENSITIVE,
    )
    eligibility_proof_ids = fields.Many2many(
        "ir.attachment",
        "social_clause_participant_proof_rel",
        "participant_id",
        "attachment_id",
        string="Eligibility proofs",
        groups=SENSITIVE,
    )
    eligibility_note = fields.Text(groups=SENSITIVE)
    outcome_ids = fields.One2many(
        "social.clause.outcome", "participant_id", string="Outcomes", groups=SENSITIVE
    )
    # Identifiers the facilitator uses with partners: sensitive, not tracked.
    france_travail_id = fields.Char(
        string="France Travail identifier",
        groups=SENSITIVE,
        copy=False,
        help="Job-seeker identifier at France Travail.",
    )
    pass_iae_number = fields.Char(
        string="PASS IAE number",
        groups=SENSITIVE,
        copy=False,
        help="Number of the PASS IAE given by the inclusion platform "
        "(Les emplois de l'inclusion).",
    )
    proposed_by_id = fields.Many2one(
        "res.partner",
        string="Proposed by",
        readonly=True,
        copy=False,
        groups=SENSITIVE,
        index="btree_not_null",
        help="Firm that proposed this person on its portal: the facilitator "
        "checks the eligibility before validating the hours.",
    )
    hour_ids = fields.One2many(
        "social.clause.hour", "participant_id", string="Insertion hours"
    )
    hours_done = fields.Float(compute="_compute_hours_done", store=True)

    _sql_constraints = [
        ("reference_uniq", "unique(reference)", "A participant's reference is unique."),
    ]

    @api.depends("birth_date")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        for participant in self:
            participant.age = (
                relativedelta(today, participant.birth_date).years
                if participant.birth_date
                else 0
            )

    @api.depends("birth_date", "entry_date")
    def _compute_age_band(self):
        today = fields.Date.context_today(self)
        for participant in self:
            if participant.birth_date:
                participant.age_band = age_band_of(
                    participant.birth_date, participant.entry_date or today
                )
            else:
                # An erased birth date (anonymisation) keeps the band it gave.
                participant.age_band = participant.age_band

    @api.depends(
        "eligibility_state",
        "eligibility_date",
        "company_id.social_clause_eligibility_months",
    )
    def _compute_eligibility_end_date(self):
        for participant in self:
            if participant.eligibility_state == "validated" and (
                participant.eligibility_date
            ):
                participant.eligibility_end_date = participant.eligibility_date + (
                    relativedelta(
                        months=participant.company_id.social_clause_eligibility_months
                    )
                )
            else:
                participant.eligibility_end_date = False

    @api.depends("hour_ids.hours", "hour_ids.is_counted")
    def _compute_hours_done(self):
        groups = self.env["social.clause.hour"]._read_group(
            [("participant_id", "in", self.ids), ("is_counted", "=", True)],
            ["participant_id"],
            ["hours:sum"],
        )
        totals = {participant.id: total for participant, total in groups}
        for participant in self:
            participant.hours_done = totals.get(participant.id, 0.0)

    def _refresh_hours_done_in_bulk(self):
        """Same result as ``_compute_hours_done``, in one statement."""
        if not self:
            return
        field = self._fields["hours_done"]
        self.env.remove_to_compute(field, self)
        self.env.cr.execute(
            SQL(
                """
                UPDATE social_clause_participant participant
                   SET hours_done = totals.hours_done
                  FROM (
                        SELECT participant.id,
                               COALESCE(SUM(line.hours)
                                        FILTER (WHERE line.is_counted), 0)
                                   AS hours_done
                          FROM social_clause_participant participant
                     LEFT JOIN social_clause_hour line
                            ON line.participant_id = participant.id
                         WHERE participant.id = ANY(%(ids)s)
                      GROUP BY participant.id
                       ) totals
                 WHERE totals.id = participant.id
                """,
                ids=self.ids,
            )
        )
        self.invalidate_recordset(["hours_done"])

    @api.constrains("entry_date", "exit_date")
    def _check_dates(self):
        for participant in self:
            if (
                participant.entry_date
                and participant.exit_date
                and participant.exit_date < participant.entry_date
            ):
                raise ValidationError(
                    _(
                        "%(name)s cannot leave the path before entering it.",
                        name=participant.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if not vals.get("reference"):
                vals["reference"] = sequence.next_by_code("social.clause.participant")
            if self.env.user.share and not vals.get("proposed_by_id"):
                # A firm's contact proposed the person on the portal.
                vals["proposed_by_id"] = self.env.user.commercial_partner_id.id
        return super().create(vals_list)

    def _is_eligible_on(self, month_start, month_end):
        """Eligibility validated and valid for at least part of the month."""
        self.ensure_one()
        return bool(
            self.eligibility_state == "validated"
            and self.eligibility_date
            and self.eligibility_date <= month_end
            and (
                not self.eligibility_end_date
                or self.eligibility_end_date >= month_start
            )
        )

    # Actions -----------------------------------------------------------------

    def action_validate_eligibility(self):
        for participant in self:
            if not participant.criterion_ids:
                raise SocialClauseError(
                    _(
                        "Record at least one eligibility criterion of %(name)s "
                        "before validating the eligibility.",
                        name=participant.name,
                    )
                )
        self.write(
            {
                "eligibility_state": "validated",
                "eligibility_date": fields.Date.context_today(self),
                "eligibility_user_id": self.env.user.id,
            }
        )
        for participant in self:
            participant.message_post(body=_("Eligibility validated."))

    def action_refuse_eligibility(self):
        self.write(
            {
                "eligibility_state": "refused",
                "eligibility_date": fields.Date.context_today(self),
                "eligibility_user_id": self.env.user.id,
            }
        )
        for participant in self:
            participant.message_post(body=_("Eligibility refused."))

    def action_enter_path(self):
        for participant in self:
            if participant.path_state != "candidate":
                raise SocialClauseError(
                    _("%(name)s is not a candidate.", name=participant.name)
                )
        for participant in self:
            participant.write(
                {
                    "path_state": "in_path",
                    "entry_date": participant.entry_date
                    or fields.Date.context_today(self),
                }
            )

    def action_exit_path(self):
        """Leave the path and plan the follow-up six months later."""
        for participant in self:
            if participant.path_state != "in_path":
                raise SocialClauseError(
                    _("%(name)s is not in a path.", name=participant.name)
                )
        today = fields.Date.context_today(self)
        for participant in self:
            exit_date = participant.exit_date or today
            participant.write({"path_state": "exited", "exit_date": exit_date})
            participant.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=exit_date + relativedelta(months=6),
                summary=_("6-month follow-up"),
                # The note is HTML: the name is user text, escaped.
                note=escape(
                    _(
                        "Record the situation of %(name)s six months after exit.",
                        name=participant.name,
                    )
                ),
                user_id=(participant.user_id or self.env.user).id,
            )
