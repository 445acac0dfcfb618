# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import UserError

from .social_clause_commitment_report import period_domain
from .social_clause_outcome_kind import DYNAMIC_CATEGORIES

# Outcomes the bilan reports, at exit and six months later.
BILAN_MOMENTS = ("exit", "six_months")


class SocialClauseOperation(models.Model):
    """The figures of the bilan the facilitator hands to the buyer."""

    _inherit = "social.clause.operation"  # pylint: disable=consider-merging-classes-inherited

    def action_download_clause_docx(self):
        """Download the clause article of all the lots as a .docx."""
        self.ensure_one()
        if not self.lot_ids:
            raise UserError(
                self.env._(
                    "Add the lots of %(operation)s before writing its clause "
                    "article.",
                    operation=self.display_name,
                )
            )
        return self.lot_ids.action_download_clause_docx()

    def _get_bilan_data(self, date_from=False, date_to=False):
        """Everything the bilan of the operation shows, for a period (the
        whole operation without dates), in a fixed number of queries.

        Hours come from the commitments' ``_get_hours_summaries``; people and
        outcomes are counted as superuser from the sensitive participant
        fields and returned as counts only, never names.
        """
        self.ensure_one()
        self.check_access("read")
        date_from = fields.Date.to_date(date_from) if date_from else False
        date_to = fields.Date.to_date(date_to) if date_to else False
        if date_from and date_to and date_from > date_to:
            raise UserError(
                self.env._("The period of the bilan ends before it starts.")
            )
        commitments = self.commitment_ids
        summaries = commitments._get_hours_summaries(date_from, date_to)
        roles = dict(commitments._fields["role"]._description_selection(self.env))
        lots = []
        families = defaultdict(float)
        family_labels = {}
        modalities = defaultdict(float)
        modality_labels = {}
        for lot in self.lot_ids:
            firms = []
            for commitment in commitments.filtered(lambda c, lot=lot: c.lot_id == lot):
                summary = summaries[commitment.id]
                firms.append(
                    {
                        "name": commitment.partner_id.name,
                        "role": roles.get(commitment.role, ""),
                        **summary,
                    }
                )
                for code, label, hours in summary["hours_by_family"]:
                    families[code] += hours
                    family_labels[code] = label
                for code, label, hours in summary["hours_by_modality"]:
                    modalities[code] += hours
                    modality_labels[code] = label
            done = sum(firm["hours_done"] for firm in firms)
            done_to_date = sum(firm["hours_done_to_date"] for firm in firms)
            lots.append(
                {
                    "name": lot.name,
                    "reference": lot.reference,
                    "hours_required": lot.hours_required,
                    "hours_done": done,
                    "hours_done_to_date": done_to_date,
                    "progress": 100.0 * done_to_date / lot.hours_required
                    if lot.hours_required
                    else 0.0,
                    "penalty_hour_rate": lot.penalty_hour_rate,
                    "hours_missing": lot.hours_missing,
                    "penalty_due": lot.penalty_due,
                    "firms": firms,
                }
            )
        required = sum(lot["hours_required"] for lot in lots)
        done_to_date = sum(lot["hours_done_to_date"] for lot in lots)
        family_total = sum(families.values())
        people = self._get_bilan_people(date_from, date_to)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "is_closed": self.state == "closed",
            "lots": lots,
            "hours_required": required,
            "hours_done": sum(lot["hours_done"] for lot in lots),
            "hours_done_to_date": done_to_date,
            "progress": 100.0 * done_to_date / required if required else 0.0,
            "penalty_due": sum(lot["penalty_due"] for lot in lots),
            "hours_by_family": [
                (
                    label,
                    families[code],
                    100.0 * families[code] / family_total if family_total else 0.0,
                )
                for code, label in family_labels.items()
            ],
            "hours_by_modality": [
                (modality_labels[code], hours)
                for code, hours in sorted(modalities.items())
            ],
            "people": people,
            "outcomes": self._get_bilan_outcomes(
                people.pop("participant_ids"), date_to
            ),
        }

    def _get_report_base_filename(self):
        """The name of the bilan the buyer downloads from its portal."""
        self.ensure_one()
        return self.env._("Bilan %(operation)s", operation=self.display_name)

    def _get_bilan_people(self, date_from=False, date_to=False):
        """Participants (distinct people) and placements (distinct person x
        firm x modality) with counted hours in the period, by gender, age
        band at entry, qualification, criterion, QPV and prescriber.

        Counts only: the sensitive fields are read as superuser and never
        leave this method."""
        self.ensure_one()
        Hour = self.env["social.clause.hour"].sudo()
        placements = [
            (participant.id, firm.id, modality)
            for participant, firm, modality in Hour._read_group(
                [("operation_id", "=", self.id), ("is_counted", "=", True)]
                + period_domain(date_from, date_to),
                ["participant_id", "partner_id", "modality"],
            )
        ]
        placements_of = defaultdict(int)
        for participant_id, _firm_id, _modality in placements:
            placements_of[participant_id] += 1
        Participant = self.env["social.clause.participant"].sudo()
        participants = Participant.browse(sorted(placements_of))
        participants.fetch(
            [
                "gender",
                "age_band",
                "qualification_level",
                "is_qpv",
                "prescriber_id",
                "criterion_ids",
            ]
        )
        not_recorded = self.env._("Not recorded")

        def breakdown(title, keys_of, ordered):
            """Rows (label, participants, placements) of a dimension: the
            known values in order, then those not recorded."""
            people = defaultdict(int)
            placed = defaultdict(int)
            for participant in participants:
                for key in keys_of(participant) or [False]:
                    people[key] += 1
                    placed[key] += placements_of[participant.id]
            rows = [
                (label, people[key], placed[key])
                for key, label in ordered
                if people.get(key)
            ]
            if people.get(False):
                rows.append((not_recorded, people[False], placed[False]))
            return {"title": title, "rows": rows}

        def selection_breakdown(title, fname):
            return breakdown(
                title,
                lambda p: [p[fname] or False],
                Participant._fields[fname]._description_selection(self.env),
            )

        criteria = participants.criterion_ids.sorted(lambda c: (c.code or "", c.id))
        prescribers = participants.prescriber_id.sorted("name")
        breakdowns = [
            selection_breakdown(self.env._("Gender"), "gender"),
            selection_breakdown(self.env._("Age band at entry"), "age_band"),
            selection_breakdown(
                self.env._("Qualification level"), "qualification_level"
            ),
            breakdown(
                self.env._("Eligibility criterion"),
                lambda p: p.criterion_ids.ids,
                [(criterion.id, criterion.name) for criterion in criteria],
            ),
            breakdown(
                self.env._("Residence"),
                lambda p: ["qpv" if p.is_qpv else "other"],
                [
                    ("qpv", self.env._("In a QPV")),
                    ("other", self.env._("Outside a QPV")),
                ],
            ),
            breakdown(
                self.env._("Prescriber"),
                lambda p: p.prescriber_id.ids,
                [(prescriber.id, prescriber.name) for prescriber in prescribers],
            ),
        ]
        return {
            "participant_count": len(participants),
            "placement_count": len(placements),
            "breakdowns": breakdowns,
            "participant_ids": participants.ids,
        }

    def _get_bilan_outcomes(self, participant_ids, date_to=False):
        """Outcomes at exit and at 6 months of these participants, by
        category of the evaluations, with the dynamic-exit rate: (durable +
        transition + positive) / all outcomes recorded. The latest outcome of
        each person at each moment counts, up to ``date_to``."""
        Outcome = self.env["social.clause.outcome"].sudo()
        domain = [
            ("participant_id", "in", participant_ids),
            ("moment", "in", BILAN_MOMENTS),
        ]
        if date_to:
            domain.append(("date", "<=", date_to))
        latest = {}
        for outcome in Outcome.search(domain, order="date desc, id desc"):
            latest.setdefault((outcome.participant_id.id, outcome.moment), outcome)
        categories = list(
            Outcome.env["social.clause.outcome.kind"]
            ._fields["category"]
            ._description_selection(self.env)
        )
        moments = dict(Outcome._fields["moment"]._description_selection(self.env))
        result = []
        for moment in BILAN_MOMENTS:
            counts = defaultdict(int)
            for (_participant_id, at), outcome in latest.items():
                if at == moment:
                    counts[outcome.kind_id.category] += 1
            total = sum(counts.values())
            dynamic = sum(counts[code] for code in DYNAMIC_CATEGORIES)
            result.append(
                {
                    "moment": moment,
                    "label": moments[moment],
                    "rows": [
                        (
                            label,
                            counts[code],
                            100.0 * counts[code] / total if total else 0.0,
                        )
                        for code, label in categories
                    ],
                    "total": total,
                    "dynamic": dynamic,
                    "dynamic_rate": 100.0 * dynamic / total if total else None,
                }
            )
        return result
