# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import UserError

from ..models.res_partner import EMPLOYER_KINDS


class SocialClauseSiaeCatalogue(models.TransientModel):
    """Choose a sector and an area, then print or export the catalogue of the
    SIAE offer (mise en visibilité de l'offre) for buyers and firms."""

    _name = "social.clause.siae.catalogue"
    _description = "Catalogue of the SIAE offer"

    sector_ids = fields.Many2many("social.clause.sector", string="Sectors")
    area = fields.Char(
        help="A department code (59), a postcode or a town; empty for the "
        "whole directory."
    )
    kind = fields.Selection(EMPLOYER_KINDS, string="Kind of structure")

    def _get_structures(self):
        self.ensure_one()
        structures = self.env["res.partner"]._search_siae_offer(
            self.sector_ids or None,
            self.area,
            [self.kind] if self.kind else None,
        )
        if not structures:
            raise UserError(
                _("No structure of the directory matches this sector and area.")
            )
        return structures

    def _report_data(self):
        return {
            "sectors": ", ".join(self.sector_ids.mapped("name")),
            "area": self.area or "",
            "kind": dict(self._fields["kind"]._description_selection(self.env)).get(
                self.kind, ""
            ),
        }

    def action_print_pdf(self):
        # The ids go in the data too: the web client opens a report with data
        # by a URL without ids (report.social_clause.report_siae_catalogue).
        structures = self._get_structures()
        return self.env.ref("social_clause.action_report_siae_catalogue").report_action(
            structures, data=dict(self._report_data(), partner_ids=structures.ids)
        )

    def action_export_xlsx(self):
        return self.env.ref(
            "social_clause.action_report_siae_catalogue_xlsx"
        ).report_action(self._get_structures(), data=self._report_data())
