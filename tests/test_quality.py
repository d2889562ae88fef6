"""bench/quality.py and its parts: the scorer's conventions on hand-made gold, the page maker's
layout, and pages read back by the real extractor (HanLP) into the items they were made from.
Nothing here reads ../shared (the dev set stays outside the repository)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import pages  # noqa: E402
import quality  # noqa: E402
import scoring  # noqa: E402
from okg.extract.characters import display_width  # noqa: E402

# --- the scorer ------------------------------------------------------------------------------------


def predicted(*, persons=(), positions=(), roles=(), inspected=(), body="", rule=None):
    """One predicted article as `okg extract --format json` gives it; every evidence carries `rule`."""
    ev = [{"rule": rule}] if rule else []
    return {
        "body": body,
        "persons": [{"name": n, "evidence": ev} for n in persons],
        "positions": [{"person": p, "title": t, "evidence": ev} for p, t in positions],
        "events": [{
            "participants": [{"person": p, "roles": list(rs), "evidence": ev} for p, rs in roles],
            "inspected": [{"person": p, "target": t, "evidence": ev} for p, t in inspected],
        }],
    }


def gold_article(id="X1", persons=(), positions=(), roles=(), inspected=(), **calls):
    return {
        "id": id,
        "persons": list(persons),
        "positions": [{"person": p, "title": t} for p, t in positions],
        "events": [{"roles": [{"person": p, "role": r} for p, r in roles],
                    "inspected": [{"person": p, "target": t} for p, t in inspected]}],
        **calls,
    }


def test_a_title_matches_the_gold_title_it_ends_but_shu_ji_is_not_fu_shu_ji():
    gold = [gold_article(positions=[("张伟", "县委书记"), ("李红梅", "县委副书记"), ("王海", "副县长")])]
    pred = {"X1": [predicted(positions=[("张伟", "书记"), ("李红梅", "书记"), ("王海", "县长")])]}
    report = scoring.score(gold, pred)
    assert report.totals("positions") == (1, 3, 3)  # only 书记 ~ 县委书记
    c = report.articles[0].kinds["positions"]
    assert c.matched == [(("张伟", "书记"), ("张伟", "县委书记"))]
    assert c.extra == [("李红梅", "书记"), ("王海", "县长")]
    assert c.missed == [("李红梅", "县委副书记"), ("王海", "副县长")]


def test_a_title_of_one_character_or_of_another_person_does_not_match():
    gold = [gold_article(positions=[("张伟", "县长")])]
    pred = {"X1": [predicted(positions=[("张伟", "长"), ("李红梅", "县长")])]}
    assert scoring.score(gold, pred).totals("positions") == (0, 2, 1)


def test_a_target_matches_when_one_contains_the_other_one_to_one():
    gold = [gold_article(inspected=[("赵晔", "西灌底村卡口"), ("赵晔", "大交镇卡口")])]
    pred = {"X1": [predicted(inspected=[("赵晔", "西灌底村"), ("赵晔", "西灌底村卡口"), ("赵晔", "卡")])]}
    c = scoring.score(gold, pred).articles[0].kinds["inspected"]
    # greedy, in prediction order: the first prediction takes the gold target, the second finds it used
    assert c.matched == [(("赵晔", "西灌底村"), ("赵晔", "西灌底村卡口"))]
    assert c.extra == [("赵晔", "西灌底村卡口"), ("赵晔", "卡")]
    assert c.missed == [("赵晔", "大交镇卡口")]


def test_judgement_calls_count_neither_way():
    gold = [gold_article(
        persons=["张伟", "王海"],
        roles=[("张伟", "ATTENDED"), ("张伟", "SPOKE"), ("王海", "ATTENDED")],
        inspected=[("张伟", "城关镇"), ("张伟", "青山镇污水处理厂")],
        roles_ambiguous=[{"person": "张伟", "role": "SPOKE"}, {"person": "王海", "role": "CHAIRED"}],
        inspected_ambiguous=[{"person": "张伟", "target": "污水处理厂"}],
        generic_titles=[{"person": "王海", "label": "县领导"}],
    )]
    pred = {"X1": [predicted(
        persons=["张伟", "王海"],
        positions=[("王海", "县领导")],
        roles=[("张伟", ["ATTENDED"]), ("王海", ["ATTENDED", "CHAIRED"])],
        inspected=[("张伟", "城关镇"), ("张伟", "污水处理厂")],
    )]}
    report = scoring.score(gold, pred)
    # 张伟 SPOKE is a call in gold (not missed); 王海 CHAIRED one in the prediction (not extra)
    assert report.totals("roles") == (2, 2, 2)
    assert report.totals("inspected") == (1, 1, 1)
    assert report.totals("positions") == (0, 0, 0)
    assert report.overall() == 1.0
    assert report.table().splitlines()[-1] == "overall F1 1.000"


def test_names_compare_across_scripts_spaces_and_pinyin_glosses():
    gold = [gold_article(persons=["王東紅", "楊續祥"], roles=[("王東紅", "CHAIRED")])]
    pred = {"X1": [predicted(persons=["王东红", "杨续(xù)祥"], roles=[("王 东红", ["chaired"])])]}
    report = scoring.score(gold, pred)
    assert report.totals("persons") == (2, 2, 2)
    assert report.totals("roles") == (1, 1, 1)


def test_table_rows_and_overall_are_micro_averages():
    gold = [gold_article("X1", persons=["张伟", "王海"]), gold_article("X2", persons=["李红梅"], roles=[("李红梅", "SPOKE")])]
    pred = {"X1": [predicted(persons=["张伟", "刘芳"])], "X2": [predicted(persons=["李红梅"])]}
    table = scoring.score(gold, pred).table().splitlines()
    assert table[0] == f"{'':16}{'P':>7}{'R':>7}{'F1':>7}"
    assert table[1] == f"{'persons':16}{2 / 3:7.3f}{2 / 3:7.3f}{2 / 3:7.3f}"
    assert table[3] == f"{'roles':16}{0:7.3f}{0:7.3f}{0:7.3f}"  # nothing predicted, one in gold
    # overall: 2 right of 3 predicted, of 4 in gold
    p, r = 2 / 3, 2 / 4
    assert table[-1] == f"overall F1 {2 * p * r / (p + r):.3f}"


def test_an_anchored_gold_article_is_compared_with_the_predicted_article_holding_its_anchor():
    gold = [dict(gold_article("A", persons=["张伟"]), anchor="全县乡村振兴工作推进会召开"),
            dict(gold_article("B", persons=["李红梅"]), anchor="县长李紅梅深入青山鎮")]
    page = [predicted(persons=["李红梅"], body="本报讯4月2日，县长李红梅深入\n青山镇督导检查"),
            predicted(persons=["张伟", "王海"], body="本报讯 3 月 28 日，全县乡村振兴工作推进会召开。")]
    report = scoring.score(gold, {"page01": page})
    assert [a.found for a in report.articles] == [1, 1]
    assert report.totals("persons") == (2, 3, 2)
    assert report.articles[0].kinds["persons"].extra == ["王海"]


def test_each_fact_keeps_the_rule_of_its_first_evidence_and_the_rule_table_counts_them():
    gold = [gold_article(persons=["张伟"], roles=[("张伟", "ATTENDED"), ("张伟", "CHAIRED")])]
    art = predicted(persons=["张伟", "刘芳"], roles=[("张伟", ["ATTENDED", "SPOKE"])], rule="chair.passive")
    art["persons"][1]["evidence"] = []  # a fact without evidence: no rule
    report = scoring.score(gold, {"X1": [art]})
    assert report.articles[0].rules["roles"] == {("张伟", "ATTENDED"): "chair.passive", ("张伟", "SPOKE"): "chair.passive"}
    rows = {rule: cells for rule, *cells in (line.rsplit(None, 6) for line in quality.rule_table(report).splitlines()[1:])}
    # persons, positions, roles, inspected, all, P
    assert rows["chair.passive"] == ["1/1", "0/0", "1/2", "0/0", "2/3", "0.667"]
    assert rows["(no rule)"] == ["0/1", "0/0", "0/0", "0/0", "0/1", "0.000"]


def test_the_scorer_command_prints_the_table_and_counts_an_unreadable_prediction_as_empty(tmp_path, capsys):
    (tmp_path / "gold.json").write_text(json.dumps([gold_article("X1", persons=["张伟"])], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "X1.json").write_text("{not json", encoding="utf-8")
    assert scoring.main([str(tmp_path / "gold.json"), str(tmp_path / "X1.json")]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[1].split() == ["persons", "0.000", "0.000", "0.000"]  # nothing predicted
    assert out.splitlines()[-1] == "overall F1 0.000"
    assert err.count("\n") == 1 and "unreadable prediction" in err


# --- the page maker --------------------------------------------------------------------------------

ITEMS = [
    pages.Item("M1", "全县乡村振兴工作推进会召开",
               "3月28日，全县乡村振兴工作推进会召开。县委书记张伟出席并讲话，县委副书记、县长李红梅主持会议。"
               "县领导王海、刘芳等参加会议。\n张伟强调，各乡镇要提高政治站位，压实工作责任，确保各项任务落地见效。"),
    pages.Item("M2", "李红梅督导检查防汛工作",
               "4月2日，县长李红梅深入青山镇、石桥乡督导检查防汛工作，副县长陈刚陪同。\n"
               "在青山镇水库，李红梅详细了解汛期值守和物资储备情况。她要求，要压紧压实防汛责任，确保安全度汛。"),
    pages.Item("M3", "县人大常委会举行第十二次会议",
               "4月6日，县人大常委会举行第十二次会议，县人大常委会主任刘洪主持会议，副主任孙红出席。"
               "会议听取了县政府关于2021年城市建设工作情况的报告。"),
]


HEADLINES = {it.headline: it.id for it in ITEMS}  # each short enough to be printed on one line


def item_opening(line):
    """The item whose body a dateline line (本报讯 3 月 28 日，全县…) opens."""
    rest = line.removeprefix("本报讯").replace(" ", "")
    return next(it.id for it in ITEMS if it.body.startswith(rest))


def test_the_same_seed_gives_the_same_pages_and_another_seed_others():
    a, b, c = (pages.make_pages(ITEMS, seed=s) for s in (1, 1, 2))
    assert [p.text for p in a] == [p.text for p in b]
    assert [p.text for p in a] != [p.text for p in c]
    assert len(a) == 1 and sorted(a[0].items) == ["M1", "M2", "M3"]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_page_is_laid_as_an_ocr_d_county_page(seed):
    (page,) = pages.make_pages(ITEMS, seed=seed)
    lines = page.text.splitlines()
    printed = [ln for ln in lines if ln and ln not in HEADLINES]
    # narrow columns, broken wherever the column ends; closing punctuation hangs, never opens a line
    assert all(display_width(ln) <= 19 + 1 for ln in printed)
    assert sum(display_width(ln) >= 14 for ln in printed) >= len(printed) // 2
    assert not any(ln[0] in "，。、；：！？”）" for ln in printed)
    assert any(not re.search(r"[，。、；：！？]$", ln) and display_width(ln) >= 13 for ln in printed)  # broken mid-sentence
    assert lines.count("") >= len(printed) // 2  # blank lines between lines
    assert "3 月 28 日" in page.text and "2021 年" in page.text  # spaces around numbers
    datelines = [i for i, ln in enumerate(lines) if ln.startswith("本报讯 ")]
    assert len(datelines) == 3  # a dateline opens each item
    # a headline stands beside another item's body: the body printed after it is not its own
    beside = {HEADLINES[ln]: item_opening(lines[next(d for d in datelines if d > i)]) for i, ln in enumerate(lines) if ln in HEADLINES}
    assert len(beside) == 3 and any(head != body for head, body in beside.items())


def test_a_body_with_its_own_dateline_gets_no_second_one_and_long_headlines_wrap():
    item = pages.Item("W1", "市督查组督查我县2016年度重点项目推进情况", "本网讯 4月14日上午，市督查组督查我县重点项目推进情况。")
    (page,) = pages.make_pages([item], seed=1)
    assert "本报讯" not in page.text and page.text.count("本网讯") == 1
    head = [ln for ln in page.text.splitlines() if ln and ln in item.headline]
    assert len(head) == 2 and "".join(head) == item.headline


def test_an_anchor_is_an_early_piece_of_the_body_found_in_no_other_item():
    anchors = pages.make_pages(ITEMS, seed=1)[0].anchors
    for it in ITEMS:
        a = anchors[it.id]
        assert len(a) == pages.ANCHOR_CHARS and a in it.body and it.body.index(a) < 40
        assert not any(a in f"{o.headline}{o.body}" for o in ITEMS if o is not it)
    twins = [pages.Item("T1", None, "近日，县委书记张伟出席会议。"), pages.Item("T2", None, "近日，县委书记张伟出席会议。")]
    with pytest.raises(ValueError, match="T1"):
        pages.make_pages(twins)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_extractor_reads_a_page_back_into_its_items(seed):
    from okg.extract.pipeline import extract_text

    (page,) = pages.make_pages(ITEMS, seed=seed)
    articles = extract_text(page.text, source="page.txt")
    assert len(articles) == len(ITEMS)
    for item in ITEMS:
        holding = [a for a in articles if scoring.norm(page.anchors[item.id]) in scoring.norm(a.body)]
        assert len(holding) == 1, item.id
        assert scoring.norm(holding[0].title) == scoring.norm(item.headline)  # paired back with its headline


def test_a_web_item_becomes_its_headline_and_the_text_from_its_body_on():
    text = "县领导走访慰问百岁老人\n\n2021-10-15 10:37 来源: 今日浦江 作者: 缪思聪 陈晨镭\n\n本报消息 10月14日，县委书记张伟走访慰问百岁老人。\n"
    item = quality.page_item("C1", text)
    assert item.headline == "县领导走访慰问百岁老人"
    assert item.body.startswith("本报消息 10月14日")
    plain = quality.page_item("C2", "10月14日，县委书记张伟走访慰问百岁老人。\n")
    assert plain.headline is None and plain.body.startswith("10月14日")


# --- predictions as okg extract writes them --------------------------------------------------------


def test_predictions_are_written_as_okg_extract_writes_them(tmp_path):
    from okg.extract import command
    from okg.extract.pipeline import extract_text

    page = tmp_path / "page.txt"
    page.write_text(pages.make_pages(ITEMS, seed=1)[0].text, encoding="utf-8")
    by_cli = tmp_path / "cli.json"
    # the input named as quality.py names it: relative to the working folder
    args = argparse.Namespace(paths=[os.path.relpath(page)], engine="hanlp", home=None, date=None, format="json", output=str(by_cli))
    assert command.run(args) == 0
    (doc,) = quality.read_texts([page]).values()
    mine = tmp_path / "mine.json"
    quality.write_json(extract_text(doc.text, source=doc.source, date=doc.date, doc_id=doc.id), mine)
    assert mine.read_bytes() == by_cli.read_bytes()
