# The two commands a new user needs: `make serve` (preview) and `make test` (the whole suite).
# Both create the local virtualenv (.venv) from the pinned requirements on first use.
PYTHON ?= python3
# Material 9.8 prints a banner about MkDocs 2.0 on every run; mkdocs is pinned <2.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: serve build check watch test test-fast lint schema macros bench diff clean browser

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*; touch $@

serve: $(STAMP)  ## preview at http://127.0.0.1:8000, reloading on edits to facts/, docs/, macros/
	$(PY) -m mkdocs serve --dirty -a 127.0.0.1:8000

build: $(STAMP)  ## the published site, into site/
	$(PY) -m mkdocs build --strict

check: $(STAMP)  ## validate facts/ only (fast)
	$(PY) -m factkit check

watch: $(STAMP)  ## validate facts/ again each time a fact file is saved (Ctrl-C stops)
	$(PY) -m factkit check --watch

schema: $(STAMP)  ## regenerate the JSON Schema editors' IDEs use
	$(PY) -m factkit schema --out schema/facts.schema.json

macros: $(STAMP)  ## regenerate the macro reference (factkit/MACROS.md, docs/macros.md) from the code
	$(PY) -m factkit macros --out factkit/MACROS.md
	$(PY) -m factkit macros --page --out docs/macros.md

browser:  ## make sure Debian's Chromium is there for the browser tests
	@scripts/ensure-chromium

lint: $(STAMP)  ## ruff, and mypy (strict) on the engine
	$(PY) -m ruff check factkit macros tests scripts
	$(PY) -m mypy

test: $(STAMP) browser lint  ## the whole suite: lint, fact check, unit, fixture sites, live preview, browser
	$(PY) -m factkit check
	$(PY) -m pytest -q -n 2 --dist loadgroup

test-fast: $(STAMP)  ## everything but the browser tests
	$(PY) -m pytest -q -m "not browser"

bench: $(STAMP)  ## scale benchmark (prints a table)
	$(PY) scripts/bench.py

diff: $(STAMP)  ## semantic fact diff: make diff BASE=origin/main
	$(PY) -m factkit diff $(or $(BASE),origin/main)

clean:
	rm -rf site .pytest_cache .ruff_cache
