"""Example answers in the OpenAPI document: real answers of the API over the demo's graph.

They are kept in api/examples.json, made by asking the API (in process) over the graph `okg demo`
builds from fixtures/, so their ids, dates and messages are those a newcomer meets. After a change
to the extractor, the graph or the answers, write it again:

    .venv/bin/python -m okg.api.examples          # rewrites api/examples.json

tests/test_api_examples.py makes it again and fails when the file differs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from okg.api.errors import UNAVAILABLE, not_found_response

FILE = Path(__file__).with_name("examples.json")
ARTICLE_BODY_CHARS = 120  # the article example shows the start of the text and of each list of facts

_EXAMPLES = json.loads(FILE.read_text(encoding="utf-8"))
IDS: dict[str, str] = _EXAMPLES["ids"]
ANSWERS: dict[str, dict] = _EXAMPLES["answers"]


def answers(name: str, *, not_found: str | None = None) -> dict:
    """The `responses=` of a route: its 200 example, the answer `name` of examples.json, and its
    error answers (a 404 naming a `not_found` when the route answers about one item)."""
    out: dict = {200: {"content": {"application/json": {"example": ANSWERS[name]}}}}
    if not_found:
        out.update(not_found_response(not_found))
    out.update(UNAVAILABLE)
    return out


# --- making examples.json -------------------------------------------------------------------------


def _abridged(article: dict) -> dict:
    """The article's answer with the start of its text and one item of each list of facts."""
    facts = {k: (v[:1] if isinstance(v, list) else v) for k, v in (article.get("facts") or {}).items()}
    body = article["body"]
    return {**article, "body": body[:ARTICLE_BODY_CHARS] + ("…" if len(body) > ARTICLE_BODY_CHARS else ""), "facts": facts}


def _only(listing: dict, name: str) -> dict:
    [item] = [x for x in listing["items"] if x["name"] == name]
    return item


def _questions(get) -> tuple[dict[str, str], dict[str, dict]]:
    """The ids and answers of the examples, asked through `get(url) -> JSON`."""
    li = _only(get("/people?q=李翔"), "李翔")["id"]
    xie = _only(get("/people?q=解芳"), "解芳")["id"]
    meeting = get(f"/people/{li}/events?role=CHAIRED")["items"][0]["id"]
    village = _only(get("/places?q=西灌底村"), "西灌底村")["id"]
    agency = _only(get("/agencies?q=绛县委"), "绛县委")["id"]
    event = get(f"/events/{meeting}")
    ids = {"person": li, "other_person": xie, "event": meeting, "place": village, "agency": agency, "article": event["article"]}
    urls = {
        "people": "/people?q=李&limit=3",
        "person": f"/people/{li}",
        "person_events": f"/people/{li}/events?role=CHAIRED",
        "network": f"/people/{li}/network?limit=3",
        "events": "/events?since=--03-01&until=--03-31&limit=3",
        "event": f"/events/{meeting}",
        "attendees": f"/events/{meeting}/attendees?limit=3",
        "chaired": "/chaired?limit=3",
        "agencies": "/agencies?q=县委&limit=3",
        "agency": f"/agencies/{agency}",
        "places": "/places?q=村&limit=3",
        "place": f"/places/{village}",
        "place_inspections": f"/places/{village}/inspections",
        "paths": f"/paths?from={li}&to={xie}",
        "article": f"/articles/{event['article']}",
        "search": "/search?q=李翔",
        "health": "/health",
    }
    found = {name: get(url) for name, url in urls.items()}
    found["article"] = _abridged(found["article"])
    return ids, found


def generate(fixtures: Path, data_dir: Path) -> dict:
    """examples.json's content: the demo's graph built in `data_dir` from `fixtures` (a path relative
    to the repository, which the articles' `source` shows) and asked in process, and the answer of
    ingesting the fixtures into an empty graph."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from okg.api.app import create_app
    from okg.config import Settings
    from okg.extract.stream import extract_paths
    from okg.graph.embedded import EmbeddedStore

    demo = EmbeddedStore(data_dir=data_dir / "demo")
    demo.load(list(extract_paths([str(fixtures)])))
    empty = EmbeddedStore(data_dir=data_dir / "empty")
    key = "examples"
    settings = Settings.from_env()
    settings = replace(settings, trusted_hosts=(*settings.trusted_hosts, "testserver"))  # the in-process client's host
    with TestClient(create_app(demo, settings, store_kind="embedded", close_store=True)) as api, \
            TestClient(create_app(empty, replace(settings, api_key=key), store_kind="embedded", close_store=True)) as fresh:
        def get(url: str) -> dict:
            r = api.get(url)
            r.raise_for_status()
            return r.json()

        ids, found = _questions(get)
        [page] = sorted(fixtures.glob("*.txt"))
        ingested = fresh.post("/ingest", headers={"X-API-Key": key}, files={"file": (page.name, page.read_bytes(), "text/plain")})
        ingested.raise_for_status()
        found["ingest"] = ingested.json()
    return {"ids": ids, "answers": found}


def main() -> int:
    from okg.config import ROOT

    os.chdir(ROOT)  # the articles' `source` is then fixtures/..., as on any checkout
    with tempfile.TemporaryDirectory(prefix="okg-examples-") as tmp:
        made = generate(Path("fixtures"), Path(tmp))
    FILE.write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FILE}: {len(made['answers'])} answers", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
