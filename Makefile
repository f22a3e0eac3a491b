# Two commands for a newcomer: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-web bench-extraction bench-differential bench-quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) -m demo

# Lint and types first: they take seconds and name the line; the tests take minutes. The tests
# run in 4 pytest-xdist workers, one test file per worker at a time (module fixtures are built
# once); many tests wait on servers and child processes, so 4 workers pay even on 2 cores.
PYTEST_WORKERS ?= 4
test: lint
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

bench: $(STAMP)
	$(PY) bench/throughput.py

bench-web: $(STAMP)
	$(PY) bench/web.py $(ARGS)

bench-extraction: $(STAMP)
	$(PY) bench/extraction.py $(ARGS)

bench-differential: $(STAMP)
	$(PY) bench/differential.py $(ARGS)

bench-quality: $(STAMP)
	$(PY) bench/quality.py

clean:
	rm -rf $(VENV) .demo .pytest_cache
