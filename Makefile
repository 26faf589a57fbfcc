# notice-parse: self-documenting Makefile. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME := $(VENV)/.installed-runtime
DEV     := $(VENV)/.installed-dev
# setuptools prints a boxed note on every editable install; it is about editable installs in
# general, not this project, so it is filtered out of the set-up's output
# an editable install leaves the package's bytecode to the first run, and an environment with
# PYTHONDONTWRITEBYTECODE (CI, many containers) never writes it, so every run would compile the
# sources again (about 55 ms of a parse); compileall writes it once, as a wheel install does
BYTECODE := $(PY) -m compileall -q pipeline schemas >/dev/null
QUIET_PIP := PYTHONWARNINGS="ignore:Editable installation:UserWarning" $(PY) -m pip install -q --disable-pip-version-check
INPUT  ?=
OUT    ?= outputs
TO     ?= json,parquet,xlsx,html
SHARED ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help setup parse test check fix golden schema bench accuracy fuzz clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(RUNTIME): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(QUIET_PIP) --upgrade "pip>=25.1"
	@$(QUIET_PIP) -e .
	@$(BYTECODE)
	@touch $(RUNTIME)

$(DEV): $(RUNTIME)
	@$(QUIET_PIP) -e . --group dev
	@touch $(DEV)

setup: $(DEV) ## create .venv with the package and its dev tools (make parse installs the runtime only)

parse: $(RUNTIME) ## parse a notice into JSON, Parquet, .xlsx and .html: make parse INPUT=栾政〔2021〕2号.txt (a bare name is looked up in inputs/)
	@test -n "$(INPUT)" || { echo "usage: make parse INPUT=<file> (e.g. INPUT=栾政〔2021〕2号.txt)" >&2; exit 2; }
	@in="$(INPUT)"; case "$$in" in */*) ;; *) [ -e "$$in" ] || in="inputs/$$in";; esac; \
	$(PY) -m pipeline parse "$$in" --out $(OUT) --to $(TO)

test: $(DEV) ## run the test suite
	$(PY) -m pytest

check: $(DEV) ## read-only: ruff, mypy (strict), module size, schema drift
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) scripts/check_module_size.py
	$(PY) -m schemas --check

fix: $(DEV) ## apply ruff's fixes and formatting
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

golden: $(DEV) ## regenerate tests/golden on purpose (read the diff before committing)
	$(PY) scripts/make_golden.py

schema: $(DEV) ## re-export schemas/notice.schema.json
	$(PY) -m schemas

BASE ?= HEAD~1
BATCH ?= 2000
bench: $(DEV) ## speed benchmark (in-process, CLI, PDF, .docx, a BATCH-notice collection; BASE=rev compares the seed with a commit)
	@$(BYTECODE)
	$(PY) scripts/bench.py --base $(BASE) --batch $(BATCH)

accuracy: $(DEV) ## score the pipeline on ../shared/corpus (SHARED=dir to change) and tests/genre; writes docs/accuracy.md
	$(PY) scripts/accuracy.py --shared $(SHARED)

FUZZ_SECONDS ?= 60
FUZZ_SEED ?=
fuzz: $(DEV) ## mutate every fixture and parse each mutant for FUZZ_SECONDS (60); failures go to tests/regressions, figures to docs/fuzz.md
	$(PY) scripts/fuzz.py --seconds $(FUZZ_SECONDS) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

clean: ## remove .venv and generated outputs
	rm -rf $(VENV) outputs/*.json outputs/*.parquet
