/** @odoo-module **/
// A facilitator opens an operation, its lots and a lot's calibration.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_backoffice_tour", {
    steps: () => [
        {
            content: "Open the operation from the kanban",
            trigger: ".o_kanban_record:contains('Tour school')",
            run: "click",
        },
        {
            content: "The lots list shows the calibrated hours",
            trigger:
                ".o_field_widget[name=lot_ids] .o_data_row:contains('Tour lot'):contains('800')",
        },
        {
            content: "Open the lots from the smart button",
            trigger: "button[name=action_view_lots]",
            run: "click",
        },
        {
            content: "Open the lot from the list of lots",
            trigger: ".o_list_view .o_data_row td[name=operation_id]:contains('Tour school')",
            run: "click",
        },
        {
            content: "The lot shows its legal basis",
            trigger: ".o_form_view .o_field_widget[name=legal_basis]:contains('L2112-2')",
        },
        {
            content: "The lot shows its calibrated hours",
            trigger: ".o_form_view .o_field_widget[name=hours_calibrated]:contains('800')",
        },
    ],
});
