# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run Odoo's own tests of some modules on a database where everything is
already installed, on the complete registry (every installed module loaded).

``odoo-bin -u module --test-tags ...`` runs a module's at_install tests while
the update loads the modules one by one: at that point the modules installed
after it (social_clause among them) are not loaded yet, so their code is not
tested, and fields of later modules are missing (a false failure such as
portal's ``TestPortalWizard`` without account's ``fiscalyear_last_day``).
Here the registry is loaded once, whole, without update, and the at_install
and post_install tests selected by ``--test-tags`` run on it.

Usage: python tools/test_core.py -c odoo.conf -d DB --test-tags SPEC
Exit status: 0 if every selected test passed (and at least one ran).
"""

import logging
import sys
import threading
import time

import odoo
from odoo.tools import config

_logger = logging.getLogger("social_clause.test_core")


def main(args):
    config.parse_config(args)
    # Off while the registry loads: with tests enabled and no update, Odoo
    # runs each module's at_install tests as it loads it (partial registry).
    config["test_enable"] = False
    odoo.netsvc.init_logger()
    dbname = config["db_name"].split(",")[0]
    modules = sorted(
        {
            spec.split("/", 1)[1].split(":")[0].split(".")[0]
            for spec in config["test_tags"].split(",")
            if "/" in spec
        }
    )
    # pylint: disable=import-outside-toplevel
    from odoo.modules.registry import Registry
    from odoo.service import server
    from odoo.tests import loader
    from odoo.tests.result import OdooTestResult
    from odoo.tests.suite import OdooSuite
    from odoo.tests.tag_selector import TagsSelector

    server.load_server_wide_modules()
    threading.current_thread().dbname = dbname
    registry = Registry(dbname)
    config["test_enable"] = True
    # HttpCase tests need the HTTP server of the test port.
    server.server = server.ThreadedServer(odoo.http.root)
    server.server.http_spawn()
    config_tags = TagsSelector(config["test_tags"])
    tests = [
        test
        for module in modules
        for test_module in loader.get_test_modules(module)
        for test in loader.get_module_test_cases(test_module)
        if config_tags.check(test)
        and (
            TagsSelector("at_install").check(test)
            or TagsSelector("post_install").check(test)
        )
    ]
    suite = OdooSuite(sorted(tests, key=lambda t: t.test_sequence))
    if suite.has_http_case():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.qweb"]._pregenerate_assets_bundles()
    start = time.time()
    result = loader.run_suite(suite, global_report=OdooTestResult())
    _logger.info(
        "test-core: %s tests of %s in %.0f s: %s failures, %s errors, %s skipped",
        result.testsRun,
        ",".join(modules),
        time.time() - start,
        result.failures_count,
        result.errors_count,
        result.skipped,
    )
    return 0 if result.wasSuccessful() and result.testsRun else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
