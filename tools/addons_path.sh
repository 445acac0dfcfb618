#!/usr/bin/env bash
# odoo_core_addons_path SRC: prints the comma-separated folders of the Odoo
# tree SRC that hold Odoo's modules, for the addons_path of odoo.conf.
#   - a tree whose odoo/addons holds everything (base and the standard modules,
#     as /opt/odoo here): odoo/addons alone; a top-level addons/ there is
#     stale and left out;
#   - an upstream clone (base in odoo/addons, the standard modules in addons/):
#     addons then odoo/addons.
# Fails (status 1, message on stderr) when no layout matches.
# Sourced by tools/setup.sh; tested by tools/check_setup_layouts.sh.

_odoo_has_standard_modules() {
    [ -f "$1/mail/__manifest__.py" ] && [ -f "$1/web/__manifest__.py" ]
}

odoo_core_addons_path() {
    local src=${1%/}
    if [ ! -f "$src/odoo/addons/base/__manifest__.py" ]; then
        echo "addons_path: no odoo/addons/base in $src" >&2
        return 1
    fi
    if _odoo_has_standard_modules "$src/odoo/addons"; then
        echo "$src/odoo/addons"
    elif _odoo_has_standard_modules "$src/addons"; then
        echo "$src/addons,$src/odoo/addons"
    else
        echo "addons_path: no standard modules (mail, web) in $src/odoo/addons or $src/addons" >&2
        return 1
    fi
}
