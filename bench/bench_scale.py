#!/usr/bin/env python3
# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a facilitator, a firm and a buyer read, with a million lines present.

Runs on the database that `make bench-1m` keeps (``--keep``): 10,000
operations, 30,000 lots and commitments, 1,000,000 validated hour lines. It
measures, the million lines present:

- the bilan PDF of an operation of 2,000 lines and of one of 100 lines
  (seconds and SQL queries, from a cold cache; target < 5 s, the queries do
  not grow with the lines);
- the annual survey of the year: the SQL queries of its figures and the
  seconds of its XLSX workbook (target < 5 s);
- the firm's and the buyer's portal pages through HTTP, one request at a
  time: the SQL queries and the time of each (target: < 0.3 s, the same
  queries as on a small database).

The 2,000 lines of the big operation are rolled back at the end; the portal
users (load_portal.py's) are kept.

    make bench-1m BENCH_ARGS=--keep   # once: the million-line database
    make bench-scale
    # = python bench/bench_scale.py --config .build/odoo.conf \\
    #       [--db social_clause_bench_1m] [--http-port 8101]
"""

# A command-line script in its own database: it prints its figures and commits
# its portal users, which the module's code never does.
# pylint: disable=print-used,invalid-commit
import argparse
import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_hours  # noqa: E402
import bench_reports  # noqa: E402
import load_portal  # noqa: E402

TARGET_PAGE_SECONDS = 0.3
TARGET_REPORT_SECONDS = 5.0
PORTAL_USERS = 10  # user 9 is the buyer's (load_portal.py)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="odoo.conf (addons_path...)")
    parser.add_argument("--db", default="social_clause_bench_1m")
    parser.add_argument("--http-port", type=int, default=8101)
    return parser.parse_args()


def timed(func):
    """``(result, seconds, SQL queries)`` of ``func()``."""
    from odoo import sql_db

    before = sql_db.sql_counter
    start = time.perf_counter()
    result = func()
    return result, time.perf_counter() - start, sql_db.sql_counter - before


def operation_people(env, operation):
    """The people with hours on ``operation``."""
    return (
        env["social.clause.hour"].search([("operation_id", "=", operation.id)])
    ).participant_id


def bench_bilan(env):
    """The bilan of a 100-line operation, then of one of 2,000 more lines."""
    operations = env["social.clause.operation"].search([], order="id")
    small, big = operations[0], operations[1]
    this_month = datetime.date.today().replace(day=1)
    months = [
        this_month - bench_hours._months(bench_hours.MONTHS - index)
        for index in range(bench_hours.MONTHS)
    ]
    # The people of the small operation described as the big one's (a
    # prescriber, outcomes): the two bilans read the same kinds of records.
    people = operation_people(env, small)
    bench_reports.create_outcomes(env, months, people)
    people.prescriber_id = env["res.partner"].create(
        {"name": "Mission Locale Bench", "is_company": True}
    )
    bench_reports.build_big_operation(env, months, big)
    Hour = env["social.clause.hour"]
    report = "social_clause.action_report_operation_bilan"
    bench_reports.render(env, report, small)  # warms assets and wkhtmltopdf
    figures = []
    for operation in (small, big):
        lines = Hour.search_count([("operation_id", "=", operation.id)])
        seconds, queries = bench_reports.render(env, report, operation)
        figures.append((lines, seconds, queries))
        print(f"bilan PDF, {lines} lines: {seconds:.2f} s, {queries} SQL queries")
    return figures


def bench_survey(env):
    """The survey's figures (queries) and workbook (seconds) of the year."""
    today = datetime.date.today()
    year = today.year if today.month > 1 else today.year - 1
    lines = env["social.clause.hour"].search_count(
        [("is_counted", "=", True), ("date", ">=", datetime.date(year, 1, 1))]
    )
    env.invalidate_all()
    __, data_seconds, queries = timed(
        lambda: env["social.clause.annual.survey"]._get_survey_data(year)
    )
    wizard = env["social.clause.annual.survey.wizard"].create({"year": year})
    env.invalidate_all()
    (content, __), seconds, __ = timed(
        lambda: env["ir.actions.report"]._render(
            "social_clause.annual_survey_xlsx", wizard.ids, {}
        )
    )
    print(
        f"annual survey {year}, {lines} counted lines: figures {data_seconds:.2f} s "
        f"in {queries} SQL queries; XLSX ({len(content)} bytes) {seconds:.2f} s"
    )
    return seconds, queries


def bench_portal(args, url):
    """Each page of a firm and of the buyer, asked twice, one request at a
    time: the second time's SQL queries (the process's counter, the server
    running in it) and time (on loopback, the server's time and little
    more)."""
    from odoo import sql_db

    portal_args = argparse.Namespace(url=url, db=args.db, requests=1)
    firm = load_portal.login(portal_args, 0)
    buyer = load_portal.login(portal_args, PORTAL_USERS - 1)
    pages = []
    for session, who, listing, detail in (
        (firm, "firm", "/my/social_clauses", r"/my/social_clauses/\d+"),
        (
            buyer,
            "buyer",
            "/my/social_clause_operations",
            r"/my/social_clause_operations/\d+",
        ),
    ):
        text = session.get(f"{url}{listing}", timeout=120).text
        first = sorted(set(re.findall(detail + r"(?=[\"'?#])", text)))[:1]
        pages += [(session, who, path) for path in ["/my/home", listing, *first]]
    figures = []
    for session, who, path in pages:
        for __ in range(2):
            before = sql_db.sql_counter
            start = time.perf_counter()
            response = session.get(f"{url}{path}", timeout=120)
            seconds = time.perf_counter() - start
            queries = sql_db.sql_counter - before
        assert response.status_code == 200 and "/web/login" not in response.url, path
        figures.append((who, path, queries, seconds))
        print(f"{who} {path}: {queries} SQL queries, {seconds:.3f} s")
    return figures


def print_targets(bilans, survey, pages):
    print()
    print("Targets")
    (few, __, few_queries), (many, seconds, queries) = bilans
    print(
        f"- bilan of {many} lines in {seconds:.2f} s (target < "
        f"{TARGET_REPORT_SECONDS:.0f} s): "
        f"{'met' if seconds < TARGET_REPORT_SECONDS else 'NOT met'}; queries "
        f"{few_queries} for {few} lines, {queries} for {many}: "
        f"{'met' if queries <= few_queries else 'NOT met'}"
    )
    survey_seconds, __ = survey
    print(
        f"- annual survey workbook in {survey_seconds:.2f} s (target < "
        f"{TARGET_REPORT_SECONDS:.0f} s): "
        f"{'met' if survey_seconds < TARGET_REPORT_SECONDS else 'NOT met'}"
    )
    slowest = max(seconds for *__, seconds in pages)
    print(
        f"- portal pages, slowest {slowest:.3f} s on the server (target < "
        f"{TARGET_PAGE_SECONDS} s): "
        f"{'met' if slowest < TARGET_PAGE_SECONDS else 'NOT met'}"
    )


def main():
    args = parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api

    registry = bench_reports.load_registry(odoo, args)
    url = bench_reports.start_http_server(odoo, args.http_port)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        load_portal.create_users(env, PORTAL_USERS)
        total = env["social.clause.hour"].search_count([])
        print(f"social_clause at scale, database {args.db}: {total} hour lines")
        env["ir.config_parameter"].set_param("report.url", url)
        cr.commit()
        bilans = bench_bilan(env)
        survey = bench_survey(env)
        cr.rollback()
    pages = bench_portal(args, url)
    print_targets(bilans, survey, pages)
    os._exit(0)  # the HTTP server thread would keep the process alive


if __name__ == "__main__":
    main()
