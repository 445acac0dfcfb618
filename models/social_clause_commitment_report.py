# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models

from .social_clause_modality import MODALITY_FAMILIES, MODALITY_FAMILY


def period_domain(date_from=False, date_to=False):
    """Domain on ``social.clause.hour.date`` (the first day of the month) for
    a period: the months that start within it, and the month of date_from."""
    date_from = fields.Date.to_date(date_from) if date_from else False
    date_to = fields.Date.to_date(date_to) if date_to else False
    domain = []
    if date_from:
        domain.append(("date", ">=", date_from.replace(day=1)))
    if date_to:
        domain.append(("date", "<=", date_to))
    return domain


class SocialClauseCommitment(models.Model):
    """The totals a commitment's attestation, the bilan and the portal show."""

    _inherit = "social.clause.commitment"

    def _get_hours_summaries(self, date_from=False, date_to=False, by_state=False):
        """Counted hours of these commitments over a period, in a fixed
        number of grouped queries whatever the number of lines.

        Read as superuser: a firm on the portal reaches it through its own
        commitment only, and it returns totals and counts, never names.

        :return: ``{commitment id: summary}``; a summary is a dict with
            ``hours_committed``, ``hours_done`` (in the period),
            ``hours_done_to_date`` (from the start to the end of the period),
            ``progress`` (percent of the commitment done to date),
            ``is_fulfilled``, ``participant_count`` (distinct people in the
            period), ``hours_by_month`` (list of ``(month, {family: hours},
            total)``, oldest first), ``hours_by_modality`` (list of ``(code,
            label, hours)``), ``hours_by_family`` (list of ``(code, label,
            hours)``, every family) and ``hours_submitted`` (waiting for
            validation in the period).

            With ``by_state``, for the firm's portal page, also the validated
            (counted) and submitted hours side by side, never mixed:
            ``states_by_month`` (list of ``(month, {"validated": hours,
            "submitted": hours})``, newest first), ``states_by_modality``
            (list of ``(code, label, states)``) and ``states_by_participant``
            (list of ``(participant id, name, states)``, by name): the names
            of the firm's own people, which the documents do not print.
        """
        Hour = self.env["social.clause.hour"].sudo()
        period = period_domain(date_from, date_to)
        base = [("commitment_id", "in", self.ids)]
        counted = base + [("is_counted", "=", True)] + period
        by_month = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        by_modality = defaultdict(lambda: defaultdict(float))
        for commitment, month, modality, hours in Hour._read_group(
            counted, ["commitment_id", "date:month", "modality"], ["hours:sum"]
        ):
            by_month[commitment.id][month][MODALITY_FAMILY[modality]] += hours
            by_modality[commitment.id][modality] += hours
        participants = {
            commitment.id: count
            for commitment, count in Hour._read_group(
                counted, ["commitment_id"], ["participant_id:count_distinct"]
            )
        }
        submitted = {
            commitment.id: hours
            for commitment, hours in Hour._read_group(
                base + [("state", "=", "submitted")] + period,
                ["commitment_id"],
                ["hours:sum"],
            )
        }
        if date_from:
            # Whether the commitment is fulfilled counts every month up to
            # the end of the period, not the period alone.
            to_date = {
                commitment.id: hours
                for commitment, hours in Hour._read_group(
                    base + [("is_counted", "=", True)] + period_domain(False, date_to),
                    ["commitment_id"],
                    ["hours:sum"],
                )
            }
        else:
            to_date = None
        modality_labels = dict(
            Hour._fields["modality"]._description_selection(self.env)
        )
        states = self._get_hours_by_state(base + period) if by_state else {}
        family_labels = dict(
            self.env["social.clause.modality"]
            ._fields["family"]
            ._description_selection(self.env)
        )
        summaries = {}
        for commitment in self.sudo():
            months = by_month[commitment.id]
            modalities = by_modality[commitment.id]
            done = sum(modalities.values())
            done_to_date = done if to_date is None else to_date.get(commitment.id, 0.0)
            families = defaultdict(float)
            for modality, hours in modalities.items():
                families[MODALITY_FAMILY[modality]] += hours
            committed = commitment.hours_committed
            summaries[commitment.id] = {
                "hours_committed": committed,
                "hours_done": done,
                "hours_done_to_date": done_to_date,
                "progress": 100.0 * done_to_date / committed if committed else 0.0,
                "is_fulfilled": bool(committed) and done_to_date >= committed,
                "participant_count": participants.get(commitment.id, 0),
                "hours_by_month": [
                    (month, dict(months[month]), sum(months[month].values()))
                    for month in sorted(months)
                ],
                "hours_by_modality": [
                    (code, modality_labels[code], modalities[code])
                    for code in modality_labels
                    if code in modalities
                ],
                "hours_by_family": [
                    (code, family_labels[code], families[code])
                    for code, _label in MODALITY_FAMILIES
                ],
                "hours_submitted": submitted.get(commitment.id, 0.0),
            }
            if by_state:
                summaries[commitment.id].update(states[commitment.id])
        return summaries

    def _get_hours_by_state(self, domain):
        """Validated (counted) and submitted hours of the lines in ``domain``
        by month, modality and participant, in one grouped query, as
        superuser: ``{commitment id: {key: list}}`` with the keys of
        ``_get_hours_summaries(by_state=True)``."""
        Hour = self.env["social.clause.hour"].sudo()
        modality_labels = dict(
            Hour._fields["modality"]._description_selection(self.env)
        )

        def states():
            return {"validated": 0.0, "submitted": 0.0}

        by = defaultdict(lambda: defaultdict(lambda: defaultdict(states)))
        for (
            commitment,
            month,
            modality,
            participant,
            validated,
            submitted,
        ) in Hour._read_group(
            domain + [("state", "in", ("validated", "submitted"))],
            ["commitment_id", "date:month", "modality", "participant_id"],
            ["hours_validated:sum", "hours_submitted:sum"],
        ):
            for dimension, key in (
                ("month", month),
                ("modality", modality),
                ("participant", participant),
            ):
                totals = by[commitment.id][dimension][key]
                totals["validated"] += validated
                totals["submitted"] += submitted
        result = {}
        for commitment_id in self.ids:
            dimensions = by[commitment_id]
            modalities = dimensions["modality"]
            participants = dimensions["participant"]
            result[commitment_id] = {
                "states_by_month": sorted(dimensions["month"].items(), reverse=True),
                "states_by_modality": [
                    (code, label, modalities[code])
                    for code, label in modality_labels.items()
                    if code in modalities
                ],
                "states_by_participant": [
                    (participant.id, participant.name, participants[participant])
                    for participant in sorted(participants, key=lambda p: p.name)
                ],
            }
        return result

    def _get_hours_summary(self, date_from=False, date_to=False, by_state=False):
        """The summary of ``_get_hours_summaries`` for one commitment."""
        self.ensure_one()
        return self._get_hours_summaries(date_from, date_to, by_state)[self.id]

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._(
            "Attestation %(firm)s %(lot)s",
            firm=self.partner_id.name,
            lot=self.lot_id.display_name,
        )
