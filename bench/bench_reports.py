#!/usr/bin/env python3
# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the PDF reports of social_clause.

On the data set of bench_hours.py (1,000 operations, 3,000 commitments, 2,000
participants, 100,000 validated hour lines, built with its functions), one
operation gets 2,000 more lines, 500 of them on one commitment, with people
described as the bilan counts them (gender, birth date, QPV, criterion,
prescriber) and their outcomes. It then prints the seconds (wkhtmltopdf
included) and the SQL queries of rendering:

- the bilan PDF of an ordinary operation (about 100 lines) and of the big one
  (about 2,100 lines);
- the attestation PDF of an ordinary commitment (about 33 lines) and of the
  big one (500 lines).

The query counts must not grow with the lines. An HTTP server runs in the
script so that wkhtmltopdf loads the report's styles as in production.

Usage (about 3 minutes on 2 cores):

    python bench/bench_reports.py --config .build/odoo.conf
        [--db social_clause_bench_reports] [--http-port 8100] [--keep] [--scale 1]
"""

# A command-line script in its own database: it prints its figures and commits
# its fixture, which the module's code never does.
# pylint: disable=print-used,invalid-commit
import argparse
import base64
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_hours  # noqa: E402  (the data builder of the hours benchmark)

BIG_OPERATION_LINES = 2000
BIG_COMMITMENT_LINES = 500
TARGET_SECONDS = 5.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="odoo.conf (addons_path...)")
    parser.add_argument("--db", default="social_clause_bench_reports")
    parser.add_argument("--http-port", type=int, default=8100)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="shrink the base data set (0.1: 10,000 lines); the big operation "
        "keeps its 2,000 lines",
    )
    parser.add_argument("--odoo-bin", default=os.environ.get("ODOO_BIN"))
    args = parser.parse_args()
    if not args.odoo_bin:
        import odoo

        args.odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"
        )
    return args


def import_and_validate(env, months, participants, commitments):
    """The base 100,000 lines, through the import wizard, then validated."""
    rows = bench_hours.hour_rows(months, participants, commitments)
    wizard = env["social.clause.hour.import"].create(
        {
            "file": base64.b64encode(bench_hours.wizard_csv(rows)),
            "filename": "heures.csv",
        }
    )
    wizard.action_import()
    if wizard.state != "done" or wizard.created_count != len(rows):
        raise SystemExit("the import wizard did not import the base lines")
    env["social.clause.hour"].search([("state", "=", "submitted")]).action_validate()
    env.flush_all()
    return len(rows)


def build_big_operation(env, months, operation):
    """2,000 validated lines on one operation: 20 people x 25 months on its
    first commitment (500 lines), 60 people x 25 months on the two others,
    with what the bilan counts about them."""
    commitments = operation.commitment_ids.sorted("id")
    people_per_commitment = [
        BIG_COMMITMENT_LINES // len(months),
        (BIG_OPERATION_LINES - BIG_COMMITMENT_LINES) // len(months) // 2,
        (BIG_OPERATION_LINES - BIG_COMMITMENT_LINES) // len(months) // 2,
    ]
    participants = create_big_participants(env, months, sum(people_per_commitment))
    create_outcomes(env, months, participants)
    vals = []
    start = 0
    for commitment, count in zip(commitments, people_per_commitment, strict=True):
        for participant in participants[start : start + count]:
            vals += hour_vals(months, participant, commitment)
        start += count
    lines = env["social.clause.hour"].create(vals)
    lines.action_validate()
    env.flush_all()
    return commitments[0]


def create_big_participants(env, months, count):
    """``count`` eligible people in a path, of every gender, age, level."""
    criteria = env["social.clause.criterion"].search([], limit=5)
    prescriber = env["res.partner"].create(
        {"name": "France Travail Bench", "is_company": True}
    )
    genders = ["female", "male", "other"]
    levels = ["none", "3", "4", "5"]
    participants = env["social.clause.participant"].create(
        [
            {
                "name": f"Big participant {index:04d}",
                "criterion_ids": [(6, 0, criteria[index % len(criteria)].ids)],
                "eligibility_state": "validated",
                "eligibility_date": months[0],
                "path_state": "in_path",
                "entry_date": months[0],
                "gender": genders[index % 3],
                "birth_date": months[0].replace(year=months[0].year - 20 - index % 40),
                "qualification_level": levels[index % 4],
                "is_qpv": index % 2 == 0,
                "prescriber_id": prescriber.id if index % 3 else False,
            }
            for index in range(count)
        ]
    )
    return participants


def create_outcomes(env, months, participants):
    """An outcome at exit and one at six months for each participant."""
    kinds = env["social.clause.outcome.kind"].search([])
    env["social.clause.outcome"].create(
        [
            {
                "participant_id": participant.id,
                "moment": moment,
                "kind_id": kinds[index % len(kinds)].id,
                "date": months[-1],
            }
            for index, participant in enumerate(participants)
            for moment in ("exit", "six_months")
        ]
    )


def hour_vals(months, participant, commitment):
    """35 hours a month of ``participant`` on ``commitment``, modalities in turn."""
    return [
        {
            "participant_id": participant.id,
            "commitment_id": commitment.id,
            "date": month,
            "hours": 35,
            "modality": bench_hours.MODALITIES[
                month_index % len(bench_hours.MODALITIES)
            ],
        }
        for month_index, month in enumerate(months)
    ]


def start_http_server(odoo, port):
    """Serve the database so that wkhtmltopdf fetches the report's styles."""
    from odoo.service.server import ThreadedServer

    odoo.tools.config["http_port"] = port
    odoo.tools.config["http_interface"] = "127.0.0.1"
    server = ThreadedServer(odoo.http.root)
    server.http_spawn()
    return f"http://127.0.0.1:{port}"


