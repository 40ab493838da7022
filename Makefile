# Two commands for a fresh machine: `make run` (demo on http://localhost:8000/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development and tests: the production pins plus the test tools. A server installs requirements.lock
# alone (docs/deployment.md), which has no test tools.
LOCK := requirements-dev.lock
STAMP := $(VENV)/.installed-$(shell sha1sum $(LOCK) | cut -c1-12)
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: install run serve bench test lint check pytest chromium system-packages stack-packages messages lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip sync --quiet --python $(BIN)/python $(LOCK)
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP) system-packages messages

# Debian packages: gettext compiles the translations; chromium runs the browser tests, with
# Noto CJK so that screenshots show Japanese, Chinese and Korean (system fonts, never web fonts).
system-packages:
	@command -v msgfmt >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null)
	@# pg_dump/pg_restore for `manage.py backup` and `restore` on PostgreSQL.
	@command -v pg_dump >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null)

# The production stack (`make serve`, the benchmarks, the front-cache tests): Varnish (page cache),
# nginx (static files, /media/), Redis (shared cache) and wrk (load generator), all from Debian.
stack-packages:
	@(command -v varnishd && command -v nginx && command -v redis-server && command -v wrk) >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq varnish nginx redis-server wrk >/dev/null)

chromium:
	@(command -v chromium >/dev/null && fc-list :lang=ja | grep -q .) || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# The .mo files are built, not committed.
messages: $(STAMP)
	@if find . -path ./$(VENV) -prune -o -name '*.po' -print | grep -q .; then $(MANAGE) compilemessages --ignore "$(VENV)" -v0; fi

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin
	@echo "市のサイト:       http://localhost:$(PORT)/"
	@echo "水道事業サイト:   http://water.localhost:$(PORT)/"
	@echo "管理画面:         http://localhost:$(PORT)/admin/"
	$(MANAGE) runserver 0.0.0.0:$(PORT)

# The production chain of deploy/ on http://127.0.0.1:${PORT:-8080}/ (front nginx -> Varnish -> nginx ->
# gunicorn with production settings -> Redis, and PostgreSQL when DATABASE_URL names one; docs/deployment.md).
serve: install stack-packages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) ensure_admin
	$(MANAGE) serve_stack --port $${PORT:-8080}

# Page cache against nginx serving the same bytes from files, then 1,000 connections for 30 s; then
# search through the stack: gunicorn memory (PSS) and requests per second, popular and uncached.
# On the demo database, migrated and seeded first as for `make serve` (a fresh clone has none).
bench: install stack-packages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) bench_page_cache --flood
	$(MANAGE) bench_search

lint: $(STAMP)
	$(BIN)/ruff check .

check: $(STAMP)
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

# tests/deploy's production commands need PostgreSQL: .ci/run's second pass runs them.
# Two workers (this machine's two cores; PYTEST_WORKERS=0 runs in one process), random order.
PYTEST_WORKERS ?= 2
pytest: install chromium stack-packages
	$(BIN)/pytest -n $(PYTEST_WORKERS) -m "not production_postgres"

test: install chromium lint check pytest

# Re-pin after changing pyproject.toml: production first, then the same pins plus the test tools.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test -c requirements.lock --quiet -o requirements-dev.lock

clean:
	rm -rf $(VENV) static artifacts var
