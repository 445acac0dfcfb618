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

function monthKey(offset) {
    const today = new Date();
    const month = new Date(today.getFullYear(), today.getMonth() - offset, 1);
    return `${month.getFullYear()}-${String(month.getMonth() + 1).padStart(2, "0")}`;
}

// A late firm reads on /my which months it has not declared, opens the
// oldest from the banner, declares it (with a new person added by a row),
// then the second one: the banner is gone.
registry.category("web_tour.tours").add("social_clause_portal_late_firm", {
    url: "/my",
    steps: () => [
        {
            content: "The /my banner lists the months not declared",
            trigger: `.o_social_clause_late_banner a.o_social_clause_late_month[data-month='${monthKey(2)}']`,
            run: "click",
        },
        {
            content: "The month form opens on that month",
            trigger: ".o_social_clause_month_form input[name='month']",
            run() {
                if (this.anchor.value !== monthKey(2)) {
                    throw new Error(`month ${this.anchor.value}, expected ${monthKey(2)}`);
                }
            },
        },
        {
            content: "Hours of the person placed with the firm",
            trigger: "tr[data-participant='Late Person'] input[type='number']",
            run: "edit 70",
        },
        {
            content: "Her modality",
            trigger: "tr[data-participant='Late Person'] select",
            run: "select hire_cdd",
        },
        {
            content: "Add a row for a new person",
            trigger: ".o_social_clause_add_person",
            run: "click",
        },
        {
            content: "Name of the second new person",
            trigger: "input[name='new_participant_name_new1']",
            run: "edit Zoé Nouvelle",
        },
        {
            content: "Her hours",
            trigger: "input[name='hours_new1']",
            run: "edit 35",
        },
        {
            content: "Her modality",
            trigger: "select[name='modality_new1']",
            run: "select hire_cdd",
        },
        {
            content: "One proof for the month",
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
            content: "Confirmed",
            trigger: ".o_social_clause_success",
        },
        {
            content: "Open last month from the banner of the commitment",
            trigger: `.o_social_clause_late_banner a.o_social_clause_late_month[data-month='${monthKey(1)}']`,
            run: "click",
        },
        {
            content: "Hours of last month",
            trigger: "tr[data-participant='Late Person'] input[type='number']",
            run: "edit 80",
        },
        {
            content: "Her modality",
            trigger: "tr[data-participant='Late Person'] select",
            run: "select hire_cdd",
        },
        {
            content: "Her payslip",
            trigger: "tr[data-participant='Late Person'] input[type='file']",
            run() {
                attach(this.anchor, "payslip.pdf");
            },
        },
        {
            content: "Submit the month",
            trigger: ".o_social_clause_month_submit",
            run: "click",
        },
        {
            content: "Nothing is late any more",
            trigger: ".o_social_clause_success",
        },
        {
            content: "No banner left",
            trigger: ".o_social_clause_portal_commitment:not(:has(.o_social_clause_late_banner))",
        },
    ],
});
