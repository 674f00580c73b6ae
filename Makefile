# gongkai — the two commands of the README are the contract: `make run`, `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1:8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/gongkai

export DJANGO_SETTINGS_MODULE ?= gongkai.config.settings.dev
# Checked with mypy --strict beside core/: every service, selector and rule module.
TYPED := $(filter-out src/gongkai/core/%,$(wildcard src/gongkai/*/services.py \
	src/gongkai/*/services/*.py src/gongkai/*/selectors.py src/gongkai/*/rules.py \
	src/gongkai/*/clock_rules.py src/gongkai/*/*/services.py src/gongkai/*/*/selectors.py \
	src/gongkai/*/*/rules.py src/gongkai/penalties/drafts.py src/gongkai/common/prepared.py \
	src/gongkai/budgets/tableset_rules.py))

.PHONY: run install migrate demo test test-sqlite test-postgres lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: fresh machine -> demo site on SQLite (var/gongkai.sqlite3) at http://$(HOST)/
run: install
	mkdir -p var
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo
	@echo "Serving on http://$(HOST)/  (workbench: http://$(HOST)/workbench/)"
	$(BIN)/gongkai runserver $(HOST)

## make test: lint contracts, then every test on SQLite, then on PostgreSQL when reachable
## (GONGKAI_REQUIRE_POSTGRES=1 makes an unreachable PostgreSQL an error, as CI does).
test: install lint test-sqlite test-postgres

lint:
	$(BIN)/lint-imports --no-cache pyproject.toml
	$(BIN)/ruff check src bench scripts
	$(BIN)/ruff format --check src bench scripts
	$(BIN)/mypy --strict --exclude 'core/tests/' src/gongkai/core $(TYPED)

test-sqlite:
	DJANGO_SETTINGS_MODULE=gongkai.config.settings.test DATABASE_URL= $(BIN)/pytest

test-postgres:
	@if $(BIN)/python scripts/pg_ready.py "$(PG_URL)"; then \
		DJANGO_SETTINGS_MODULE=gongkai.config.settings.test DATABASE_URL="$(PG_URL)" $(BIN)/pytest; \
	elif [ "$$GONGKAI_REQUIRE_POSTGRES" = "1" ]; then \
		echo "PostgreSQL is required but not reachable at $(PG_URL)"; exit 1; \
	else \
		echo "PostgreSQL not reachable at $(PG_URL): PostgreSQL run skipped"; \
	fi

bench: install
	DJANGO_SETTINGS_MODULE=gongkai.config.settings.test $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var build *.egg-info
