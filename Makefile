# Two commands for a fresh machine:
#   make serve   install everything, then serve the site at http://127.0.0.1:8000
#   make test    install everything (Chromium included), then run every test
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup setup-code browser serve build test split bench check check-code generated parity bench-search

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .   # our packages (scripts/qbank, scripts/sitesearch), importable anywhere
	touch $@

setup-code: $(VENV)/.installed-code  ## what page code may use (torch CPU, transformers, ...): for tests, not to serve

$(VENV)/.installed-code: requirements-code.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-code.txt
	touch $@

browser:  ## Debian's Chromium, for the browser tests
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

serve: setup  ## --dirty: an edit shows in about 1 s (restart after adding a page); `make build` stays strict
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

split: setup  ## import sources/ into docs/ (see README)
	$(VENV)/bin/qbank import

test: setup-code browser
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest

check: setup  ## content checker over docs/ (rules in CONTRIBUTING.md)
	$(VENV)/bin/qbank check

parity: setup  ## which English twins are missing, outdated or out of parity (CONTRIBUTING, R10)
	$(VENV)/bin/qbank parity

generated: setup  ## topic indexes, home lists, redirects, glossary tables, nav (mkdocs.yml), page descriptions, search sounds (data/search-sounds.json)
	$(VENV)/bin/qbank generate

check-code: setup-code  ## statically check and run every Python block of the reviewed pages (design/answer-standard.md)
	$(VENV)/bin/qbank code

bench: setup browser  ## quality budget figures as ratios to anchors built in the same run (build CPU vs plain Material, 10x questions, first load, search, Lighthouse, serve reload): see benchmarks.md
	npm ci --no-audit --no-fund
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/qbank bench

bench-search: setup browser  ## search quality and speed per language (design/search.md)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/qbank bench-search
