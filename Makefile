# lkjip-analysis: `make` lists the targets.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 2020
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

.PHONY: install
install: $(STAMP) ## create .venv and install the project (only when missing or pyproject changed)

.PHONY: report
report: $(STAMP) ## build every year's datasets and report, then reports/index.html
	$(BIN)/lkjip build --all

.PHONY: report-year
report-year: $(STAMP) ## build one year only (YEAR=2020)
	$(BIN)/lkjip build --year $(YEAR)

.PHONY: test
test: $(STAMP) ## lint and run the test suite
	$(BIN)/ruff check lkjip_analysis tests benchmarks
	$(BIN)/python -m pytest

.PHONY: lint
lint: $(STAMP) ## ruff check
	$(BIN)/ruff check lkjip_analysis tests benchmarks

.PHONY: format
format: $(STAMP) ## ruff format and fix imports
	$(BIN)/ruff check --fix --select I lkjip_analysis tests benchmarks
	$(BIN)/ruff format lkjip_analysis tests benchmarks

# JupyterLab refuses to start as root unless told; root is the usual user in a container.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab
lab: $(STAMP) ## open JupyterLab on the budget explorer (notebooks/jelajah_anggaran.ipynb)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/jelajah_anggaran.ipynb

.PHONY: clean
clean: ## remove generated data and reports (keeps .venv)
	rm -rf data/processed reports
