# Two commands do everything on a fresh machine (see README):
#   make run   — install into .venv if needed, then start the service (SQLite, shipped rules, demo tokens)
#   make test  — install into .venv if needed, then lint, type-check, check the rules and run all tests
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-16)
PYTHON ?= python3

.PHONY: run test check bench spectral

SPECTRAL_VERSIE := 6.16.3

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	@scripts/systeempakketten.sh run
	$(BIN)/invordering serve --host 127.0.0.1 --port 8000

check: $(STAMP)
	$(BIN)/ruff check service tests scripts
	$(BIN)/ruff format --check service tests scripts
	$(BIN)/mypy service tests
	$(BIN)/lint-imports
	$(BIN)/invordering rules check
	$(BIN)/invordering rules schema --check
	$(BIN)/invordering openapi --check
	$(BIN)/invordering rules test

test: check
	@scripts/systeempakketten.sh test
	@if command -v npm >/dev/null 2>&1 && ! [ -x node_modules/.bin/spectral ]; then $(MAKE) spectral; fi
	scripts/pytest.sh $(BIN)/pytest

# Logius' API Design Rules linter (Spectral), project-local; the tests run it on openapi/openapi.json.
spectral:
	npm install --no-save --no-audit --no-fund --prefix . @stoplight/spectral-cli@$(SPECTRAL_VERSIE)

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py
