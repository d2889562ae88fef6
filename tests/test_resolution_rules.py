"""Entity resolution across items: divisions through time, folded names, city posts, untitled
mentions, home inference with its evidence, the item metadata that carries a home."""

import json

from factories import article
from okg.cli import main as okg_main
from okg.divisions import divisions
from okg.extract.inputs import read_inputs
from okg.graph.history import changes
from okg.graph.homes import HomeMap, county_in_text, find_home
from okg.graph.records import PersonCandidate
from okg.graph.resolve import Home, Mention, gazetteer, resolve_person


def people_named(store, name):
    return store.find_people(name, 50, 0).items


# --- divisions through time ----------------------------------------------------------------------------


def test_every_change_leads_to_a_division_of_the_dataset_under_its_new_name():
    by_code = divisions().by_code
    rows = changes()
    assert len(rows) >= 30
    for c in rows:
        assert by_code[c.new_code].name == c.new_name, c
        assert c.old_code not in by_code or c.old_code == c.new_code, c  # a former code is no longer in use


def test_a_former_name_or_code_is_the_division_that_carries_on_from_it():
    gaz = gazetteer()
    huyi = gaz.parse("鄠邑区")
    assert gaz.parse("户县") == gaz.parse("610125") == gaz.parse("陕西省西安市户县") == huyi
    assert gaz.parse("怀仁县").name == "怀仁市"
    assert find_home("户县", None, [], "p").county == huyi


def test_items_of_a_county_before_and_after_its_renaming_share_their_people(stores):
    stores.load([article("h1", date="2013-01-05", home="户县", people={"张成群": ["常务副县长"]}),
                 article("h2", date="2017-12-22", home="鄠邑区", people={"张成群": ["副区长"]})])
    [zhang] = people_named(stores, "张成群")
    assert stores.person(zhang.id).merges[1].rule.startswith("same_jurisdiction")


# --- names, posts, namesakes ------------------------------------------------------------------------------


def test_traditional_and_simplified_spellings_are_one_person(stores):
    stores.load([article("t1", home="平原县", source="a.txt", people={"孫豐勇": ["副書記@縣委"]}),
                 article("t2", home="平原县", source="b.txt", people={"孙丰勇": ["副书记@县委"]})])
    [sun] = people_named(stores, "孙丰勇")
    assert stores.person(sun.id).merges[1].joined == sun.id


def test_a_city_leader_in_items_of_two_counties_of_one_city_is_one_person(stores):
    # 绛县 and 新绛县 are both of 运城市: a 副市长 is scoped to the city, not to the item's county
    stores.load([article("c1", home="绛县", source="a.txt", people={"冯建国": ["副市长"]}),
                 article("c2", home="新绛县", source="b.txt", people={"冯建国": ["副市长"]})])
    assert len(people_named(stores, "冯建国")) == 1


def test_namesakes_of_two_counties_stay_two_and_the_refusal_names_its_rule(stores):
    stores.load([article("n1", home="绛县", people={"王伟": ["县长"]}),
                 article("n2", home="平原县", people={"王伟": ["县长"]})])
    two = people_named(stores, "王伟")
    assert len(two) == 2
    rules = [m.rule for p in two for m in stores.person(p.id).merges]
    assert any("different_jurisdictions, not person-" in r for r in rules)


def test_an_untitled_mention_joins_only_when_exactly_one_person_fits():
    home = Home(gazetteer().parse("绛县"), "given", "p")
    one = PersonCandidate("person-a", "王伟", ["140826"], ["p"], ["绛县县长"])
    other = PersonCandidate("person-b", "王伟", ["140826"], ["q"], ["绛县委书记"])
    assert resolve_person(Mention("王伟", None), [one], home, "p").candidate == "person-a"
    two = resolve_person(Mention("王伟", None), [one, other], home, "p")
    assert two.candidate is None and two.rule.startswith("untitled_ambiguous")
    titled = resolve_person(Mention("王伟", "140826", ["绛县县长"]), [one, other], home, "p")
    assert titled.candidate == "person-a"  # a post in common tells them apart


# --- the home of an item ------------------------------------------------------------------------------------


def test_a_county_name_glued_to_a_town_needs_a_second_mention():
    assert county_in_text("县委书记到六都寨镇和县交通运输局调研")[0] is None
    area, evidence = county_in_text("隆回县召开会议。六都寨镇和县交通运输局")
    assert area.name == "隆回县" and "隆回县 ×1" in evidence


