"""Schemathesis against the API's own OpenAPI document: generated requests, no 5xx, answers that match
the schema. On both stores with the seed's facts: the embedded store, and the Neo4j of conftest
(NEO4J_URI; skipped when unreachable, as the other Neo4j tests are, and its database cleared and
loaded with the seed when the first of its cases runs); ingest with a key and a stand-in extractor.
Bounded (`MAX_EXAMPLES` per operation) so it runs in a few minutes."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from factories import seed
from okg.api.app import create_app
from okg.config import Settings
from okg.graph.embedded import EmbeddedStore
from okg.graph.store import StoreUnavailable

# Schemathesis gives every operation's test of a function the one node id of the function, and
# pytest-xdist schedules by node id, so under -n it would run one operation of each and say nothing.
# make test runs the `serial` tests in a pytest of their own, beside the others.
pytestmark = pytest.mark.serial
if os.environ.get("PYTEST_XDIST_WORKER"):
    pytest.skip("schemathesis' cases share one node id, which pytest-xdist cannot schedule: run this file "
                "without -n (make test does)", allow_module_level=True)

MAX_EXAMPLES = 30
API_KEY = "schemathesis-key"


def _extract(text: str, **kw):
    return seed() if "抓党建" in text else []


def _settings() -> Settings:
    return Settings(**{**Settings.from_env().__dict__, "api_key": API_KEY})


def _app():
    # Built at import: schemathesis' lazy `from_fixture` loader does not work with this pytest.
    data_dir = tempfile.mkdtemp(prefix="okg-schemathesis-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    store = EmbeddedStore(data_dir=data_dir)
    store.load(seed())
    return create_app(store, _settings(), store_kind="embedded", extract=_extract)


class _Neo4jSeed:
    """The Neo4j store, opened at import when it can be, loaded with the seed by its first case (other
    test modules clear the database in between)."""

    def __init__(self):
        from okg.graph.neo4j_store import Neo4jStore

        try:
            self.store = Neo4jStore(Settings.from_env())
        except StoreUnavailable as e:
            self.store, self.why = None, str(e)
        self.loaded = False

    def ready(self):
        if self.store is None:
            pytest.skip(f"no Neo4j: {self.why}")
        if not self.loaded:
            self.store.clear()
            self.store.load(seed())
            self.loaded = True


def _check(case):
    # The key is sent as configured so ingest is exercised past the key check (401/403 are covered in test_api).
    excluded = [ignored_auth]
    if case.operation.path == "/ingest" and case.media_type == "multipart/form-data":
        # Multipart fields are untyped text, so a generated null arrives as the valid string "null"; and a
        # file that is not text in any known encoding (schemathesis sends a PNG) is refused with 422 by
        # design, which the schema cannot express. Server errors and answer shapes are still checked.
        excluded += [positive_data_acceptance, negative_data_rejection]
    case.call_and_validate(headers={"X-API-Key": API_KEY}, excluded_checks=excluded)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
neo4j = _Neo4jSeed()
neo4j_schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(neo4j.store, _settings(), store_kind="neo4j", extract=_extract) if neo4j.store else _app()
)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_match_the_schema(case):
    _check(case)


@pytest.mark.neo4j
@neo4j_schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_match_the_schema_on_neo4j(case):
    neo4j.ready()
    _check(case)