def render(env, report_ref, record):
    """Seconds and SQL queries of one PDF, from a cold cache."""
    from odoo import sql_db

    env.invalidate_all()
    before = sql_db.sql_counter
    start = time.perf_counter()
    content, report_type = env["ir.actions.report"]._render_qweb_pdf(
        report_ref, record.ids
    )
    seconds = time.perf_counter() - start
    assert report_type == "pdf" and content.startswith(b"%PDF"), report_type
    return seconds, sql_db.sql_counter - before


def render_all(env, small_operation, big_operation, small_commitment, big_commitment):
    """Render each bilan and attestation once warm: ``(label, lines,
    seconds, queries)`` a PDF."""
    Operation = env["social.clause.operation"]
    Hour = env["social.clause.hour"]
    # A first render warms the asset bundles and wkhtmltopdf.
    render(env, "social_clause.action_report_commitment_attestation", small_commitment)
    figures = []
    for label, report_ref, record in (
        ("bilan", "social_clause.action_report_operation_bilan", small_operation),
        ("bilan", "social_clause.action_report_operation_bilan", big_operation),
        (
            "attestation",
            "social_clause.action_report_commitment_attestation",
            small_commitment,
        ),
        (
            "attestation",
            "social_clause.action_report_commitment_attestation",
            big_commitment,
        ),
    ):
        field = "operation_id" if record._name == Operation._name else "commitment_id"
        lines = Hour.search_count([(field, "=", record.id)])
        seconds, queries = render(env, report_ref, record)
        figures.append((label, lines, seconds, queries))
        print(
            f"{label} PDF, {lines} lines: {seconds:.2f} s, {queries} SQL queries",
            flush=True,
        )
    return figures


def print_targets(figures):
    """Whether each PDF meets its time target and its queries stay flat."""
    print()
    print("Targets")
    for label in ("bilan", "attestation"):
        (_l, few, _s, few_queries), (_l, many, seconds, queries) = (
            figure for figure in figures if figure[0] == label
        )
        verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
        print(
            f"- {label} of {many} lines in {seconds:.2f} s (target < "
            f"{TARGET_SECONDS:.0f} s): {verdict}"
        )
        print(
            f"- {label} queries do not grow with the lines ({few_queries} for {few}, "
            f"{queries} for {many}): {'met' if queries <= few_queries else 'NOT met'}"
        )


def load_registry(odoo, args):
    """The registry of the benchmark's database, warnings only in the log."""
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        [
            "-c",
            args.config,
            "-d",
            args.db,
            f"--db-filter=^{args.db}$",
            "--log-level=warn",
        ]
    )
    return Registry(args.db)


def main():
    args = parse_args()
    bench_hours.apply_scale(args.scale)
    print(f"social_clause reports benchmark, database {args.db}", flush=True)
    start = time.perf_counter()
    bench_hours.install(args)

    import odoo
    from odoo import SUPERUSER_ID, api

    registry = load_registry(odoo, args)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        months, participants, commitments = bench_hours.build_fixture(env)
        total = import_and_validate(env, months, participants, commitments)
        cr.commit()
        Operation = env["social.clause.operation"]
        operations = Operation.search([], order="id")
        big_operation, small_operation = operations[0], operations[1]
        big_commitment = build_big_operation(env, months, big_operation)
        small_commitment = small_operation.commitment_ids.sorted("id")[0]
        env["ir.config_parameter"].set_param(
            "report.url", start_http_server(odoo, args.http_port)
        )
        cr.commit()
        Hour = env["social.clause.hour"]
        print(
            f"data: {Hour.search_count([])} hour lines ({total} imported), "
            f"built in {time.perf_counter() - start:.0f} s",
            flush=True,
        )
        figures = render_all(
            env, small_operation, big_operation, small_commitment, big_commitment
        )
        cr.rollback()

    print_targets(figures)

    if not args.keep:
        from odoo.service import db as db_service

        registry.delete(args.db)
        db_service.exp_drop(args.db)
        print(f"database {args.db} dropped (--keep to keep it)")
    os._exit(0)  # the HTTP server thread would keep the process alive


if __name__ == "__main__":
    main()
