"""Both stores answer every question the same, and correctly: every saved query in cypher/queries/ is
run (through the Neo4j store method that uses it) against a real Neo4j, and the same question is asked
of the embedded store.

The facts: the seed page (factories.seed(): the 3月28日 meeting, 赵晔's inspection, a training) loaded
at once, then, incrementally, two more articles: 解芳 again in a later 绛县 article (her position's
last_seen moves), a 解芳 of 闻喜县 (another person), and 王强 as 绛县's 县长 a year on (李翔's successor).
The analytics (okg.graph.analytics, okg.graph.pages) are asked of both stores too: they compute on
the stores' answers, which must be the same for their results to be.
"""

from __future__ import annotations

import json

import pytest

from factories import article, event, seed
from okg.graph import analytics, pages
from okg.graph import neo4j_store as neo4j_module
from okg.graph.neo4j_cypher import query_names

pytestmark = pytest.mark.neo4j


def extra() -> list:
    return [
        article("jiang-later", title="县委常委会召开会议", date="2022-04-12", source="000_04f34b3896c38351.txt", home="绛县",
                people={"解芳": ["书记@县委"], "李翔": ["县长"]},
                places=[("横水镇", "town"), ("西灌底村", "village", "横水镇")],
                events=[event("meeting", name="县委常委会会议", date="2022-04-12", venues=["县委常委会议室"],
                              participants={"解芳": ["CHAIRED"], "李翔": []}),
                        event("inspection", name="调研乡村振兴", date="2022-04-13",
                              participants={"李翔": ["INSPECTED"]}, inspected=[("李翔", "西灌底村", "village")])]),
        article("jiang-2023", title="县政府召开常务会议", date="2023-01-10", source="000_04f34b3896c38351.txt", home="绛县",
                people={"王强": ["县长"]}),
        article("wenxi-1", title="闻喜县召开会议", date="2022-04-01", source="wenxi.txt", home="闻喜县",
                people={"解芳": ["书记@县委"]},
                events=[event("meeting", name="闻喜县会议", participants={"解芳": ["CHAIRED"]})]),
    ]


@pytest.fixture(scope="module")
def pair(neo4j_session_store, tmp_path_factory):
    """(embedded, neo4j) with the facts loaded; every saved query the Neo4j store runs is recorded."""
    from okg.graph.embedded import EmbeddedStore

    neo4j = neo4j_session_store
    neo4j.clear()
    embedded = EmbeddedStore(data_dir=tmp_path_factory.mktemp("parity"))
    for store in (embedded, neo4j):
        store.load(seed())
        store.load(extra())
    ran: set[str] = set()
    original, streamed = neo4j_module.Neo4jStore._read, neo4j_module.Neo4jStore._stream

    def recording(self, name, **params):
        ran.add(name)
        return original(self, name, **params)

    def recording_stream(self, name):  # the exports' queries, whose rows are read as they come
        ran.add(name)
        return streamed(self, name)

    mp = pytest.MonkeyPatch()
    mp.setattr(neo4j_module.Neo4jStore, "_read", recording)
    mp.setattr(neo4j_module.Neo4jStore, "_stream", recording_stream)
    yield embedded, neo4j, ran
    mp.undo()
    embedded.close()


def _dump(x):
    if x is None:
        return None
    if isinstance(x, list):
        return [v.model_dump() for v in x]
    return x.model_dump()


def ask(pair, method: str, *args, **kwargs):
    """The answer of both stores, asserted equal; returns the Neo4j store's answer."""
    embedded, neo4j, _ = pair
    a, b = getattr(embedded, method)(*args, **kwargs), getattr(neo4j, method)(*args, **kwargs)
    assert _dump(b) == _dump(a), f"{method}{args}{kwargs}:\nneo4j    {json.dumps(_dump(b), ensure_ascii=False)}\nembedded {json.dumps(_dump(a), ensure_ascii=False)}"
    return b


def one(pair, method: str, q: str):
    """The one item of a find_* listing whose name is exactly q."""
    [item] = [x for x in ask(pair, method, q, 50, 0).items if x.name == q]
    return item


def jiang(pair, name: str):
    """The 绛县 person of that name (the one with the most events)."""
    people = ask(pair, "find_people", name, 50, 0).items
    return max(people, key=lambda p: pair[1].person_events(p.id).total)


def the_event(pair, name: str):
    found = ask(pair, "find_events", q=name)
    assert found.total == 1, found
    return found.items[0]


