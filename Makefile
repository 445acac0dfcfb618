# social_clause — developer entry points (see README.md)
SHELL := /bin/bash
VENV := $(or $(SOCIAL_CLAUSE_VENV),/opt/social_clause-venv)
export SOCIAL_CLAUSE_VENV := $(VENV)
PYTHON := $(VENV)/bin/python
CONFIG := .build/odoo.conf

.PHONY: setup run test lint bench bench-reports

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

bench: setup      ## hours benchmark
	$(PYTHON) bench/bench_hours.py --config $(CONFIG)

bench-reports: setup  ## PDF reports benchmark (bilan, attestation)
	$(PYTHON) bench/bench_reports.py --config $(CONFIG)
