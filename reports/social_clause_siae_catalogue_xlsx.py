# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from .social_clause_xlsx_common import write_cell


class SiaeCatalogueXlsx(models.AbstractModel):
    """The catalogue of the SIAE offer as a workbook: one row a structure."""

    _name = "report.social_clause.report_siae_catalogue_xlsx"
    _inherit = "report.social_clause.xlsx_common"
    _description = "Catalogue of the SIAE offer (XLSX)"

    def _columns(self):
        return [
            ("name", _("Structure"), 34),
            ("kind", _("Kind"), 26),
            ("siret", _("SIRET"), 16),
            ("sectors", _("Activity sectors"), 34),
            ("services", _("Services offered"), 40),
            ("offers", _("Offer"), 26),
            ("address", _("Address"), 34),
            ("area", _("Area served"), 26),
            ("posts", _("Insertion posts"), 12),
            ("hours_capacity", _("Hours a year it can absorb"), 14),
            ("approval", _("Approval (agrément)"), 20),
            ("references", _("References"), 12),
            ("phone", _("Phone"), 16),
            ("email", _("Email"), 28),
            ("website", _("Website"), 28),
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        data = data or {}
        sheet = workbook.add_worksheet(_("SIAE offer"))
        bold = workbook.add_format({"bold": True})
        header = workbook.add_format({"bold": True, "bg_color": "#D9E2F3", "border": 1})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        write_cell(sheet, 0, 0, _("Catalogue of the SIAE offer"), bold)
        write_cell(
            sheet,
            1,
            0,
            _(
                "Sectors: %(sectors)s - Area: %(area)s",
                sectors=data.get("sectors") or _("all"),
                area=data.get("area") or _("all"),
            ),
        )
        columns = self._columns()
        for col, (_key, label, width) in enumerate(columns):
            sheet.set_column(col, col, width)
            write_cell(sheet, 3, col, label, header)
        for row, line in enumerate(objs._siae_catalogue_lines(), 4):
            for col, (key, _label, _width) in enumerate(columns):
                write_cell(sheet, row, col, line[key], wrap)
        sheet.freeze_panes(4, 1)