# --- the questions ---------------------------------------------------------------------------------


def test_counts_and_whole_graph_are_the_same(pair):
    embedded, neo4j, _ = pair
    assert neo4j.counts() == embedded.counts()
    from okg.graph.export import same_graph

    assert same_graph(embedded.to_networkx(), neo4j.to_networkx()) == []


def test_find_people_and_person_detail(pair):
    people = ask(pair, "find_people", "解芳", 50, 0)
    assert people.total == 2  # 绛县 and 闻喜县
    xie = jiang(pair, "解芳")
    detail = ask(pair, "person", xie.id)
    assert detail.event_counts == {"ATTENDED": 4, "CHAIRED": 1, "ACCOMPANIED": 1, "SPOKE_AT": 2} | detail.event_counts
    assert detail.event_counts["ATTENDED"] == 4
    assert len(detail.merges) == 4  # seed-a, seed-b, seed-c, jiang-later
    # positions a person held (person_positions.cypher): dated by the articles that show it
    [secretary] = [p for p in detail.positions if p.title == "书记"]
    assert (secretary.first_seen, secretary.last_seen) == ("2022-03-25", "2022-04-12")
    assert secretary.agency == "绛县委"
    assert {s.article for s in secretary.sources} == {"seed-a", "seed-b", "seed-c", "jiang-later"}
    ask(pair, "find_people", None, 5, 3)
    ask(pair, "find_people", "李", 2, 1)
    assert ask(pair, "person", "person-unknown") is None


def test_events_a_person_attended_by_role_and_date_range(pair):
    xie = jiang(pair, "解芳")
    events = ask(pair, "person_events", xie.id)
    assert [e.date for e in events.items] == ["2022-03-25", "2022-03-28", "2022-03-31", "2022-04-12"]
    assert events.items[1].roles == ["ATTENDED", "SPOKE_AT"]
    spoke = ask(pair, "person_events", xie.id, role="SPOKE")  # a facts.Role name works
    assert [e.date for e in spoke.items] == ["2022-03-28", "2022-03-31"]
    assert ask(pair, "person_events", xie.id, role="SPOKE_AT").total == 2
    ranged = ask(pair, "person_events", xie.id, since="2022-03-26", until="2022-03-31")
    assert [e.date for e in ranged.items] == ["2022-03-28", "2022-03-31"]
    assert ask(pair, "person_events", xie.id, type="inspection").total == 1
    assert ask(pair, "person_events", xie.id, role="CHAIRED", since="2022-04-01").total == 1
    paged = ask(pair, "person_events", xie.id, limit=1, offset=1)
    assert paged.total == 4 and len(paged.items) == 1
    zhao = one(pair, "find_people", "赵晔")
    assert ask(pair, "person_events", zhao.id, role="INSPECTED").items[0].roles == ["ATTENDED", "INSPECTED", "SPOKE_AT"]
    assert ask(pair, "person_events", "person-unknown") is None


def test_attendees_of_an_event_by_role(pair):
    meeting = the_event(pair, "全县抓党建促基层治理能力提升动员暨培训会议")
    everyone = ask(pair, "event_attendees", meeting.id)
    assert everyone.total == 16
    assert ask(pair, "event_attendees", meeting.id, role="ATTENDED").total == 16
    chairs = ask(pair, "event_attendees", meeting.id, role="CHAIRED")
    assert [(a.name, a.roles) for a in chairs.items] == [("李翔", ["ATTENDED", "CHAIRED", "SPOKE_AT"])]
    assert ask(pair, "event_attendees", meeting.id, role="SPOKE").total == 6
    assert ask(pair, "event_attendees", meeting.id, limit=5, offset=15).total == 16
    assert ask(pair, "event_attendees", "event-unknown") is None


def test_event_detail(pair):
    inspection = the_event(pair, "督导检查疫情防控工作")
    detail = ask(pair, "event", inspection.id)
    assert [p.name for p in detail.participants["INSPECTED"]] == ["赵晔"]
    assert len(detail.participants["ACCOMPANIED"]) == 6
    assert len(detail.inspected) == 6
    assert detail.article == "seed-b"
    assert detail.evidence and detail.evidence[0].article == "seed-b"
    meeting = the_event(pair, "全县抓党建促基层治理能力提升动员暨培训会议")
    assert len(ask(pair, "event", meeting.id).venues) == 4
    assert ask(pair, "event", "event-unknown") is None


