#!/usr/bin/env python3
# Copyright 2026 social_clause contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the insertion hours of social_clause.

In a database of its own (dropped first), with social_clause installed without
demo data, it builds 1,000 operations of 3 lots, 3,000 commitments (one per
lot), 2,000 eligible participants, then measures:

- the import of 100,000 hour lines through the module's wizard, and through
  Odoo's standard import (base_import) of the same rows, side by side;
- the validation of the 100,000 submitted lines;
- the recomputation of the progress of all 3,000 lots;
- the SQL query count of validating 10 lines and 1,000 lines.

Usage (one command, about 5 minutes on 2 cores):

    python bench/bench_hours.py --config .build/odoo.conf [--db social_clause_bench]
        [--keep] [--base-import-rows 10000]

It is a benchmark, not a test: it prints figures and whether the targets are
met, and exits 0 unless something breaks.
"""

# A command-line script in its own database: it prints its figures and commits
# its fixture, which the module's code never does.
# pylint: disable=print-used,invalid-commit,except-pass
import argparse
import base64
import csv
import datetime
import io
import os
import subprocess
import sys
import time

from stdnum import luhn

LOTS_PER_OPERATION = 3
OPERATIONS = 1000
PARTICIPANTS = 2000
FIRMS = 500
MONTHS = 25
COMMITMENTS_PER_PARTICIPANT = 2  # 2,000 x 25 months x 2 commitments = 100,000
MODALITIES = ["hire_cdd", "hire_cdi", "provision_etti", "hire_apprenticeship"]


def _siret(number):
    """A SIRET with a right key: a SIREN made of ``number``, establishment 1."""
    siren = f"{number % 10**8:08d}"
    siren += luhn.calc_check_digit(siren)
    body = f"{siren}0001"
    return body + luhn.calc_check_digit(body)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="odoo.conf (addons_path...)")
    parser.add_argument("--db", default="social_clause_bench")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database at the end"
    )
    parser.add_argument(
        "--base-import-rows",
        type=int,
        default=None,
        help="rows imported through base_import, all by default (with fewer, "
        "its time is extrapolated to all the rows; 0 to skip it)",
    )
    parser.add_argument(
        "--odoo-bin",
        default=os.environ.get("ODOO_BIN"),
        help="odoo-bin used to install the module (default: next to the odoo "
        "package)",
    )
    parser.add_argument(
        "--lines",
        type=int,
        default=None,
        help="hour lines of the data set (100,000 by default; 1,000,000 for "
        "the national scale, `make bench-1m`): more participants, 25 months "
        "x 2 commitments each",
    )
    parser.add_argument(
        "--operations",
        type=int,
        default=None,
        help="operations of 3 lots (1,000 by default; 10,000 = 30,000 lots)",
    )
    parser.add_argument(
        "--skip-again",
        action="store_true",
        help="do not import the same file a second time",
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="shrink the data set for a quick try (0.1: 100 operations, 200 "
        "participants, 10,000 lines)",
    )
    args = parser.parse_args()
    if not args.odoo_bin:
        import odoo

        args.odoo_bin = os.path.join(
            os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"
        )
    return args


def apply_scale(scale, lines=None, operations=None):
    global OPERATIONS, PARTICIPANTS, FIRMS
    if lines:
        PARTICIPANTS = max(1, lines // (COMMITMENTS_PER_PARTICIPANT * MONTHS))
    if operations:
        OPERATIONS = operations
    OPERATIONS = max(1, round(OPERATIONS * scale))
    PARTICIPANTS = max(1, round(PARTICIPANTS * scale))
    FIRMS = max(1, round(FIRMS * scale))


def peak_memory_mb():
    """Peak resident memory of this process so far (MB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    """Prints each step; keeps the figures for the summary."""

    def __init__(self):
        self.figures = {}

    def measure(self, key, label, func):
        start = time.perf_counter()
        result = func()
        seconds = time.perf_counter() - start
        self.figures[key] = seconds
        print(f"{label}: {seconds:.2f} s", flush=True)
        return result


def install(args):
    """Drop the database, then install social_clause (no demo) in a
    subprocess, as `odoo-bin -i` does it."""
    import odoo
    from odoo.service import db as db_service

    odoo.tools.config.parse_config(["-c", args.config])
    if db_service.exp_db_exist(args.db):
        db_service.exp_drop(args.db)
    command = [
        sys.executable,
        args.odoo_bin,
        "-c",
        args.config,
        "-d",
        args.db,
        "-i",
        "social_clause,base_import",
        "--without-demo=all",
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
    ]
    subprocess.run(command, check=True)


def build_fixture(env):
    """Operations, lots, commitments and participants, with batched creates."""
    quiet = env(
        context=dict(
            env.context,
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
    )
    company = quiet.company
    # The 25 months of hours must all be within the eligibility.
    company.social_clause_eligibility_months = 36
    this_month = datetime.date.today().replace(day=1)
    # The 25 months up to last month: a month not over cannot be validated.
    months = [(this_month - _months(MONTHS - index)) for index in range(MONTHS)]
    operations, firms = _build_operations(quiet, months)
    lots = operations.lot_ids.sorted("id")
    commitments = quiet["social.clause.commitment"].create(
        [
            {
                "lot_id": lot.id,
                "partner_id": firms[index % FIRMS].id,
                "hours_committed": lot.hours_required,
            }
            for index, lot in enumerate(lots)
        ]
    )
    # The workflow buttons check each operation; the fixture only needs the state.
    operations.write({"state": "execution"})
    participants = _build_participants(quiet, months[0])
    env.flush_all()
    return months, participants, commitments.sorted("id")


def _build_operations(quiet, months):
    """The buyer, the firms and the operations of 3 lots each."""
    this_month = months[-1] + _months(1)
    Partner = quiet["res.partner"]
    buyer = Partner.create(
        {
            "name": "Métropole de Bench",
            "is_company": True,
            "social_clause_buyer_kind": "local_authority",
        }
    )
    firms = Partner.create(
        [
            {
                "name": f"Entreprise {index:04d}",
                "is_company": True,
                "company_registry": _siret(100000000 + index),
            }
            for index in range(FIRMS)
        ]
    )
    operations = quiet["social.clause.operation"].create(
        [
            {
                "name": f"Opération {index:04d}",
                "buyer_id": buyer.id,
                "date_start": months[0],
                "date_end": this_month + _months(12),
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": f"Lot {lot}",
                            "amount_untaxed": 1_000_000,
                            "labour_rate": 50,
                            "insertion_rate": 7,
                            "hourly_cost": 30,
                        },
                    )
                    for lot in range(1, LOTS_PER_OPERATION + 1)
                ],
            }
            for index in range(OPERATIONS)
        ]
    )
    return operations, firms


