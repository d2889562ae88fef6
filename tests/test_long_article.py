"""One long article (a few hundred KiB, one headline and dateline): read in windows
(pipeline.WINDOW_CHARS) with the real pipeline and HanLP, its facts found from its first paragraph
to its last, with evidence pointing into the text as given."""

from okg.extract.articles import split_articles
from okg.extract.inputs import MAX_TEXT_BYTES, InputDoc, read_inputs
from okg.extract.pipeline import WINDOW_CHARS, extract_text, windows

OPENING = "全县乡村振兴工作推进会召开\n本报讯 5月6日，全县乡村振兴工作推进会召开。县委书记周建军出席并讲话，县委副书记、县长陈立新主持会议。\n"
CLOSING = "\n5月8日，副县长高文华深入城关镇西坡村调研人居环境整治工作。\n"


def middle(paragraphs: int) -> str:
    """Paragraphs of the article's report, without names, each a little different."""
    return "\n".join(
        f"会议指出，第{i}项重点任务要压实责任、细化措施，持续推进农村人居环境整治和基础设施建设，确保各项工作落地见效。"
        for i in range(paragraphs)
    )


def long_article() -> str:
    return OPENING + middle(3000) + CLOSING


def test_a_long_article_is_read_in_windows_that_hold_all_of_its_body():
    text = long_article()
    assert len(text.encode("utf-8")) > 300 * 1024
    (piece,) = split_articles(text)
    parts = list(windows(piece))
    assert len(parts) > 3
    assert "".join(p.body for p in parts) == piece.body
    assert all(len(p.body) <= WINDOW_CHARS for p in parts)
    assert all(p.body[-1] in "\n。" for p in parts[:-1])  # cut after a paragraph or a sentence


def test_a_long_article_gives_facts_from_its_beginning_and_its_end():
    text = long_article()
    (article,) = extract_text(text)
    persons = {p.name: p for p in article.persons}
    assert {"周建军", "陈立新", "高文华"} <= set(persons)
    roles = {(p.person, r.value) for e in article.events for p in e.participants for r in p.roles}
    assert ("陈立新", "CHAIRED") in roles and ("高文华", "INSPECTED") in roles
    targets = {(i.person, i.target) for e in article.events for i in e.inspected}
    assert any(person == "高文华" and "西坡村" in target for person, target in targets)
    for name in ("周建军", "高文华"):  # offsets of the first window and of the last, in the text as given
        ev = persons[name].evidence[0]
        assert text[ev.start:ev.end] == name and name in ev.sentence
    assert text.rindex("高文华") > len(text) - len(CLOSING)
    assert len({e.id for e in article.events}) == len(article.events)  # numbered across windows


def test_a_text_under_the_limit_is_read_and_one_over_it_refused_saying_the_limit(tmp_path):
    paragraph = (middle(1) + "\n").encode("utf-8")
    under, over = tmp_path / "under.txt", tmp_path / "over.txt"
    under.write_bytes(OPENING.encode("utf-8") + paragraph * ((MAX_TEXT_BYTES - 4096) // len(paragraph)))
    over.write_bytes(paragraph * (MAX_TEXT_BYTES // len(paragraph) + 1))
    got_under, got_over = list(read_inputs([str(under)])), list(read_inputs([str(over)]))
    assert len(got_under) == 1 and isinstance(got_under[0], InputDoc) and got_under[0].text.startswith("全县乡村振兴")
    assert len(got_over) == 1 and not isinstance(got_over[0], InputDoc)
    limit = f"the limit for one text is {MAX_TEXT_BYTES // (1024 * 1024)} MiB"
    assert str(got_over[0]) == f"{over}: too large (6.0 MiB; {limit}; split it into smaller files or JSONL records)"
