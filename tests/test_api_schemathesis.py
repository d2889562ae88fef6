"""Schemathesis against the API's own OpenAPI document: generated requests, no 5xx, answers that match
the schema. The embedded store with the seed's facts; ingest with a key and a stand-in extractor.
Bounded (`MAX_EXAMPLES` per operation) so it runs in well under a minute."""

from __future__ import annotations

import atexit
import shutil
import tempfile

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import ignored_auth, negative_data_rejection, positive_data_acceptance

from factories import seed
from okg.api.app import create_app
from okg.config import Settings
from okg.graph.embedded import EmbeddedStore

MAX_EXAMPLES = 30
API_KEY = "schemathesis-key"


def _extract(text: str, **kw):
    return seed() if "抓党建" in text else []


def _app():
    # Built at import: schemathesis' lazy `from_fixture` loader does not work with this pytest.
    data_dir = tempfile.mkdtemp(prefix="okg-schemathesis-")
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    store = EmbeddedStore(data_dir=data_dir)
    store.load(seed())
    settings = Settings(**{**Settings.from_env().__dict__, "api_key": API_KEY})
    return create_app(store, settings, store_kind="embedded", extract=_extract)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_and_answers_match_the_schema(case):
    # The key is sent as configured so ingest is exercised past the key check (401/403 are covered in test_api).
    excluded = [ignored_auth]
    if case.operation.path == "/ingest" and case.media_type == "multipart/form-data":
        # Multipart fields are untyped text, so a generated null arrives as the valid string "null"; and a
        # file that is not text in any known encoding (schemathesis sends a PNG) is refused with 422 by
        # design, which the schema cannot express. Server errors and answer shapes are still checked.
        excluded += [positive_data_acceptance, negative_data_rejection]
    case.call_and_validate(headers={"X-API-Key": API_KEY}, excluded_checks=excluded)
