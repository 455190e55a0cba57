# coopdec — `make run` serves the embedded default, `make test` passes the tests.
# Only Python 3.11+ and make are needed; everything else is installed into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000

.PHONY: run test test-pg test-browser lint setup translations messages clean

$(BIN)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

$(BIN)/.installed-test: $(BIN)/.installed requirements-test.lock
	$(BIN)/python -m pip install -q -r requirements-test.lock
	touch $@

setup: $(BIN)/.installed translations

translations: $(BIN)/.installed
	$(BIN)/coopdec compile_translations

# E-mail links follow the port (unless COOPDEC_SITE_URL says otherwise).
run: export COOPDEC_SITE_URL ?= http://127.0.0.1:$(PORT)
run: setup
	$(BIN)/coopdec migrate --noinput -v0
	$(BIN)/coopdec load_reference
	$(BIN)/coopdec load_demo
	$(BIN)/coopdec collectstatic --noinput -v0
	@echo "coopdec is served at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	@# The background worker (imports, e-mails) and the scheduler of reminders and digests
	@# run beside the web server and stop with it; a worker that exits is started again.
	( trap 'kill $$child 2>/dev/null; exit' INT TERM; \
	  while true; do $(BIN)/coopdec db_worker --no-reload -v0 & child=$$!; wait $$child; \
	  echo "coopdec: the background worker stopped; starting it again" >&2; sleep 2; done ) & \
	worker=$$!; \
	$(BIN)/coopdec schedule_notifications --every 300 -v0 & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/coopdec runserver 127.0.0.1:$(PORT) --noreload

# Style, the layers the README states (import-linter, pyproject.toml) and types (mypy).
lint: $(BIN)/.installed-test
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test: setup $(BIN)/.installed-test lint
	$(BIN)/pytest -q -n 2

# The same suite against PostgreSQL (DATABASE_URL defaults to the local server).
test-pg: setup $(BIN)/.installed-test
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/coopdec} $(BIN)/pytest -q -n 2

$(BIN)/.installed-browser: $(BIN)/.installed-test requirements-browser.lock
	$(BIN)/python -m pip install -q -r requirements-browser.lock
	touch $@

# Browser journeys: needs Debian's chromium at /usr/bin/chromium (.ci/run installs it).
test-browser: setup $(BIN)/.installed-browser
	$(BIN)/pytest -q -m browser -p no:xdist

# Maintainers: extract new strings into the catalogues (needs GNU gettext).
messages: $(BIN)/.installed
	cd src/coopdec && ../../$(BIN)/coopdec makemessages -l fr -l en --no-location --no-obsolete -i "*/tests/*"

clean:
	rm -rf $(VENV) var build src/*.egg-info
