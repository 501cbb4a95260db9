# Two commands matter: `make run` and `make test`. Both set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench eval clean lock fonts

# --- Locked dependencies: every package at the version and hash in requirements-dev.lock
# (requirements.lock for the image), then the project itself without resolving again.
# `make lock` rewrites both files after a change to the dependencies in pyproject.toml.
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

lock: $(STAMP)
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --extra dev -o requirements-dev.lock pyproject.toml

# --- The PDF report embeds Noto Sans CJK (Latin, Cyrillic, Hangul, Chinese): Debian's package.
NOTO_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
fonts:
	@test -f $(NOTO_CJK) || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk; }

run: $(STAMP) fonts
	mkdir -p var
	$(BIN)/screening serve --host 127.0.0.1 --port 8000

test: $(STAMP) fonts
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports  # the layers of docs/design.md: contracts in pyproject.toml
	@# pytest exits 5 when it collected no test: say so and fail rather than pass on nothing.
	$(BIN)/pytest || { rc=$$?; [ $$rc -ne 5 ] || echo "make test: pytest ran no test" >&2; exit $$rc; }

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

eval: $(STAMP)
	$(BIN)/python -m bench.evaluate

bench: $(STAMP)
	$(BIN)/python -m bench.matching

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
