# Each target bootstraps .venv on first use, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast serve lint schema messages docs bench bench-quick screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)  ## check the definitions, load demo data, build the site and PDFs
	$(BIN)/readygate check
	$(BIN)/readygate demo
	$(BIN)/readygate build
	@echo "The site is in output/site/: open it with xdg-open output/site/index.html"
	@echo "or in a browser at file://$(CURDIR)/output/site/index.html"

test: $(STAMP)  ## run every test, in parallel (one pytest-xdist worker per core)
	$(BIN)/python -m pytest -q -n auto --dist worksteal

test-fast: $(STAMP)  ## every test but those marked slow (Chromium, PDFs, site builds, processes)
	$(BIN)/python -m pytest -q -n auto --dist worksteal -m "not slow"

lint: $(STAMP)  ## ruff everywhere, mypy (strict) on every package
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)  ## every speed figure against its floor, both store engines (about 25 minutes); writes output/bench.json
	$(BIN)/python -m bench.run

bench-quick: $(STAMP)  ## the same with small N, about 2 minutes
	$(BIN)/python -m bench.run --quick

screenshots: demo  ## the demo's executive PDFs and two pages at 390 and 1280 px, as PNG
	$(BIN)/python -m bench.screenshots

schema: $(STAMP)  ## regenerate schema.json and the docs' key and command line references
	$(BIN)/python -m questionnaires.schema
	$(BIN)/python -m questionnaires.reference
	$(BIN)/python -m assessments.clireference

messages: $(STAMP)  ## extract the respondent pages' words, update every catalog, compile them
	mkdir -p output
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output \
		--ignore-dirs '.* _* output instance' -o output/messages.pot .
	$(BIN)/pybabel -q update -i output/messages.pot -d site/translations \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile --statistics -d site/translations

docs: $(STAMP)  ## build the documentation site into output/docs (open output/docs/index.html)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)  ## load the demo data and run the app on http://127.0.0.1:5000/
	$(BIN)/readygate demo
	$(BIN)/readygate serve

clean:
	rm -rf $(VENV) output