def _build_participants(quiet, first_month):
    """Eligible people in a path since ``first_month``."""
    criterion = quiet["social.clause.criterion"].search([], limit=1)
    return quiet["social.clause.participant"].create(
        [
            {
                "name": f"Participant {index:05d}",
                "criterion_ids": [(6, 0, criterion.ids)],
                "eligibility_state": "validated",
                "eligibility_date": first_month,
                "path_state": "in_path",
                "entry_date": first_month,
            }
            for index in range(PARTICIPANTS)
        ]
    )


def _months(count):
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=count)


def hour_rows(months, participants, commitments):
    """The 100,000 rows: each participant works every month for two
    commitments, 35 h and 40 h (75 h, under a full-time month)."""
    commitments.fetch(["lot_id", "partner_id"])
    commitments.lot_id.fetch(["reference"])
    commitments.partner_id.fetch(["company_registry"])
    participants.fetch(["reference"])
    rows = []
    count = len(commitments)
    for index, participant in enumerate(participants):
        for offset in range(COMMITMENTS_PER_PARTICIPANT):
            commitment = commitments[
                (COMMITMENTS_PER_PARTICIPANT * index + offset) % count
            ]
            for month_index, month in enumerate(months):
                rows.append(
                    {
                        "participant": participant.reference,
                        "lot": commitment.lot_id.reference,
                        "firm": commitment.partner_id.company_registry,
                        "commitment_id": commitment.id,
                        "month": month,
                        "hours": 35 if offset == 0 else 40,
                        "modality": MODALITIES[(index + month_index) % len(MODALITIES)],
                    }
                )
    return rows


def wizard_csv(rows):
    """The file a firm or a partner sends: French headers, ';', decimal comma."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\n")
    writer.writerow(["Participant", "Lot", "Entreprise", "Mois", "Heures", "Modalité"])
    for row in rows:
        writer.writerow(
            [
                row["participant"],
                row["lot"],
                row["firm"],
                row["month"].strftime("%Y-%m"),
                f"{row['hours']:g}".replace(".", ","),
                row["modality"],
            ]
        )
    return output.getvalue().encode("utf-8")


BASE_IMPORT_FIELDS = [
    "participant_id",
    "commitment_id/.id",
    "date",
    "hours",
    "modality",
    "state",
    "declared_by",
]


def base_import_csv(rows):
    """The same rows as Odoo's standard import needs them: the participant by
    its reference (resolved by name_search), the commitment by its database
    id (there is no lot + firm lookup in base_import: the user would export
    the commitments first), the month as a date."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=",", lineterminator="\n")
    writer.writerow(
        [
            "Participant",
            "Commitment/Database ID",
            "Month",
            "Hours",
            "Modality",
            "Status",
            "Declared by",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row["participant"],
                row["commitment_id"],
                row["month"].isoformat(),
                row["hours"],
                row["modality"],
                "submitted",
                "import",
            ]
        )
    return output.getvalue().encode("utf-8")


