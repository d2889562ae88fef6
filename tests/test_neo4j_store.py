"""The Neo4j store against a real Neo4j (scripts/neo4j-local): schema, loading, the seed's answers.

Nothing is mocked. Without a reachable Neo4j these tests skip locally and fail under CI (conftest).
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from factories import article, event, seed, synthetic_articles
from okg.config import Settings
from okg.graph.neo4j_cypher import query, query_names, schema_statements
from okg.graph.neo4j_store import Neo4jStore
from okg.graph.records import GraphBatch, NodeRecord, RelRecord
from okg.graph.schema import SCHEMA, retired_index_statements
from okg.graph.store import LoadError, Store, StoreUnavailable

pytestmark = pytest.mark.neo4j


def _norm(statement: str) -> str:
    return re.sub(r"\s+", " ", statement).strip().rstrip(";")


def _cypher(store: Neo4jStore, text: str, **params) -> list[dict]:
    return store._run(text, params, read=True)


def _graph(store):
    g = store.to_networkx()
    return (
        {n: dict(d) for n, d in g.nodes(data=True)},
        {(s, e, k): dict(d) for s, e, k, d in g.edges(keys=True, data=True)},
    )


# --- schema and saved queries ---------------------------------------------------------------------------


def test_schema_cypher_declares_every_label_and_type_of_schema_toml():
    statements = {_norm(s) for s in schema_statements()}
    for s in SCHEMA.constraint_statements():
        assert _norm(s) in statements, f"schema.cypher lacks: {s}"
    for s in retired_index_statements():
        assert _norm(s) in statements, f"schema.cypher lacks: {s}"
    for s in statements:
        assert "IF NOT EXISTS" in s or (s.startswith("DROP INDEX") and s.endswith("IF EXISTS")), s
    text = "\n".join(statements)
    for label in SCHEMA.labels:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in text
    assert "ON (r.key)" not in text
    assert "CREATE FULLTEXT INDEX names" in text


def test_schema_is_applied_on_connect_and_again_changes_nothing(neo4j_store):
    def schema_state():
        constraints = {r["name"] for r in _cypher(neo4j_store, "SHOW CONSTRAINTS YIELD name RETURN name")}
        indexes = {(r["name"], r["state"]) for r in _cypher(neo4j_store, "SHOW INDEXES YIELD name, state RETURN name, state")}
        return constraints, indexes

    before = schema_state()
    neo4j_store.apply_schema()
    assert schema_state() == before
    constraints, indexes = before
    assert {f"{label.lower()}_id" for label in SCHEMA.labels} <= constraints
    assert ("names", "ONLINE") in indexes
    assert all(state == "ONLINE" for _, state in indexes)


def test_connecting_drops_the_relationship_key_indexes_of_older_versions(neo4j_store):
    """okg 0.1 indexed every relationship's key; connecting drops those indexes (writes cost less and
    MERGE expands between its two endpoints instead of seeking a key)."""
    neo4j_store._run("CREATE INDEX rel_attended_key IF NOT EXISTS FOR ()-[r:ATTENDED]-() ON (r.key)", {}, read=False)
    assert _cypher(neo4j_store, "SHOW INDEXES YIELD name WHERE name = 'rel_attended_key' RETURN count(*) AS n") == [{"n": 1}]
    neo4j_store.apply_schema()
    assert _cypher(neo4j_store, "SHOW INDEXES YIELD name WHERE name ENDS WITH '_key' RETURN count(*) AS n") == [{"n": 0}]


@pytest.mark.parametrize("name", query_names())
def test_every_saved_query_documents_itself_and_takes_parameters_only(name):
    text = query(name)
    header = [line for line in text.splitlines() if line.startswith("//")]
    assert header and header[0].startswith(f"// {name}:"), "first line: // <name>: what it answers"
    assert any("Parameters" in line for line in header)
    assert any("Example" in line for line in header)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    # placeholders of string building never appear: only $parameters
    assert not re.search(r"\{\w*\}|%s|%\(", re.sub(r"\{[^{}]*:[^{}]*\}", "", body)), body
    params = set(re.findall(r"\$(\w+)", body))
    documented = "\n".join(header)
    for p in params:
        assert f"${p}" in documented, f"${p} is not documented in the header"
    if "SKIP toInteger($offset) LIMIT toInteger($limit)" in body:
        assert "size(rows) AS total" in body


def test_the_store_implements_the_interface(neo4j_store):
    assert isinstance(neo4j_store, Store)
    for name in [n for n in dir(Store) if not n.startswith("_")]:
        assert callable(getattr(neo4j_store, name)), name


# --- connecting --------------------------------------------------------------------------------------------


def test_unreachable_neo4j_is_store_unavailable_with_a_clear_message():
    settings = dataclasses.replace(Settings.from_env(), neo4j_uri="bolt://127.0.0.1:1")
    with pytest.raises(StoreUnavailable) as e:
        Neo4jStore(settings)
    assert "bolt://127.0.0.1:1" in str(e.value)
    assert "unreachable" in str(e.value)


def test_wrong_password_is_store_unavailable(neo4j_session_store):
    settings = dataclasses.replace(Settings.from_env(), neo4j_password="not-the-password")
    with pytest.raises(StoreUnavailable) as e:
        Neo4jStore(settings)
    assert "credentials" in str(e.value)


def test_routing_uri_works(neo4j_store):
    settings = Settings.from_env()
    routing = dataclasses.replace(settings, neo4j_uri=re.sub(r"^bolt(\+s|\+ssc)?://", r"neo4j\1://", settings.neo4j_uri))
    assert routing.neo4j_uri.startswith("neo4j")
    neo4j_store.load(seed()[:1])
    with Neo4jStore(routing) as store:
        assert store.counts() == neo4j_store.counts()
        assert store.find_people("解芳", 10, 0).total == 1


def test_reads_run_in_read_transactions(neo4j_store):
    from neo4j.exceptions import Neo4jError

    with pytest.raises(Neo4jError):
        neo4j_store._run("CREATE (n:OkgReadProbe) RETURN n", {}, read=True)
    assert neo4j_store._run("MATCH (n:OkgReadProbe) RETURN count(n) AS n", {}, read=True) == [{"n": 0}]


def test_the_asyncio_reader_answers_every_question_as_the_store_does(neo4j_store):
    """The API asks on its event loop through `store.async_reader()`: the same question generators
    over the asyncio driver, so the answers are the blocking calls' answers."""
    import asyncio

    from okg.graph.neo4j_questions import is_question

    neo4j_store.load(seed())
    li_xiang = neo4j_store.find_people("李翔", 10, 0).items[0].id
    meeting = neo4j_store.person_events(li_xiang, role="CHAIRED").items[0].id
    village = neo4j_store.find_places("西灌底村", 10, 0).items[0].id
    asks = [
        (neo4j_store.counts, (), {}),
        (neo4j_store.person, (li_xiang,), {}),
        (neo4j_store.person_events, (li_xiang,), {"role": "CHAIRED"}),
        (neo4j_store.person_network, (li_xiang,), {"limit": 5}),
        (neo4j_store.event, (meeting,), {}),
        (neo4j_store.event_attendees, (meeting,), {}),
        (neo4j_store.place, (village,), {}),
        (neo4j_store.search, ("李翔",), {}),
        (neo4j_store.person, ("no-such-id",), {}),
    ]

    async def ask_all():
        reader = neo4j_store.async_reader()
        try:
            return [await reader.answer(fn, *args, **kwargs) for fn, args, kwargs in asks]
        finally:
            await reader.close()

    assert all(is_question(fn) for fn, _, _ in asks)
    answers = asyncio.run(ask_all())
    assert answers == [fn(*args, **kwargs) for fn, args, kwargs in asks]
    assert answers[5].total == 16 and answers[-1] is None


