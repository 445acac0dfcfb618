# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from collections import Counter, defaultdict

from odoo import _, fields, models

from .common import format_month

# Months of the trend shown to the buyer, the last one being the current month.
TREND_MONTHS = 12


class SocialClauseOperation(models.Model):
    """What a buyer reads of its operation on the portal: figures per lot,
    the monthly trend and counts of people (never names), the XLSX of them."""

    _inherit = "social.clause.operation"

    def _get_participant_counts(self):
        """Distinct participants whose hours count, by operation id, in one
        grouped query: ``{operation id: count}`` with every operation of
        ``self`` (0 when none). Read as superuser: a count, never a name."""
        counts = dict.fromkeys(self.ids, 0)
        for operation, count in (
            self.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [("operation_id", "in", self.ids), ("is_counted", "=", True)],
                ["operation_id"],
                ["participant_id:count_distinct"],
            )
        ):
            counts[operation.id] = count
        return counts

    def _portal_buyer_figures(self, today=None):
        """Figures of the operation's lots for its buyer, in a constant number
        of queries whatever the number of lines.

        Read as superuser: the caller has checked that the user is the
        operation's buyer. People are counted (distinct participants whose
        hours count), by sex and age band; no name or other personal data
        leaves this method.

        :return: dict with ``lots`` (a dict per lot: ``lot``, ``firms``,
            ``hours_required``, ``hours_committed``, ``gap``, ``hours_done``,
            ``progress``, ``is_behind_schedule``, ``trend``, ``people``),
            ``months`` (first days of the trend's months), ``people`` (whole
            operation) and the labels of sexes and age bands
        """
        self.ensure_one()
        operation = self.sudo()
        lots = operation.lot_ids
        lots.fetch(
            [
                "name",
                "reference",
                "hours_required",
                "hours_committed",
                "hours_done",
                "progress",
                "date_start",
                "date_end",
                "clause_type",
            ]
        )
        commitments = lots.commitment_ids
        commitments.fetch(
            ["lot_id", "partner_id", "role", "hours_committed", "hours_done"]
        )
        commitments.partner_id.fetch(["name"])
        Hour = self.env["social.clause.hour"].sudo()
        counted = [("operation_id", "=", operation.id), ("is_counted", "=", True)]
        by_month = defaultdict(dict)
        for lot, month, total in Hour._read_group(
            counted, ["lot_id", "date:month"], ["hours:sum"]
        ):
            by_month[lot.id][month] = total
        people_by_lot = defaultdict(set)
        for lot, participant in Hour._read_group(counted, ["lot_id", "participant_id"]):
            people_by_lot[lot.id].add(participant.id)
        all_people = set().union(*people_by_lot.values()) if people_by_lot else set()
        profiles = {
            row["id"]: (row["gender"] or "unknown", row["age_band"] or "unknown")
            for row in self.env["social.clause.participant"]
            .sudo()
            .with_context(active_test=False)
            .browse(all_people)
            .read(["gender", "age_band"])
        }

        def count_people(ids):
            return {
                "total": len(ids),
                "gender": Counter(profiles[pid][0] for pid in ids),
                "age_band": Counter(profiles[pid][1] for pid in ids),
            }

        today = today or fields.Date.context_today(self)
        first = today.replace(day=1)
        months = []
        for shift in range(TREND_MONTHS - 1, -1, -1):
            year, month = divmod(first.year * 12 + first.month - 1 - shift, 12)
            months.append(first.replace(year=year, month=month + 1))
        firms_by_lot = defaultdict(list)
        roles = dict(commitments._fields["role"]._description_selection(self.env))
        for commitment in commitments.sorted(lambda c: (c.role != "holder", c.id)):
            firms_by_lot[commitment.lot_id.id].append(
                {
                    "name": commitment.partner_id.name,
                    "role": roles.get(commitment.role, ""),
                    "hours_committed": commitment.hours_committed,
                    "hours_done": commitment.hours_done,
                }
            )
        lot_figures = []
        for lot in lots:
            trend = [by_month[lot.id].get(month, 0.0) for month in months]
            lot_figures.append(
                {
                    "lot": lot,
                    "name": lot.name,
                    "firms": firms_by_lot[lot.id],
                    "hours_required": lot.hours_required,
                    "hours_committed": lot.hours_committed,
                    "gap": lot.hours_committed - lot.hours_required,
                    "hours_done": lot.hours_done,
                    "progress": lot.progress,
                    "is_behind_schedule": lot.is_behind_schedule,
                    "trend": trend,
                    "trend_max": max(trend) if any(trend) else 0.0,
                    "people": count_people(people_by_lot[lot.id]),
                }
            )
        participant_fields = self.env["social.clause.participant"]._fields
        return {
            "lots": lot_figures,
            "months": months,
            "people": count_people(all_people),
            "gender_labels": dict(
                participant_fields["gender"]._description_selection(self.env)
            )
            | {"unknown": _("Not given")},
            "age_band_labels": dict(
                participant_fields["age_band"]._description_selection(self.env)
            )
            | {"unknown": _("Not given")},
        }

    def _portal_buyer_xlsx(self):
        """The buyer's figures as an XLSX workbook: ``(filename, content)``."""
        import xlsxwriter

        self.ensure_one()
        figures = self._portal_buyer_figures()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        number = book.add_format({"num_format": "#,##0.00"})
        percent = book.add_format({"num_format": "0"})

        sheet = book.add_worksheet(_("Lots"))
        headers = [
            _("Lot"),
            _("Firms"),
            _("Hours required"),
            _("Hours committed"),
            _("Gap"),
            _("Hours done"),
            _("Progress (%)"),
            _("Behind schedule"),
            _("Participants"),
        ]
        sheet.write_row(0, 0, headers, bold)
        for row, lot in enumerate(figures["lots"], 1):
            sheet.write_string(row, 0, lot["name"])
            sheet.write_string(row, 1, ", ".join(firm["name"] for firm in lot["firms"]))
            sheet.write_number(row, 2, lot["hours_required"], number)
            sheet.write_number(row, 3, lot["hours_committed"], number)
            sheet.write_number(row, 4, lot["gap"], number)
            sheet.write_number(row, 5, lot["hours_done"], number)
            sheet.write_number(row, 6, round(lot["progress"]), percent)
            sheet.write_string(
                row, 7, _("Yes") if lot["is_behind_schedule"] else _("No")
            )
            sheet.write_number(row, 8, lot["people"]["total"])
        sheet.set_column(0, 1, 30)
        sheet.set_column(2, 8, 16)

        trend = book.add_worksheet(_("Hours by month"))
        trend.write(0, 0, _("Lot"), bold)
        for col, month in enumerate(figures["months"], 1):
            trend.write_string(0, col, format_month(month), bold)
        for row, lot in enumerate(figures["lots"], 1):
            trend.write_string(row, 0, lot["name"])
            for col, total in enumerate(lot["trend"], 1):
                trend.write_number(row, col, total, number)
        trend.set_column(0, 0, 30)

        people = book.add_worksheet(_("People"))
        gender_keys = list(figures["gender_labels"])
        band_keys = list(figures["age_band_labels"])
        people.write_row(
            0,
            0,
            [_("Lot"), _("Participants")]
            + [figures["gender_labels"][key] for key in gender_keys]
            + [figures["age_band_labels"][key] for key in band_keys],
            bold,
        )
        rows = [(lot["name"], lot["people"]) for lot in figures["lots"]]
        rows.append((_("Whole operation"), figures["people"]))
        for row, (name, counts) in enumerate(rows, 1):
            people.write_string(row, 0, name)
            people.write_number(row, 1, counts["total"])
            values = [counts["gender"].get(key, 0) for key in gender_keys]
            values += [counts["age_band"].get(key, 0) for key in band_keys]
            people.write_row(row, 2, values)
        people.set_column(0, 0, 30)
        book.close()
        filename = "{}.xlsx".format(
            _("insertion_hours_%(reference)s", reference=self.sudo().reference or "")
        )
        return filename, output.getvalue()
