# casebook: `make help` lists the targets. Everything runs inside .venv, which the targets
# create and install from the pinned requirements/*.lock (made from pyproject.toml by `make lock`),
# so every machine gets the same versions and benchmark figures compare.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
THEME ?= shared-purpose
SITE ?= public

.DEFAULT_GOAL := help
.PHONY: help setup dev lock data check brief briefs site explore lesson workshop bench test test-fast lint format browser axe docs clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml requirements/runtime.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/runtime.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(DEV_STAMP): pyproject.toml requirements/dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(RUNTIME_STAMP) $@

setup: $(RUNTIME_STAMP) ## create .venv and install casebook with its dependencies

dev: $(DEV_STAMP) ## install the development and test dependencies too

lock: $(DEV_STAMP) ## re-pin requirements/*.lock from pyproject.toml (after changing a dependency)
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --annotation-style line -q -o requirements/runtime.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --annotation-style line -q -o requirements/dev.lock

browser: ## install Debian's chromium (browser tests, PDF briefs), poppler-utils and npm (the site's axe test; needs root or sudo)
	@{ command -v chromium && command -v pdftotext && command -v npm; } >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils npm >/dev/null; }
	@chromium --version

AXE := tests/axe/node_modules/axe-core/axe.min.js

axe: $(AXE) ## install axe-core from the npm registry (pinned in tests/axe/package-lock.json) for the site's accessibility test

$(AXE): tests/axe/package.json tests/axe/package-lock.json | browser
	cd tests/axe && npm ci --no-audit --no-fund --silent
	@touch $@

data: $(RUNTIME_STAMP) ## rebuild data/ from casestudies/ (never edit data/ by hand)
	$(BIN)/casebook build
	$(BIN)/casebook workshop --schema workshops/workshop.schema.json

check: $(RUNTIME_STAMP) ## fail when data/ is stale against casestudies/
	$(BIN)/casebook check

brief: data ## set up, build data/ and write the default brief to briefs/ (THEME=... for another)
	$(BIN)/casebook brief $(THEME)

briefs: data browser ## every theme's brief, as HTML and PDF
	$(BIN)/casebook briefs --all --format html,pdf

site: data ## the static site into public/ (SITE=... elsewhere) with the map alone as public/map.html; upload the folder to any static host
	$(BIN)/casebook site --out $(SITE) --single-file $(SITE)/map.html

explore: data ## open the explorer as a Voila app on 127.0.0.1:8866
	$(BIN)/casebook explore

lesson: data ## open the trainer's lesson as a Voila app on 127.0.0.1:8867
	$(BIN)/casebook lesson

workshop: data ## run the shared-purpose workshop as a Voila app on 127.0.0.1:8868 (FILE=... to open one)
	$(BIN)/casebook workshop $(FILE)

bench: $(DEV_STAMP) browser data ## benchmarks that report figures (builds at scale, brief speed, explorer updates, first paint of the apps and the static site, a room of 25)
	$(BIN)/python benchmarks/build_speed.py --cases 1000 10000 100000
	$(BIN)/python benchmarks/brief_speed.py
	$(BIN)/python benchmarks/explorer_speed.py
	$(BIN)/python benchmarks/first_paint.py
	$(BIN)/python benchmarks/site_speed.py --cases 10000
	$(BIN)/python benchmarks/room_load.py --sessions 25

lint: $(DEV_STAMP) ## ruff lint and format check, the layer contract (import-linter) and the library's types (mypy)
	$(BIN)/ruff check lib tests notebooks benchmarks
	$(BIN)/ruff format --check lib tests notebooks benchmarks
	$(BIN)/lint-imports
	$(BIN)/mypy

docs: $(DEV_STAMP) ## regenerate the command reference and build the documentation site into site/ (strict)
	$(BIN)/cog -r docs/commands.md
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

format: $(DEV_STAMP) ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix lib tests notebooks benchmarks
	$(BIN)/ruff format lib tests notebooks benchmarks

test: $(DEV_STAMP) browser axe lint check docs site ## the whole suite: lint, data drift, docs, unit tests, notebooks, browser
	$(BIN)/pytest tests --nbval-lax notebooks

test-fast: $(DEV_STAMP) ## the domain tests only (no kernel, browser or slow conformance tables), on every core: about 30 s, for every edit
	$(BIN)/pytest tests -m "not browser and not kernel and not slow" -q -p no:nbval -n auto --dist worksteal

clean: ## remove the virtual environment, caches and briefs
	rm -rf $(VENV) briefs site $(SITE) .pytest_cache .ruff_cache .mypy_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
