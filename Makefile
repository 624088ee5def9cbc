# Two commands for everyone: `make lab` and `make test`.
# Both create .venv from requirements.lock when it is missing or stale.
SHELL := /bin/bash
PYTHON ?= python3
# (run_checks.py and the lab target put .venv/bin on PATH themselves; nbgrader needs it for alembic)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export UV_PYTHON_DOWNLOADS := never
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: lab test env lock unit data notebooks exercises nav bench clean student-edition classroom classroom-card site site-check browser-tools

env: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv==0.13.8"
	@test -x $(BIN)/python || $(PYTHON) -m uv venv --quiet --python $(PYTHON) $(VENV)
	$(PYTHON) -m uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(PYTHON) -m uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@# bytecode up front: each graded notebook starts a kernel in a read-only sandbox (3.3 -> 1.3 CPU s)
	@PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q src/sahel_course >/dev/null
	@touch $(STAMP)

# rfc3987-syntax (and lark, its only user) are left out on purpose: jsonschema imports the
# optional package if present and compiles 38 grammars, 1 CPU s in every process that imports
# nbformat (each pytest worker, each sahel-course command, nbval, nbgrader; the grader's runner
# stubs it out itself).
# Without it jsonschema skips only the "iri" format checks, which no schema here uses.
# binder/requirements.txt keeps both, pinned (pip resolves the extras there).
lock:  ## re-pin every dependency after editing pyproject.toml
	$(PYTHON) -m uv pip compile pyproject.toml --extra course --extra dev --extra bench \
	    --extra hub --extra site --python-version 3.11 \
	    --no-emit-package rfc3987-syntax --no-emit-package lark -o requirements.lock
	$(PYTHON) -m uv pip compile pyproject.toml --extra course --constraint requirements.lock \
	    --python-version 3.11 --no-header --annotation-style line -o binder/requirements.txt

lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(abspath jupyter-config)" PATH="$(abspath $(BIN)):$$PATH" $(BIN)/jupyter lab --allow-root notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python tools/run_checks.py

nav: $(STAMP)  ## regenerate navigation cells and the contents page
	$(BIN)/python tools/make_nav.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

student-edition: $(STAMP)  ## the course without solutions: make student-edition [OUT=build/student] [GIT=1]
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m sahel_course.edition $(or $(OUT),build/student) --force $(if $(GIT),--git)

NODE_TOOLS := tools/browser/node_modules/.package-lock.json
browser-tools: $(NODE_TOOLS)  ## configurable-http-proxy, axe-core, playwright-core (no browser download)
$(NODE_TOOLS): tools/browser/package.json tools/browser/package-lock.json
	cd tools/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
	@touch $@

classroom: $(STAMP) $(NODE_TOOLS)  ## JupyterHub + nbgitpuller with 5, 10, 20 simulated students (minutes)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/classroom.py --students 5 10 20

classroom-card: $(STAMP) $(NODE_TOOLS)  ## resource card: every lesson's time and kernel memory on the hub
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/classroom.py --card --out build/classroom/card.json

site: $(STAMP)  ## the course website (Jupyter Book 1, offline) in _site/
	$(BIN)/python tools/build_site.py

site-check: site $(NODE_TOOLS)  ## the website in headless Chromium with axe-core (WCAG 2.1 AA)
	node tools/browser/axe_check.js _site build/site-check

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
