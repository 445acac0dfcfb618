/** @odoo-module **/
// A facilitator opens the "Social Clauses" dashboard: its pivots and charts
// load without error (the tour fails on any console error).
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_dashboard_tour", {
    steps: () => [
        {
            content: "Open the social clauses dashboard",
            trigger: ".o_search_panel_category_value[data-name='Clauses sociales']",
            run: "click",
        },
        {
            content: "The dashboard is the active one",
            trigger: ".o_search_panel_category_value.active[data-name='Clauses sociales']",
        },
        {
            content: "Its sheet and its charts are drawn",
            trigger: ".o_renderer .o-grid canvas, .o_renderer .o-figure",
        },
        {
            content: "No loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status))",
        },
    ],
});
