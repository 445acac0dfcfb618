/** @odoo-module **/
// The module's refusals (SocialClauseError, models/common.py) open the usual
// warning dialog, titled in the facilitator's words rather than "Invalid
// Operation" ("Opération invalide" reads as an invalid works operation here).
import {_t} from "@web/core/l10n/translation";
import {WarningDialog, odooExceptionTitleMap} from "@web/core/errors/error_dialogs";
import {registry} from "@web/core/registry";

const SOCIAL_CLAUSE_ERROR = "odoo.addons.social_clause.models.common.SocialClauseError";

odooExceptionTitleMap.set(SOCIAL_CLAUSE_ERROR, _t("Action not possible"));
registry.category("error_dialogs").add(SOCIAL_CLAUSE_ERROR, WarningDialog);
