#!/usr/bin/env bash
# Re-export i18n/social_clause.pot from a database where social_clause is
# installed (default: the test database of `make test`), then merge
# i18n/fr.po with it (duplicates removed, obsolete entries dropped) and list
# the entries still untranslated. Needs gettext (msguniq, msgmerge).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$REPO/.build
. "$BUILD/env.sh"  # ODOO_SRC, VENV (written by tools/setup.sh)
DB=${1:-${SOCIAL_CLAUSE_TEST_DB:-social_clause_test}}
POT=$REPO/i18n/social_clause.pot
PO=$REPO/i18n/fr.po
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$VENV/bin/python" "$ODOO_SRC/odoo-bin" -c "$BUILD/odoo.conf" -d "$DB" \
    --i18n-export="$tmp/social_clause.pot" --modules=social_clause \
    --stop-after-init --logfile "$tmp/export.log"
cp "$tmp/social_clause.pot" "$POT"
msguniq --use-first "$PO" -o "$tmp/fr.po"
msgmerge --quiet --no-fuzzy-matching --previous "$tmp/fr.po" "$POT" -o "$tmp/merged.po"
msgattrib --no-obsolete "$tmp/merged.po" -o "$PO"
left=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
echo "i18n: $POT exported; $PO merged; untranslated entries: $((left > 0 ? left - 1 : 0))"
