"""Another text under an id the store already holds: one line naming the file, the record and the id,
never dropped unsaid, and the store keeps the text it had. Against both stores, through `okg load`
(a real process) and through Store.load (what POST /ingest calls)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from okg.config import ROOT
from okg.facts import Article


def _facts(aid: str, body: str, name: str) -> str:
    return json.dumps({"id": aid, "body": body, "persons": [{"name": name}]}, ensure_ascii=False)


def _body_of(kind: str, store, data_dir, article_id: str) -> str:
    if kind == "embedded":  # what the other process saved
        from okg.graph.embedded import EmbeddedStore

        store = EmbeddedStore(data_dir=data_dir)
    return store.article(article_id).facts["body"]


@pytest.mark.parametrize("kind", ["embedded", "neo4j"])
def test_another_text_under_a_loaded_id_is_one_line_and_the_first_is_kept(kind, request, tmp_path):
    store = request.getfixturevalue(f"{kind}_store")  # empty; the embedded one in tmp_path/data
    first, second = tmp_path / "feed-a.jsonl", tmp_path / "feed-b.jsonl"
    first.write_text(_facts("x1", "本报讯 县长赵明出席会议。", "赵明") + "\n", encoding="utf-8")
    second.write_text(_facts("x1", "本报讯 另一篇文章，编号相同。", "钱明") + "\n"
                      + _facts("x2", "本报讯 副县长孙立军察看工地。", "孙立军") + "\n", encoding="utf-8")

    def load(path):
        return subprocess.run([sys.executable, "-m", "okg.cli", "load", str(path), "--store", kind, "--home", "绛县"],
                              capture_output=True, text=True, cwd=ROOT, env={**os.environ, "OKG_DATA_DIR": str(tmp_path / "data")},
                              timeout=300)

    assert load(first).returncode == 0
    done = load(second)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert errors == [f"okg load: error: {second}:1: article id 'x1': the store holds another text under this id (loaded before); "
                      "this one is skipped"]
    assert done.stderr.splitlines()[-1].startswith(f"okg load: 1 articles (1 new); the {kind} store has ")
    assert _body_of(kind, store, tmp_path / "data", "x1") == "本报讯 县长赵明出席会议。"
    assert _body_of(kind, store, tmp_path / "data", "x2") == "本报讯 副县长孙立军察看工地。"


def test_store_load_gives_its_conflicts_and_loads_the_same_text_again(stores):
    said = []
    a = Article(id="c1", body="本报讯 县长赵明出席会议。", home="绛县")
    again = Article(id="c1", body="本报讯  县长赵明\n出席会议。", home="绛县")  # the same text, but for white space
    other = Article(id="c1", body="本报讯 另一篇文章。", home="绛县")
    report = stores.load([a, other, Article(id="c2", body="本报讯 县委书记王海调研。", home="绛县")], on_conflict=said.append)
    assert report.conflicts == ["c1"] and [x.body for x in said] == [other.body]
    assert report.articles == ["c1", "c2"] and report.new_articles == 2
    report = stores.load([again, other], on_conflict=said.append)
    assert report.articles == ["c1"] and report.conflicts == ["c1"] and report.new_articles == 0 and len(said) == 2
    assert stores.article("c1").facts["body"] == a.body