def test_who_chaired_what(pair):
    everyone = ask(pair, "chaired")
    assert [(e.name, e.roles) for e in everyone.items] == [
        ("全县抓党建促基层治理能力提升动员暨培训会议", ["李翔"]),
        ("培训班开班仪式", ["解伟龙"]),
        ("闻喜县会议", ["解芳"]),
        ("县委常委会会议", ["解芳"]),
    ]
    li = one(pair, "find_people", "李翔")
    mine = ask(pair, "chaired", li.id)
    assert [(e.date, e.roles) for e in mine.items] == [("2022-03-28", ["ATTENDED", "CHAIRED", "SPOKE_AT"])]
    assert ask(pair, "chaired", limit=1, offset=2).total == 4
    assert ask(pair, "chaired", "person-unknown").total == 0


def test_co_attendance(pair):
    xie = jiang(pair, "解芳")
    network = ask(pair, "person_network", xie.id, limit=200)
    weights = {c.name: c.weight for c in network.items}
    assert weights["李翔"] == 3  # the meeting, the inspection, the 常委会
    assert weights["解伟龙"] == 2 and weights["吉俊红"] == 1
    assert network.items[0].name == "李翔"
    assert ask(pair, "person_network", xie.id, limit=3, offset=2).total == network.total
    assert ask(pair, "person_network", "person-unknown") is None


def test_shortest_path_between_two_people(pair):
    ji, zhao = one(pair, "find_people", "吉俊红"), one(pair, "find_people", "赵晔")
    path = ask(pair, "shortest_path", ji.id, zhao.id)
    assert len(path) == 5 and path[0].name == "吉俊红" and path[-1].name == "赵晔"
    assert [s.label for s in path] == ["Person", "Event", "Person", "Event", "Person"]
    assert path[0].via is None and path[1].via == "ATTENDED"
    people = ask(pair, "find_people", None, 100, 0).items
    for a in people[::4]:
        for b in people[::5]:
            ask(pair, "shortest_path", a.id, b.id)
    assert [s.id for s in ask(pair, "shortest_path", ji.id, ji.id)] == [ji.id]
    assert ask(pair, "shortest_path", ji.id, "person-unknown") is None
    wenxi = [p for p in ask(pair, "find_people", "解芳", 50, 0).items if p.id != jiang(pair, "解芳").id][0]
    far = ask(pair, "shortest_path", ji.id, wenxi.id)  # through the places: 闻喜县 and 绛县 are both in 运城市
    assert far[-1].id == wenxi.id and "Place" in {s.label for s in far}


def test_inspections_of_a_place_and_the_places_inside_it(pair):
    town = one(pair, "find_places", "横水镇")
    inspections = ask(pair, "place_inspections", town.id)
    assert [(i.person.name, i.target, i.target_kind, i.date) for i in inspections.items] == [
        ("赵晔", "西灌底村", "village", "2022-03-25"),
        ("李翔", "西灌底村", "village", "2022-04-13"),
    ]
    county = one(pair, "find_places", "绛县")
    everything = ask(pair, "place_inspections", county.id)
    assert everything.total == 7  # 赵晔's six targets (one an agency located in 绛县) and 李翔's
    assert "agency" in {i.target_kind for i in everything.items}
    assert ask(pair, "place_inspections", county.id, limit=2, offset=5).total == 7
    detail = ask(pair, "place", town.id)
    assert [p.name for p in detail.places_inside] == ["西灌底村", "柳庄村"] or {p.name for p in detail.places_inside} == {"西灌底村", "柳庄村"}
    assert detail.parent.name == "绛县"
    assert len(detail.inspections) == 2
    ask(pair, "place", county.id)
    assert ask(pair, "place_inspections", "place-unknown") is None
    assert ask(pair, "place", "place-unknown") is None


def test_holders_of_positions_in_an_agency(pair):
    committee = [a for a in ask(pair, "find_agencies", "绛县委", 50, 0).items if a.name == "绛县委"][0]
    detail = ask(pair, "agency", committee.id)
    holders = {p.title: sorted(h.name for h in p.holders) for p in detail.positions}
    assert holders["书记"] == ["解芳"]
    assert holders["副书记"] == ["李翔", "解伟龙"]
    assert detail.place.name == "绛县"
    for a in ask(pair, "find_agencies", None, 100, 0).items:
        ask(pair, "agency", a.id)
    assert ask(pair, "agency", "agency-unknown") is None


