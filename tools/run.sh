#!/usr/bin/env bash
# Serve Odoo with social_clause on http://127.0.0.1:8069 (admin/admin).
# The database (SOCIAL_CLAUSE_DB, default social_clause) is created with the
# module, demo data and French on first use, and updated on later runs.
# Extra arguments go to odoo-bin, e.g. workers mode (several processes, the
# cron worker running background imports):
#   bash tools/run.sh --workers=4 --max-cron-threads=1
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$REPO/.build
. "$BUILD/env.sh"  # ODOO_SRC, VENV (written by tools/setup.sh)
DB=${SOCIAL_CLAUSE_DB:-social_clause}
CONF=$BUILD/odoo.conf
PY=$VENV/bin/python

state=$(psql -d "$DB" -tAc "SELECT state FROM ir_module_module WHERE name='social_clause'" 2>/dev/null || true)
if [ "$state" != installed ]; then
    echo "run: installing social_clause with demo data in database $DB"
    "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" -i social_clause \
        --load-language=fr_FR --stop-after-init
else
    # The checkout may be newer than the database: bring the module up to date.
    "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" -u social_clause --stop-after-init
fi
echo "run: serving http://127.0.0.1:8069 (database $DB, login admin/admin)"
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --http-port 8069 "$@"
