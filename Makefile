# Backprop — `make run` serves the app, `make test` runs the whole suite.
# Each target sets up what it needs: .venv, Python packages, front-end assets, database.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := static/vendor

.PHONY: run test setup assets chromium wrk lint bench load screenshots clean

run: setup
	$(BIN)/backprop serve --host $(HOST) --port $(PORT)

# Most tests run in parallel (pytest-xdist, two workers per CPU: much of a browser test is
# waiting on Chromium and much of a PostgreSQL test on the server, so one worker per CPU left
# them idle — 14 min 19 s with 2 workers, 11 min 34 s with 4 here; idle workers steal queued
# tests); those marked `serial` (real servers under load, timings) run alone afterwards so
# nothing else competes with them. Exit status 5 means PYTEST_ARGS selected no test of that part.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
test: setup chromium wrk
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal -m "not serial" $(PYTEST_ARGS) || [ $$? = 5 ]
	$(BIN)/pytest -q -p no:xdist -m serial $(PYTEST_ARGS) || [ $$? = 5 ]

setup: $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Third-party browser code comes from npm at the versions pinned in package-lock.json
# and is copied into the git-ignored static/vendor/; nothing is loaded from a CDN.
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/htmx $(VENDOR)/katex $(VENDOR)/swagger-ui $(VENDOR)/axe
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp -r node_modules/katex/dist/katex.min.js node_modules/katex/dist/katex.min.css node_modules/katex/dist/fonts $(VENDOR)/katex/
	cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/swagger-ui/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/axe/
	touch $@

assets: $(VENDOR)/.installed

# Browser tests drive a real Chromium: Debian's package where apt works, else Playwright's own.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	      apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }; \
	    else $(BIN)/playwright install chromium; fi; }

# The benchmark drives the server with wrk, a native load generator (Debian's package).
wrk:
	@command -v wrk >/dev/null 2>&1 || \
	  { if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	      apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }; \
	    else echo "wrk is needed: install it with your package manager (apt-get install wrk)"; exit 1; fi; }

lint: setup
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests
	$(BIN)/mypy

bench: setup wrk
	$(BIN)/python -m app.dev.bench

load: setup
	$(BIN)/python -m app.dev.load

screenshots: setup chromium
	$(BIN)/python -m app.dev.screenshots

clean:
	rm -rf $(VENV) node_modules $(VENDOR) data .pytest_cache
