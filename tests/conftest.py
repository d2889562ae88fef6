"""Shared store fixtures: a real Neo4j store, an embedded store on a temporary folder, and both.

    def test_x(neo4j_store): ...      # Neo4jStore on Settings.from_env(), database cleared first
    def test_y(embedded_store): ...   # EmbeddedStore in a fresh tmp dir
    def test_z(stores): ...           # runs once per store: "embedded" then "neo4j" (cleared)
    def test_w(store_pair): ...       # (embedded, neo4j) together, both empty: for parity tests

Neo4j is the tests' own (tests/neo4j_instances.py): `make test` runs the tests on 2 pytest-xdist
workers and the `serial` ones beside them, and starts an instance for each (.neo4j-test on Bolt 7697
for the first worker, .neo4j-test-1 on 7698, .neo4j-test-2 on 7699 for the serial tests), and each
one's NEO4J_URI, OKG_NEO4J_DIR and ports name its own, never the user's 7687. Without -n,
NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD name the instance when set, else the first (start it by hand
with `python tests/neo4j_instances.py start 1`). The embedded store and every `okg` the tests run write to a temporary
OKG_DATA_DIR, never the user's data/. Neo4j is never mocked. When it cannot be reached,
Neo4j tests are skipped with the reason locally, and FAIL under CI (the `CI` variable set), where
.ci/run always starts it.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

import neo4j_instances
from okg.config import Settings
from okg.graph.store import StoreUnavailable

# Each pytest-xdist worker has a Neo4j of its own (tests empty it): tests/neo4j_instances.py says which
_instance = neo4j_instances.chosen(os.environ)
if _instance is not None:
    os.environ.update(neo4j_instances.instance(_instance))
# Tests (and the okg processes they start, which inherit it) never write into the user's data/
_TEST_DATA_DIR = tempfile.mkdtemp(prefix="okg-test-data-")
os.environ["OKG_DATA_DIR"] = _TEST_DATA_DIR
atexit.register(shutil.rmtree, _TEST_DATA_DIR, ignore_errors=True)
# the Host header of Starlette's TestClient: the apps the tests make in process trust it too
os.environ.setdefault("OKG_TRUSTED_HOSTS", "testserver")


def neo4j_settings() -> Settings:
    return Settings.from_env()


def _neo4j_or_skip():
    """A connected Neo4jStore, or skip (fail under CI) with the reason."""
    from okg.graph.neo4j_store import Neo4jStore

    settings = neo4j_settings()
    try:
        return Neo4jStore(settings)
    except StoreUnavailable as e:
        if os.environ.get("CI"):
            pytest.fail(f"CI always starts Neo4j, but it is unreachable: {e}", pytrace=False)
        pytest.skip(f"no Neo4j at {settings.neo4j_uri} ({e}); start one with scripts/neo4j-local start")


@pytest.fixture(scope="session")
def neo4j_session_store():
    """One Neo4jStore (driver and schema) for the whole session; use `neo4j_store` in tests."""
    store = _neo4j_or_skip()
    yield store
    store.close()


@pytest.fixture
def neo4j_store(request, neo4j_session_store):
    """The Neo4j store with an empty database (constraints and indexes stay)."""
    request.applymarker(pytest.mark.neo4j)
    neo4j_session_store.clear()
    return neo4j_session_store


@pytest.fixture
def embedded_store(tmp_path):
    from okg.graph.embedded import EmbeddedStore

    store = EmbeddedStore(data_dir=tmp_path / "data")
    yield store
    store.close()


@pytest.fixture(params=["embedded", "neo4j"])
def stores(request):
    """Each store in turn, empty: the same test runs against embedded and against Neo4j."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture
def store_pair(embedded_store, neo4j_store):
    """(embedded, neo4j), both empty, for tests that compare their answers."""
    return embedded_store, neo4j_store


@pytest.fixture(scope="session")
def seed_articles():
    """The seed page (fixtures/), extracted once per session by the real pipeline and HanLP.

    The page is of spring 2022 (its articles look ahead to the 20th Party Congress); `date` gives
    the year to its dates, as `okg extract --date` does for a newspaper issue."""
    from okg.config import ROOT
    from okg.extract.pipeline import extract_text

    path = ROOT / "fixtures" / "000_04f34b3896c38351.txt"
    return extract_text(path.read_text(encoding="utf-8"), source=path.name, date="2022-04-01")
