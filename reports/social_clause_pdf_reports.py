# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SocialClauseReportIdsMixin(models.AbstractModel):
    """Reports opened with options (``data``): the web client then builds a
    URL without the ids of the records (``/report/pdf/<name>?options=...``),
    so the records come from the ids the action put in its data."""

    _name = "social.clause.report.ids.mixin"
    _description = "Social clause report with its records in its data"
    _report_model = None
    _data_ids_key = None

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        ids = docids or data.get(self._data_ids_key) or []
        docs = self.env[self._report_model].browse([int(i) for i in ids]).exists()
        docs.check_access("read")
        return {
            "doc_ids": docs.ids,
            "doc_model": self._report_model,
            "docs": docs,
            "date_from": data.get("date_from") or False,
            "date_to": data.get("date_to") or False,
        }


class SocialClauseReportOperationBilan(models.AbstractModel):
    _name = "report.social_clause.report_operation_bilan"
    _inherit = "social.clause.report.ids.mixin"
    _description = "Bilan of an operation (PDF)"
    _report_model = "social.clause.operation"
    _data_ids_key = "operation_ids"


class SocialClauseReportSiaeCatalogue(models.AbstractModel):
    _name = "report.social_clause.report_siae_catalogue"
    _inherit = "social.clause.report.ids.mixin"
    _description = "Catalogue of the SIAE offer (PDF)"
    _report_model = "res.partner"
    _data_ids_key = "partner_ids"
