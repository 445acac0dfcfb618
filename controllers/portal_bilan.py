# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import http
from odoo.http import content_disposition, request

from ..rules.filenames import document_filename
from .portal import SocialClausePortal

SOCIAL_CLAUSE_MODELS = ("social.clause.operation", "social.clause.commitment")


class SocialClauseBilanPortal(SocialClausePortal):
    """The bilans a facilitator published for each period, on the buyer's
    operation page; and the documents' file names as French titles."""

    def _get_http_headers(self, model, report_type, report, download):
        """Odoo turns every non-word character of the file name into "_":
        the module's documents keep their apostrophes and spaces."""
        headers = super()._get_http_headers(model, report_type, report, download)
        if report_type == "pdf" and download and model._name in SOCIAL_CLAUSE_MODELS:
            filename = document_filename(model._get_report_base_filename(), "pdf")
            headers["Content-Disposition"] = content_disposition(filename)
        return headers

    @http.route(
        "/my/social_clause_operations/<int:operation_id>/bilans/<int:bilan_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_published_bilan(
        self, operation_id, bilan_id, access_token=None, **kw
    ):
        """A published bilan of the buyer's own operation (the checks of the
        operation page: its buyer or its token, never a draft)."""
        operation_sudo = self._social_clause_buyer_operation(operation_id, access_token)
        if not operation_sudo:
            return request.redirect("/my")
        bilan = (
            request.env["social.clause.bilan"]
            .sudo()
            .search(
                [("id", "=", bilan_id), ("operation_id", "=", operation_sudo.id)],
                limit=1,
            )
        )
        if not bilan.attachment_id:
            return request.redirect(operation_sudo.access_url)
        return self._social_clause_file_response(
            bilan.attachment_id, "datas", document_filename(bilan.name, "pdf")
        )
