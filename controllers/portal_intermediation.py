# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .portal import SocialClausePortal

OFFER_MODEL = "social.clause.job.offer"
CANDIDACY_MODEL = "social.clause.candidacy"


class SocialClauseIntermediationPortal(SocialClausePortal):
    """Firms answer about the candidates sent to them; prescribers propose
    people for the open offers of their area. Pages read with the user's
    rights (record rules); answers go through checked model methods."""

    # Domains -------------------------------------------------------------------

    def _social_clause_firm_offer_domain(self):
        partner = request.env.user.commercial_partner_id
        return [("partner_id", "=", partner.id), ("state", "!=", "draft")]

    def _social_clause_open_offer_domain(self):
        partner = request.env.user.commercial_partner_id
        return [
            ("state", "=", "open"),
            ("area_code", "in", partner.social_clause_area_code_list or []),
        ]

    def _social_clause_proposal_domain(self):
        # The prescriber field is for facilitators: "own" is checked as
        # superuser on the candidacies the user may read.
        return [("is_own_proposal", "=", True)]

    def _social_clause_count(self, model, domain):
        records = request.env[model]
        return records.search_count(domain) if records.has_access("read") else 0

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "social_clause_job_offer_count" in counters:
            values["social_clause_job_offer_count"] = self._social_clause_count(
                OFFER_MODEL, self._social_clause_firm_offer_domain()
            )
        if "social_clause_open_offer_count" in counters:
            values["social_clause_open_offer_count"] = self._social_clause_count(
                OFFER_MODEL, self._social_clause_open_offer_domain()
            )
        if "social_clause_proposal_count" in counters:
            values["social_clause_proposal_count"] = self._social_clause_count(
                CANDIDACY_MODEL, self._social_clause_proposal_domain()
            )
        return values

    def _social_clause_refused(self, reason, status=403):
        """A page saying why the user may not go further, instead of a
        silent redirect: 403 for a page of someone else, 404 for none."""
        values = self._prepare_portal_layout_values()
        values.update(reason=reason, page_name="social_clause_refused")
        return request.render(
            "social_clause.portal_access_refused", values, status=status
        )

    def _social_clause_not_found(self):
        return self._social_clause_refused(
            _("This page does not exist, or the document was removed."), 404
        )

    def _social_clause_labels(self, model, field):
        records = request.env[model]
        return dict(records._fields[field]._description_selection(request.env))

    # Firms: their offers and the candidates sent to them -----------------------

    @http.route(
        ["/my/job_offers", "/my/job_offers/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_job_offers(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        offers, pager = self._social_clause_page(
            OFFER_MODEL,
            self._social_clause_firm_offer_domain(),
            "date_start desc, id desc",
            "/my/job_offers",
            page,
        )
        # Candidates sent, by offer: the rules count only the firm's own.
        sent = dict(
            request.env[CANDIDACY_MODEL]._read_group(
                [("offer_id", "in", offers.ids)], ["offer_id"], ["__count"]
            )
        )
        values.update(
            offers=offers,
            sent_counts={offer.id: count for offer, count in sent.items()},
            offer_states=self._social_clause_labels(OFFER_MODEL, "state"),
            pager=pager,
            page_name="social_clause_job_offer",
        )
        return request.render("social_clause.portal_my_job_offers", values)

    def _social_clause_offer_values(self, offer_sudo, page=1, **kw):
        candidacies, pager = self._social_clause_page(
            CANDIDACY_MODEL,
            [("offer_id", "=", offer_sudo.id)],
            "sent_date desc, id desc",
            offer_sudo.access_url,
            page,
        )
        values = {
            "offer": offer_sudo,
            "candidacies": candidacies,
            "pager": pager,
            "page_name": "social_clause_job_offer",
            "offer_states": self._social_clause_labels(OFFER_MODEL, "state"),
            "decline_reasons": request.env["social.clause.decline.reason"].search(
                [("firm_can_use", "=", True)]
            ),
        }
        return self._get_page_view_values(
            offer_sudo, None, values, "my_job_offers_history", False, **kw
        )

    def _social_clause_firm_offer(self, offer_id):
        """The offer, if it is one of the user's firm (else None)."""
        try:
            offer_sudo = self._document_check_access(OFFER_MODEL, offer_id)
        except (AccessError, MissingError):
            return None
        firm = request.env.user.commercial_partner_id
        if offer_sudo.partner_id.commercial_partner_id != firm:
            return None
        return offer_sudo

    def _social_clause_firm_offer_refused(self, offer_id):
        if not request.env[OFFER_MODEL].sudo().browse(offer_id).exists():
            return self._social_clause_not_found()
        return self._social_clause_refused(
            _("This job offer is not one of your firm's: you cannot open it.")
        )

    @http.route(
        [
            "/my/job_offers/<int:offer_id>",
            "/my/job_offers/<int:offer_id>/page/<int:page>",
        ],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_job_offer(self, offer_id, page=1, answered=None, **kw):
        offer_sudo = self._social_clause_firm_offer(offer_id)
        if not offer_sudo:
            return self._social_clause_firm_offer_refused(offer_id)
        values = self._social_clause_offer_values(offer_sudo, page=page)
        if answered:
            values["success"] = _("Your answer was sent to the facilitator.")
        return request.render("social_clause.portal_my_job_offer", values)

    @http.route(
        "/my/job_offers/candidacy/<int:candidacy_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_candidacy_answer(self, candidacy_id, **post):
        candidacy = request.env[CANDIDACY_MODEL].browse(candidacy_id)
        try:
            candidacy._portal_check_firm_user()
        except MissingError:
            return self._social_clause_not_found()
        except AccessError:
            return self._social_clause_refused(
                _("This candidate was not sent to your firm: you cannot answer.")
            )
        offer_sudo = candidacy.sudo().offer_id
        try:
            candidacy._portal_firm_answer(post)
        except UserError as error:
            values = self._social_clause_offer_values(offer_sudo)
            values.update(error=error.args[0], error_candidacy_id=candidacy.id)
            return request.render("social_clause.portal_my_job_offer", values)
        return request.redirect(f"{offer_sudo.access_url}?answered=1")

    @http.route(
        "/my/job_offers/candidacy/<int:candidacy_id>/cv",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_candidacy_cv(self, candidacy_id, **kw):
        candidacy = request.env[CANDIDACY_MODEL].browse(candidacy_id)
        try:
            candidacy.check_access("read")
        except MissingError:
            return self._social_clause_not_found()
        except AccessError:
            return self._social_clause_refused(
                _("This CV is not one of your candidates': you cannot open it.")
            )
        candidacy_sudo = candidacy.sudo()
        if not candidacy_sudo.cv_file:
            return request.not_found()
        return self._social_clause_file_response(
            candidacy_sudo, "cv_file", candidacy_sudo.cv_filename or "cv.pdf"
        )

    # Prescribers: open offers of their area and their proposals --------------

    @http.route(
        ["/my/open_offers", "/my/open_offers/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_open_offers(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        offers, pager = self._social_clause_page(
            OFFER_MODEL,
            self._social_clause_open_offer_domain(),
            "date_start, id",
            "/my/open_offers",
            page,
        )
        values.update(
            offers=offers.sudo(),
            pager=pager,
            page_name="social_clause_open_offer",
        )
        return request.render("social_clause.portal_my_open_offers", values)

    def _social_clause_open_offer_values(self, offer_sudo, form=None, **kw):
        values = self._prepare_portal_layout_values()
        form = form or {}
        values.update(
            offer=offer_sudo,
            page_name="social_clause_open_offer",
            form=form,
            checked_criteria={str(value) for value in form.get("criterion_ids") or ()},
            criteria=request.env["social.clause.criterion"]
            .sudo()
            .search([("active", "=", True)]),
            qualification_levels=self._social_clause_labels(
                OFFER_MODEL, "qualification_level"
            ),
        )
        return values

    def _social_clause_open_offer(self, offer_id):
        """``(offer as superuser, None)`` when the user may propose people
        for it, else ``(None, the refused page)``."""
        partner = request.env.user.commercial_partner_id
        Offer = request.env[OFFER_MODEL]
        if not partner._is_social_clause_prescriber():
            return None, self._social_clause_refused(
                _(
                    "Only prescribers (France Travail, Mission Locale, Cap Emploi, "
                    "PLIE, SIAE) may propose people for the job offers."
                )
            )
        offer_sudo = Offer.sudo().browse(offer_id).exists()
        if not offer_sudo:
            return None, self._social_clause_not_found()
        if offer_sudo.area_code not in (partner.social_clause_area_code_list or []):
            return None, self._social_clause_refused(
                _(
                    "This job offer is outside your area: you cannot propose "
                    "people for it."
                )
            )
        if offer_sudo.state != "open":
            return None, self._social_clause_refused(
                _(
                    "The offer %(name)s is closed: it takes no more proposals.",
                    name=offer_sudo.name,
                )
            )
        try:
            offer_sudo = self._document_check_access(OFFER_MODEL, offer_id)
        except (AccessError, MissingError):
            return None, self._social_clause_refused(
                _("You may not open this job offer.")
            )
        return offer_sudo, None

    @http.route(
        "/my/open_offers/<int:offer_id>", type="http", auth="user", website=True
    )
    def portal_my_open_offer(self, offer_id, **kw):
        offer_sudo, refused = self._social_clause_open_offer(offer_id)
        if refused:
            return refused
        return request.render(
            "social_clause.portal_my_open_offer",
            self._social_clause_open_offer_values(offer_sudo),
        )

    @http.route(
        "/my/open_offers/<int:offer_id>/propose",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_open_offer_propose(self, offer_id, **post):
        offer_sudo, refused = self._social_clause_open_offer(offer_id)
        if refused:
            return refused
        offer = request.env[OFFER_MODEL].browse(offer_sudo.id)
        files = request.httprequest.files
        proofs = [(f.filename or "proof", f.read()) for f in files.getlist("proof")]
        cvs = [(f.filename or "cv", f.read()) for f in files.getlist("cv")]
        post = dict(
            post, criterion_ids=request.httprequest.form.getlist("criterion_ids")
        )
        try:
            offer._portal_propose_candidate(post, proofs, cvs)
        except AccessError as error:
            return self._social_clause_refused(error.args[0])
        except UserError as error:
            values = self._social_clause_open_offer_values(offer_sudo, form=post)
            values["error"] = error.args[0]
            return request.render("social_clause.portal_my_open_offer", values)
        return request.redirect("/my/proposals?proposed=1")

    @http.route(
        ["/my/proposals", "/my/proposals/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_proposals(self, page=1, proposed=None, **kw):
        values = self._prepare_portal_layout_values()
        candidacies, pager = self._social_clause_page(
            CANDIDACY_MODEL,
            self._social_clause_proposal_domain(),
            "id desc",
            "/my/proposals",
            page,
        )
        values.update(
            candidacies=candidacies,
            outcomes=candidacies._portal_prescriber_outcomes(),
            pager=pager,
            statuses=self._social_clause_labels(CANDIDACY_MODEL, "prescriber_status"),
            page_name="social_clause_proposal",
        )
        if proposed:
            values["success"] = _(
                "Your proposal was sent: the facilitator will check it."
            )
        return request.render("social_clause.portal_my_proposals", values)
