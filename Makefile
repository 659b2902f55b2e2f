# Integrationsnetz: `make run` sets up everything and serves the demo; `make test` proves it.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/integrationsnetz
PYTEST_WORKERS ?= 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install system-packages run serve demo test lint types migrations-check test-sqlite test-postgres test-browser bench messages translations clean

help:
	@echo "make run    install, migrate, load the demo data and serve http://127.0.0.1:8000"
	@echo "make test   lint, types, migrations check, tests on SQLite and PostgreSQL, browser tests"
	@echo "make bench  every benchmark in bench/ (ONLY=search,meetings for some); writes docs/benchmarks.md"

$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

install: $(VENV)/.installed system-packages

# Debian packages for system parts: gettext (translations), Chromium (browser tests), Pango (WeasyPrint PDFs), fonts.
system-packages:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpangoft2-1.0-0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing fonts-dejavu-core >/dev/null; \
	  else \
	    echo "Missing Debian packages:$$missing (run 'sudo apt-get install$$missing')"; \
	  fi; \
	fi

# Extract the msgids into the catalogues (then translate the new German entries): the site's catalogue
# for core, accounts, directory and api; each module app keeps its own (<app>/locale/).
MODULE_APPS := monitoring guide meetings volunteering news actionplan accommodation
translations: $(VENV)/.installed
	cd src/integrationsnetz && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l de --no-obsolete --ignore "*/tests/*" \
	  --ignore "*/demo/*" --ignore "core/testing/*" $(foreach app,$(MODULE_APPS),--ignore "$(app)/*") -v0
	for app in $(MODULE_APPS); do \
	  (cd src/integrationsnetz/$$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l de --no-obsolete --ignore "tests/*" -v0) || exit 1; \
	done

messages: $(VENV)/.installed
	cd src/integrationsnetz && ../../$(PY) ../../manage.py compilemessages -v0  # every locale/ below: site and apps

run: install messages
	$(MANAGE) migrate --no-input -v0
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

serve: $(VENV)/.installed
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(VENV)/.installed
	$(VENV)/bin/mypy src

migrations-check: $(VENV)/.installed
	$(MANAGE) makemigrations --check --dry-run

test-sqlite: install messages
	$(VENV)/bin/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) -m "not browser"

# PostgreSQL: DATABASE_URL when set, else the local server when it answers (required in CI).
test-postgres: install messages
	@url="$${DATABASE_URL:-}"; \
	if [ -z "$$url" ]; then \
	  if $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then url="$(POSTGRES_URL)"; \
	  elif [ "$${CI:-}" = "true" ]; then echo "PostgreSQL is required in CI but does not answer at 127.0.0.1:5432"; exit 1; \
	  else echo "PostgreSQL not available: skipping the PostgreSQL run"; exit 0; fi; \
	fi; \
	DATABASE_URL="$$url" $(VENV)/bin/pytest -p no:cacheprovider -n $(PYTEST_WORKERS) -m "not browser"

test-browser: install messages
	$(VENV)/bin/pytest -p no:cacheprovider -m browser

test: lint types migrations-check test-sqlite test-postgres test-browser

bench: install messages
	$(PY) bench/run.py $(if $(ONLY),--only $(ONLY))

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
