# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from .social_clause_xlsx_common import write_cell, write_cells


class SocialClauseHourXlsx(models.AbstractModel):
    """Export of a selection of insertion hour lines, one row per line."""

    _name = "report.social_clause.hour_xlsx"
    _inherit = "report.social_clause.xlsx_common"
    _description = "Insertion hours export (XLSX)"

    def _columns(self):
        return [
            _("Month"),
            _("Buyer"),
            _("Operation"),
            _("Lot"),
            _("Firm"),
            _("Participant"),
            _("Participant reference"),
            _("Modality"),
            _("Hours"),
            _("Status"),
            _("Counted"),
            _("Declared by"),
            _("Rejection reason"),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        lines = objs.sorted(lambda line: (line.date, line.operation_id.id, line.id))
        lines.fetch(
            [
                "date",
                "buyer_id",
                "operation_id",
                "lot_id",
                "partner_id",
                "participant_id",
                "modality",
                "hours",
                "state",
                "is_counted",
                "declared_by",
                "rejection_reason",
            ]
        )
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(_("Insertion hours"))
        row = self._write_header(sheet, 0, self._columns(), formats, {0: 10, 8: 10})
        sheet.freeze_panes(1, 0)
        selections = {
            fname: dict(lines._fields[fname]._description_selection(self.env))
            for fname in ("modality", "state", "declared_by")
        }
        labels = selections, _("Yes"), _("No")
        first = row
        for line in lines:
            self._write_hour_line(sheet, row, line, formats, labels)
            row += 1
        self._write_hours_total(sheet, row, first, lines, formats)
        sheet.autofilter(0, 0, max(row - 1, 1), 12)

    def _write_hour_line(self, sheet, row, line, formats, labels):
        """One row of the export; ``labels`` is ``(selections, yes, no)``."""
        selections, yes, no = labels
        sheet.write_datetime(row, 0, line.date, formats["month"])
        write_cells(
            sheet,
            row,
            1,
            [
                line.buyer_id.display_name or "",
                line.operation_id.display_name or "",
                line.lot_id.name or "",
                line.partner_id.display_name or "",
                line.participant_id.name or "",
                line.participant_id.reference or "",
                selections["modality"][line.modality],
            ],
            formats["text"],
        )
        sheet.write_number(row, 8, line.hours, formats["number"])
        write_cells(
            sheet,
            row,
            9,
            [
                selections["state"][line.state],
                yes if line.is_counted else no,
                selections["declared_by"][line.declared_by],
                line.rejection_reason or "",
            ],
            formats["text"],
        )

    def _write_hours_total(self, sheet, row, first, lines, formats):
        """The total row under the lines, a live SUM of rows ``first`` on."""
        write_cell(sheet, row, 0, _("Total"), formats["total_text"])
        total = sum(lines.mapped("hours"))
        if lines:
            sheet.write_formula(
                row,
                8,
                f"=SUM({self._cell(first, 8)}:{self._cell(row - 1, 8)})",
                formats["total_number"],
                total,
            )
        else:
            sheet.write_number(row, 8, 0, formats["total_number"])
