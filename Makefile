# gonghui: `make run` on a fresh machine, `make test` for lint and the whole suite.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SCALE ?= 1

.PHONY: install run test lint serve messages clean bench bench-load bench-web

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# Local state (the SQLite file of `make run`, the secret key of `make serve`); git ignores it.
var:
	mkdir -p var

# The background worker (large imports, docs/deployment.md) runs beside the web server and stops
# with it: started in the background, killed when the server ends (Ctrl-C included).
WORKER = $(PY) manage.py db_worker --no-reload --no-startup-delay

run: install var
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo
	@echo "gonghui is serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	export DEBUG=$${DEBUG:-1}; $(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

test: lint
	$(PY) -m pytest

# Production-like: gunicorn + WhiteNoise with DEBUG off. Over plain HTTP on this machine the
# HTTPS-only settings are switched off; behind a TLS proxy leave them on (see docs/deployment.md).
# `check --deploy` refuses to start while an active user still has the demo password.
serve: install var
	@test -n "$$SECRET_KEY" || test -s var/secret_key || \
		$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	export DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}" \
		ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
		SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" SECURE_COOKIES="$${SECURE_COOKIES:-0}" \
		SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}"; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py check --deploy && \
	$(PY) manage.py collectstatic --no-input -v0 && \
	{ $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(VENV)/bin/gunicorn -c gunicorn.conf.py config.wsgi; }

# The benchmark (docs/performance.md) on synthetic data of $(SCALE), generated into the empty
# PostgreSQL database of DATABASE_URL on first use: in-process, then through gunicorn (a fresh
# process's first summary and the web import too; bench-web alone); bench-load is the load test.
# The measured pages run with DEBUG off whatever DEBUG says (it only lets manage.py start).
bench: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench --scale $(SCALE)
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench --scale $(SCALE) --web

bench-load: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench --scale $(SCALE) --load

bench-web: install
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench --scale $(SCALE) --web

# Regenerate and compile the zh_Hans catalogues (needs GNU gettext; the .mo files are committed).
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=tests
	DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
