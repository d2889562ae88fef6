"""bench/corpus.py: deterministic, facts that point into the text, a connected graph."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_same_seed_same_text(corpus, tmp_path):
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    corpus.main(["--chars", "20000", "--seed", "3", "-o", str(a)])
    corpus.main(["--chars", "20000", "--seed", "3", "-o", str(b)])
    corpus.main(["--chars", "20000", "--seed", "4", "-o", str(c)])
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    assert len(a.read_text(encoding="utf-8")) >= 20000
    assert "本报讯" in a.read_text(encoding="utf-8")


def test_jsonl_records(corpus, tmp_path):
    out = tmp_path / "c.jsonl"
    corpus.main(["--articles", "5", "--seed", "1", "--format", "jsonl", "-o", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    assert set(rows[0]) == {"id", "text", "date", "source"}


def test_facts_point_into_the_text(corpus):
    arts = corpus.synthetic_articles(60, seed=2)
    assert len({a.id for a in arts}) == 60
    for a in arts:
        for p in a.persons + a.reporters:
            for e in p.evidence:
                assert a.text[e.start:e.end] == p.name
        for pl in a.places:
            for e in pl.evidence:
                assert a.text[e.start:e.end] == pl.name
        for pos in a.positions:
            for e in pos.evidence:
                assert a.text[e.start:e.end].endswith(pos.person)
                assert pos.title in a.text[e.start:e.end]
        for ev in a.events:
            assert ev.participants
            for part in ev.participants:
                assert part.roles[0].value == "ATTENDED"
            for i in ev.inspected:
                assert a.text[i.evidence[0].start:i.evidence[0].end] == i.target


def test_officials_recur(corpus):
    arts = corpus.synthetic_articles(400, seed=1)
    seen: dict[str, int] = {}
    for a in arts:
        for p in a.persons:
            seen[p.name] = seen.get(p.name, 0) + 1
    assert sum(1 for n in seen.values() if n >= 5) > 50
    assert len({a.home for a in arts}) >= 3
    assert corpus.count_relationships(arts) > 40 * 400 / 4
