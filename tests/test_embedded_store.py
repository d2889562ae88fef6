"""The embedded store: the seed page as a graph, every question of the Store interface, and loading
that is idempotent, incremental, atomic per article and persisted in the data folder."""

import sys

import pytest

from factories import article, event, seed
from okg.graph import build
from okg.graph.embedded import EmbeddedStore
from okg.graph.store import LoadError, Store


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(data_dir=tmp_path)
    s.load(seed())
    return s


def one(store, name):
    [p] = store.find_people(name, 10, 0).items
    return p.id


def test_it_implements_the_store_interface(store):
    assert isinstance(store, Store)


# --- the done-when questions of the graph issue ------------------------------------------------------


def test_one_xie_fang_linked_to_three_events(store):
    assert store.find_people("解芳", 10, 0).total == 1
    events = store.person_events(one(store, "解芳"))
    assert [e.date for e in events.items] == ["2022-03-25", "2022-03-28", "2022-03-31"]  # by date


def test_li_xiang_chaired_exactly_the_march_28_meeting_with_16_attendees(store):
    [meeting] = store.chaired(one(store, "李翔")).items
    assert (meeting.date, meeting.type) == ("2022-03-28", "meeting")
    assert store.event_attendees(meeting.id, role="ATTENDED").total == 16
    assert [a.name for a in store.event_attendees(meeting.id, role="CHAIRED").items] == ["李翔"]


def test_zhao_ye_inspected_six_targets_among_them_a_village_inside_a_town(store):
    zhao = one(store, "赵晔")
    targets = {(i.target, i.target_kind) for i in store.place_inspections("place-140826", 50, 0).items if i.person.id == zhao}
    assert len(targets) == 6
    [village] = [p for p in store.find_places("西灌底村", 10, 0).items]
    assert village.kind == "village"
    assert store.place(village.id).parent.name == "横水镇"
    town = store.place(store.place(village.id).parent.id)
    assert town.kind == "town" and [i.target for i in town.inspections] == ["西灌底村"]


def test_loading_twice_changes_nothing(store, tmp_path):
    before = store.counts()
    report = store.load(seed())
    assert report.new_articles == 0 and report.articles == ["seed-a", "seed-b", "seed-c"]
    assert store.counts() == before
    assert EmbeddedStore(data_dir=tmp_path).counts() == before  # and on disk


def test_counts_name_every_label_and_type(store):
    c = store.counts()
    assert (c["Person"], c["Event"], c["Article"], c["Village"], c["CHAIRED"], c["INSPECTED"]) == (23, 3, 3, 2, 2, 6)
    assert c["nodes"] == sum(c[x] for x in ["Person", "Position", "Agency", "Place", "Event", "Article"])


# --- incremental and atomic -----------------------------------------------------------------------------


