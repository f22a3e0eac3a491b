# Two commands for a newcomer: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench bench-extraction bench-differential bench-quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m demo

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/throughput.py

bench-extraction: $(STAMP)
	$(PY) bench/extraction.py $(ARGS)

bench-differential: $(STAMP)
	$(PY) bench/differential.py $(ARGS)

bench-quality: $(STAMP)
	$(PY) bench/quality.py

clean:
	rm -rf $(VENV) .demo .pytest_cache
