# notice-parse: self-documenting Makefile. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
INPUT  ?=
OUT    ?= outputs
TO     ?= json,parquet,xlsx,html
SHARED ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help setup parse test check fix golden schema bench accuracy clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade "pip>=25.1"
	@$(PY) -m pip install -q --disable-pip-version-check -e . --group dev
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install the package with its dev tools (done by every target)

parse: $(STAMP) ## parse a notice into JSON, Parquet, .xlsx and .html: make parse INPUT=栾政〔2021〕2号.txt (a bare name is looked up in inputs/)
	@test -n "$(INPUT)" || { echo "usage: make parse INPUT=<file> (e.g. INPUT=栾政〔2021〕2号.txt)" >&2; exit 2; }
	@in="$(INPUT)"; case "$$in" in */*) ;; *) [ -e "$$in" ] || in="inputs/$$in";; esac; \
	$(PY) -m pipeline parse "$$in" --out $(OUT) --to $(TO)

test: $(STAMP) ## run the test suite
	$(PY) -m pytest

check: $(STAMP) ## read-only: ruff, mypy (strict), module size, schema drift
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) scripts/check_module_size.py
	$(PY) -m schemas --check

fix: $(STAMP) ## apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

golden: $(STAMP) ## regenerate tests/golden on purpose (read the diff before committing)
	$(PY) scripts/make_golden.py

schema: $(STAMP) ## re-export schemas/notice.schema.json
	$(PY) -m schemas

BASE ?= HEAD~1
bench: $(STAMP) ## speed benchmark (in-process, CLI, PDF, .docx; BASE=rev compares the seed with a commit)
	$(PY) scripts/bench.py --base $(BASE)

accuracy: $(STAMP) ## score the pipeline on ../shared/corpus (SHARED=dir to change) and tests/genre; writes docs/accuracy.md
	$(PY) scripts/accuracy.py --shared $(SHARED)

clean: ## remove .venv and generated outputs
	rm -rf $(VENV) outputs/*.json outputs/*.parquet
