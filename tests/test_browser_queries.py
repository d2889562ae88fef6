"""The saved Cypher as Neo4j Browser runs it, on the seed page (fixtures/, the real pipeline) in a real Neo4j.

Each file of cypher/queries/ (the store's questions) and cypher/browser/ (pictures for Browser) is
run through the driver with the example of its header, `:params {...}`, sent as Browser sends it: the
map is evaluated by the server, then every number becomes a float (Browser is JavaScript: `limit: 50`
arrives as 50.0). Each must return rows, and its `items` (the paged questions) must not be empty, so
the examples name real ids. The pictures tie each INSPECTED to its event, and cypher/okg.grass styles
every label and relationship type of graph/schema.toml.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
from neo4j.graph import Path

from okg.graph.schema import SCHEMA

pytestmark = pytest.mark.neo4j

CYPHER = resources.files("okg.cypher")
FILES = sorted((folder, p.name) for folder in ("queries", "browser")
               for p in CYPHER.joinpath(folder).iterdir() if p.name.endswith(".cypher"))
PARAMS = re.compile(r"^//\s+:params\s+(\{.*\})\s*$", re.M)
ROLE_TYPES = [t for t in SCHEMA.event_roles if t != "INSPECTED"]


def _text(folder: str, name: str) -> str:
    return CYPHER.joinpath(folder, name).read_text(encoding="utf-8")


def as_browser_sends(value):
    """Numbers as JavaScript has them: every integer a float (booleans stay booleans)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return float(value)
    if isinstance(value, list):
        return [as_browser_sends(v) for v in value]
    if isinstance(value, dict):
        return {k: as_browser_sends(v) for k, v in value.items()}
    return value


def browser_params(store, text: str) -> dict:
    """The header's `:params` map, evaluated by the server as Browser has it evaluated, as Browser sends it."""
    found = PARAMS.findall(text)
    assert len(found) <= 1, "one :params example per file"
    if not found:
        assert "(no parameters)" in text and "$" not in _body(text)
        return {}
    return as_browser_sends(store._run(f"RETURN {found[0]} AS params", {}, read=True)[0]["params"])


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


@pytest.fixture(scope="module", params=["dated", "yearless"])
def seeded(request, neo4j_session_store, seed_articles):
    """The seed page in Neo4j: with its year (`--date`), and as `okg demo` loads it, without (its dates
    are month-days: the examples' date filters must find those too)."""
    if request.param == "dated":
        articles = seed_articles
    else:
        from okg.config import ROOT
        from okg.extract.pipeline import extract_text

        page = ROOT / "fixtures" / "000_04f34b3896c38351.txt"
        articles = extract_text(page.read_text(encoding="utf-8"), source=page.name)
        assert {e.date for a in articles for e in a.events} <= {"3月25日", "3月28日", "3月31日"}
    neo4j_session_store.clear()
    neo4j_session_store.load(articles)
    return neo4j_session_store


def run_example(store, folder: str, name: str) -> list[dict]:
    text = _text(folder, name)
    return store._run(text, browser_params(store, text), read=True)


@pytest.mark.parametrize("folder,name", FILES, ids=[f"{f}/{n}" for f, n in FILES])
def test_each_saved_query_answers_its_example_as_browser_sends_it(seeded, folder, name):
    text = _text(folder, name)
    header = [line for line in text.splitlines() if line.startswith("//")]
    assert header[0].startswith(f"// {name.removesuffix('.cypher')}:") and any("Example" in line for line in header)
    for param in set(re.findall(r"\$(\w+)", _body(text))):
        assert f"${param}" in "\n".join(header), f"${param} is not documented in the header"
    rows = run_example(seeded, folder, name)
    assert rows, f"{folder}/{name} returned no row for its example"
    for row in rows:
        if "items" in row:
            assert row["items"] and row["total"] > 0, f"{folder}/{name}: its example finds nothing"
    if folder == "browser":
        assert all(isinstance(row["path"], Path) for row in rows)


def _picture(rows: list[dict]):
    rels = {r.element_id: r for row in rows for r in row["path"].relationships}
    return list(rels.values())


def test_pictures_tie_each_inspection_to_its_event(seeded):
    """In the event's and the place's pictures, every INSPECTED drawn goes out of a person drawn with an
    ATTENDED to the event the inspection belongs to."""
    for name in ("event_graph.cypher", "place_graph.cypher"):
        rels = _picture(run_example(seeded, "browser", name))
        inspected = [r for r in rels if r.type == "INSPECTED"]
        assert inspected, name
        attended = {(r.start_node["id"], r.end_node["id"]) for r in rels if r.type == "ATTENDED"}
        for r in inspected:
            assert (r.start_node["id"], r["event"]) in attended, (name, r["key"])
    place = {r.end_node["name"] for r in _picture(run_example(seeded, "browser", "place_graph.cypher")) if r.type == "INSPECTED"}
    assert "西灌底村" in place  # inside 横水镇, the example's place


def test_the_ego_network_draws_roles_posts_and_co_attendees(seeded):
    rels = _picture(run_example(seeded, "browser", "person_ego.cypher"))
    me = {r.start_node["name"] for r in rels if r.type == "HOLDS"}
    assert me == {"解芳"}
    assert {"HOLDS", "ATTENDED", "SPOKE_AT", "ACCOMPANIED"} <= {r.type for r in rels}
    others = {r.start_node["name"] for r in rels if r.type == "ATTENDED"} - me
    assert {"李翔", "赵晔", "解伟龙"} <= others
    events = {r.end_node["id"] for r in rels if r.type in ROLE_TYPES}
    assert len(events) == 3


def _grass_rules(text: str) -> dict[str, dict[str, str]]:
    rules = {}
    for selector, body in re.findall(r"^([\w.]+) \{\n(.*?)\n\}$", text, re.M | re.S):  # a rule closes on a line of its own
        rules[selector] = dict((k.strip(), v.strip().strip("'")) for k, v in (d.split(":", 1) for d in body.split(";") if d.strip()))
    return rules


def test_the_browser_style_captions_and_colours_every_label_and_type():
    text = CYPHER.joinpath("okg.grass").read_text(encoding="utf-8")
    assert "/*" not in text and "//" not in text  # Browser's GraSS reader takes no comments
    rules = _grass_rules(text)
    colours = [rules[f"node.{label}"]["color"] for label in SCHEMA.labels]
    assert len(set(colours)) == len(SCHEMA.labels)
    for label in SCHEMA.labels:
        assert "{name}" in rules[f"node.{label}"]["caption"], label
    assert rules["node.Event"]["caption"] == "{date} {name}"
    for rel_type in SCHEMA.rel_types:
        caption = rules[f"relationship.{rel_type}"]["caption"]
        assert caption == "<type>" or caption.startswith(rel_type), rel_type
    assert set(rules) == {"node", "relationship"} | {f"node.{x}" for x in SCHEMA.labels} | {f"relationship.{t}" for t in SCHEMA.rel_types}
