# Two commands matter: `make run` and `make test`. Both set up everything they need.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# make serve: HAProxy listens on HOST:PORT in front of WORKERS app processes (one per core by default).
HOST ?= 0.0.0.0
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint lock bench bench-quick browser-deps a11y-deps database-deps pdf-deps proxy-deps backup clean

# Installs come from the locks: every package, direct or not, at one version with its hashes
# (`make lock` regenerates them from requirements*.txt; README, "Dependencies").
$(VENV)/.run-installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(VENV)/.dev-installed: $(VENV)/.run-installed requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

## make lock: re-pin every package (with hashes) after editing requirements.txt or
## requirements-dev.txt, for Python 3.11 on Linux; commit the two .lock files it writes. Pins already
## in the locks stay unless you ask: `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed.
LOCK_VENV := .venv-lock
LOCK := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-trusted-host --no-emit-find-links
lock:
	test -x $(LOCK_VENV)/bin/pip-compile || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/pip install --quiet pip-tools==7.6.2; }
	$(LOCK) $(LOCK_ARGS) --output-file=requirements.lock requirements.txt
	$(LOCK) $(LOCK_ARGS) --output-file=requirements-dev.lock requirements-dev.txt

## make run: install what the app needs and start it on http://localhost:8501, reachable from this
## machine only (one person, no sign-in)
run: $(VENV)/.run-installed
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

## make serve: for a room or a team: WORKERS app processes (default: one per core) on 127.0.0.1:8601…
## behind HAProxy on HOST:PORT (default 0.0.0.0:8501), with sticky sessions, sharing one database
## (README, "Serving a team"). The workspace then needs sign-in or the workspace key (README,
## Security). Put it behind a TLS reverse proxy. Installs Debian's haproxy when it is missing.
serve: $(VENV)/.run-installed proxy-deps
	$(PY) -m deploy.serve --workers $(WORKERS) --host $(HOST) --port $(PORT)

## make test: install everything the tests need (Python packages, Debian's chromium, axe-core,
## postgresql, poppler-utils and haproxy) and run them all
test: $(VENV)/.dev-installed browser-deps a11y-deps database-deps pdf-deps proxy-deps lint
	$(PY) -m pytest

## Lint and strict type checks of the packages that must never depend on the UI.
lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m mypy questions scoring storage reports services deploy

## Debian's Chromium drives the browser tests (Playwright cannot download its own browser here).
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/lib/chromium/chromium ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; \
	fi

## axe-core, which the accessibility browser test injects into every page, at the version
## package-lock.json pins (Debian's nodejs and npm install it). Reinstalled when the lock changes.
AXE := node_modules/axe-core/axe.min.js
a11y-deps: $(AXE)

$(AXE): package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "Installing Debian's nodejs and npm for axe-core"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; \
	fi
	npm ci --no-audit --no-fund
	touch $@

## Debian's PostgreSQL server binaries: the storage tests start their own throwaway cluster.
database-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "Installing Debian's postgresql for the database tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; \
	fi

## Debian's HAProxy: `make serve` puts it in front of the app processes, and the tests run it.
proxy-deps:
	@if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then \
		echo "Installing Debian's haproxy for make serve and its tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq haproxy >/dev/null; \
	fi

## Debian's poppler-utils renders report PDFs to PNG pages for review.
pdf-deps:
	@if ! command -v pdftoppm >/dev/null 2>&1; then \
		echo "Installing Debian's poppler-utils for the report tests"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; \
	fi

## make bench: the performance figures of the README, into bench/results/
bench: $(VENV)/.dev-installed browser-deps proxy-deps
	$(PY) -m bench.run

## make bench-quick: the headline figures in a few minutes: a click on each page against the bare
## app, and a smaller workshop burst on one process and on two behind HAProxy
bench-quick: $(VENV)/.dev-installed proxy-deps
	$(PY) -m bench.pages --rounds 2 --clicks 8
	$(PY) -m bench.scaling --quick

## make backup: a consistent copy of the SQLite database into backups/ (safe while the app runs)
backup: $(VENV)/.run-installed
	$(PY) -m storage.backup

clean:
	rm -rf $(VENV) $(LOCK_VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts node_modules
