#!/usr/bin/env bash
# Regression check of Odoo's own tests with social_clause installed (`make
# test-core`): purchase_requisition, portal and mail's access tests.
# 1. a fresh database gets social_clause and the tested modules in one
#    install, tests disabled (log: .build/test-core-install.log);
# 2. tools/test_core.py loads that database's whole registry, without any
#    update, and runs the at_install and post_install tests selected below on
#    it (log: .build/test-core.log). No update order can hide a module's code
#    or fake a failure: every test sees every installed module.
# SOCIAL_CLAUSE_CORE_BASELINE=1 also runs them on a database without
# social_clause, to tell a regression of the module from a failure of Odoo.
# Variables: SOCIAL_CLAUSE_CORE_DB (default social_clause_core),
# SOCIAL_CLAUSE_CORE_TAGS (default below).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$REPO/.build
. "$BUILD/env.sh"  # ODOO_SRC, VENV, TEST_PORT (tools/setup.sh)
DB=${SOCIAL_CLAUSE_CORE_DB:-social_clause_core}
TAGS=${SOCIAL_CLAUSE_CORE_TAGS:-/purchase_requisition,/portal,/mail:TestDiscussChannelAccess,/mail:TestMailRenderSecurity,/mail:TestNotifySecurityUpdate}
CONF=$BUILD/odoo-test.conf
export PATH=$VENV/bin:$PATH

run() {  # database modules-to-install label
    local db=$1 modules=$2 label=$3 start=$SECONDS rc=0
    if psql -lqtA | cut -d'|' -f1 | grep -qx "$db"; then
        python "$ODOO_SRC/odoo-bin" db -c "$CONF" drop "$db" >/dev/null
    fi
    echo "test-core[$label]: installing $modules in $db"
    python "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$db" -i "$modules" --stop-after-init \
        --http-port "$TEST_PORT" --logfile "$BUILD/test-core-install-$label.log" ||
        { echo "test-core[$label]: install FAILED" >&2; return 1; }
    echo "test-core[$label]: running $TAGS"
    python "$REPO/tools/test_core.py" -c "$CONF" -d "$db" --test-tags "$TAGS" \
        --http-port "$TEST_PORT" --logfile "$BUILD/test-core-$label.log" || rc=$?
    grep -E "test-core: |(ERROR|FAIL): " "$BUILD/test-core-$label.log" | sed 's/^[^ ]* [^ ]* [0-9]* //' || true
    echo "test-core[$label]: $([ $rc = 0 ] && echo OK || echo FAILED) in $((SECONDS - start)) s"
    return $rc
}

rc=0
run "$DB" social_clause,purchase_requisition,portal,mail with_social_clause || rc=$?
if [ "${SOCIAL_CLAUSE_CORE_BASELINE:-0}" = 1 ]; then
    run "${DB}_baseline" purchase_requisition,portal,mail baseline || true
fi
exit $rc
