# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase
from odoo.tools.convert import convert_file

OLD_LOT_RULE = (
    "['|', ('buyer_id', '=', user.commercial_partner_id.id), "
    "('commitment_ids.partner_id', '=', user.commercial_partner_id.id)]"
)


def load_migration(name, version="18.0.1.1.0"):
    path = f"{get_module_path('social_clause')}/migrations/{version}/{name}.py"
    spec = importlib.util.spec_from_file_location(
        f"social_clause_{name.replace('-', '_')}", path
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Bare TransactionCase on purpose: the scripts run as `-u` runs them, on the
# database without a test fixture or a language in the context.
class TestMigration(TransactionCase):
    """A database of 18.0.1.0.0 gets the rules and data that changed in
    noupdate files (an update alone would keep the old ones)."""

    def test_portal_rules_are_replaced(self):
        lot_rule = self.env.ref("social_clause.rule_lot_portal")
        lot_rule.domain_force = OLD_LOT_RULE  # as 18.0.1.0.0 had it
        commitment_rule = self.env.ref("social_clause.rule_commitment_portal")
        load_migration("pre-migration").migrate(self.env.cr, "18.0.1.0.0")
        self.assertFalse(lot_rule.exists())
        # What the update then does with the noupdate security file.
        convert_file(
            self.env,
            "social_clause",
            "security/social_clause_portal_rules.xml",
            {},
            mode="update",
            noupdate=True,
        )
        new_rule = self.env.ref("social_clause.rule_lot_portal")
        self.assertNotIn("commitment_ids", new_rule.domain_force)
        self.assertIn("operation_state", new_rule.domain_force)
        self.assertIn(
            "'draft'", self.env.ref("social_clause.rule_operation_portal").domain_force
        )
        # Rules that did not change are kept as they are.
        self.assertEqual(
            self.env.ref("social_clause.rule_commitment_portal"), commitment_rule
        )

    def test_outcome_kinds_get_their_category(self):
        cdi = self.env.ref("social_clause.outcome_kind_cdi")
        training = self.env.ref("social_clause.outcome_kind_formation")
        jobseeker = self.env.ref("social_clause.outcome_kind_de")
        cdi.category = "other"  # the default given to existing rows
        training.category = "transition"  # chosen by a user: kept
        load_migration("post-migration").migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(cdi.category, "durable")
        self.assertEqual(training.category, "transition")
        self.assertEqual(jobseeker.category, "other")

    def test_siae_areas_move_to_the_one_areas_field(self):
        """18.0.1.2.0 keeps one "areas served" field: the SIAE directory's
        old column is copied where the new one is empty, never over it."""
        cr = self.env.cr
        cr.execute("ALTER TABLE res_partner ADD COLUMN siae_department_codes varchar")
        siae = self.env["res.partner"].create({"name": "Jardins de la Lys"})
        typed = self.env["res.partner"].create(
            {"name": "Mission Locale", "social_clause_area_codes": "59"}
        )
        self.env.flush_all()
        cr.execute(
            "UPDATE res_partner SET siae_department_codes = '59, 62' WHERE id IN %s",
            [(siae.id, typed.id)],
        )
        load_migration("pre-area-codes", "18.0.1.2.0").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(siae.social_clause_area_codes, "59, 62")
        self.assertEqual(typed.social_clause_area_codes, "59")


class TestHourIndexes(TransactionCase):
    """A firm's page lists its lines from an index of the commitment with
    the month; on a database of 18.0.1.2.0 the indexes they replace go."""

    def _indexes(self):
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'social_clause_hour'"
        )
        return {name for (name,) in self.env.cr.fetchall()}

    def test_lines_of_a_commitment_in_list_order(self):
        self.assertLessEqual(
            {
                "social_clause_hour_commitment_id_date_index",
                "social_clause_hour_participant_id_date_index",
            },
            self._indexes(),
        )
        self.env.cr.execute(
            "CREATE INDEX social_clause_hour__commitment_id_index "
            "ON social_clause_hour (commitment_id)"
        )
        load_migration("post-hour_indexes", "18.0.1.3.0").migrate(
            self.env.cr, "18.0.1.2.0"
        )
        self.assertNotIn("social_clause_hour__commitment_id_index", self._indexes())
        self.assertIn("social_clause_hour_commitment_id_date_index", self._indexes())
