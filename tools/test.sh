#!/usr/bin/env bash
# Install social_clause (with demo data) in a fresh database, then run its
# tests with pytest-odoo; fail on any WARNING/ERROR/CRITICAL of the module's
# own loggers. Variables: SOCIAL_CLAUSE_TEST_DB (default social_clause_test),
# SOCIAL_CLAUSE_TEST_PORT (set at `make setup`, default 8070). Arguments, if
# any, replace the test path given to pytest (e.g. social_clause/tests/test_hours.py).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$REPO/.build
. "$BUILD/env.sh"  # ODOO_SRC, VENV (written by tools/setup.sh)
DB=${SOCIAL_CLAUSE_TEST_DB:-social_clause_test}
CONF=$BUILD/odoo-test.conf
ODOO_BIN=$ODOO_SRC/odoo-bin
export PATH=$VENV/bin:$PATH

# The addons path of setup on both layouts of an Odoo tree (a second or so).
bash "$REPO/tools/check_setup_layouts.sh" "$ODOO_SRC"

# Fresh database (drop removes its filestore too)
if psql -lqtA | cut -d'|' -f1 | grep -qx "$DB"; then
    out=$(python "$ODOO_BIN" db -c "$CONF" drop "$DB" 2>&1) || { echo "$out" >&2; exit 1; }
fi
rm -f "$BUILD/test-install.log" "$BUILD/test.log"

echo "test: installing social_clause in $DB (log: .build/test-install.log)"
start=$SECONDS
python "$ODOO_BIN" -c "$CONF" -d "$DB" -i social_clause --stop-after-init \
    --http-port "${TEST_PORT:-8070}" --load-language=fr_FR --logfile "$BUILD/test-install.log" ||
    { tail -n 40 "$BUILD/test-install.log"; echo "test: install FAILED" >&2; exit 1; }
state=$(psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name='social_clause'")
if [ "$state" != installed ]; then
    grep -E " (ERROR|CRITICAL) " "$BUILD/test-install.log" | tail -n 20 || true
    echo "test: social_clause is not installed in $DB (state: ${state:-none})" >&2
    exit 1
fi
echo "test: installed in $((SECONDS - start))s"

# Tests, imported through the addons link (tools/setup.sh) so that they are
# odoo.addons.social_clause.tests.*; HttpCase/tours get a server (--odoo-http).
if [ ! -d "$REPO/tests" ]; then
    echo "test: FAILED: no tests: the module has no tests/ folder" >&2
    exit 1
fi
rc=0
(cd "$ADDONS" && pytest -p no:cacheprovider --odoo-config="$CONF" \
    --odoo-database="$DB" --odoo-log-level=info --odoo-http "${@:-social_clause/tests}") || rc=$?
touch "$BUILD/test.log"

# Module loggers must stay below WARNING, at install and during the tests.
re='^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) [^ ]+ odoo\.addons\.social_clause[.:]'
if bad=$(grep -E -H "$re" "$BUILD/test-install.log" "$BUILD/test.log"); then
    echo "test: FAILED: social_clause logged warnings/errors:" >&2
    echo "$bad" >&2
    [ "$rc" != 0 ] || rc=1
fi
case $rc in
    0) echo "test: OK" ;;
    5) echo "test: FAILED: pytest collected no tests in social_clause/tests" >&2; exit 1 ;;
    *) echo "test: FAILED (pytest exit code $rc, log: .build/test.log)" >&2; exit "$rc" ;;
esac
