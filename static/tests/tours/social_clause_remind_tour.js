/** @odoo-module **/
// Copyright 2026 social_clause contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// A facilitator reminds the firms that have not declared, from the to-do.
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("social_clause_remind_tour", {
    steps: () => [
        {
            content: "Remind now, on the card of the firms that have not declared",
            trigger: ".o_kanban_record .o_social_clause_remind_now",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The notification names the firm without a portal contact to call",
            trigger: ".o_notification:contains('Tour Late Firm'):contains('appelez-les')",
        },
    ],
});
