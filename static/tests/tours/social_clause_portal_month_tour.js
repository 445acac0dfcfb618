/** @odoo-module **/
// Copyright 2026 social_clause contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A one-page PDF is enough: the server checks the bytes, not the name.
const PDF_CONTENT = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

function attach(input, name) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([PDF_CONTENT], name, {type: "application/pdf"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

// A firm declares last month for two of its people in one form, with one
// payroll journal for the month.
registry.category("web_tour.tours").add("social_clause_portal_declare_month", {
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
            content: "The month proposed is the previous one",
            trigger: ".o_social_clause_month_form input[name='month']",
            run() {
                const today = new Date();
                const month = new Date(today.getFullYear(), today.getMonth() - 1, 1);
                const expected = `${month.getFullYear()}-${String(
                    month.getMonth() + 1
                ).padStart(2, "0")}`;
                if (this.anchor.value !== expected) {
                    throw new Error(`month ${this.anchor.value}, expected ${expected}`);
                }
            },
        },
        {
            content: "Hours of the first person",
            trigger: "tr[data-participant='Tour Participant'] input[type='number']",
            run: "edit 42",
        },
        {
            content: "Her modality",
            trigger: "tr[data-participant='Tour Participant'] select",
            run: "select hire_cdi",
        },
        {
            content: "Hours of the second person",
            trigger: "tr[data-participant='Tour Second'] input[type='number']",
            run: "edit 20",
        },
        {
            content: "His modality",
            trigger: "tr[data-participant='Tour Second'] select",
            run: "select provision_etti",
        },
        {
            content: "One proof for the whole month",
            trigger: "input[name='proof_month']",
            run() {
                attach(this.anchor, "journal.pdf");
            },
        },
        {
            content: "Submit the month",
            trigger: ".o_social_clause_month_submit",
            run: "click",
        },
        {
            content: "The declaration is confirmed",
            trigger: ".o_social_clause_success",
        },
        {
            content: "Both lines are listed as submitted",
            trigger:
                ".o_social_clause_hour_row:contains('Tour Second') " +
                ".o_social_clause_hour_state[data-state='submitted']",
        },
    ],
});