def test_find_events_by_every_filter(pair):
    assert ask(pair, "find_events").total == 6
    assert ask(pair, "find_events", type="meeting").total == 3
    xie = jiang(pair, "解芳")
    assert ask(pair, "find_events", person=xie.id).total == 4
    county = one(pair, "find_places", "绛县")
    ask(pair, "find_events", place=county.id)
    assert ask(pair, "find_events", since="2022-03-28", until="2022-03-31").total == 2
    assert ask(pair, "find_events", q="会议", limit=1, offset=1).total == 3
    assert ask(pair, "find_events", person="person-unknown").total == 0
    for p in ask(pair, "find_places", None, 100, 0).items:
        ask(pair, "find_events", place=p.id)


def test_article_and_search(pair):
    a = ask(pair, "article", "seed-a")
    assert a.title == "我县召开抓党建促基层治理能力提升动员暨培训会议"
    assert a.facts["id"] == "seed-a" and a.date == "2022-03-28"
    assert ask(pair, "article", "nope") is None
    hits = ask(pair, "search", "解芳")
    assert [(h.kind, h.score) for h in hits.items] == [("person", 1.0), ("person", 1.0)]
    assert {h.kind for h in ask(pair, "search", "县").items} == {"person", "event", "agency", "place", "article"} - {"person"}
    for q in ["会议", "西灌底", "镇", "绛县委", "a", "3", " ", "培训班"]:
        ask(pair, "search", q, limit=5)
    assert ask(pair, "search", "县", limit=3, offset=3).total == ask(pair, "search", "县").total


def test_resolution_state_is_the_same(pair):
    embedded, neo4j, _ = pair
    names = ["解芳", "李翔", "赵晔", "无此人"]
    assert neo4j.person_candidates(names) == embedded.person_candidates(names)
    assert [c.name for c in neo4j.person_candidates(names)] == ["李翔", "解芳", "解芳", "赵晔"]
    for source in ["000_04f34b3896c38351.txt", "wenxi.txt", "unknown.txt", None]:
        assert neo4j.source_home(source) == embedded.source_home(source)
    assert neo4j.source_home("wenxi.txt") is not None


def both(pair, fn, *args, **kwargs):
    """`fn(store, ...)` of okg.graph.analytics or pages over both stores, asserted equal."""
    embedded, neo4j, _ = pair
    a, b = fn(embedded, *args, **kwargs), fn(neo4j, *args, **kwargs)
    assert _dump(b) == _dump(a), f"{fn.__name__}{args}{kwargs}"
    return b


def test_co_attendance_network_and_its_filters(pair):
    edges = ask(pair, "co_attendance_edges")
    weight = {frozenset((e.a.name, e.b.name)): e.weight for e in edges}
    assert all(e.a.id < e.b.id for e in edges)
    assert [(e.a.id, e.b.id) for e in edges] == sorted((e.a.id, e.b.id) for e in edges)
    assert weight[frozenset(("解芳", "李翔"))] == 3  # as person_network counts it
    xie = jiang(pair, "解芳")
    assert {c.id: c.weight for c in ask(pair, "person_network", xie.id, limit=500).items} == {
        (e.b.id if e.a.id == xie.id else e.a.id): e.weight for e in edges if xie.id in (e.a.id, e.b.id)}
    march = ask(pair, "co_attendance_edges", since="2022-03-26", until="2022-03-31")
    assert {frozenset((e.a.name, e.b.name)): e.weight for e in march}[frozenset(("解芳", "解伟龙"))] == 2
    assert frozenset(("解芳", "赵晔")) not in {frozenset((e.a.name, e.b.name)) for e in march}  # 03-25
    speakers = ask(pair, "co_attendance_edges", role="SPOKE")
    assert {n for e in speakers for n in (e.a.name, e.b.name)} == {"解芳", "李翔", "吉俊红", "苏文芸", "李政", "许学惠"}
    inspectors = ask(pair, "co_attendance_edges", role="INSPECTED")
    assert inspectors == []  # one inspector per inspection
    ask(pair, "co_attendance_edges", role="CHAIRED")
    venue = one(pair, "find_places", "县委常委会议室")
    assert [(e.a.name, e.b.name) for e in ask(pair, "co_attendance_edges", place=venue.id)] in ([("解芳", "李翔")], [("李翔", "解芳")])
    assert ask(pair, "co_attendance_edges", place="place-unknown") == []