def run_base_import(env, content):
    importer = env["base_import.import"].create(
        {
            "res_model": "social.clause.hour",
            "file": content,
            "file_name": "hours.csv",
            "file_type": "text/csv",
        }
    )
    options = {
        "has_headers": True,
        "separator": ",",
        "quoting": '"',
        "encoding": "utf-8",
        "date_format": "%Y-%m-%d",
        "datetime_format": "",
        "float_thousand_separator": "",
        "float_decimal_separator": ".",
        "advanced": False,
        "keep_matches": False,
        "skip": 0,
        "limit": None,
        "import_skip_records": [],
        "import_set_empty_fields": [],
        "fallback_values": {},
        "name_create_enabled_fields": {},
    }
    result = importer.execute_import(
        BASE_IMPORT_FIELDS, BASE_IMPORT_FIELDS, options, dryrun=False
    )
    errors = [m for m in result.get("messages", []) if m.get("type") == "error"]
    if errors:
        raise RuntimeError(f"base_import failed: {errors[:3]}")
    env.flush_all()
    return len(result["ids"] or [])


class Rollback(Exception):
    pass


def in_savepoint(env, func):
    """Run func and undo what it wrote."""
    result = None
    try:
        with env.cr.savepoint():
            result = func()
            env.flush_all()
            raise Rollback
    except Rollback:
        pass
    env.invalidate_all()
    return result


def validation_queries(env, lines):
    """SQL queries of validating these lines, from a cold cache as in a new
    request, flush included."""
    from odoo import sql_db

    env.invalidate_all()
    lines = lines.with_env(env)
    before = sql_db.sql_counter
    lines.action_validate()
    env.flush_all()
    return sql_db.sql_counter - before


def recompute_progress(env):
    """Recompute, from the hour lines, what progress is made of: the hours
    of every commitment, then the totals and progress of every lot and
    operation, and write them, as the bulk validation and import do
    (``refresh_in_bulk``: one statement each, compared with the ORM's
    computes by the module's tests). The cache is cold, as after the import
    of a month of hours touching every lot."""
    from odoo.addons.social_clause.models.common import refresh_in_bulk

    commitments, lots, operations = (
        env[model].search([])
        for model in (
            "social.clause.commitment",
            "social.clause.lot",
            "social.clause.operation",
        )
    )
    env.invalidate_all()
    refresh_in_bulk(
        commitments._bulk_totals(), lots._bulk_totals(), operations._bulk_totals()
    )
    env.flush_all()
    return lots


def measure_base_import(env, clock, rows, args):
    """base_import first, in a savepoint rolled back: the wizard then imports
    the same rows into an empty table. Its time is extrapolated to all the
    rows when it ran on a part of them."""
    total = len(rows)
    base_rows = min(
        total if args.base_import_rows is None else args.base_import_rows, total
    )
    if not base_rows:
        return
    subset = base_import_csv(rows[:base_rows])
    created = in_savepoint(
        env,
        lambda: clock.measure(
            "base_import",
            f"base_import (standard import), {base_rows} lines",
            lambda: run_base_import(env, subset),
        ),
    )
    assert created == base_rows, created
    assert not env["social.clause.hour"].search_count([]), "rolled back"
    base_seconds = clock.figures["base_import"] * total / base_rows
    if base_rows < total:
        print(
            f"base_import extrapolated to {total} lines "
            f"({clock.figures['base_import'] / base_rows * 1000:.2f} ms per "
            f"line x {total}): {base_seconds:.2f} s",
            flush=True,
        )
    clock.figures["base_import_total"] = base_seconds


