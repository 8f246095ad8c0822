# lkjip-analysis: `make` lists the targets.
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
YEAR ?= 2020
STAMP := $(VENV)/.installed
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.json
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The venv's kernels keep their own notices (plain TCP on localhost, the stop at shutdown) out
# of a plain papermill run's log, as `lkjip` does for its kernels; a failing cell still fails.
$(KERNEL_CONFIG): etc/ipython_kernel_config.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

# JupyterLab in the venv asks no question about Jupyter news and checks for no update: an
# analyst's lab opens on the explorer, in a quiet room with no network but its own.
$(LAB_SETTINGS): etc/jupyterlab_overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

.PHONY: install
install: $(STAMP) $(KERNEL_CONFIG) $(LAB_SETTINGS) ## create .venv and install the project (only when missing or pyproject changed)

.PHONY: report
report: $(STAMP) $(KERNEL_CONFIG) ## build every year's datasets and report, then reports/index.html
	$(BIN)/lkjip build --all

.PHONY: report-year
report-year: $(STAMP) $(KERNEL_CONFIG) ## build one year only (YEAR=2020)
	$(BIN)/lkjip build --year $(YEAR)

.PHONY: test
test: $(STAMP) $(KERNEL_CONFIG) $(LAB_SETTINGS) ## lint and run the test suite
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
# A server has no browser to open: JupyterLab prints the address to open instead.
BROWSER_FLAG := $(if $(or $(DISPLAY),$(WAYLAND_DISPLAY),$(filter Darwin,$(shell uname -s))),,--no-browser)

.PHONY: lab
lab: $(STAMP) $(KERNEL_CONFIG) $(LAB_SETTINGS) ## open JupyterLab on the budget explorer (notebooks/jelajah_anggaran.ipynb)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(BROWSER_FLAG) notebooks/jelajah_anggaran.ipynb

# Messages are written in English in the code; the Indonesian catalog is what users read.
LOCALES := lkjip_analysis/locale
.PHONY: messages
messages: $(STAMP) ## extract messages into the catalog, compile it (translate new entries in lkjip.po, rerun)
	$(BIN)/pybabel -q extract -F babel.cfg -k N_plural:1,2 --project=lkjip-analysis \
		--copyright-holder=lkjip-analysis -o $(LOCALES)/lkjip.pot .
	$(BIN)/pybabel -q update -i $(LOCALES)/lkjip.pot -d $(LOCALES) -D lkjip --width=100
	$(BIN)/pybabel compile -d $(LOCALES) -D lkjip --statistics

.PHONY: clean
clean: ## remove generated data and reports (keeps .venv)
	rm -rf data/processed reports