def test_home_read_from_traditional_text_and_from_a_short_name_beside_its_city():
    assert county_in_text("德州新聞網訊 平原縣委副書記")[0].name == "平原县"
    area, evidence = county_in_text("德州新闻网讯 市政协副主席来平原督导调研，平原融媒记者")
    assert area.name == "平原县" and "beside 德州" in evidence
    assert find_home(None, None, ["没有县名"], "p").evidence.startswith("no county")


def test_home_map_by_url_host_and_file_glob(tmp_path):
    path = tmp_path / "homes.csv"
    path.write_text("pattern,county\nm.news.wmxa.cn,户县\nnews/pingyuan/*,山东省德州市平原县\n", encoding="utf-8")
    homes = HomeMap.read(path)
    assert homes.home_for("x.txt", "http://m.news.wmxa.cn/n/1.html") == "户县"
    assert homes.home_for("news/pingyuan/2022-01.txt") == "山东省德州市平原县"
    assert homes.home_for("other.txt") is None
    path.write_text("a.txt,没有这个县\n", encoding="utf-8")
    try:
        HomeMap.read(path)
    except ValueError as e:
        assert "没有这个县" in str(e) and ":1:" in str(e)
    else:
        raise AssertionError("an unknown county was accepted")


def test_a_jsonl_record_carries_home_url_and_title(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"id": "R1", "text": "县委书记主持会议。", "home": "户县", "url": "http://a.cn/1", "title": "会议",
                                "date": "2013-01-05", "source": "R1.txt"}, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert (doc.id, doc.home, doc.url, doc.title, doc.date, doc.source) == ("R1", "户县", "http://a.cn/1", "会议", "2013-01-05", "R1.txt")


def test_okg_load_says_per_source_the_home_and_its_evidence(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    facts = tmp_path / "facts.jsonl"
    items = [article("g1", source="a.txt", home="户县", people={"李化": ["副书记@县委"]}),
             article("g2", source="b.txt", body="鄠邑区召开会议", people={"李化": ["副书记@区委"]}),
             article("g3", source="c.txt", body="没有县名", people={"李化": []})]
    facts.write_text("".join(a.model_dump_json() + "\n" for a in items), encoding="utf-8")
    assert okg_main(["load", str(facts), "--store", "embedded", "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "home of a.txt: 鄠邑区 (610118), given as 户县" in err
    assert "home of b.txt: 鄠邑区 (610118), 鄠邑区 ×1 (weight 2) in the item" in err  # in the headline: counts twice
    assert "warning: no home county for c.txt" in err


def test_the_county_whose_own_bodies_speak_outweighs_the_counties_visited():
    text = ("10月17日，考察团赴武城县、夏津县参观学习。" * 1 + "每到一处都认真听取介绍。" * 10
            + "平原县委副书记带队，平原县政府办公室主任陪同。武城县、夏津县的经验值得学习。")
    area, evidence = county_in_text(text)
    assert area.name == "平原县" and "weight" in evidence


def test_an_item_naming_no_county_takes_the_home_its_folder_agrees_on(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    one_county = [article("f1", source="news/longhui/1.txt", body="隆回县召开会议", people={"刘军": ["县长"]}),
                  article("f2", source="news/longhui/2.txt", body="隆回县委召开会议", people={"刘军": ["县长"]}),
                  article("f3", source="news/longhui/3.txt", body="县长主持会议", people={"刘军": ["县长"]})]
    two_counties = [article("m1", source="news/mixed/1.txt", body="隆回县召开会议", people={"周明": ["县长"]}),
                    article("m2", source="news/mixed/2.txt", body="平原县召开会议", people={"周明": ["县长"]}),
                    article("m3", source="news/mixed/3.txt", body="县长主持会议", people={"周明": ["县长"]})]
    facts = tmp_path / "facts.jsonl"
    facts.write_text("".join(a.model_dump_json() + "\n" for a in one_county + two_counties), encoding="utf-8")
    assert okg_main(["load", str(facts), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "home of news/longhui/3.txt: 隆回县 (430524), the other 2 items of news/longhui are all of 隆回县" in err
    assert "warning: no home county for news/mixed/3.txt" in err  # its folder has two counties: no guess
    from okg.graph.stores import open_store

    store = open_store("embedded")
    assert len(store.find_people("刘军", 50, 0).items) == 1
    assert len(store.find_people("周明", 50, 0).items) == 3
