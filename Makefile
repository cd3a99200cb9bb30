# Two commands do everything on a fresh clone:
#   make report   set up .venv, install, list the bundled letters and write reports/corpus.pdf
#   make test     set up .venv with the test extras; lint, format check, type check, and run
#                 the whole suite (warnings are errors; see pyproject.toml)
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: report test bench train system-libs clean

report: $(VENV)/.installed system-libs
	$(BIN)/compare-letters letters
	$(BIN)/compare-letters report corpus

test: $(VENV)/.installed-test system-libs
	$(BIN)/ruff check compare tests
	$(BIN)/ruff format --check compare tests
	$(BIN)/mypy compare
	$(BIN)/pytest

# Rebuild the person-or-organisation weights (tests/training/signatory_kinds.txt) and the
# built-in line model from the label files (the development letters they label
# must sit in ../shared/letters): cross-validates, trains, writes compare/data/line_model.*
train: $(VENV)/.installed-test
	$(BIN)/python -m compare.reading.signatorykind
	$(BIN)/python -m compare.reading.training tests/training/labels --ship

bench: $(VENV)/.installed-test
	@for script in tests/benchmarks/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

system-libs:
	@bash tools/check-system-libs.sh

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "compare-letters needs Python >= 3.11; none found on PATH" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) build *.egg-info
