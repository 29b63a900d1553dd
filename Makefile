# One entry point: make run, make test, make lint, make bench.
# Needs only python3 (3.11+) and make: uv is installed into .tools/, the project into .venv/.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: setup run intake test lint format bench screenshots clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode compiled once here: with PYTHONDONTWRITEBYTECODE set (as on this kind of machine)
# every start would otherwise compile Django from source, a second of a server's start.
$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	touch $@

setup: $(VENV)/.synced

# axe-core for the browser tests' accessibility check (package.json): only the tests read it,
# the app loads nothing from npm, so `make run` needs no Node.js.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Sets up and serves the app on http://127.0.0.1:8000 (SQLite unless DATABASE_URL is set).
run: setup
	$(BIN)/backstride serve --host 127.0.0.1 --port 8000

# The check-in questions in the terminal; writes var/profile.json.
intake: setup
	@mkdir -p var
	$(BIN)/backstride intake --out var/profile.json

# Every test on SQLite (DATABASE_URL ignored), then the database tests (tests/web, no browser)
# again on PostgreSQL when BACKSTRIDE_TEST_DATABASE_URL is set; required in CI (CI=true).
test: setup node_modules/.installed
	@if [ "$$CI" = "true" ] && [ -z "$$BACKSTRIDE_TEST_DATABASE_URL" ]; then \
		echo "error: CI=true but BACKSTRIDE_TEST_DATABASE_URL is not set;" \
			"the PostgreSQL tests must run in CI (.ci/run sets it)" >&2; \
		exit 1; \
	fi
	env -u DATABASE_URL $(BIN)/pytest -q
	@if [ -n "$$BACKSTRIDE_TEST_DATABASE_URL" ]; then \
		echo "PostgreSQL pass: tests/web with DATABASE_URL=\$$BACKSTRIDE_TEST_DATABASE_URL"; \
		DATABASE_URL="$$BACKSTRIDE_TEST_DATABASE_URL" $(BIN)/pytest -q tests/web -m "not browser"; \
	else \
		echo "PostgreSQL run skipped: set BACKSTRIDE_TEST_DATABASE_URL=postgresql://USER:PASS@HOST:PORT/DB" \
			"(a role with CREATEDB) to run tests/web on PostgreSQL too, as .ci/run does"; \
	fi

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	@# The Django plugin imports the settings, which need a data folder: a throwaway one.
	data=$$(mktemp -d) && trap 'rm -rf "$$data"' EXIT && BACKSTRIDE_DATA_DIR="$$data" \
		$(BIN)/mypy --strict src/backstride/core src/backstride/runfiles src/backstride/reports \
		src/backstride/web src/backstride/cli

format: setup
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

# Engine, CLI and web load figures; BACKSTRIDE_BENCH_DATABASE_URL adds a PostgreSQL web run.
bench: setup
	$(BIN)/python benchmarks/run.py

screenshots: setup node_modules/.installed
	BACKSTRIDE_DOCS_SCREENSHOTS=$(CURDIR)/docs $(BIN)/pytest -q tests/e2e

clean:
	rm -rf .venv .tools node_modules var .pytest_cache .mypy_cache .ruff_cache
