# Each target creates .venv when missing. torch is installed first, pinned to the CPU wheel,
# so that nothing pulls a multi-GB CUDA build.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/000_cf7ad39c2f50dbc3.txt
# An English reconstruction of the briefing the seed was translated from (seeds/README.md).
SEED_SOURCE := seeds/000_cf7ad39c2f50dbc3.en.txt
DEMO_HTML := mtqa-demo.html

.PHONY: install demo test bench lint typecheck

$(BIN)/mtqa: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/mtqa

install: $(BIN)/mtqa

# The seed against its source: major and critical findings first, minor ones counted per rule, and
# the review page. Back-translates when the model is on the machine (docs/models.md); says in one
# line what that would add when it is not. `-` keeps make quiet about the findings' exit code 1.
demo: install
	@echo "== mtqa check $(SEED) --source $(SEED_SOURCE)"
	-$(BIN)/mtqa check $(SEED) --source $(SEED_SOURCE) --format text --format html:$(DEMO_HTML)
	@echo "== the review page: $(DEMO_HTML) (open it in a browser)"

test: install
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/quality.py

lint: install
	$(BIN)/ruff check mtqa tests

typecheck: install
	$(BIN)/mypy mtqa