def test_graph_json_reads_the_same_in_another_layout(store, tmp_path):
    """graph.json is decoded an element at a time in the layout okg writes; JSON of the same data laid
    out otherwise (indented, keys in another order) reads the same, and a cut file is refused."""
    import json

    from okg.graph.embedded_file import read_graph
    from okg.graph.export import same_graph

    written = read_graph(store.path)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"rels": data["rels"], "nodes": data["nodes"], "version": 1}, indent=2, ensure_ascii=False), encoding="utf-8")
    assert same_graph(read_graph(other), written) == [] and written.number_of_edges() == store.counts()["relationships"]
    cut = tmp_path / "cut.json"
    cut.write_text(store.path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(Exception, match="not a graph okg wrote"):
        read_graph(cut)


def test_articles_load_one_at_a_time_into_the_same_resolution(tmp_path):
    reader = EmbeddedStore(data_dir=tmp_path)
    for a in seed():
        EmbeddedStore(data_dir=tmp_path).load([a])  # a new process each time: state comes from disk
    reader.refresh()  # a reader opened before sees the writes after refresh()
    assert reader.find_people("解芳", 10, 0).total == 1


def test_one_by_one_equals_all_at_once(tmp_path):
    for a in seed():
        EmbeddedStore(data_dir=tmp_path / "one").load([a])
    together = EmbeddedStore(data_dir=tmp_path / "all")
    together.load(seed())
    assert EmbeddedStore(data_dir=tmp_path / "one").counts() == together.counts()


def test_a_failing_article_leaves_nothing_and_is_named(tmp_path, monkeypatch):
    s = EmbeddedStore(data_dir=tmp_path)
    good, bad = seed()[0], seed()[1]
    real = build.build_article

    def broken(art, state, siblings=()):
        batch = real(art, state, siblings)
        if art.id == bad.id:
            batch.rels[-1].end = "no-such-node"  # a relationship to nowhere: the write is refused
        return batch

    monkeypatch.setattr("okg.graph.embedded.build_article", broken)
    with pytest.raises(LoadError, match="seed-b"):
        s.load([good, bad])
    assert s.article("seed-a") is not None and s.article("seed-b") is None
    after = s.counts()
    assert EmbeddedStore(data_dir=tmp_path).counts() == after  # what was loaded before is saved
    monkeypatch.setattr("okg.graph.embedded.build_article", real)
    s.load([bad])
    assert s.article("seed-b") is not None


def test_clear_empties_the_store(store):
    store.clear()
    assert store.counts() == {"nodes": 0, "relationships": 0}


# --- the questions ------------------------------------------------------------------------------------------


def test_person_detail_and_summary(store):
    li = store.person(one(store, "李翔"))
    assert [(p.agency, p.title) for p in li.positions] == [("绛县委", "副书记"), ("绛县政府", "县长")]
    assert li.event_counts == {"ACCOMPANIED": 1, "ATTENDED": 2, "CHAIRED": 1, "SPOKE_AT": 1}
    [summary] = store.find_people("李翔", 10, 0).items
    assert summary.titles == ["绛县县长", "绛县委副书记"]
    assert store.person("event-x") is None and store.person("nobody") is None


def test_person_events_filters(store):
    xie = one(store, "解芳")
    assert [e.type for e in store.person_events(xie, role="SPOKE").items] == ["meeting", "training"]  # facts role name
    assert store.person_events(xie, role="ACCOMPANIED").total == 1
    assert [e.date for e in store.person_events(xie, since="2022-03-26", until="2022-03-31").items] == ["2022-03-28", "2022-03-31"]
    assert store.person_events(xie, type="training").items[0].roles == ["ATTENDED", "SPOKE_AT"]
    page = store.person_events(xie, limit=1, offset=1)
    assert (page.total, len(page.items), page.items[0].date) == (3, 1, "2022-03-28")


def test_co_attendance_counts_shared_events(store):
    network = store.person_network(one(store, "解芳")).items
    weights = {c.name: c.weight for c in network}
    assert weights["李翔"] == 2 and weights["解伟龙"] == 2 and weights["赵晔"] == 1
    assert [c.weight for c in network] == sorted((c.weight for c in network), reverse=True)


def test_shortest_path_between_two_people(store):
    path = store.shortest_path(one(store, "赵晔"), one(store, "许学惠"))
    assert [s.label for s in path] == ["Person", "Event", "Person", "Event", "Person"]
    assert path[0].via is None and path[1].via == "ATTENDED"
    assert store.shortest_path(one(store, "赵晔"), "nobody") is None
    store.load([article("far", home=None, people={"孤独": ["书记@县委"]}, source="elsewhere")])  # shares nothing
    assert store.shortest_path(one(store, "赵晔"), one(store, "孤独")) == []


def test_events_search_and_detail(store):
    assert [e.type for e in store.find_events().items] == ["inspection", "meeting", "training"]
    assert store.find_events(type="meeting").total == 1
    assert store.find_events(q="培训班").items[0].type == "training"
    assert store.find_events(person=one(store, "解伟龙")).total == 2
    assert store.find_events(place="place-140826").total == 2  # held at venues inside 绛县
    meeting = store.find_events(type="meeting").items[0].id
    detail = store.event(meeting)
    assert sorted(detail.participants) == ["ATTENDED", "CHAIRED", "GUIDED", "SPOKE_AT"]
    assert [p.name for p in detail.participants["GUIDED"]] == ["吉俊红"]
    assert len(detail.venues) == 4 and detail.article == "seed-a"


def test_chaired_by_anyone_names_the_chairs(store):
    assert [(e.date, e.roles) for e in store.chaired().items] == [("2022-03-28", ["李翔"]), ("2022-03-31", ["解伟龙"])]


def test_agencies_places_articles(store):
    [city_committee] = store.find_agencies("运城市委", 10, 0).items[:1]
    detail = store.agency(city_committee.id)
    assert {p.name for p in detail.parts} == {"运城市委组织部", "运城市委专项行动第六督导组"}
    assert detail.place.name == "运城市"
    assert [(p.title, [h.name for h in p.holders]) for p in detail.positions] == [("常委", ["赵晔"])]
    county = store.place("place-140826")
    assert (county.kind, county.parent.name) == ("county", "运城市")
    assert {"横水镇", "大交镇", "南樊镇"} <= {p.name for p in county.places_inside}
    art = store.article("seed-b")
    assert art.facts["id"] == "seed-b" and art.date == "2022-03-25"


def test_search_ranks_exact_matches_first(store):
    hits = store.search("解芳").items
    assert (hits[0].kind, hits[0].name, hits[0].score) == ("person", "解芳", 1.0)
    kinds = {h.kind for h in store.search("县").items}
    assert {"agency", "place"} <= kinds


def test_resolution_state_for_the_builder(store):
    [c] = store.person_candidates(["解芳"])
    assert c.scopes == ["140826"] and c.sources == ["000_04f34b3896c38351.txt"]
    assert store.source_home("000_04f34b3896c38351.txt") == "140826"


def test_progress_goes_to_stderr_on_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    EmbeddedStore(data_dir=tmp_path).load(seed(), progress=True)
    assert "okg load: 3 articles (3 new)" in capsys.readouterr().err


def test_no_progress_drawn_into_a_log(tmp_path, capsys):
    EmbeddedStore(data_dir=tmp_path).load(seed(), progress=True)
    assert capsys.readouterr().err == ""


def test_an_unknown_home_is_inferred_from_the_other_articles_of_the_page(tmp_path):
    s = EmbeddedStore(data_dir=tmp_path)
    s.load(seed(home=None))  # only article B names 绛县
    assert s.article("seed-a").facts["home"] is None
    assert {a.name for a in s.find_agencies("县委", 10, 0).items} == {"绛县委", "绛县委党校"}
    assert s.find_people("解芳", 10, 0).total == 1


def test_a_person_with_an_unknown_role_name_is_refused(store):
    with pytest.raises(ValueError):
        store.person_events(one(store, "解芳"), role="DANCED")


def test_event_without_name_gets_the_article_title(tmp_path):
    s = EmbeddedStore(data_dir=tmp_path)
    s.load([article("t1", title="县里开会", home="绛县", events=[event("meeting", participants={"甲乙": []})])])
    assert s.find_events().items[0].name == "县里开会"


# --- threads -------------------------------------------------------------------------------------------


def test_the_lock_goes_to_the_thread_waiting_for_it_before_the_one_that_let_it_go_takes_it_again(store):
    """The API's event loop takes the store's lock for every question: a thread waiting for it (a load,
    an export) must get its turn, not wait behind the loop's next question, and the one after."""
    import threading
    import time

    order = []

    def waiter():
        with store.lock:
            order.append("waiter")

    with store.lock:
        with store.lock:  # reentrant
            thread = threading.Thread(target=waiter)
            thread.start()
            deadline = time.monotonic() + 30
            while not store.lock._waiters:  # the waiter is queued
                assert time.monotonic() < deadline
                time.sleep(0.001)
    with store.lock:  # asked again at once, as the loop does
        order.append("releaser")
    thread.join(timeout=30)
    assert order == ["waiter", "releaser"]


def test_a_graph_read_again_is_kept_out_of_the_collectors_sight_and_the_one_it_replaced_is_freed(store, tmp_path):
    import gc
    import weakref

    other = EmbeddedStore(data_dir=tmp_path)  # the same graph.json
    other.load([article("more", people={"王海": ["书记@县委"]})])  # saved by "another process"
    list(store.export_relationships())  # views made and used, as an export does
    replaced = weakref.ref(store.g)
    gc.collect()
    gc.freeze()  # as okg serve does once its graph is read
    try:
        store.refresh()  # reads the other's save
        assert store.g is not replaced() and len(store.find_people("王海", 10, 0).items) == 1
        seen = {id(o) for o in gc.get_objects()}  # what the collector walks: not the frozen
        assert not any(id(d) in seen for d in store.g._node.values())  # the new graph is frozen too
        assert replaced() is None  # the old one freed, frozen as it was
    finally:
        gc.unfreeze()
