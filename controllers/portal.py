# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from dateutil.relativedelta import relativedelta

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.common import format_hours

COMMITMENT_MODEL = "social.clause.commitment"
MONTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}", re.ASCII)
# A row of a new person the firm added to the month's form: hours_new3.
NEW_ROW_RE = re.compile(
    r"(?:hours|new_participant_name)_new([1-9][0-9]{0,2})", re.ASCII
)
OPERATION_MODEL = "social.clause.operation"


class SocialClausePortal(CustomerPortal):
    # Counters on /my -------------------------------------------------------------

    def _social_clause_commitment_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("partner_id", "=", partner.id)]

    def _social_clause_operation_domain(self):
        partner = request.env.user.commercial_partner_id
        # A draft operation is the facilitator's work in progress.
        return [("buyer_id", "=", partner.id), ("state", "!=", "draft")]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "social_clause_commitment_count" in counters:
            commitments = request.env[COMMITMENT_MODEL]
            values["social_clause_commitment_count"] = (
                commitments.search_count(self._social_clause_commitment_domain())
                if commitments.has_access("read")
                else 0
            )
        if "social_clause_operation_count" in counters:
            operations = request.env[OPERATION_MODEL]
            values["social_clause_operation_count"] = (
                operations.search_count(self._social_clause_operation_domain())
                if operations.has_access("read")
                else 0
            )
        return values

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # Hours as the firm writes them, in its language: "50,5 h".
        values["sc_hours"] = lambda hours: format_hours(hours, request.env)
        return values

    @http.route()
    def home(self, **kw):
        """/my: a late firm is told there which months it has to declare."""
        response = super().home(**kw)
        if hasattr(response, "qcontext"):
            response.qcontext["social_clause_late"] = self._social_clause_late()
        return response

    def _social_clause_late(self):
        """``[(commitment (superuser), texts)]`` of the user's firm's
        commitments with months not declared."""
        commitments = request.env[COMMITMENT_MODEL]
        if not commitments.has_access("read"):
            return []
        commitments = commitments.search(self._social_clause_commitment_domain())
        texts = commitments._get_declaration_texts()
        return [
            (commitment, texts[commitment.id])
            for commitment in commitments.sudo()
            if texts[commitment.id]["count"]
        ]

    # Firms: commitments ------------------------------------------------------------

    def _get_social_clause_commitment_sortings(self):
        return {
            "newest": {"label": _("Newest"), "order": "id desc"},
            "operation": {
                "label": _("Operation"),
                "order": "operation_id, lot_id, id",
            },
            "progress": {"label": _("Progress"), "order": "progress desc, id desc"},
        }

    def _social_clause_page(self, model, domain, order, url, page, url_args=None):
        """One page of a portal list and its pager (every list of the
        module's portal), read with the user's rights."""
        records = request.env[model]
        pager = portal_pager(
            url=url,
            url_args=url_args,
            total=records.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = records.search(
            domain, order=order, limit=self._items_per_page, offset=pager["offset"]
        )
        return records, pager

    @staticmethod
    def _social_clause_file_response(record_sudo, field, filename):
        """Download of a file field (a CV, a published bilan), streamed by
        Odoo's ir.binary as any other download of the portal."""
        return (
            request.env["ir.binary"]
            ._get_stream_from(record_sudo, field, filename=filename)
            .get_response(as_attachment=True)
        )

    def _social_clause_list(
        self, model, domain, sortings, sortby, page, url, history_key
    ):
        """One page of a sorted portal list, with its pager; the records are
        read with the user's rights."""
        if sortby not in sortings:
            sortby = "newest"
        records, pager = self._social_clause_page(
            model, domain, sortings[sortby]["order"], url, page, {"sortby": sortby}
        )
        request.session[history_key] = records.ids[:100]
        return records, {
            "pager": pager,
            "default_url": url,
            "searchbar_sortings": sortings,
            "sortby": sortby,
        }

    @http.route(
        ["/my/social_clauses", "/my/social_clauses/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clauses(self, page=1, sortby=None, **kw):
        values = self._prepare_portal_layout_values()
        commitments, list_values = self._social_clause_list(
            COMMITMENT_MODEL,
            self._social_clause_commitment_domain(),
            self._get_social_clause_commitment_sortings(),
            sortby,
            page,
            "/my/social_clauses",
            "my_social_clauses_history",
        )
        values.update(
            list_values,
            # Proven readable by the search above; the firm cannot read the
            # operation or the buyer themselves.
            commitments=commitments.sudo(),
            page_name="social_clause",
        )
        return request.render("social_clause.portal_my_social_clauses", values)

    def _social_clause_commitment_values(
        self, commitment_sudo, access_token, page=1, **kwargs
    ):
        hours = request.env["social.clause.hour"].sudo()
        domain = [("commitment_id", "=", commitment_sudo.id)]
        url = commitment_sudo.access_url
        today = fields.Date.context_today(commitment_sudo)
        pager = portal_pager(
            url=url,
            total=hours.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        lines = hours.search(domain, limit=self._items_per_page, offset=pager["offset"])
        values = {
            "commitment": commitment_sudo,
            "page_name": "social_clause",
            "lines": lines,
            "pager": pager,
            "hour_states": dict(
                hours._fields["state"]._description_selection(request.env)
            ),
            "modalities": dict(
                hours._fields["modality"]._description_selection(request.env)
            ),
            "modality_options": commitment_sudo._portal_modality_options(),
            "can_declare": commitment_sudo.with_user(
                request.env.user
            )._portal_can_declare(),
            "participants": commitment_sudo._portal_placed_participants(),
            "current_month": today.strftime("%Y-%m"),
            "default_month": (today.replace(day=1) - relativedelta(months=1)).strftime(
                "%Y-%m"
            ),
            "hours_left": commitment_sudo._portal_hours_left(),
            "date_end": commitment_sudo.lot_id.date_end
            or commitment_sudo.operation_id.date_end,
            "form": {},
            "month_form": {},
            "edit_form": {},
            "edit_line_id": None,
        }
        # The same totals as the attestation and the bilan, by state.
        values["summary"] = commitment_sudo._get_hours_summary(by_state=True)
        values["declaration"] = commitment_sudo.with_user(
            request.env.user
        )._get_declaration_texts()[commitment_sudo.id]
        values["sc_hours"] = lambda hours: format_hours(hours, request.env)
        return self._get_page_view_values(
            commitment_sudo,
            access_token,
            values,
            "my_social_clauses_history",
            False,
            **kwargs,
        )

    @http.route(
        [
            "/my/social_clauses/<int:commitment_id>",
            "/my/social_clauses/<int:commitment_id>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause(
        self, commitment_id, page=1, access_token=None, declared=None, **kw
    ):
        commitment_sudo, __ = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        values = self._social_clause_commitment_values(
            commitment_sudo, access_token, page=page
        )
        month = str(kw.get("month") or "")
        if MONTH_RE.fullmatch(month):
            # From the late banner: the month form opens on that month.
            values["month_form"] = {"month": month}
        if declared:
            values["success"] = _(
                "Your hours were submitted: the facilitator will validate them."
            )
        elif kw.get("done") in self._SOCIAL_CLAUSE_DONE_MESSAGES:
            values["success"] = self._SOCIAL_CLAUSE_DONE_MESSAGES[kw["done"]]()
        return request.render("social_clause.portal_my_social_clause", values)

    @http.route(
        "/my/social_clauses/<int:commitment_id>/declare",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_declare(self, commitment_id, access_token=None, **post):
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        files = self._social_clause_files("proof")
        return self._social_clause_firm_post(
            commitment_sudo,
            access_token,
            lambda: commitment._portal_declare_hours(post, files),
            "declared=1",
            form=post,
            month_form=self._social_clause_month_form_of(post),
            choose_file_again=bool(files),
        )

    @http.route(
        "/my/social_clauses/<int:commitment_id>/attestation",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_attestation(
        self, commitment_id, access_token=None, **kw
    ):
        """The attestation PDF of the firm's own commitment, the same the
        facilitator prints (social.clause.commitment._get_hours_summary)."""
        commitment_sudo, __ = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        return self._show_report(
            model=commitment_sudo,
            report_type="pdf",
            report_ref="social_clause.action_report_commitment_attestation",
            download=True,
        )

    # Firms: the month in one go, the file, corrections ---------------------------

    _SOCIAL_CLAUSE_DONE_MESSAGES = {
        "month": lambda: _(
            "Your hours of the month were submitted: the facilitator will "
            "validate them."
        ),
        "updated": lambda: _("The hours were corrected."),
        "withdrawn": lambda: _("The hours were withdrawn."),
    }

    def _social_clause_firm_commitment(self, commitment_id, access_token=None):
        """The commitment (superuser) and the same in the user's environment,
        or None when it is not the user's."""
        try:
            commitment_sudo = self._document_check_access(
                COMMITMENT_MODEL, commitment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None, None
        return commitment_sudo, commitment_sudo.with_user(request.env.user).sudo(False)

    @staticmethod
    def _social_clause_month_form_of(post):
        """The one-person declaration's values, as the month's form shows
        them again after an error."""
        key = str(post.get("participant_id") or "new")
        form = {
            "month": post.get("month"),
            f"hours_{key}": post.get("hours"),
            f"modality_{key}": post.get("modality"),
        }
        if key == "new":
            form["new_participant_name"] = post.get("new_participant_name")
        return form

    @staticmethod
    def _social_clause_new_row_keys(post):
        """The keys of the month form's rows of new people: ``new``, then
        ``new1``, ``new2``... as the firm added them (at most 50)."""
        numbers = set()
        for field in post:
            match = NEW_ROW_RE.fullmatch(field)
            if match:
                numbers.add(int(match.group(1)))
        return ["new"] + [f"new{number}" for number in sorted(numbers)[:50]]

    @staticmethod
    def _social_clause_files(name):
        return [
            (upload.filename or "proof", upload.read())
            for upload in request.httprequest.files.getlist(name)
            if upload.filename
        ]

    def _social_clause_render_error(
        self, commitment_sudo, access_token, error, **extra
    ):
        values = self._social_clause_commitment_values(commitment_sudo, access_token)
        values["error"] = error
        values.update(extra)
        # The rows of new people the firm added come back with what it typed.
        values["new_row_keys"] = self._social_clause_new_row_keys(
            values.get("month_form") or {}
        )
        return request.render("social_clause.portal_my_social_clause", values)

    def _social_clause_firm_post(
        self, commitment_sudo, access_token, change, done, **error_values
    ):
        """Run a firm's change of its hours (``change()``, which calls the
        commitment's method in the user's environment) and answer as every
        firm form does: its page with the ``done`` message, its page again
        with the French error and ``error_values`` (what was typed), or /my
        for what is not the firm's."""
        try:
            change()
        except (AccessError, MissingError):
            return request.redirect("/my")
        except UserError as error:
            return self._social_clause_render_error(
                commitment_sudo, access_token, error.args[0], **error_values
            )
        return request.redirect(f"{commitment_sudo.access_url}?{done}#hours")

    @http.route(
        "/my/social_clauses/<int:commitment_id>/declare_month",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_declare_month(
        self, commitment_id, access_token=None, **post
    ):
        """One form for the month: a row per person placed with the firm
        (``hours_<id>``, ``modality_<id>``, file ``proof_<id>``), a row for a
        new person (``..._new`` and ``new_participant_name``) and one file
        for the whole month (``proof_month``)."""
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        rows = []
        files_given = False
        for participant in commitment_sudo._portal_placed_participants():
            key = str(participant.id)
            files = self._social_clause_files(f"proof_{key}")
            files_given = files_given or bool(files)
            rows.append(
                {
                    "participant_id": key,
                    "label": participant.name,
                    "hours": post.get(f"hours_{key}"),
                    "modality": post.get(f"modality_{key}"),
                    "files": files,
                }
            )
        for key in self._social_clause_new_row_keys(post):
            new_files = self._social_clause_files(f"proof_{key}")
            files_given = files_given or bool(new_files)
            name_field = (
                "new_participant_name"
                if key == "new"
                else f"new_participant_name_{key}"
            )
            rows.append(
                {
                    "participant_id": "new",
                    "new_participant_name": post.get(name_field),
                    "hours": post.get(f"hours_{key}"),
                    "modality": post.get(f"modality_{key}"),
                    "confirmed_new": post.get(f"confirmed_{key}"),
                    "files": new_files,
                }
            )
        month_files = self._social_clause_files("proof_month")
        files_given = files_given or bool(month_files)
        return self._social_clause_firm_post(
            commitment_sudo,
            access_token,
            lambda: commitment._portal_declare_month(
                post.get("month"), rows, month_files
            ),
            "done=month",
            month_form=post,
            choose_file_again=files_given,
        )

    @http.route(
        "/my/social_clauses/<int:commitment_id>/import",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_import(self, commitment_id, access_token=None, **post):
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        upload = request.httprequest.files.get("hours_file")
        filename = (upload.filename if upload else "") or ""
        content = upload.read() if upload and upload.filename else b""
        try:
            created, report = commitment._portal_import_hours(
                filename, content, self._social_clause_files("proof_file")
            )
        except AccessError:
            return request.redirect("/my")
        except UserError as error:
            return self._social_clause_render_error(
                commitment_sudo,
                access_token,
                error.args[0],
                choose_file_again=bool(content),
            )
        values = self._social_clause_commitment_values(commitment_sudo, access_token)
        values.update(import_report=report, import_done=bool(created))
        return request.render("social_clause.portal_my_social_clause", values)

    @http.route(
        "/my/social_clauses/<int:commitment_id>/import_template",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_import_template(
        self, commitment_id, access_token=None, **kw
    ):
        commitment_sudo, _commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        # The firm's own template: its people, its lot, its SIRET, its month.
        content = (
            request.env["social.clause.hour.import"]
            .sudo()
            ._template_content(commitment=commitment_sudo)
        )
        return self._social_clause_xlsx_response(
            content, _("insertion_hours_template") + ".xlsx"
        )

    @http.route(
        "/my/social_clauses/<int:commitment_id>/hours/<int:line_id>/update",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_update_line(
        self, commitment_id, line_id, access_token=None, **post
    ):
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        files = self._social_clause_files("proof")
        return self._social_clause_firm_post(
            commitment_sudo,
            access_token,
            lambda: commitment._portal_update_line(line_id, post, files),
            "done=updated",
            edit_line_id=line_id,
            edit_form=post,
            choose_file_again=bool(files),
        )

    @http.route(
        "/my/social_clauses/<int:commitment_id>/hours/<int:line_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_withdraw_line(
        self, commitment_id, line_id, access_token=None, **post
    ):
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        return self._social_clause_firm_post(
            commitment_sudo,
            access_token,
            lambda: commitment._portal_withdraw_line(line_id),
            "done=withdrawn",
        )

    @http.route(
        "/my/social_clauses/<int:commitment_id>/proof/<int:attachment_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_proof(
        self, commitment_id, attachment_id, access_token=None, **kw
    ):
        commitment_sudo, commitment = self._social_clause_firm_commitment(
            commitment_id, access_token
        )
        if not commitment_sudo:
            return request.redirect("/my")
        try:
            attachment = commitment._portal_get_proof(attachment_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return (
            request.env["ir.binary"]
            ._get_stream_from(attachment)
            .get_response(as_attachment=False)
        )

    # Buyers: operations ------------------------------------------------------------

    def _get_social_clause_operation_sortings(self):
        return {
            "newest": {"label": _("Newest"), "order": "date_start desc, id desc"},
            "name": {"label": _("Name"), "order": "name, id"},
            "progress": {"label": _("Progress"), "order": "progress desc, id desc"},
        }

    @http.route(
        [
            "/my/social_clause_operations",
            "/my/social_clause_operations/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_operations(self, page=1, sortby=None, **kw):
        values = self._prepare_portal_layout_values()
        operations, list_values = self._social_clause_list(
            OPERATION_MODEL,
            self._social_clause_operation_domain(),
            self._get_social_clause_operation_sortings(),
            sortby,
            page,
            "/my/social_clause_operations",
            "my_social_clause_operations_history",
        )
        values.update(
            list_values,
            operations=operations.sudo(),
            participant_counts=operations.sudo()._portal_buyer_participant_counts(),
            page_name="social_clause_operation",
        )
        return request.render(
            "social_clause.portal_my_social_clause_operations", values
        )

    def _social_clause_buyer_operation(self, operation_id, access_token=None):
        """The operation (superuser) when the user is its buyer (or holds its
        token), else None. A draft is the facilitator's work in progress:
        never shown, even through a token (the record rule hides it from the
        buyer too)."""
        try:
            operation_sudo = self._document_check_access(
                OPERATION_MODEL, operation_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None
        return operation_sudo if operation_sudo.state != "draft" else None

    @staticmethod
    def _social_clause_xlsx_response(content, filename):
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument"
                    ".spreadsheetml.sheet",
                ),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    @http.route(
        "/my/social_clause_operations/<int:operation_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_operation(self, operation_id, access_token=None, **kw):
        operation_sudo = self._social_clause_buyer_operation(operation_id, access_token)
        if not operation_sudo:
            return request.redirect("/my")
        figures = operation_sudo._portal_buyer_figures()
        values = {
            "operation": operation_sudo,
            "page_name": "social_clause_operation",
            # Masked like every count of people a buyer reads.
            "participant_count": figures["people"]["total"],
            "figures": figures,
        }
        values = self._get_page_view_values(
            operation_sudo,
            access_token,
            values,
            "my_social_clause_operations_history",
            False,
            **kw,
        )
        return request.render("social_clause.portal_my_social_clause_operation", values)

    @http.route(
        "/my/social_clause_operations/<int:operation_id>/bilan",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_operation_bilan(
        self, operation_id, access_token=None, **kw
    ):
        """The bilan PDF of the buyer's own operation (whole operation), the
        same the facilitator prints (operation._get_bilan_data)."""
        operation_sudo = self._social_clause_buyer_operation(operation_id, access_token)
        if not operation_sudo:
            return request.redirect("/my")
        return self._show_report(
            model=operation_sudo,
            report_type="pdf",
            report_ref="social_clause.action_report_operation_bilan",
            download=True,
        )

    @http.route(
        "/my/social_clause_operations/<int:operation_id>/xlsx",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_operation_xlsx(
        self, operation_id, access_token=None, **kw
    ):
        operation_sudo = self._social_clause_buyer_operation(operation_id, access_token)
        if not operation_sudo:
            return request.redirect("/my")
        filename, content = operation_sudo._portal_buyer_xlsx()
        return self._social_clause_xlsx_response(content, filename)
