# The two commands a newcomer needs:
#   make demo   installs, extracts fixtures/, builds the embedded graph and serves the API on 127.0.0.1:8000
#   make test   installs, starts the tests' own Neo4j servers (.neo4j-test*, ports 7697...), runs the tests on 2 workers, stops them
# Each step that does work prints one line; the tools under it are kept quiet (pip -q, mvn -q -B,
# npm --silent) and say more only when they fail. The demo fetches only what it uses (the HanLP jar);
# Neo4j's jars come with make test and the neo4j-* targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_COLOR := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test install hanlp neo4j-jars ui neo4j-start neo4j-stop clean

$(BIN)/okg: pyproject.toml
	@echo "make: installing okg and its dependencies into $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install -q --upgrade pip
	@$(BIN)/pip install -q -e '.[test]' 2> $(VENV)/pip-install.log || { cat $(VENV)/pip-install.log >&2; exit 1; }
	@touch $@

hanlp:
	@scripts/fetch-hanlp

neo4j-jars:
	@scripts/neo4j-local fetch

# The web page's JavaScript: the npm packages pinned in package.json / package-lock.json, copied
# into the folder the API serves at /ui/static/vendor (nothing is fetched from a CDN at run time).
UI_VENDOR := api/static/vendor
$(UI_VENDOR)/cytoscape.min.js: package.json package-lock.json
	@echo "make: installing the web page's scripts (npm ci) into $(UI_VENDOR)/"
	@npm ci --no-audit --no-fund --silent
	@mkdir -p $(UI_VENDOR)
	@cp node_modules/cytoscape/dist/cytoscape.min.js $(UI_VENDOR)/

ui: $(UI_VENDOR)/cytoscape.min.js

install: $(BIN)/okg hanlp ui

demo: install
	@$(BIN)/okg demo --host $(HOST) --port $(PORT)

# The tests run on TEST_WORKERS pytest-xdist workers (each test file on one) and, beside them, the
# `serial` ones in a pytest of their own (its output follows theirs). Each has a Neo4j of its own
# (tests/neo4j_instances.py: .neo4j-test on 7697, .neo4j-test-1 on 7698, ...), other folders and
# ports than the user's (.neo4j, 7687/7474), so make test neither meets nor leaves test data in the
# graph of `okg load --store neo4j`, and no pytest empties another's database.
TEST_WORKERS ?= 2
TEST_BOLT_PORT ?= 7697
TEST_HTTP_PORT ?= 7477
export TEST_BOLT_PORT TEST_HTTP_PORT
TEST_NEO4J := $(PYTHON) tests/neo4j_instances.py
TEST_INSTANCES = $$(( $(TEST_WORKERS) + 1 ))
SERIAL_LOG := $(VENV)/serial-tests.log

test: install neo4j-jars
	@$(TEST_NEO4J) start $(TEST_INSTANCES)
	OKG_TEST_NEO4J_INSTANCE=$(TEST_WORKERS) $(BIN)/python -m pytest -q -rs -m serial > $(SERIAL_LOG) 2>&1 & serial_pid=$$!; \
	$(BIN)/python -m pytest -q -rs --durations=15 -n $(TEST_WORKERS) --dist loadfile -m "not serial"; parallel=$$?; \
	wait $$serial_pid; serial=$$?; cat $(SERIAL_LOG); \
	$(TEST_NEO4J) stop $(TEST_INSTANCES); [ $$parallel -ne 0 ] && exit $$parallel; exit $$serial

neo4j-start: neo4j-jars
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

clean:
	-scripts/neo4j-local stop
	-$(TEST_NEO4J) stop $(TEST_INSTANCES)
	rm -rf $(VENV) .neo4j .neo4j-test .neo4j-test-* data out node_modules $(UI_VENDOR)
