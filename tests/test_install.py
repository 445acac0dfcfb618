# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import closing

import odoo
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import SQL, config


# BaseCase on purpose: no test database fixture, the test installs the module
# in a database of its own, without demo data.
@tagged("post_install", "-at_install", "install")
class TestInstallWithoutDemo(BaseCase):
    """The module installs in a fresh database without demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Named after the test database, so that parallel runs do not collide.
        cls.check_db = f"{get_db_name()}_nodemo_check"

    def _run_odoo(self, *args):
        logfile = tempfile.NamedTemporaryFile(suffix=".log")  # noqa: SIM115
        self.addCleanup(logfile.close)
        command = [
            sys.executable,
            "-c",
            "import odoo.cli; odoo.cli.main()",
            "-c",
            config.rcfile,
            "-d",
            self.check_db,
            "--http-port",
            str(int(config["http_port"]) + 9),
            "--stop-after-init",
            "--logfile",
            logfile.name,
            *args,
        ]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        with open(logfile.name, encoding="utf-8") as log:
            return result.returncode, result.stdout + result.stderr + log.read()

    def _database_exists(self):
        with closing(db_connect("postgres").cursor()) as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.check_db])
            return bool(cr.fetchone())

    def _drop_database(self):
        # Not odoo.service.db.exp_drop: it only drops the databases listed by
        # the configuration, and the test configuration names one database.
        odoo.sql_db.close_db(self.check_db)
        with closing(db_connect("postgres").cursor()) as cr:
            cr._cnx.autocommit = True
            odoo.service.db._drop_conn(cr, self.check_db)
            cr.execute(SQL("DROP DATABASE IF EXISTS %s", SQL.identifier(self.check_db)))
        shutil.rmtree(config.filestore(self.check_db), ignore_errors=True)

    def test_install_without_demo(self):
        self._drop_database()
        self.assertFalse(self._database_exists())
        self.addCleanup(self._drop_database)
        returncode, log = self._run_odoo("-i", "social_clause", "--without-demo=all")
        self.assertEqual(returncode, 0, log[-3000:])
        self.assertIn("Modules loaded.", log)
        module_problems = re.findall(
            r"^.* (?:WARNING|ERROR|CRITICAL) \S+ odoo\.addons\.social_clause.*$",
            log,
            re.MULTILINE,
        )
        self.assertEqual(module_problems, [])
        with db_connect(self.check_db).cursor() as cr:
            cr.execute(
                "SELECT state, demo FROM ir_module_module WHERE name = 'social_clause'"
            )
            self.assertEqual(cr.fetchone(), ("installed", False))
            cr.execute("SELECT count(*) FROM social_clause_criterion")
            self.assertEqual(cr.fetchone()[0], 22)
            cr.execute("SELECT count(*) FROM social_clause_operation")
            self.assertEqual(cr.fetchone()[0], 0)