# --- loading ----------------------------------------------------------------------------------------------


def test_seed_in_real_neo4j_gives_the_issue_answers(neo4j_store):
    report = neo4j_store.load(seed())
    assert report.new_articles == 3
    rows = _cypher(neo4j_store, "MATCH (p:Person {name: '解芳'}) RETURN count(p) AS n, "
                                "COLLECT { MATCH (:Person {name: '解芳'})-[:ATTENDED]->(e:Event) RETURN DISTINCT e } AS events")
    assert rows[0]["n"] == 1 and len(rows[0]["events"]) == 3
    chaired = _cypher(neo4j_store, "MATCH (:Person {name: '李翔'})-[:CHAIRED]->(e:Event) "
                                   "RETURN e.date AS date, COUNT { (:Person)-[:ATTENDED]->(e) } AS attended")
    assert chaired == [{"date": "2022-03-28", "attended": 16}]
    targets = _cypher(neo4j_store, "MATCH (:Person {name: '赵晔'})-[:INSPECTED]->(t) RETURN t.name AS name, labels(t) AS labels")
    assert len(targets) == 6
    village = _cypher(neo4j_store, "MATCH (v:Village {name: '西灌底村'})-[:LOCATED_IN]->(t:Town {name: '横水镇'}) "
                                   "WHERE (:Person {name: '赵晔'})-[:INSPECTED]->(v) RETURN count(*) AS n")
    assert village == [{"n": 1}]


