/** @odoo-module **/
// A facilitator opens the hours to validate from the to-do home, validates
// them all and reads which ones could not be validated, and why.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_todo_tour", {
    steps: () => [
        {
            content: "Open the hours to validate from the to-do home",
            trigger: ".o_kanban_record:contains('Heures à valider')",
            run: "click",
        },
        {
            content: "The list says beforehand which line cannot be validated",
            trigger:
                ".o_list_view .o_data_row:contains('Tour Proposée'):contains('vérifiez d'abord son éligibilité')",
        },
        {
            content: "Months read as months",
            trigger: ".o_list_view .o_data_row:contains('Tour Éligible') td[name=month_label]",
        },
        {
            content: "Select all the lines",
            trigger: ".o_list_view thead .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Validate them",
            trigger: "button[name=action_validate]",
            run: "click",
        },
        {
            content: "The report names the person, the month and the reason",
            trigger:
                ".modal .o_field_widget[name=blocked_hour_ids] .o_data_row:contains('Tour Proposée'):contains('vérifiez d'abord son éligibilité')",
        },
        {
            content: "Close the report",
            trigger: ".modal-footer button.btn-primary:contains('Fermer')",
            run: "click",
        },
        {
            content: "The line that could not be validated is still to validate",
            trigger:
                ".o_list_view:not(:has(.o_data_row:contains('Tour Éligible'))) .o_data_row:contains('Tour Proposée')",
        },
    ],
});