def measure_wizard(env, clock, rows, args):
    """The module's import of all the rows, then (unless ``--skip-again``)
    of the same file again, where every row is already imported."""
    total = len(rows)
    content = base64.b64encode(wizard_csv(rows))
    print(
        f"file: {len(content) * 3 // 4 / 1e6:.1f} MB of CSV; peak memory "
        f"before the import: {peak_memory_mb():.0f} MB",
        flush=True,
    )
    Import = env["social.clause.hour.import"]
    wizard = Import.create({"file": content, "filename": "heures.csv"})

    def wizard_import():
        wizard.action_import()
        env.flush_all()

    clock.measure(
        "wizard", f"wizard import, {total} lines (checks + create)", wizard_import
    )
    if wizard.state != "done" or wizard.created_count != total:
        print(wizard.report[:3000])
        raise SystemExit("the wizard did not import the file")
    print(f"peak memory after the import: {peak_memory_mb():.0f} MB", flush=True)
    env.cr.commit()
    if not args.skip_again:
        again = Import.create({"file": content, "filename": "heures.csv"})
        clock.measure(
            "wizard_again",
            f"wizard import of the same file again ({total} lines already " "imported)",
            again.action_import,
        )
        assert again.created_count == 0 and again.skipped_count == total
    assert env["social.clause.hour"].search_count([]) == total
    env.cr.commit()


def measure_validation(env, clock, rows):
    """Queries of validating 10 and 1,000 lines, then the validation of all
    the submitted lines and the recomputation of the progress of every lot.
    Returns the two query counts."""
    total = len(rows)
    Hour = env["social.clause.hour"]
    submitted = Hour.search([("state", "=", "submitted")], order="id")
    assert len(submitted) == total, len(submitted)
    queries_10 = in_savepoint(env, lambda: validation_queries(env, submitted[:10]))
    queries_1000 = in_savepoint(
        env, lambda: validation_queries(env, submitted[10:1010])
    )
    print(f"SQL queries to validate 10 lines: {queries_10}", flush=True)
    print(f"SQL queries to validate 1,000 lines: {queries_1000}", flush=True)
    env.invalidate_all()

    def validate_all():
        submitted.with_env(env).action_validate()
        env.flush_all()

    clock.measure("validate", f"validate {total} submitted lines", validate_all)
    env.cr.commit()
    done = sum(env["social.clause.lot"].search([]).mapped("hours_done"))
    assert round(done) == round(sum(row["hours"] for row in rows)), done
    lots = clock.measure(
        "progress",
        f"recompute the progress of all {OPERATIONS * LOTS_PER_OPERATION} lots",
        lambda: recompute_progress(env),
    )
    assert round(sum(lots.mapped("hours_done"))) == round(done)
    env.cr.commit()
    return queries_10, queries_1000


def print_targets(figures, total, queries_10, queries_1000):
    print()
    print("Targets")
    if "base_import_total" in figures:
        ratio = figures["base_import_total"] / figures["wizard"]
        print(
            f"- wizard vs base_import: {ratio:.1f}x faster (target >= 20x): "
            f"{'met' if ratio >= 20 else 'NOT met'}"
        )
    if total >= 1_000_000:
        ok = figures["wizard"] < 60
        print(
            f"- import of {total} lines in {figures['wizard']:.1f} s (target < 60 s): "
            f"{'met' if ok else 'NOT met'}"
        )
    for key, label, target in (
        ("validate", "validation", 60),
        ("progress", "progress", 2),
    ):
        ok = figures[key] < target
        print(
            f"- {label} of the whole set in seconds ({figures[key]:.1f} s, "
            f"target < {target} s): {'met' if ok else 'NOT met'}"
        )
    flat = queries_1000 <= queries_10
    print(
        f"- validation queries do not grow with the lines ({queries_10} for 10, "
        f"{queries_1000} for 1,000): {'met' if flat else 'NOT met'}"
    )
    if not flat:
        print(
            "  (the ORM flushes updates by 100 rows: each field group written "
            "costs one UPDATE per 100 lines)"
        )


def main():
    args = parse_args()
    apply_scale(args.scale, args.lines, args.operations)
    print(f"social_clause hours benchmark, database {args.db}", flush=True)
    clock = Clock()
    clock.measure("install", "install social_clause (no demo)", lambda: install(args))

    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["-c", args.config, "-d", args.db, "--log-level=warn"]
    )
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        months, participants, commitments = clock.measure(
            "fixture",
            f"build {OPERATIONS} operations x {LOTS_PER_OPERATION} lots, "
            f"{OPERATIONS * LOTS_PER_OPERATION} commitments, "
            f"{PARTICIPANTS} participants",
            lambda: build_fixture(env),
        )
        cr.commit()
        rows = hour_rows(months, participants, commitments)
        print(f"hour lines in the file: {len(rows)}", flush=True)
        measure_base_import(env, clock, rows, args)
        measure_wizard(env, clock, rows, args)
        queries = measure_validation(env, clock, rows)
    print_targets(clock.figures, len(rows), *queries)

    if not args.keep:
        from odoo.service import db as db_service

        registry.delete(args.db)
        db_service.exp_drop(args.db)
        print(f"database {args.db} dropped (--keep to keep it)")


if __name__ == "__main__":
    main()
