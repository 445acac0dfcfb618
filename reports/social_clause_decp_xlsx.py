# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from .social_clause_xlsx_common import write_cell


class SocialClauseDecpXlsx(models.AbstractModel):
    """Open procurement data (DECP): one row per lot of the year with its
    ``considerationsSociales`` value."""

    _name = "report.social_clause.decp_xlsx"
    _inherit = "report.social_clause.xlsx_common"
    _description = "Open procurement data (DECP, XLSX)"

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs[:1]
        rows = self.env["social.clause.annual.survey"]._get_decp_rows(
            wizard.year, wizard.buyer_id or None
        )
        formats = self._formats(workbook)
        sheet = workbook.add_worksheet(_("DECP %(year)s", year=wizard.year))
        columns = [
            ("buyer", _("Buyer")),
            ("buyer_registry", _("Buyer SIRET")),
            ("operation_reference", _("Operation reference")),
            ("operation", _("Operation")),
            ("lot_reference", _("Lot reference")),
            ("lot", _("Lot")),
            ("amount", _("Amount (tax excl.)")),
            ("clause_type", _("Clause type")),
            # The field name of the DECP schema, as the open data expects it.
            ("considerations_sociales", "considerationsSociales"),
        ]
        self._write_header(sheet, 0, [label for __, label in columns], formats)
        sheet.freeze_panes(1, 0)
        for index, values in enumerate(rows, start=1):
            for col, (key, __) in enumerate(columns):
                if key == "amount":
                    sheet.write_number(index, col, values[key], formats["amount"])
                else:
                    write_cell(sheet, index, col, values[key], formats["text"])
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
