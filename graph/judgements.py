"""A user's decisions about people: two mentions of one name, in two articles, are the same person or
two different people. Kept apart from the graph (a clear or a rebuild keeps them) and applied by every
load: the resolver's rules `judged_same` and `judged_different` (graph/resolve.py) come before all
others, and a load that finds judgements not yet applied rebuilds the graph from the facts of the
articles it holds, so a judgement changes what is already loaded too.

Where they live: `OKG_DATA_DIR/judgements.jsonl` for the embedded store (one JSON object a line);
`(:Judgement)` nodes in Neo4j for the Neo4j store (no relationships; counts, exports and clear leave
them out).

A judgement names the folded name and one article of each side (article node ids), so it holds across
rebuilds, whatever ids the person nodes get.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from okg.facts import Article
from okg.graph.folding import fold_name

VERDICTS = ("same", "different")
LABEL = "Judgement"


@dataclass(frozen=True)
class Judgement:
    name: str  # folded
    first: str  # an article node id where the name is one side
    second: str  # an article node id where the name is the other side
    verdict: str  # same | different
    note: str = ""
    at: str = ""  # when it was made (UTC, ISO 8601)

    def about(self, name: str, article: str, others: list[str]) -> bool:
        """Whether it speaks of the mention of `name` in `article` and a person seen in `others`."""
        if name != self.name:
            return False
        return (article == self.first and self.second in others) or (article == self.second and self.first in others)


def judgement_between(store, first_person: str, second_person: str, verdict: str, note: str = "") -> Judgement:
    """The judgement that two person nodes are the same person or different people: their (folded)
    name and the first article of each. ValueError for unknown ids or nodes of different names."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    people = []
    for pid in (first_person, second_person):
        detail = store.person(pid)
        if detail is None:
            raise ValueError(f"no person with id {pid!r}")
        people.append(detail)
    a, b = people
    if fold_name(a.name) != fold_name(b.name):
        raise ValueError(f"{a.id} is {a.name} and {b.id} is {b.name}: a judgement is about one name")
    if a.id == b.id:
        raise ValueError("both ids are one person")
    first, second = a.merges[0].article, b.merges[0].article
    return Judgement(fold_name(a.name), first, second, verdict, note, datetime.now(timezone.utc).isoformat(timespec="seconds"))


def split_judgement(store, person: str, article: str, note: str = "") -> Judgement:
    """The judgement that the mention in `article` is not the person of the node's other articles."""
    detail = store.person(person)
    if detail is None:
        raise ValueError(f"no person with id {person!r}")
    others = [m.article for m in detail.merges if m.article != article]
    if len(others) == len(detail.merges) or not others:
        raise ValueError(f"{person} is not seen in {article} and in another article")
    return Judgement(fold_name(detail.name), article, others[0], "different", note, datetime.now(timezone.utc).isoformat(timespec="seconds"))


# --- where they are kept ------------------------------------------------------------------------------


class _File:
    """The embedded store's judgements: OKG_DATA_DIR/judgements.jsonl, one object a line with `applied`."""

    def __init__(self, store):
        self.path = store.dir / "judgements.jsonl"

    def rows(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def add(self, row: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")

    def mark_applied(self) -> None:
        rows = self.rows()
        self.path.write_text("".join(json.dumps({**r, "applied": True}, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)


class _Nodes:
    """The Neo4j store's judgements: `(:Judgement)` nodes, their properties those of a row."""

    def __init__(self, store):
        self.store = store

    def rows(self) -> list[dict]:
        return [r["j"] for r in self.store._run(f"MATCH (j:{LABEL}) RETURN properties(j) AS j ORDER BY j.at, j.name, j.first, j.second", {})]

    def add(self, row: dict) -> None:
        self.store._run(f"CREATE (j:{LABEL}) SET j = $row", {"row": row}, read=False)

    def mark_applied(self) -> None:
        self.store._run(f"MATCH (j:{LABEL}) SET j.applied = true", {}, read=False)

    def drop(self) -> None:
        self.store._run(f"MATCH (j:{LABEL}) DELETE j", {}, read=False)


def _kept(store) -> _File | _Nodes:
    from okg.graph.embedded import EmbeddedStore  # noqa: PLC0415

    return _File(store) if isinstance(store, EmbeddedStore) else _Nodes(store)


def read(store) -> list[Judgement]:
    """Every judgement kept beside the store, oldest first (for one pair, the last one holds)."""
    return [Judgement(**{k: v for k, v in row.items() if k != "applied"}) for row in _kept(store).rows()]


def record(store, judgement: Judgement) -> None:
    """Keep a judgement beside the store, not yet applied."""
    _kept(store).add({**asdict(judgement), "applied": False})


def pending(store) -> bool:
    """Whether a judgement was made since the graph was last built with them."""
    return any(not row.get("applied") for row in _kept(store).rows())


def forget(store) -> int:
    """Drop every judgement kept beside the store (`okg review --forget`) and rebuild what is loaded
    without them. Returns how many there were."""
    kept = _kept(store)
    had = len(kept.rows())
    if had:
        kept.drop()
        _rebuild(store)
    return had


def stored_articles(store) -> list[Article]:
    """The facts of every article the store holds, in the order of their dates, then ids."""
    g = store.to_networkx()
    arts = [(d.get("date") or "", n, d["facts"]) for n, d in g.nodes(data=True) if "Article" in d.get("labels", []) and d.get("facts")]
    return [Article.model_validate_json(facts) for _, _, facts in sorted(arts)]


def judge(store, judgement: Judgement) -> int:
    """Record `judgement` and apply it now (POST /review/judgements): from the recording to the marking the
    store's writer is held (`store.exclusive()`), so two judgements at once both land (the second's
    rebuild reads the first) and no load slips in between; the graph is made again with
    `store.replace_all`, which the embedded store swaps in whole. Returns the number of articles rebuilt."""
    with store.exclusive():
        record(store, judgement)
        articles = stored_articles(store)
        if articles:
            store.replace_all(articles)
        _kept(store).mark_applied()
    return len(articles)


def rebuild_if_pending(store, progress: bool = False) -> int:
    """Apply new judgements to what is loaded: rebuild the graph from its articles' facts (the
    judgements stay). Returns the number of articles rebuilt (0 when nothing was pending)."""
    if not pending(store):
        return 0
    rebuilt = _rebuild(store, progress)
    _kept(store).mark_applied()
    return rebuilt


def _rebuild(store, progress: bool = False) -> int:
    articles = stored_articles(store)
    store.clear()
    if articles:
        store.load(articles, progress=progress)
    return len(articles)