def test_loading_twice_changes_nothing(neo4j_store):
    neo4j_store.load(seed())
    counts, graph = neo4j_store.counts(), _graph(neo4j_store)
    report = neo4j_store.load(seed())
    assert report.new_articles == 0 and report.articles == ["seed-a", "seed-b", "seed-c"]
    assert neo4j_store.counts() == counts
    assert _graph(neo4j_store) == graph
    # and writing a batch again (MERGE on ids and keys) adds nothing either
    from okg.graph.build import build_article

    batch = build_article(seed()[0], neo4j_store)
    neo4j_store.write_batch(batch)
    assert neo4j_store.counts() == counts


def test_incremental_loading_resolves_against_earlier_articles(neo4j_store, embedded_store):
    for a in seed():  # one article at a time
        neo4j_store.load([a])
    assert neo4j_store.find_people("解芳", 10, 0).total == 1
    embedded_store.load(seed())
    # the same graph as the embedded store built from all three at once
    assert _graph(neo4j_store) == _graph(embedded_store)


def test_same_name_in_another_county_stays_two_people(neo4j_store):
    neo4j_store.load(seed())
    other = article("wenxi-1", date="2022-04-01", source="wenxi.txt", home="闻喜县", people={"解芳": ["书记@县委"]},
                    events=[event("meeting", name="闻喜县会议", participants={"解芳": ["CHAIRED"]})])
    neo4j_store.load([other])
    people = neo4j_store.find_people("解芳", 10, 0)
    assert people.total == 2
    assert sorted(len(neo4j_store.person_events(p.id).items) for p in people.items) == [1, 3]


def _batch(article_id: str, bad: str) -> GraphBatch:
    prov = {"article": article_id, "evidence": "x", "start": 0, "end": 1}
    nodes = [
        NodeRecord(article_id, ["Article"], {"name": article_id, "body": "正文"}),
        NodeRecord("person-atomic-1", ["Person"], {"name": "甲"}),
        NodeRecord("event-atomic-1", ["Event"], {"name": "会", "type": "meeting"}),
    ]
    rels = [RelRecord("ATTENDED", "person-atomic-1", "event-atomic-1", "k1", {"key": "k1", **prov})]
    if bad == "unknown node":
        rels.append(RelRecord("ATTENDED", "person-atomic-1", "event-nowhere", "k2", {"key": "k2", **prov}))
    elif bad == "wrong endpoint":
        rels.append(RelRecord("HOLDS", "person-atomic-1", "event-atomic-1", "k3", {"key": "k3", **prov}))
    elif bad == "neo4j refuses":  # a name too large for its index: Neo4j fails the transaction
        nodes.append(NodeRecord("person-atomic-2", ["Person"], {"name": "长" * 20000}))
    return GraphBatch(article=article_id, nodes=nodes, rels=rels)


