# kg — two commands do all set-up on a fresh clone:
#   make demo   install, start the local Neo4j (unless NEO4J_URI answers), run the demo
#   make test   install, then the whole test suite against a real Neo4j
# Prerequisites: Python 3.11, a JDK >= 17, Maven. Everything else is installed here.

PYTHON ?= python3.11
VENV   := .venv
KG     := $(VENV)/bin/kg
PYTEST := $(VENV)/bin/pytest
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out
SEED   := data/huawei-marketing-model-v1.txt

.PHONY: help install neo4j demo test test-fast test-routing lint docs bench stop clean distclean

help:
	@echo "make demo       set up and run the demo on the local Neo4j"
	@echo "make test       set up and run the whole test suite (real Neo4j)"
	@echo "make test-routing  the whole suite through neo4j:// (routing, as on a cluster)"
	@echo "make install    create $(VENV) with the kg command"
	@echo "make neo4j      start the local Neo4j (unless NEO4J_URI answers)"
	@echo "make stop       stop the local Neo4j"
	@echo "make bench      run the benchmarks (results in benchmarks/results/)"
	@echo "make lint       ruff, mypy, import contracts, declared dependencies"
	@echo "make docs       build the documentation site (docs/ -> build/site)"

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: install Python 3.11 (or make PYTHON=/path/to/python3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test,docs]'
	@touch $@

# Start the local server unless the user pointed NEO4J_URI at one that answers.
neo4j: install
	@if [ -n "$$NEO4J_URI" ]; then \
	  $(KG) status >/dev/null || { echo "NEO4J_URI=$$NEO4J_URI does not answer (see the message above)"; exit 2; }; \
	  echo "Using the Neo4j at $$NEO4J_URI"; \
	else \
	  $(KG) server start; \
	fi

demo: neo4j
	@mkdir -p $(OUT)
	@echo "== 1. Extract the bundled document into a model file =="
	$(KG) extract $(SEED) -o $(OUT)/huawei-marketing-model.yaml
	@echo "== 2. Load it into Neo4j (an unchanged source is skipped) =="
	$(KG) load $(SEED)
	$(KG) status
	@echo "== 3. Canned queries =="
	$(KG) query reporting-chain --param role=客户经理 --param activity=客户意见直接反馈
	$(KG) query reporting-chain --param role='account manager' --param activity=市场信息收集与维护
	$(KG) query workload
	$(KG) query area-summary
	$(KG) raci --format markdown
	@echo "== 4. Validation =="
	$(KG) validate
	@echo "== 5. Views and exports =="
	$(KG) viz chain --role 客户经理 -o $(OUT)/chain-account-manager.html
	$(KG) viz model -o $(OUT)/model.html
	$(KG) raci --format xlsx --output $(OUT)/raci.xlsx
	$(KG) export --format archi-csv --output $(OUT)/archi
	@echo
	@echo "Written to $(OUT)/:"
	@ls -1 $(OUT) | sed 's/^/  $(OUT)\//'
	@echo "Neo4j Browser: http://127.0.0.1:$${KG_HTTP_PORT:-7474}/browser/ (user neo4j, password in .kg/neo4j-password unless NEO4J_PASSWORD is set)"

test: install
	$(PYTEST)

test-fast: install
	$(PYTEST) tests/unit

# The whole suite through the routing scheme (neo4j://), the way a cluster is reached:
# the driver fetches a routing table and sends each read session to a reader, each write
# session to the leader (one server is both here).  The suite gets a server of its own
# (data in $(ROUTING_HOME), the ports below), stopped at the end even when a test fails;
# its password is the one generated there (NEO4J_* of the shell are set aside; keep
# NEO4J_PASSWORD out of a .env file in the checkout, which `kg server start` reads).
# Not part of CI (.ci/run): it is the whole suite a second time.
ROUTING_HOME      ?= .kg/routing
ROUTING_BOLT_PORT ?= 7730
ROUTING_HTTP_PORT ?= 7504
ROUTING_SERVER    := --home $(ROUTING_HOME) --bolt-port $(ROUTING_BOLT_PORT) --http-port $(ROUTING_HTTP_PORT)
ROUTING_ENV       := env -u NEO4J_URI -u NEO4J_USERNAME -u NEO4J_PASSWORD -u NEO4J_DATABASE \
                     KG_HOME=$(ROUTING_HOME) KG_BOLT_PORT=$(ROUTING_BOLT_PORT) KG_HTTP_PORT=$(ROUTING_HTTP_PORT)
test-routing: install
	@trap '$(ROUTING_ENV) $(KG) server stop $(ROUTING_SERVER)' EXIT; \
	$(ROUTING_ENV) $(KG) server start $(ROUTING_SERVER) && \
	$(ROUTING_ENV) NEO4J_URI=neo4j://127.0.0.1:$(ROUTING_BOLT_PORT) $(PYTEST) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check kg loaders tests benchmarks docs
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/deptry .

# The documentation site: docs/*.md, with the CLI reference and the query catalogue
# generated from the code at build time (mkdocs-click, docs/hooks.py); --strict fails on
# a broken link or a warning.
docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

bench: install
	$(VENV)/bin/python -m benchmarks

stop:
	@[ -x $(KG) ] && $(KG) server stop || true

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info

distclean: stop clean
	rm -rf $(VENV) .kg
