/** @odoo-module **/
// A facilitator prints the bilan of the year of an operation from the
// form's Print menu ("Bilan sur une période...").
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_period_bilan_tour", {
    steps: () => [
        {
            content: "Open the actions menu of the operation",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Open the Print submenu",
            trigger: ".o-dropdown--menu button:has(.fa-print)",
            run: "click",
        },
        {
            content: "Choose the bilan for a period",
            trigger: ".o-dropdown--menu .o_menu_item:contains('Bilan sur une période')",
            run: "click",
        },
        {
            content: "Choose the year preset",
            trigger: ".modal .o_field_widget[name=preset] input[data-value=year]",
            run: "click",
        },
        {
            content: "The dates are the first and last day of the year",
            trigger: ".modal .o_field_widget[name=date_to] input:value(/^31\\/12\\//)",
        },
        {
            content: "Print",
            trigger: ".modal button[name=action_print]",
            run: "click",
        },
        {
            content: "The wizard closes once the PDF is downloaded",
            trigger: "body:not(:has(.modal)) .o_form_view",
            // wkhtmltopdf prints during the download: slow on a busy machine.
            timeout: 60000,
        },
    ],
});