@pytest.mark.parametrize("bad", ["unknown node", "wrong endpoint", "neo4j refuses"])
def test_a_failed_article_leaves_nothing_and_names_the_article(neo4j_store, bad):
    neo4j_store.load(seed()[:1])
    counts = neo4j_store.counts()
    with pytest.raises(LoadError) as e:
        neo4j_store.write_batch(_batch("broken-article", bad))
    assert "broken-article" in str(e.value)
    assert neo4j_store.counts() == counts
    assert neo4j_store.article("broken-article") is None


def test_load_error_from_load_names_the_article(neo4j_store):
    good = seed()[0]
    # a name too large for Neo4j's name index: the article's transaction fails inside Neo4j
    bad = article("bad-article", date="2022-04-01", source="other.txt", home="绛县", people={"长" * 20000: ["书记@县委"]})
    with pytest.raises(LoadError) as e:
        neo4j_store.load([good, bad])
    assert "bad-article" in str(e.value)
    assert neo4j_store.article("seed-a") is not None  # the article before it stays loaded
    assert neo4j_store.article("bad-article") is None
    assert neo4j_store.find_people("长长长", 10, 0).total == 0


def test_user_text_is_only_ever_a_parameter(neo4j_store):
    neo4j_store.load(seed()[:1])
    counts = neo4j_store.counts()
    nasty = ["x' OR 1=1 //", "'}) DETACH DELETE n //", '"', "\\", "解芳\" OR \"", "AND (", "*", "~", "名:*"]
    for q in nasty:
        assert neo4j_store.person(q) is None
        assert neo4j_store.find_people(q, 10, 0).total == 0
        assert all(q in h.name for h in neo4j_store.search(q).items)
        assert neo4j_store.find_events(q=q).total == 0
    assert neo4j_store.counts() == counts


def test_search_finds_substrings_through_the_fulltext_index_and_by_scan(neo4j_store):
    neo4j_store.load(seed())
    hits = neo4j_store.search("解芳")
    assert [(h.kind, h.name, h.score) for h in hits.items] == [("person", "解芳", 1.0)]
    assert {h.name for h in neo4j_store.search("灌底").items} == {"西灌底村"}
    # Latin and digits are scanned: the index alone would miss a part of a word
    assert [h.id for h in neo4j_store.search("eed-").items] == []  # titles, not ids
    assert neo4j_store.search("菏宝").total == 1


def test_cypher_export_rebuilds_the_graph_in_an_empty_neo4j(neo4j_store):
    from okg.graph.export import cypher_script, same_graph

    neo4j_store.load(seed())
    original, counts = neo4j_store.to_networkx(), neo4j_store.counts()
    script = cypher_script(original)
    neo4j_store.clear()
    assert neo4j_store.counts()["nodes"] == 0
    statements = [s.strip() for s in "\n".join(
        line for line in script.splitlines() if not line.startswith("//")).split(";\n") if s.strip()]
    for s in statements:
        neo4j_store._run(s.rstrip(";"), {}, read=False)
    assert neo4j_store.counts() == counts
    assert same_graph(original, neo4j_store.to_networkx()) == []


# --- loading many articles per transaction ----------------------------------------------------------------


def _too_long(article_id: str, source: str):
    """An article whose person name is too large for Neo4j's name index: its transaction fails inside Neo4j."""
    return article(article_id, date="2022-04-02", source=source, home="绛县", people={"长" * 20000: ["书记@县委"]})