def test_centrality_and_communities_are_the_same(pair):
    result = both(pair, analytics.analyze_store, analytics.NetworkFilters())
    assert result.people == len({p.id for p in result.people_by_pagerank})
    assert abs(sum(p.pagerank for p in result.people_by_pagerank) - 1) < 1e-4
    assert sum(c.size for c in result.communities) == result.people
    xie = jiang(pair, "解芳")
    assert result.people_by_pagerank[0].id == xie.id  # at all four events with others
    both(pair, analytics.analyze_store, analytics.NetworkFilters(since="2022-03-28", role="SPOKE_AT"))


def test_posts_and_their_succession(pair):
    [mayor] = [p for p in ask(pair, "find_positions", "县长").items if p.title == "县长"]
    assert mayor.holders == 2
    holders = ask(pair, "position_holders", mayor.id)
    assert [(t.person.name, t.first_seen, t.last_seen) for t in holders.holders] == [
        ("李翔", "2022-03-28", "2022-04-12"), ("王强", "2023-01-10", "2023-01-10")]
    post = both(pair, analytics.post_succession, mayor.id)
    li, wang = post.holders
    assert (li.person.name, li.predecessor, li.successor.name) == ("李翔", None, "王强")
    assert (wang.person.name, wang.predecessor.name, wang.successor) == ("王强", "李翔", None)
    [deputy] = ask(pair, "find_positions", "绛县委副书记").items
    # read from sightings only: 李翔 seen as 副书记 on 03-28, 解伟龙 on 03-31, so one "follows" the other
    steps = both(pair, analytics.post_succession, deputy.id).holders
    assert [(h.person.name, h.predecessor and h.predecessor.name, h.successor and h.successor.name) for h in steps] == [
        ("李翔", None, "解伟龙"), ("解伟龙", "李翔", None)]
    assert ask(pair, "find_positions", None, 3, 2).total == ask(pair, "find_positions", None).total
    assert ask(pair, "position_holders", "position-unknown") is None
    assert both(pair, analytics.post_succession, "position-unknown") is None


def test_participations_ego_network_and_shared_events(pair):
    xie, li = jiang(pair, "解芳"), one(pair, "find_people", "李翔")
    rows = ask(pair, "person_participations", xie.id)
    assert {r.event_id for r in rows} == {e.id for e in ask(pair, "person_events", xie.id).items}
    assert ask(pair, "person_participations", "person-unknown") is None
    ego = both(pair, analytics.ego_network, xie.id, 5)
    assert ego.people_shown == 5 and ego.people_total == ask(pair, "person_network", xie.id).total
    assert [n.name for n in ego.nodes if n.kind == "person" and not n.ego][0] == "李翔"  # 3 shared events
    assert {e.role for e in ego.edges if e.source == li.id} >= {"CHAIRED"}
    shared = both(pair, analytics.shared_events, xie.id, li.id)
    assert [e.date for e in shared] == ["2022-03-25", "2022-03-28", "2022-04-12"]
    assert shared[1].roles_of_b == ["ATTENDED", "CHAIRED", "SPOKE_AT"]
    assert both(pair, analytics.shared_events, xie.id, "person-unknown") is None


def test_event_article_and_inspections_of_a_person(pair):
    inspection = the_event(pair, "督导检查疫情防控工作")
    art = both(pair, pages.event_article, inspection.id)
    assert art.article == "seed-b" and art.spans
    assert {s.kind for s in art.spans} >= {"event"}
    zhao = one(pair, "find_people", "赵晔")
    seen = both(pair, pages.person_inspections, zhao.id)
    assert len(seen) == 6 and {i.person.name for i in seen} == {"赵晔"}
    assert both(pair, pages.person_inspections, "person-unknown") is None


def test_every_saved_query_was_run(pair):
    """Last in this module: each file of cypher/queries/ ran against Neo4j in the tests above (the
    module's own sweep runs the rest, so -k filtering still checks them all)."""
    embedded, neo4j, ran = pair
    neo4j.counts()
    neo4j.to_networkx()
    neo4j.load(seed()[:1])  # article_ids (and nothing new)
    neo4j.source_home("wenxi.txt")
    neo4j.person_candidates(["解芳"])
    for p in neo4j.find_places(None, 100, 0).items:
        neo4j.place(p.id)
    for name in set(query_names()) - ran:
        pytest.fail(f"cypher/queries/{name}.cypher was never run by a test")
