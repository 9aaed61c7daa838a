# Each target creates .venv when missing. torch is installed first, pinned to the CPU wheel,
# so that nothing pulls a multi-GB CUDA build.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SEED := seeds/000_cf7ad39c2f50dbc3.txt

.PHONY: install demo test bench lint typecheck

$(BIN)/mtqa: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/mtqa

install: $(BIN)/mtqa

demo: install
	@echo "== mtqa check $(SEED) (model-free unless a model is available; see docs/models.md)"
	-$(BIN)/mtqa check $(SEED)

test: install
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/quality.py

lint: install
	$(BIN)/ruff check mtqa tests

typecheck: install
	$(BIN)/mypy mtqa