@pytest.mark.parametrize("group_size", [400, 2])
def test_a_failing_article_in_a_group_lets_the_ones_before_it_land_and_is_named(neo4j_store, embedded_store, monkeypatch, group_size):
    """Articles are written many to a transaction (GROUP_ARTICLES, the next group built while one is
    written); when a group's transaction fails, its articles are written one per transaction: those
    before the failing one land, the failing one leaves nothing and is named, those after it (resolved
    against it) are not loaded."""
    from okg.graph import neo4j_store as module

    monkeypatch.setattr(module, "GROUP_ARTICLES", group_size)
    a, b, c = seed()
    later = article("jiang-later", title="县委常委会召开会议", date="2022-04-12", source="other.txt", home="绛县",
                    people={"解芳": ["书记@县委"]}, events=[event("meeting", name="县委常委会会议", participants={"解芳": ["CHAIRED"]})])
    with pytest.raises(LoadError) as e:
        neo4j_store.load([a, b, c, _too_long("bad-article", "bad.txt"), later])
    assert "bad-article" in str(e.value)
    assert neo4j_store.article("bad-article") is None
    assert neo4j_store.find_people("长长长", 10, 0).total == 0
    assert neo4j_store.article("jiang-later") is None
    assert [x.id for x in (neo4j_store.article(i) for i in ("seed-a", "seed-b", "seed-c")) if x] == ["seed-a", "seed-b", "seed-c"]
    # exactly the graph of the articles before the failing one, loaded one by one
    embedded_store.load([a, b, c])
    assert _graph(neo4j_store) == _graph(embedded_store)
    # and the rest loads once the failing article is left out, resolving against what is there
    report = neo4j_store.load([a, b, c, later])
    assert report.new_articles == 1
    assert neo4j_store.find_people("解芳", 10, 0).total == 1
    embedded_store.load([later])
    assert _graph(neo4j_store) == _graph(embedded_store)


def test_many_groups_make_the_graph_of_one_article_at_a_time(neo4j_store, embedded_store, monkeypatch):
    """With many groups, each built from the resolution state the groups before left while the writer
    sends the one before: the graph is the embedded store's, which builds every article one after the other."""
    from okg.graph import neo4j_store as module

    monkeypatch.setattr(module, "GROUP_ARTICLES", 7)
    articles = synthetic_articles(60, seed=3)
    report = neo4j_store.load(articles)
    embedded_store.load(articles)
    assert (report.new_articles, len(report.articles)) == (60, 60)
    assert report.relationships > 1000
    assert _graph(neo4j_store) == _graph(embedded_store)
    assert neo4j_store.load(articles).new_articles == 0


def test_a_group_resolves_as_one_article_at_a_time(neo4j_store, monkeypatch):
    """People and homes of articles earlier in the same (not yet written) group count for resolution."""
    from okg.graph import neo4j_store as module

    one_by_one = {}
    for size in (1, 400):
        monkeypatch.setattr(module, "GROUP_ARTICLES", size)
        neo4j_store.clear()
        if size == 1:
            for x in seed() + [_home_later()]:
                neo4j_store.load([x])
        else:
            neo4j_store.load(seed() + [_home_later()])
        one_by_one[size] = _graph(neo4j_store)
    assert one_by_one[1] == one_by_one[400]
    assert one_by_one[400][0]["seed-later"]["home"] == "140826"  # the home of the source's earlier articles
    assert neo4j_store.find_people("解芳", 10, 0).total == 1


def _home_later():
    """An article of the seed's source without a home: it takes the home of the source's earlier articles."""
    return article("seed-later", title="县委召开会议", date="2022-04-20", source="000_04f34b3896c38351.txt", home=None,
                   people={"解芳": ["书记@县委"], "李翔": ["县长"]},
                   events=[event("meeting", name="县委会议", participants={"解芳": ["CHAIRED"], "李翔": []})])
