PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# make run PORT=8080 HOST=0.0.0.0; unset, the app's settings decide (INTERVIEWER_PORT and
# INTERVIEWER_HOST, else 127.0.0.1:8000).
PORT ?=
HOST ?=

.PHONY: run test lint format typecheck install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,voice]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/interviewer db upgrade
	$(BIN)/interviewer serve --no-migrate $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

bench: $(STAMP)
	$(BIN)/python bench/grading_agreement.py
	$(BIN)/python bench/honesty.py
	$(BIN)/python bench/grading_speed.py
	$(BIN)/python bench/concurrent_grading.py
	$(BIN)/python bench/report_speed.py
	$(BIN)/python bench/answer_latency.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/transcription_speed.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
