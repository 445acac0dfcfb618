# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.social_clause_modality import HOUR_MODALITIES

COMMITMENT_MODEL = "social.clause.commitment"
OPERATION_MODEL = "social.clause.operation"


class SocialClausePortal(CustomerPortal):
    # Counters on /my -------------------------------------------------------------

    def _social_clause_commitment_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("partner_id", "=", partner.id)]

    def _social_clause_operation_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("buyer_id", "=", partner.id)]

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

    def _social_clause_list(
        self, model, domain, sortings, sortby, page, url, history_key
    ):
        """One page of a sorted portal list, with its pager; the records are
        read with the user's rights."""
        records = request.env[model]
        if sortby not in sortings:
            sortby = "newest"
        pager = portal_pager(
            url=url,
            url_args={"sortby": sortby},
            total=records.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = records.search(
            domain,
            order=sortings[sortby]["order"],
            limit=self._items_per_page,
            offset=pager["offset"],
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

    def _social_clause_hour_summary(self, commitment_sudo):
        """Hours of the commitment by month, modality and participant: a
        constant number of queries whatever the number of lines."""
        hours = request.env["social.clause.hour"].sudo()
        domain = [("commitment_id", "=", commitment_sudo.id)]

        def totals_by(groupby):
            totals = defaultdict(lambda: defaultdict(float))
            for key, state, total in hours._read_group(
                domain, [groupby, "state"], ["hours:sum"]
            ):
                totals[key][state] += total
            return totals

        by_month = totals_by("date:month")
        by_modality = totals_by("modality")
        by_participant = totals_by("participant_id")
        return {
            "hours_by_month": sorted(by_month.items(), reverse=True),
            "hours_by_modality": sorted(by_modality.items()),
            "hours_by_participant": sorted(
                by_participant.items(), key=lambda item: item[0].name
            ),
        }

    def _social_clause_commitment_values(
        self, commitment_sudo, access_token, page=1, **kwargs
    ):
        hours = request.env["social.clause.hour"].sudo()
        domain = [("commitment_id", "=", commitment_sudo.id)]
        url = commitment_sudo.access_url
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
            "modality_options": [code for code, _label in HOUR_MODALITIES],
            "can_declare": commitment_sudo.with_user(
                request.env.user
            )._portal_can_declare(),
            "participants": commitment_sudo._portal_placed_participants(),
            "current_month": fields.Date.context_today(commitment_sudo).strftime(
                "%Y-%m"
            ),
            "form": {},
        }
        values.update(self._social_clause_hour_summary(commitment_sudo))
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
        try:
            commitment_sudo = self._document_check_access(
                COMMITMENT_MODEL, commitment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._social_clause_commitment_values(
            commitment_sudo, access_token, page=page
        )
        if declared:
            values["success"] = _(
                "Your hours were submitted: the facilitator will validate them."
            )
        return request.render("social_clause.portal_my_social_clause", values)

    @http.route(
        "/my/social_clauses/<int:commitment_id>/declare",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_social_clause_declare(self, commitment_id, access_token=None, **post):
        try:
            commitment_sudo = self._document_check_access(
                COMMITMENT_MODEL, commitment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        commitment = commitment_sudo.with_user(request.env.user).sudo(False)
        files = [
            (upload.filename or "proof", upload.read())
            for upload in request.httprequest.files.getlist("proof")
        ]
        try:
            commitment._portal_declare_hours(post, files)
        except AccessError:
            return request.redirect("/my")
        except UserError as error:
            values = self._social_clause_commitment_values(
                commitment_sudo, access_token
            )
            values["error"] = error.args[0]
            values["form"] = post
            return request.render("social_clause.portal_my_social_clause", values)
        return request.redirect(f"{commitment_sudo.access_url}?declared=1#hours")

    @http.route(
        "/my/social_clauses/<int:commitment_id>/attestation",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_attestation(
        self, commitment_id, access_token=None, **kw
    ):
        try:
            commitment_sudo = self._document_check_access(
                COMMITMENT_MODEL, commitment_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        hours = request.env["social.clause.hour"].sudo()
        domain = [
            ("commitment_id", "=", commitment_sudo.id),
            ("is_counted", "=", True),
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "commitment": commitment_sudo,
                "page_name": "social_clause_attestation",
                "counted_by_modality": hours._read_group(
                    domain, ["modality"], ["hours:sum"], order="modality"
                ),
                "counted_by_participant": sorted(
                    hours._read_group(domain, ["participant_id"], ["hours:sum"]),
                    key=lambda item: item[0].name,
                ),
                "modalities": dict(
                    hours._fields["modality"]._description_selection(request.env)
                ),
                "today": fields.Date.context_today(commitment_sudo),
            }
        )
        return request.render("social_clause.portal_social_clause_attestation", values)

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
            participant_counts=self._social_clause_participant_counts(operations),
            page_name="social_clause_operation",
        )
        return request.render(
            "social_clause.portal_my_social_clause_operations", values
        )

    def _social_clause_participant_counts(self, operations):
        """Distinct participants whose hours count, by operation id."""
        groups = (
            request.env["social.clause.hour"]
            .sudo()
            ._read_group(
                [("operation_id", "in", operations.ids), ("is_counted", "=", True)],
                ["operation_id"],
                ["participant_id:count_distinct"],
            )
        )
        return {operation.id: count for operation, count in groups}

    @http.route(
        "/my/social_clause_operations/<int:operation_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_social_clause_operation(self, operation_id, access_token=None, **kw):
        try:
            operation_sudo = self._document_check_access(
                OPERATION_MODEL, operation_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = {
            "operation": operation_sudo,
            "page_name": "social_clause_operation",
            "participant_count": self._social_clause_participant_counts(
                operation_sudo
            ).get(operation_sudo.id, 0),
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
