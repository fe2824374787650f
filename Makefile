# The two commands a newcomer needs: `make run` and `make test`. See the README.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format install messages lock bench bench-check bench-export clean prod-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Development installs everything (requirements/dev.txt: the runtime lock plus the test and lint
# tools); a production install takes requirements/base.txt only. Reinstall when a lock changes.
$(VENV)/.installed: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed

# Compiles the translations with Babel's pybabel (pure Python, in requirements/base.txt, so
# production compiles them the same way at deploy). No GNU gettext needed; makemessages does need it.
messages: install
	$(BIN)/pybabel -q compile -d locale -D django

run: messages
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v 0
	$(BIN)/python manage.py seed_demo
	@echo "Mentora on http://$(HOST):$(PORT)/  (Ctrl-C stops the web server, the task worker and the scheduler)"
	@# HOST and PORT reach the processes too: the development settings build SITE_URL (the address
	@# e-mailed links point at) and ALLOWED_HOSTS from them.
	@export HOST=$(HOST) PORT=$(PORT); trap 'kill 0' INT TERM EXIT; \
	  $(BIN)/python manage.py db_worker --reload & \
	  $(BIN)/python manage.py run_scheduler & \
	  $(BIN)/python manage.py runserver --noreload $(if $(findstring :,$(HOST)),[$(HOST)],$(HOST)):$(PORT)

# Browser tests need /usr/bin/chromium; without it they are skipped (and listed as such),
# unless REQUIRE_BROWSER=1, which makes them fail.
test: messages
	$(BIN)/python -m pytest --ds=config.settings.test -rs $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Recompile both lock files from requirements/{base,dev}.in (pip-tools, installed on the way).
# dev.txt is held to base.txt's versions, so development runs what production runs.
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	cd requirements && ../$(PIP_COMPILE) --output-file base.txt base.in
	cd requirements && ../$(PIP_COMPILE) --output-file dev.txt dev.in

# The benchmark (README, "The benchmark"): SQLite in var/bench.sqlite3 unless DATABASE_URL names
# a PostgreSQL database, which it empties. Production settings; Redis db 6 when one answers.
BENCH_DATABASE_URL = $(or $(DATABASE_URL),sqlite:///$(CURDIR)/var/bench.sqlite3)
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/6
define bench_run
	@mkdir -p var
	@if [ -z "$(DATABASE_URL)" ]; then rm -f var/bench.sqlite3*; fi
	@redis=$$($(BIN)/python -c "import redis; redis.Redis.from_url('$(BENCH_REDIS_URL)', socket_timeout=1).ping(); print('$(BENCH_REDIS_URL)')" 2>/dev/null); \
	DJANGO_SETTINGS_MODULE=config.settings.bench DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$$redis \
	  SECRET_KEY=$$($(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))") \
	  EMAIL_URL=smtp://127.0.0.1:25 $(BIN)/python manage.py bench $(1)
endef

bench: messages
	$(call bench_run,)

# CI: query counts, equal counts at both sizes and response sizes on a tenth of the data; no timing.
bench-check: messages
	$(call bench_run,--check)

# The big export run: 100,000 and 1,000,000 records (BENCH_EXPORT_RECORDS=100000 for the first only).
bench-export: messages
	$(call bench_run,--export)

# The production shape on loopback: gunicorn, PostgreSQL, Redis, two RQ workers, one scheduler and
# an SMTP sink; invites a mentor over HTTP and accepts the link (deploy/prod_smoke.py says more).
# Needs PostgreSQL and Redis on 127.0.0.1 (SMOKE_DATABASE_URL, SMOKE_REDIS_URL to change them).
prod-smoke: messages
	$(BIN)/python deploy/prod_smoke.py

clean:
	rm -rf $(VENV) var staticfiles
