/** @odoo-module **/
// The facilitator of the second structure opens the operations: hers only.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_multicompany_tour", {
    steps: () => [
        {
            content: "The operation of her structure is listed",
            trigger: ".o_kanban_record:contains('Extension du gymnase Léo Lagrange')",
        },
        {
            content: "No operation of the other structure",
            trigger:
                ".o_kanban_view:not(:has(.o_kanban_record:contains('Jean Jaurès'))):not(:has(.o_kanban_record:contains('Tilleuls')))",
        },
        {
            content: "Open her operation",
            trigger: ".o_kanban_record:contains('Extension du gymnase Léo Lagrange')",
            run: "click",
        },
        {
            content: "Its lot is shown",
            trigger: ".o_field_widget[name=lot_ids] .o_data_row:contains('Gros œuvre')",
        },
    ],
});
