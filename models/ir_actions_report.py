# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_rendering_context(self, report, docids, data):
        """The module's documents read figures as superuser: check first that
        the user may read the records printed (Odoo does not, and a value in
        the cache is read without any check), e.g. a facilitator of another
        company or another firm asking ``/report/pdf/...`` for them."""
        if docids and report.model.startswith("social.clause."):
            self.env[report.model].browse(docids).check_access("read")
        return super()._get_rendering_context(report, docids, data)
