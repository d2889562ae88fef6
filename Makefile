# The two commands a newcomer needs:
#   make demo   installs, extracts fixtures/, builds the embedded graph and serves the API on 127.0.0.1:8000
#   make test   installs, starts the tests' own Neo4j (.neo4j-test, port 7697), runs the tests, stops it
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install jars ui neo4j-start neo4j-stop bench clean

$(BIN)/okg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

jars:
	scripts/fetch-hanlp
	scripts/neo4j-local fetch

# The web page's JavaScript: the npm packages pinned in package.json / package-lock.json, copied
# into the folder the API serves at /ui/static/vendor (nothing is fetched from a CDN at run time).
UI_VENDOR := api/static/vendor
$(UI_VENDOR)/cytoscape.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	mkdir -p $(UI_VENDOR)
	cp node_modules/cytoscape/dist/cytoscape.min.js $(UI_VENDOR)/

ui: $(UI_VENDOR)/cytoscape.min.js

install: $(BIN)/okg jars ui

demo: install
	$(BIN)/okg demo --host $(HOST) --port $(PORT)

# The tests' own Neo4j: another folder and other ports than the user's (.neo4j, 7687/7474), so
# make test neither meets nor leaves test data in the graph of `okg load --store neo4j`.
TEST_BOLT_PORT ?= 7697
TEST_HTTP_PORT ?= 7477
TEST_NEO4J := OKG_NEO4J_DIR=.neo4j-test NEO4J_BOLT_PORT=$(TEST_BOLT_PORT) NEO4J_HTTP_PORT=$(TEST_HTTP_PORT) \
	NEO4J_URI=bolt://127.0.0.1:$(TEST_BOLT_PORT)

test: install
	$(TEST_NEO4J) scripts/neo4j-local start
	$(TEST_NEO4J) $(BIN)/python -m pytest -q -rs; status=$$?; $(TEST_NEO4J) scripts/neo4j-local stop; exit $$status

neo4j-start: jars
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

clean:
	-scripts/neo4j-local stop
	-$(TEST_NEO4J) scripts/neo4j-local stop
	rm -rf $(VENV) .neo4j .neo4j-test data out node_modules $(UI_VENDOR)
