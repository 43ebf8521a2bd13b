# Rhetoric Toolkit — one-command targets. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
OUT ?= out

.PHONY: help install install-test browser demo test test-fast eval bench lab export lint clean

help:
	@echo "make demo   - install, score seeds/, write $(OUT)/seed_scores.csv and $(OUT)/report.html"
	@echo "make test   - install (with test extras and Chromium) and run the whole test suite"
	@echo "make eval   - accuracy on ../shared/data next to plain VADER"
	@echo "make bench  - speed against plain VADER"
	@echo "make lab    - open JupyterLab on notebooks/"
	@echo "make export - execute the notebooks and export offline HTML to $(OUT)/notebooks/"

install:
	$(PIP) install -q -e .

install-test:
	$(PIP) install -q -e '.[test]'

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)

demo: install
	$(PYTHON) -m toolkit score seeds/ -o $(OUT)/seed_scores.csv
	$(PYTHON) -m toolkit report seeds/ -o $(OUT)/report.html

test: install-test browser
	$(PYTHON) -m pytest -q -p no:cacheprovider

test-fast: install-test
	$(PYTHON) -m pytest -q -m "not browser"

eval: install
	$(PYTHON) benchmarks/evaluate.py

bench: install
	$(PYTHON) benchmarks/bench_score.py

bench-scale: install
	$(PYTHON) benchmarks/bench_scale.py

lab: install
	cd notebooks && jupyter lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

export: install
	$(PYTHON) -m toolkit export notebooks/*.ipynb -o $(OUT)/notebooks

lint:
	ruff check toolkit tests benchmarks

clean:
	rm -rf $(OUT) build *.egg-info .pytest_cache
