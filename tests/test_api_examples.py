"""The OpenAPI document's examples are the API's real answers over the demo's graph (fixtures/ through
HanLP, as `okg demo` builds it): api/examples.json is made again here and must be what is committed,
and every error example carries the message its status answers with."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from okg.api import examples
from okg.api.errors import UNAVAILABLE_DETAIL
from okg.config import ROOT

ID = re.compile(r"^(person|event|place|agency|position)-[0-9a-f]{12,16}$")
# What a 404 of each route names: the kind of its id.
KIND_OF_PATH = [("/people", "person"), ("/events", "event"), ("/places", "place"), ("/agencies", "agency"),
                ("/articles", "article"), ("/analytics/posts", "position"), ("/analytics/shared-events", "person"), ("/paths", "person")]


def test_examples_are_the_answers_of_the_demo_graph(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    made = examples.generate(ROOT.joinpath("fixtures").relative_to(ROOT), tmp_path)
    committed = json.loads(examples.FILE.read_text(encoding="utf-8"))
    assert made == committed, "api/examples.json is stale: run .venv/bin/python -m okg.api.examples"
    assert all(ID.match(v) for k, v in made["ids"].items() if k != "article")
    assert made["answers"]["person"]["name"] == "李翔" and made["answers"]["person_events"]["total"] == 1
    assert made["answers"]["events"]["total"] > 0  # the month-day filter finds the yearless events


def _operations(doc: dict):
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {path}", op


def test_openapi_examples_carry_the_messages_of_their_status(embedded_store):
    from okg.api.app import create_app
    from okg.config import Settings

    with TestClient(create_app(embedded_store, Settings.from_env(), store_kind="embedded")) as api:
        doc = api.get("/openapi.json").json()
    seen = {"200": 0, "404": 0, "503": 0}
    for name, op in _operations(doc):
        for status, response in op["responses"].items():
            example = response.get("content", {}).get("application/json", {}).get("example")
            if example is None or status not in seen:
                continue
            seen[status] += 1
            if status == "503":
                assert example["detail"].startswith(UNAVAILABLE_DETAIL), name
            elif status == "404":
                kind = next(k for prefix, k in KIND_OF_PATH if name.split()[1].startswith(prefix))
                assert example["detail"] == f"no {kind} with id 'no-such-id'", name
            else:
                ids = re.findall(r'"id": "([^"]+)"', json.dumps(example))
                assert all(not i.startswith(("person:", "event:", "place:")) for i in ids), name
    assert seen["200"] >= 15 and seen["404"] >= 10 and seen["503"] >= 15, seen
    events = doc["paths"]["/events"]["get"]["responses"]["200"]["content"]["application/json"]["example"]
    assert events["items"] and all("roles" not in e for e in events["items"])
