# Two commands matter: `make run` and `make test`. Both set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p var
	$(BIN)/screening serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	@# pytest exits 5 when it collected no test: say so and fail rather than pass on nothing.
	$(BIN)/pytest || { rc=$$?; [ $$rc -ne 5 ] || echo "make test: pytest ran no test" >&2; exit $$rc; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python -m bench.evaluate

bench: $(STAMP)
	$(BIN)/python -m bench.matching

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
