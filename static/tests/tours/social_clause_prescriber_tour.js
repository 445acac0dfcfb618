/** @odoo-module **/
// Copyright 2026 social_clause contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

const PDF_CONTENT = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

function attach(input, name) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([PDF_CONTENT], name, {type: "application/pdf"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

// A prescriber proposes a person for an open offer of its area.
registry.category("web_tour.tours").add("social_clause_prescriber_propose", {
    url: "/my",
    steps: () => [
        {
            content: "Open the open offers of the area from the portal home",
            trigger: ".o_portal_index_card a[href='/my/open_offers']",
            run: "click",
        },
        {
            content: "Open the offer",
            trigger: ".o_social_clause_open_offer_row a:contains('Tour coffreur')",
            run: "click",
        },
        {
            content: "Name of the person",
            trigger: ".o_social_clause_propose_form input[name='name']",
            run: "edit Tom Tourné",
        },
        {
            content: "Birth date",
            trigger: ".o_social_clause_propose_form input[name='birth_date']",
            run() {
                this.anchor.value = "1998-06-21";
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "An eligibility criterion",
            trigger: ".o_social_clause_criteria input[type='checkbox']:first",
            run: "click",
        },
        {
            content: "The proof of eligibility",
            trigger: ".o_social_clause_propose_form input[name='proof']",
            run() {
                attach(this.anchor, "attestation.pdf");
            },
        },
        {
            content: "A contact the person agreed to share",
            trigger: ".o_social_clause_propose_form input[name='phone']",
            run: "edit 06 11 22 33 44",
        },
        {
            content: "The person agreed",
            trigger: "#sc_contact_consent",
            run: "click",
        },
        {
            content: "The person was informed of the processing",
            trigger: "#sc_gdpr_informed",
            run: "click",
        },
        {
            content: "Propose",
            trigger: ".o_social_clause_propose_form button[type='submit']",
            run: "click",
        },
        {
            content: "The proposal is listed, being checked",
            trigger:
                ".o_social_clause_proposal_row:contains('Tom T.') .o_social_clause_proposal_status[data-status='to_check']",
        },
    ],
});

// Later, the same prescriber sees that the person was hired.
registry.category("web_tour.tours").add("social_clause_prescriber_sees_hire", {
    url: "/my",
    steps: () => [
        {
            content: "Open the prescriber's proposals",
            trigger: ".o_portal_index_card a[href='/my/proposals']",
            run: "click",
        },
        {
            content: "The person is hired, with the date of hire",
            trigger:
                ".o_social_clause_proposal_row:contains('Tom T.') .o_social_clause_proposal_status[data-status='hired']",
        },
        {
            content: "The date of hire is shown",
            trigger:
                ".o_social_clause_proposal_row:contains('Tom T.') .o_social_clause_proposal_hire",
        },
    ],
});
