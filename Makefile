# Shortcuts; README shows the same commands without make.
PY ?= python3
VENV = .venv
BIN = $(VENV)/bin

.PHONY: serve test lint ci bench

$(BIN)/python:
	$(PY) -m venv $(VENV)

serve: $(BIN)/python
	$(BIN)/pip install -q -e . && $(BIN)/python manage.py migrate && $(BIN)/python manage.py loadseeds && DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]' && $(BIN)/python -m pytest

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

ci:
	bash .ci/run

bench:
	$(BIN)/python -m benchmarks.network && $(BIN)/python -m benchmarks.planning
