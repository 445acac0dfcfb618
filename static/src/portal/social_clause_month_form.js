/** @odoo-module **/
// Copyright 2026 social_clause contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * The firm's month form: "Add a new person" adds an empty row of a new
 * person (fields hours_new1, new_participant_name_new1...), as many as
 * needed; the server reads them all (controllers/portal.py).
 */
publicWidget.registry.SocialClauseMonthForm = publicWidget.Widget.extend({
    selector: ".o_social_clause_month_form",
    events: {"click .o_social_clause_add_person": "_onAddPerson"},

    _onAddPerson(ev) {
        ev.preventDefault();
        const rows = this.el.querySelectorAll(".o_social_clause_month_row_new");
        const numbers = [...rows].map((row) => parseInt(row.dataset.key.slice(3)) || 0);
        const key = `new${Math.max(...numbers) + 1}`;
        const row = rows[rows.length - 1].cloneNode(true);
        row.dataset.key = key;
        row.querySelectorAll(".form-check").forEach((check) => check.remove());
        row.querySelectorAll("input, select").forEach((input) => {
            input.name = input.name.startsWith("new_participant_name")
                ? `new_participant_name_${key}`
                : `${input.name.replace(/_new[0-9]*$/, "")}_${key}`;
            input.value = "";
        });
        rows[rows.length - 1].after(row);
        row.querySelector("input[type=text]").focus();
    },
});
