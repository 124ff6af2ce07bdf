# The few targets people type. Every target sets up .venv first if needed.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kit-installed

.PHONY: demo test lab lint bench eval clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

## make demo: build the tables for the seeds into data/processed/ and export the default charts
demo: $(STAMP)
	$(PY) -m kit build seeds --manifest seeds/manifest.csv --out data/processed --html --charts --exports data/exports

## make test: the whole test suite
test: $(STAMP)
	$(PY) -m pytest -q

## make lab: JupyterLab on the notebooks
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

lint: $(STAMP)
	$(VENV)/bin/ruff check kit tests
	$(VENV)/bin/ruff format --check kit tests

## make eval: quotation benchmark on the dev split (needs ../shared/benchmarks)
eval: $(STAMP)
	$(PY) -m kit eval quotes --dataset ../shared/benchmarks/wikinews-quotes/dev.jsonl.gz

## make bench: throughput, cache, memory, interactivity (installs the bench extras first)
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	$(PY) -m kit bench

clean:
	rm -rf data/cache data/processed data/exports
