#!/usr/bin/env bash
# Idempotent set-up of the development/test environment of social_clause:
# PostgreSQL, Debian packages, Odoo source, virtualenv, addons folder, odoo.conf.
# A second run does no install work (apt and pip are skipped when satisfied).
#
# Variables (all optional):
#   ODOO_SRC             Odoo 18 source tree (default /opt/odoo, cloned if absent)
#   SOCIAL_CLAUSE_VENV   virtualenv, kept outside the repo (default /opt/social_clause-venv)
#   SOCIAL_CLAUSE_PYTHON interpreter used to create the venv (default: system python3)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$REPO/.build
VENV=${SOCIAL_CLAUSE_VENV:-/opt/social_clause-venv}
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
log() { echo "setup: $*"; }

# --- PostgreSQL -------------------------------------------------------------
if ! pg_isready -q; then
    log "starting PostgreSQL"
    for v in /etc/postgresql/*/; do
        v=$(basename "$v")
        $SUDO pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
    done
    for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
    pg_isready
fi
if ! psql -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='$(id -un)'" 2>/dev/null | grep -q 1; then
    log "creating PostgreSQL role $(id -un)"
    $SUDO su postgres -c "createuser -s $(id -un)"
fi

# --- Debian packages (apt-get update only when something is missing) --------
DEBS=(git libldap2-dev libsasl2-dev libpq-dev python3-dev python3-venv build-essential
      wkhtmltopdf chromium fonts-dejavu-core fonts-liberation)
missing=()
for p in "${DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -q
    $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

# --- Odoo source ----------------------------------------------------------------
if [ -z "${ODOO_SRC:-}" ]; then
    ODOO_SRC=/opt/odoo
    if [ ! -f "$ODOO_SRC/odoo-bin" ]; then
        log "cloning Odoo 18.0 into $ODOO_SRC"
        git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "$ODOO_SRC"
    fi
fi
[ -f "$ODOO_SRC/odoo-bin" ] || { echo "setup: no odoo-bin in $ODOO_SRC" >&2; exit 1; }
ODOO_SRC=$(cd "$ODOO_SRC" && pwd)

# --- virtualenv ---------------------------------------------------------------
# Pinned like OCA's 18.0 pre-commit (ruff, pylint-odoo) for reproducible lint.
BASE=("pip==24.3.1" "setuptools<70" wheel)
EXTRA=(xlsxwriter "odoo-addon-report-xlsx==18.0.*" pytest-odoo odoo-test-helper
       websocket-client "ruff==0.6.8" "pylint-odoo==9.1.3" openpyxl xlrd python-docx
       jsonschema)
PY=${SOCIAL_CLAUSE_PYTHON:-$(command -v /usr/bin/python3 || command -v python3)}
STAMP=$VENV/.social_clause-stamp
want=$( { cat "$ODOO_SRC/requirements.txt" "$REPO/tools/constraints.txt"
          echo "${BASE[*]}" "${EXTRA[*]}" "$ODOO_SRC" "$PY"; } | sha256sum | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" != "$want" ]; then
    [ -x "$VENV/bin/python" ] || { log "creating venv $VENV"; "$PY" -m venv "$VENV"; }
    # PIP_CONSTRAINT replaces the configured constraint: list both (it also
    # reaches pip's isolated build environments, unlike -c).
    global_c=$("$VENV/bin/python" -m pip config list |
               sed -n "s/^global\.constraint='\(.*\)'$/\1/p")
    export PIP_CONSTRAINT="$global_c $REPO/tools/constraints.txt"
    export PIP_BUILD_CONSTRAINT=$PIP_CONSTRAINT  # pip >= 25.3 reads this one for builds
    pip=("$VENV/bin/python" -m pip install -q)
    log "installing Python packages into $VENV"
    "${pip[@]}" "${BASE[@]}"
    "${pip[@]}" -r "$ODOO_SRC/requirements.txt"
    "${pip[@]}" --no-deps -e "$ODOO_SRC" --config-settings editable_mode=compat
    "${pip[@]}" "${EXTRA[@]}"
    echo "$want" > "$STAMP"
else
    log "venv up to date ($VENV)"
fi

# --- addons folder and Odoo configuration ----------------------------------------
# The link named social_clause lives outside the checkout: a link inside it
# would make the tree recursive for tools that walk the module (i18n export).
ADDONS=${SOCIAL_CLAUSE_ADDONS:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/social_clause/addons-$(printf %s "$REPO" | md5sum | cut -c1-12)}
rm -rf "$BUILD/addons"  # the link of earlier versions
mkdir -p "$BUILD"
mkdir -p "$ADDONS"
ln -sfn "$REPO" "$ADDONS/social_clause"
# report_xlsx comes from a wheel into site-packages/odoo/addons
xlsx_dir=$("$VENV/bin/python" -c \
    "import os, odoo.addons.report_xlsx as m; print(os.path.dirname(os.path.dirname(m.__file__)))")
# Odoo's own modules: odoo/addons, plus addons/ in an upstream clone.
. "$REPO/tools/addons_path.sh"
core_addons=$(odoo_core_addons_path "$ODOO_SRC")
CONF=$BUILD/odoo.conf
new_conf=$(cat <<CONF
[options]
addons_path = $core_addons,$xlsx_dir,$ADDONS
db_host = False
db_port = False
db_user = $(id -un)
db_password = False
http_interface = 127.0.0.1
http_port = 8069
list_db = True
CONF
)
# Test run: other port (a dev server may use 8069), log to a file, at info level.
TEST_PORT=${SOCIAL_CLAUSE_TEST_PORT:-8070}
test_conf=$(printf '%s\n' "$new_conf" | sed "s/^http_port = .*/http_port = $TEST_PORT/"
            printf 'logfile = %s\nlog_level = info\n' "$BUILD/test.log")
write_conf() { [ "$(cat "$1" 2>/dev/null)" = "$2" ] || { echo "$2" > "$1"; log "wrote $1"; }; }
write_conf "$CONF" "$new_conf"
write_conf "$BUILD/odoo-test.conf" "$test_conf"
# Paths for tools/run.sh and tools/test.sh
write_conf "$BUILD/env.sh" "$(printf 'ODOO_SRC=%q\nVENV=%q\nADDONS=%q\nTEST_PORT=%q\n' "$ODOO_SRC" "$VENV" "$ADDONS" "$TEST_PORT")"
log "ready (odoo: $ODOO_SRC, venv: $VENV)"
