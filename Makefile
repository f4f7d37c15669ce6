# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make serve   the site, live, at http://127.0.0.1:8000
#   make test    every test
# Both create .venv from the pinned requirements when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test quick lint check schema export import recheck screenshots urls bench clean

NODE_STAMP := node_modules/.installed

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# Not strict: a freshly imported batch must be previewable (its warnings still show).
serve: $(STAMP)  ## the site with live reload at http://127.0.0.1:8000
	HANDBOOK_LOCAL=1 $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

# The published address is SITE_URL (CI sets it). Without it the site is for this machine
# (http://127.0.0.1:8000/): HANDBOOK_LOCAL=1, unless set otherwise; a strict build with a
# loopback address and HANDBOOK_LOCAL unset stops, naming SITE_URL (hooks/publishing.py).
site: $(STAMP)  ## strict build into site/ (SITE_URL=https://... for the published address)
	HANDBOOK_LOCAL=$(or $(HANDBOOK_LOCAL),$(if $(SITE_URL),0,1)) $(BIN)/mkdocs build --strict --clean --site-dir site
	@test -n "$(SITE_URL)" || echo "site/ is for this machine (http://127.0.0.1:8000/): set SITE_URL to publish it"

# The quality gates' checkers (axe-core, vnu-jar, lighthouse), pinned in package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

# A process per core (pytest-xdist), at most four; a module's tests share one process, its
# served site and its browser; the site is built once for all (tests/conftest.py).
PARALLEL := -n auto --maxprocesses 4 --dist loadscope

# Before the tests: ruff, with the Python and the Node set-up of a fresh clone side by side
# (-j2: 10 s less).
PREPARE := $(MAKE) --no-print-directory -j2 lint $(NODE_STAMP)

test:  ## ruff, then every test
	@$(PREPARE)
	$(BIN)/python -m pytest $(PARALLEL)

# While editing: the browser tests (marked `browser`) are most of `make test`'s time.
quick:  ## ruff, then every test but those in a browser
	@$(PREPARE)
	$(BIN)/python -m pytest $(PARALLEL) -m "not browser"

lint: $(STAMP)  ## ruff, with the rules in pyproject.toml
	$(BIN)/ruff check .

check: $(STAMP)  ## validate data/ and say what is there
	$(BIN)/python -m handbook check

schema: $(STAMP)  ## regenerate the editor JSON Schemas from the models
	$(BIN)/python -m handbook schema

export: $(STAMP)  ## the generated Markdown tree, both languages, into build/markdown
	$(BIN)/python -m handbook export build/markdown

import: $(STAMP)  ## import a research document: make import FILE=research.md [ARGS=--dry-run|--delete-removed]
	@test -n "$(FILE)" || { echo "usage: make import FILE=path/to/research.md [ARGS=--dry-run]" >&2; exit 2; }
	$(BIN)/python -m handbook import "$(FILE)" $(ARGS)

# Sends nothing unless HANDBOOK_RECHECK_FETCH=1 (the weekly workflow sets it): then it
# re-reads every source and writes data/source-checks.yaml and build/recheck/report.{md,json}.
recheck: $(STAMP)  ## list the reviews' sources and their last re-check (HANDBOOK_RECHECK_FETCH=1: re-read them)
	$(BIN)/python -m handbook recheck

screenshots: site  ## PNGs of the main page types into screenshots/
	$(BIN)/python scripts/screenshots.py site screenshots

urls: site  ## rewrite public-urls.txt, the manifest of public URLs and anchors
	$(BIN)/python scripts/urls.py site --write

# e.g. make bench BENCH_ARGS="--sizes 10,100 --runs 1"; see BENCHMARKS.md
bench: $(STAMP)  ## build times at 10, 100 and 1,000 services, live reload, page weight
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

clean:
	rm -rf site build screenshots

# Zensical reads no hooks and no i18n: the generator writes each language's docs and config
# (hooks/handbook/zensical.py), Zensical builds Hebrew, then English inside it, and the
# handbook's search entries replace Zensical's own. README, "The site with Zensical".
.PHONY: site-zensical
site-zensical: $(STAMP)  ## both languages built by Zensical from the export, into build/zensical/
	$(BIN)/python -m handbook zensical-config build
	$(BIN)/zensical build --strict -f build/zensical-he.yml
	$(BIN)/zensical build --strict -f build/zensical-en.yml
	$(BIN)/python -m handbook zensical-finish build
