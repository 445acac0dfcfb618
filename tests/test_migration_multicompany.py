# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase

OLD_DOMAIN = "[('company_id', 'in', company_ids)]"
NEW_DOMAIN = "['|', ('company_id', '=', False), ('company_id', 'in', company_ids)]"


def load_migration():
    path = (
        f"{get_module_path('social_clause')}/migrations/18.0.1.2.0/"
        "post-multicompany_rules.py"
    )
    spec = importlib.util.spec_from_file_location("social_clause_mc_rules", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Bare TransactionCase on purpose: the script runs as `-u` runs it, on the
# database without a test fixture or a language in the context.
class TestMigrationMultiCompany(TransactionCase):
    """A database of 18.0.1.1.0 has global multi-company rules (noupdate):
    the upgrade makes them internal-users rules so that the portal spans
    structures."""

    def test_company_rules_become_internal_rules(self):
        migration = load_migration()
        internal = self.env.ref("base.group_user")
        rules = self.env["ir.rule"].browse(
            self.env.ref(f"social_clause.{xmlid}").id
            for xmlid in migration.COMPANY_RULES
        )
        self.assertEqual(len(rules), 16)
        # As 18.0.1.1.0 shipped them; one changed by the user.
        rules.write({"domain_force": OLD_DOMAIN, "groups": [(5, 0, 0)]})
        custom = self.env.ref("social_clause.rule_action_company")
        custom.domain_force = "[('company_id', '=', company_id)]"
        migration.migrate(self.env.cr, "18.0.1.1.0")
        for rule in rules - custom:
            with self.subTest(rule=rule.name):
                self.assertEqual(rule.domain_force, NEW_DOMAIN)
                self.assertEqual(rule.groups, internal)
        self.assertEqual(custom.domain_force, "[('company_id', '=', company_id)]")
        self.assertFalse(custom.groups)

    def test_new_install_has_the_new_rules(self):
        migration = load_migration()
        for xmlid in migration.COMPANY_RULES:
            rule = self.env.ref(f"social_clause.{xmlid}")
            with self.subTest(rule=xmlid):
                self.assertEqual(rule.domain_force, NEW_DOMAIN)
                self.assertEqual(rule.groups, self.env.ref("base.group_user"))
                self.assertIn("company_id", self.env[rule.model_id.model]._fields)
