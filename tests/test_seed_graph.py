"""The seed page, extracted by the real pipeline, in each store: the answers the graph issue asks for.

The same assertions run against the embedded store and a real Neo4j.
"""

import re

from okg.config import ROOT


def load(store, articles):
    store.load(articles)
    return store


def person(store, name):
    hits = [p for p in store.find_people(name, limit=10, offset=0).items if p.name == name]
    assert len(hits) == 1, f"{name}: {hits}"
    return hits[0]


def test_one_official_across_three_articles(stores, seed_articles):
    store = load(stores, seed_articles)
    xie = person(store, "解芳")
    assert store.person_events(xie.id, limit=50, offset=0).total == 3


def test_the_chair_of_the_28_march_meeting_and_its_attendees(stores, seed_articles):
    store = load(stores, seed_articles)
    li = person(store, "李翔")
    chaired = store.person_events(li.id, role="CHAIRED", limit=50, offset=0)
    assert [e.date for e in chaired.items] == ["2022-03-28"]
    meeting = chaired.items[0]
    assert meeting.type == "meeting"
    attendees = store.event_attendees(meeting.id, role="ATTENDED", limit=100, offset=0)
    assert attendees.total == 16
    assert {"解芳", "李翔", "吉俊红", "许学惠"} <= {a.name for a in attendees.items}


def test_an_inspector_and_a_village_inside_a_town(stores, seed_articles):
    store = load(stores, seed_articles)
    zhao = person(store, "赵晔")
    graph = store.to_networkx()
    targets = {v for _, v, d in graph.out_edges(zhao.id, data=True) if d.get("type") == "INSPECTED"}
    assert len(targets) == 6
    village = next(v for v in targets if graph.nodes[v]["name"] == "西灌底村")
    assert "Village" in graph.nodes[village]["labels"]
    detail = store.place(village)
    assert (detail.parent.name, detail.parent.kind) == ("横水镇", "town")
    assert "赵晔" in {i.person.name for i in detail.inspections}


def test_loading_twice_changes_nothing(stores, seed_articles):
    store = load(stores, seed_articles)
    before = store.counts()
    report = store.load(seed_articles)
    assert report.new_articles == 0
    assert store.counts() == before


def test_every_relationship_names_its_article_and_span(stores, seed_articles):
    """Provenance: each relationship read from text points at a span of the input that its evidence quotes."""
    store = load(stores, seed_articles)
    page = (ROOT / "fixtures" / "000_04f34b3896c38351.txt").read_text(encoding="utf-8")
    articles = {a.id for a in seed_articles}
    spans = 0
    for u, v, d in store.to_networkx().edges(data=True):
        assert d.get("article") in articles, (u, v, d)
        if d.get("start") is not None:
            quoted = re.sub(r"\s", "", page[d["start"]:d["end"]])
            assert quoted and quoted in re.sub(r"\s", "", d["evidence"]), (d["type"], quoted, d["evidence"])
            spans += 1
    assert spans > 50
