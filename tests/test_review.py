"""Review and judgements: likely duplicates and weak merges listed with reasons; a user's judgement,
kept apart from the graph, changes the graph on the next load, in both stores."""

import pytest
from fastapi.testclient import TestClient

from factories import article, event
from okg.api.app import create_app
from okg.cli import main as okg_main
from okg.config import Settings
from okg.graph.judgements import forget, judgement_between, read, rebuild_if_pending, record, split_judgement
from okg.graph.review import review


@pytest.fixture(autouse=True)
def no_judgements(request):
    """Judgements outlive a clear (they are not the graph): each test starts and ends without them."""
    if "stores" not in request.fixturenames:
        yield
        return
    store = request.getfixturevalue("stores")
    forget(store)
    yield
    forget(store)


def people_named(store, name):
    return store.find_people(name, 50, 0).items


def two_county_heads():
    # 绛县 and 新绛县 are sibling counties of 运城市: one 县长 each, seen with one colleague
    return [article("s1", home="绛县", source="a.txt",
                    people={"王伟": ["县长"]}, events=[event("meeting", name="会一", participants={"王伟": [], "孙立军": []})]),
            article("s2", home="新绛县", source="b.txt",
                    people={"王伟": ["县长"]}, events=[event("meeting", name="会二", participants={"王伟": [], "孙立军": []})])]


def test_namesakes_of_one_city_are_listed_then_judged_same_they_are_one_on_the_next_load(stores):
    stores.load(two_county_heads())
    assert len(people_named(stores, "王伟")) == 2
    items, total = review(stores)
    [item] = [i for i in items if i.kind == "apart" and i.name == "王伟"]
    assert "both in 1408 (运城市)" in item.reasons[0] and "both hold 县长" in item.reasons
    assert any("孙立军" in r for r in item.reasons)
    a, b = (p.id for p in item.people)
    record(stores, judgement_between(stores, a, b, "same", "one man, moved"))
    assert rebuild_if_pending(stores) == 2
    [wang] = people_named(stores, "王伟")
    assert stores.person(wang.id).merges[1].rule.startswith("judged_same")
    assert not [i for i in review(stores)[0] if i.name == "王伟"]  # answered
    assert rebuild_if_pending(stores) == 0  # applied once


def test_judged_different_keeps_two_mentions_apart_that_the_rules_would_merge(stores):
    arts = [article("d1", home="绛县", source="a.txt", people={"李红": ["副县长"]}),
            article("d2", home="绛县", source="b.txt", people={"李红": ["副县长"]})]
    stores.load(arts)
    [li] = people_named(stores, "李红")
    record(stores, split_judgement(stores, li.id, "d2"))
    stores.load([article("d3", home="绛县", source="c.txt", people={"赵明": ["县长"]})])  # loading goes on as before
    assert len(people_named(stores, "李红")) == 1  # until the graph is rebuilt with it
    rebuild_if_pending(stores)
    two = people_named(stores, "李红")
    assert len(two) == 2
    assert any("judged_different" in m.rule for p in two for m in stores.person(p.id).merges)
    assert stores.counts()["Article"] == 3 and read(stores)[0].verdict == "different"


def test_a_weak_merge_is_listed_with_its_rule(stores):
    stores.load([article("w1", source="paper", people={"张三": ["书记@县委"]}),
                 article("w2", source="paper", people={"张三": ["书记@县委"]})])
    items, _ = review(stores)
    [weak] = [i for i in items if i.kind == "weak_merge"]
    assert weak.score == 0.8 and "same_source_unknown_home" in weak.reasons[0]
    assert weak.judge.startswith("okg review --split")


def test_a_clear_keeps_the_judgements_and_counts_leave_them_out(stores):
    stores.load(two_county_heads())
    a, b = (p.id for p in people_named(stores, "王伟"))
    before = stores.counts()["nodes"]
    record(stores, judgement_between(stores, a, b, "different"))
    assert stores.counts()["nodes"] == before
    stores.clear()
    assert len(read(stores)) == 1
    assert "Judgement" not in stores.counts()


def test_okg_review_records_a_judgement_and_okg_load_applies_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(a.model_dump_json() + "\n" for a in two_county_heads()), encoding="utf-8")
    assert okg_main(["load", str(facts), "--quiet"]) == 0
    assert okg_main(["review"]) == 0
    out = capsys.readouterr().out
    assert "apart" in out and "王伟" in out and "both in 1408 (运城市)" in out
    command = next(line for line in out.splitlines() if "okg review --same" in line).split("okg review ")[1].split("   ")[0]
    assert okg_main(["review", *command.split()]) == 0
    assert (tmp_path / "data" / "judgements.jsonl").exists()
    assert okg_main(["load", str(facts), "--quiet"]) == 0
    assert "judgements applied: rebuilt the 2 articles" in capsys.readouterr().err
    assert okg_main(["review", "--same", "person-nope", "person-nada"]) == 2
    assert "no person with id 'person-nope'" in capsys.readouterr().err


def test_get_review_lists_the_items(embedded_store, tmp_path):
    embedded_store.load(two_county_heads())
    settings = Settings(**{**Settings.from_env().__dict__, "data_dir": tmp_path})
    with TestClient(create_app(embedded_store, settings, store_kind="embedded")) as client:
        got = client.get("/review", params={"limit": 5}).json()
    # both 县长 and seen with 孙立军 (0.65) before the two 孙立军, seen with 王伟 only (0.5)
    assert [(i["kind"], i["name"], i["score"]) for i in got["items"]] == [("apart", "王伟", 0.65), ("apart", "孙立军", 0.5)]
    assert got["total"] == 2
