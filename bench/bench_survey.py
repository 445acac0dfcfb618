#!/usr/bin/env python3
# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the annual activity survey (XLSX) of social_clause.

It reuses the data builder of bench_hours.py (1,000 operations of 3 lots,
3,000 commitments, eligible participants) with all 100,000 hour lines in the
months of the current year (more participants, two commitments each), imports
and validates them with the module's wizard, then measures:

- the SQL query count of the survey's figures with 1,000 counted lines and
  with all 100,000 (it must not grow with the lines);
- the seconds to render the annual survey workbook of the year over all
  100,000 lines (target: under 5 s).

Usage (about 3 minutes on 2 cores):

    python bench/bench_survey.py --config .build/odoo.conf
        [--db social_clause_bench_survey]
        [--keep] [--scale 0.1]
"""

# A command-line script in its own database: it prints its figures and commits
# its fixture, which the module's code never does.
# pylint: disable=print-used,invalid-commit
import argparse
import base64
import datetime
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_hours  # noqa: E402

LINES = 100_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="odoo.conf (addons_path...)")
    parser.add_argument("--db", default="social_clause_bench_survey")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="shrink the data set (0.1: 10,000)"
    )
    parser.add_argument("--odoo-bin", default=os.environ.get("ODOO_BIN"))
    args = parser.parse_args()
    if not args.odoo_bin:
        import odoo

        args.odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"
        )
    return args


def survey_queries(env, year):
    """SQL queries of the survey's figures, from a cold cache."""
    from odoo import sql_db

    env.invalidate_all()
    before = sql_db.sql_counter
    env["social.clause.annual.survey"]._get_survey_data(year)
    return sql_db.sql_counter - before


def size_fixture(args):
    """Every line in the current year: as many months as are over (a month
    not over cannot be validated; in January, last December), and the
    participants it takes to reach the lines (2 commitments a month each)."""
    lines = round(LINES * args.scale)
    months = max(datetime.date.today().month - 1, 1)
    bench_hours.apply_scale(args.scale)
    bench_hours.MONTHS = months
    bench_hours.PARTICIPANTS = math.ceil(
        lines / (months * bench_hours.COMMITMENTS_PER_PARTICIPANT)
    )


def build_and_import(env, clock):
    """The fixture, the participants' breakdowns and the lines imported by
    the wizard (submitted): ``(months, rows)``."""
    month_list, participants, commitments = clock.measure(
        "fixture",
        f"build {bench_hours.OPERATIONS} operations, "
        f"{bench_hours.PARTICIPANTS} participants",
        lambda: bench_hours.build_fixture(env),
    )
    # Breakdowns of the participants, as a facilitator records them.
    env.cr.execute(
        """
        UPDATE social_clause_participant
           SET gender = (ARRAY['female', 'male'])[1 + id % 2],
               age_band = (ARRAY['under_26', '26_49', '50_plus'])[1 + id % 3],
               qualification_level = (ARRAY['none', '3', '4'])[1 + id % 3]
        """
    )
    rows = bench_hours.hour_rows(month_list, participants, commitments)
    wizard = env["social.clause.hour.import"].create(
        {
            "file": base64.b64encode(bench_hours.wizard_csv(rows)),
            "filename": "heures.csv",
        }
    )
    clock.measure("import", f"import {len(rows)} lines (wizard)", wizard.action_import)
    return month_list, rows


def validate_and_count(env, clock, year):
    """Validate 1,000 lines, count the survey's queries, validate the rest
    and count them again: ``(queries with 1,000, queries with all, counted)``."""
    Hour = env["social.clause.hour"]
    submitted = Hour.search([("state", "=", "submitted")], order="id")
    submitted[:1000].action_validate()
    env.flush_all()
    queries_1000 = survey_queries(env, year)
    clock.measure(
        "validate",
        f"validate the other {len(submitted) - 1000} lines",
        lambda: (submitted[1000:].action_validate(), env.flush_all()),
    )
    env.cr.commit()
    counted = Hour.search_count([("is_counted", "=", True)])
    queries_all = survey_queries(env, year)
    print(f"SQL queries of the survey, 1,000 counted lines: {queries_1000}")
    print(f"SQL queries of the survey, {counted} counted lines: {queries_all}")
    return queries_1000, queries_all, counted


def render_survey(env, clock, year, counted, rows):
    """Time the survey workbook and check its total hours against the lines."""
    survey_wizard = env["social.clause.annual.survey.wizard"].create({"year": year})
    report = env["ir.actions.report"]
    env.invalidate_all()

    def render():
        content, __ = report._render(
            "social_clause.annual_survey_xlsx", survey_wizard.ids, {}
        )
        return content

    content = clock.measure(
        "survey",
        f"annual survey XLSX of {year} over {counted} lines",
        render,
    )
    print(f"workbook: {len(content)} bytes")
    data = env["social.clause.annual.survey"]._get_survey_data(year)
    hours = next(t for t in data["themes"] if t["key"] == "hours")
    total = hours["tables"][0]["rows"][-1][-2]
    expected = sum(row["hours"] for row in rows)
    assert round(total) == round(expected), (total, expected)


def print_targets(seconds, counted, queries_1000, queries_all):
    """Whether the workbook meets its time target and its queries stay flat."""
    print()
    print("Targets")
    print(
        f"- annual survey XLSX over {counted} lines in {seconds:.2f} s "
        f"(target < 5 s): {'met' if seconds < 5 else 'NOT met'}"
    )
    print(
        f"- survey queries do not grow with the lines ({queries_1000} for 1,000, "
        f"{queries_all} for {counted}): "
        f"{'met' if queries_all <= queries_1000 else 'NOT met'}"
    )


def main():
    args = parse_args()
    size_fixture(args)
    print(f"social_clause annual survey benchmark, database {args.db}", flush=True)
    clock = bench_hours.Clock()
    clock.measure(
        "install", "install social_clause (no demo)", lambda: bench_hours.install(args)
    )

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        month_list, rows = build_and_import(env, clock)
        cr.commit()
        year = month_list[0].year
        queries_1000, queries_all, counted = validate_and_count(env, clock, year)
        render_survey(env, clock, year, counted, rows)

    print_targets(clock.figures["survey"], counted, queries_1000, queries_all)
    if not args.keep:
        from odoo.service import db as db_service

        registry.delete(args.db)
        db_service.exp_drop(args.db)
        print(f"database {args.db} dropped (--keep to keep it)")


if __name__ == "__main__":
    main()
