# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Multi-company rules changed in 18.0.1.2.0: they apply to internal users
only (a firm, buyer or prescriber working for several structures sees its
records of all of them on the portal, scoped by its own rules) and accept
records without a company, as Odoo 18's own rules. Their files are
``noupdate``: an update would keep the old rules, so the rules still as
18.0.1.1.0 shipped them are rewritten here (a rule a user changed is kept).
"""

from odoo import SUPERUSER_ID, Command, api

OLD_DOMAIN = "[('company_id', 'in', company_ids)]"
NEW_DOMAIN = "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"
COMPANY_RULES = (
    "rule_operation_company",
    "rule_lot_company",
    "rule_commitment_company",
    "rule_participant_company",
    "rule_hour_company",
    "rule_outcome_company",
    "rule_hour_analysis_company",
    "rule_lot_analysis_company",
    "rule_participant_analysis_company",
    "rule_action_company",
    "rule_job_offer_company",
    "rule_candidacy_company",
    "rule_partnership_company",
    "rule_training_company",
    "rule_training_attendance_company",
    "rule_training_funding_company",
)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    internal = env.ref("base.group_user")
    for xmlid in COMPANY_RULES:
        rule = env.ref(f"social_clause.{xmlid}", raise_if_not_found=False)
        if rule and rule.domain_force == OLD_DOMAIN and not rule.groups:
            rule.write(
                {"domain_force": NEW_DOMAIN, "groups": [Command.set(internal.ids)]}
            )
