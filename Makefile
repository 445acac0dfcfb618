# social_clause — developer entry points (see README.md)
SHELL := /bin/bash
VENV := $(or $(SOCIAL_CLAUSE_VENV),/opt/social_clause-venv)
export SOCIAL_CLAUSE_VENV := $(VENV)
PYTHON := $(VENV)/bin/python
CONFIG := .build/odoo.conf

.PHONY: setup run test lint bench bench-1m bench-scale test-core bench-reports i18n

setup:            ## idempotent: PostgreSQL, Debian packages, venv, .build/odoo.conf
	@bash tools/setup.sh

run: setup        ## serve Odoo on http://127.0.0.1:8069 (admin/admin)
	@bash tools/run.sh

test: setup       ## fresh test database + pytest-odoo
	@bash tools/test.sh

# All three linters run; the target fails if any of them does.
lint: setup       ## ruff (check + format) and pylint-odoo
	@rc=0; set -x; \
	$(VENV)/bin/ruff check --no-fix . || rc=1; \
	$(VENV)/bin/ruff format --check . || rc=1; \
	. .build/env.sh && cd "$$ADDONS" && $(VENV)/bin/pylint --rcfile=$(CURDIR)/.pylintrc social_clause || rc=1; \
	exit $$rc

bench: setup      ## hours benchmark, 100,000 lines
	$(PYTHON) bench/bench_hours.py --config $(CONFIG)

bench-1m: setup   ## hours benchmark, 1,000,000 lines and 30,000 lots (about 10 min; BENCH_ARGS=--keep)
	$(PYTHON) bench/bench_hours.py --config $(CONFIG) --db social_clause_bench_1m \
		--lines 1000000 --operations 10000 --base-import-rows 10000 --skip-again \
		$(BENCH_ARGS)

bench-scale: setup  ## bilan, survey and portal pages on the kept million-line database
	$(PYTHON) bench/bench_scale.py --config $(CONFIG) --db social_clause_bench_1m

test-core: setup  ## Odoo's tests of purchase_requisition, portal, mail access, module installed
	@bash tools/test_core.sh

bench-reports: setup  ## PDF reports benchmark (bilan, attestation)
	$(PYTHON) bench/bench_reports.py --config $(CONFIG)

i18n: setup       ## re-export i18n/social_clause.pot and merge i18n/fr.po (after make test)
	@bash tools/i18n.sh
