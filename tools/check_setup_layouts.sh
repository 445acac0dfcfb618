#!/usr/bin/env bash
# Checks odoo_core_addons_path (tools/addons_path.sh) on both layouts of an
# Odoo tree, without network: the tree at hand (everything in odoo/addons,
# a stale top-level addons/), and a throwaway upstream-shaped tree built from
# it with links (odoo/addons with base only, addons/ with the standard
# modules); base, mail, web, portal and purchase_requisition must be found
# with the computed path. A tree with no standard modules must be refused.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$REPO/tools/addons_path.sh"
SRC=${1:-${ODOO_SRC:-/opt/odoo}}
fail() { echo "check_setup_layouts: FAILED: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Every module the project needs is found, first where expected, as Odoo
# looks for a module: the first folder of the path that holds it.
check_modules_found() {  # addons_path expected_dir_of_mail
    local dirs dir name found
    IFS=, read -r -a dirs <<< "$1"
    for name in base mail web portal purchase_requisition; do
        found=
        for dir in "${dirs[@]}"; do
            if [ -f "$dir/$name/__manifest__.py" ]; then found=$dir; break; fi
        done
        [ -n "$found" ] || fail "$name not found with $1"
        [ "$name" != mail ] || [ "$found" = "$2" ] || fail "mail found in $found"
    done
}

# 1. The tree at hand: everything in odoo/addons.
src=$(cd "$SRC" && pwd)
if _odoo_has_standard_modules "$src/odoo/addons"; then
    got=$(odoo_core_addons_path "$src") || fail "tree at hand refused"
    [ "$got" = "$src/odoo/addons" ] || fail "tree at hand: $got"
    check_modules_found "$got" "$src/odoo/addons"
    std=$src/odoo/addons
else  # the tree at hand is an upstream clone itself
    got=$(odoo_core_addons_path "$src") || fail "tree at hand refused"
    [ "$got" = "$src/addons,$src/odoo/addons" ] || fail "tree at hand: $got"
    check_modules_found "$got" "$src/addons"
    std=$src/addons
fi

# 2. Upstream-shaped: base alone in odoo/addons, the rest in addons/.
up=$tmp/upstream
mkdir -p "$up/odoo/addons" "$up/addons"
ln -s "$src/odoo/addons/base" "$up/odoo/addons/base"
ln -s "$std"/*/ "$up/addons/"
rm "$up/addons/base"
got=$(odoo_core_addons_path "$up") || fail "upstream layout refused"
[ "$got" = "$up/addons,$up/odoo/addons" ] || fail "upstream layout: $got"
check_modules_found "$got" "$up/addons"

# 3. No standard modules anywhere: refused.
bare=$tmp/bare
mkdir -p "$bare/odoo/addons" "$bare/addons"
ln -s "$src/odoo/addons/base" "$bare/odoo/addons/base"
if odoo_core_addons_path "$bare" 2>/dev/null; then fail "a tree without mail was accepted"; fi
echo "check_setup_layouts: OK (tree at hand and upstream layout)"
