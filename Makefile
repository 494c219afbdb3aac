# ASOUD — `make run` serves the site as users meet it (DEBUG off, several workers, collected static files),
# `make dev` serves it for engineers (autoreload, debug pages), `make test` runs the whole suite.
# All set everything up.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= asoud.settings.development

.PHONY: run dev test lint format setup messages bench clean-data check-deploy

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11+ is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	ASOUD_COLLECTED_STATIC=1 $(PY) manage.py collectstatic --noinput --verbosity 0
	ASOUD_COLLECTED_STATIC=1 $(PY) manage.py devserver

dev: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py devserver

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=asoud.settings.test $(VENV)/bin/pytest -n 2 --dist loadfile

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(STAMP)
	$(PY) scripts/messages.py

check-deploy: $(STAMP)
	DJANGO_SETTINGS_MODULE=asoud.settings.production DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(64))') \
	  DATABASE_URL=postgres://u:p@db/asoud REDIS_URL=redis://cache:6379/0 $(PY) manage.py check --deploy --fail-level WARNING

bench: $(STAMP)
	$(PY) bench/provisioning.py

clean-data:
	rm -rf .data
