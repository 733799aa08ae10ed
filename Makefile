# jxjy — two commands: `make run` and `make test`.
SHELL := /bin/bash
PY ?= $(shell scripts/find-python)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast lint typecheck bench demo system-deps clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/jxjy demo load
	$(BIN)/python manage.py notifications_remind --schedule
	$(BIN)/python manage.py db_worker --no-reload & W=$$!; trap "kill $$W 2>/dev/null" EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

demo: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/jxjy demo load

system-deps:
	scripts/install-system-deps

test: $(VENV)/.installed system-deps
	$(BIN)/ruff check jxjy
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=jxjy.settings.test
	DJANGO_SETTINGS_MODULE=jxjy.settings.test $(BIN)/mypy jxjy
	DJANGO_SETTINGS_MODULE=jxjy.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/pytest -q -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=jxjy.settings.test $(BIN)/pytest -q -x -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check jxjy

typecheck: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=jxjy.settings.test $(BIN)/mypy jxjy

bench: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/jxjy bench rules --cases 100000
	$(BIN)/jxjy bench standings --people 2000 --records-per-person 20

clean:
	rm -rf $(VENV) db.sqlite3 media
