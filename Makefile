# Quick start: `make chat` talks to the coach in this terminal; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test lint typecheck pytest bench bench-faq bench-sign-head bench-finding-head bench-sign-check bench-crisis bench-reminders bench-telegram clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "backcoach needs Python 3.11 or newer (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# Reinstalls only when pyproject.toml changes, so a second run starts at once.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

chat: $(STAMP)
	@$(BIN)/backcoach chat

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check bot scheduler tests bench
	$(BIN)/ruff format --check bot scheduler tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

bench: bench-faq bench-sign-head bench-finding-head bench-sign-check bench-crisis bench-reminders bench-telegram

bench-faq: $(STAMP)
	$(BIN)/python bench/faq_eval.py

bench-sign-head: $(STAMP)
	$(BIN)/python bench/sign_head.py

bench-finding-head: $(STAMP)
	$(BIN)/python bench/finding_head.py

bench-sign-check: $(STAMP)
	$(BIN)/python bench/sign_check.py

bench-crisis: $(STAMP)
	$(BIN)/python bench/crisis.py

bench-reminders: $(STAMP)
	$(BIN)/python bench/reminders.py

bench-telegram: $(STAMP)
	$(BIN)/python bench/telegram.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis dist build
