/** @odoo-module **/
// Copyright 2026 social_clause contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A one-page PDF is enough: the server checks the bytes, not the name.
const PDF_CONTENT = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

registry.category("web_tour.tours").add("social_clause_portal_declare_hours", {
    url: "/my",
    steps: () => [
        {
            content: "Open the social clauses of the firm from the portal home",
            // By its link, not its title: the portal speaks the user's language.
            trigger: ".o_portal_index_card a[href='/my/social_clauses']",
            run: "click",
        },
        {
            content: "Open the commitment",
            trigger: ".o_social_clause_commitment_row a:contains('Tour lot')",
            run: "click",
        },
        {
            content: "Choose the participant placed with the firm",
            trigger: "select[name='participant_id']",
            run: "selectByLabel Tour Participant",
        },
        {
            content: "Choose the previous month",
            trigger: "input[name='month']",
            run() {
                const today = new Date();
                const month = new Date(today.getFullYear(), today.getMonth() - 1, 1);
                this.anchor.value = `${month.getFullYear()}-${String(
                    month.getMonth() + 1
                ).padStart(2, "0")}`;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Enter the hours",
            trigger: "input[name='hours']",
            run: "edit 42",
        },
        {
            content: "Choose the modality",
            trigger: "select[name='modality']",
            run: "select hire_cdi",
        },
        {
            content: "Attach the payslip",
            trigger: "input[name='proof']",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File([PDF_CONTENT], "payslip.pdf", {type: "application/pdf"})
                );
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Submit the hours",
            trigger: ".o_social_clause_declare_submit",
            run: "click",
        },
        {
            content: "The declaration is confirmed",
            trigger: ".o_social_clause_success",
        },
        {
            content: "The hours are listed as submitted",
            trigger:
                ".o_social_clause_hour_row:contains('Tour Participant') " +
                ".o_social_clause_hour_state[data-state='submitted']",
        },
    ],
});
