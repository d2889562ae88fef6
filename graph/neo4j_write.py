"""Writing articles into Neo4j, the Neo4j store's `load` (graph/neo4j_store.py says how it goes):
`Resolution`, the state a group of articles is resolved against before it is written; `Rows`, their
batches merged into one row per node and relationship; `run_statements`, a group's write plan run
in one transaction. Statements are built from the schema's names only (graph/neo4j_cypher.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from okg.facts import Article
from okg.graph.neo4j_cypher import neo4j_props, schema
from okg.graph.records import GraphBatch, PersonCandidate
from okg.graph.store import LoadError

if TYPE_CHECKING:
    from okg.graph.neo4j_store import Neo4jStore

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _node_rules(label: str, only_new: bool) -> dict[str, str]:
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return _rules(SCHEMA.node_props(label), only_new)


def _rel_rules(rel_type: str, only_new: bool) -> dict[str, str]:
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return _rules(SCHEMA.rel_props(rel_type), only_new)


def _rules(props: dict, only_new: bool) -> dict[str, str]:
    """Property name -> merge rule; `append` for a per_article union when only new articles are
    written (schema.toml: none of their items can be in the stored list yet)."""
    return {name: "append" if only_new and p.per_article else p.merge for name, p in props.items()}


def _merge_set(var: str, names: list[str], rules: dict[str, str]) -> str:
    """The ON MATCH SET list that writes `row.props` over `var` by the schema's merge rules, as
    okg.graph.schema.merge_props does: a missing value is always set; then `first` keeps the stored
    value, `min`/`max` the smaller/larger, `union` appends the new list items not yet there, and
    `append` (see _rules) the new items without looking for them: a look costs the list's length."""
    parts = []
    for name in names:
        if not _IDENT.fullmatch(name):
            raise ValueError(f"property name {name!r} is not an identifier")
        cur, new = f"{var}.`{name}`", f"row.props.`{name}`"
        rule = rules.get(name, "first")
        if rule == "append":
            parts.append(f"{cur} = CASE WHEN {new} IS NULL THEN {cur} ELSE coalesce({cur}, []) + {new} END")
        elif rule == "min":
            parts.append(f"{cur} = CASE WHEN {cur} IS NULL OR ({new} IS NOT NULL AND {new} < {cur}) THEN {new} ELSE {cur} END")
        elif rule == "max":
            parts.append(f"{cur} = CASE WHEN {cur} IS NULL OR ({new} IS NOT NULL AND {new} > {cur}) THEN {new} ELSE {cur} END")
        elif rule == "union":
            parts.append(
                f"{cur} = CASE WHEN {new} IS NULL THEN {cur} "
                f"ELSE reduce(acc = coalesce({cur}, []), x IN {new} | CASE WHEN x IN acc THEN acc ELSE acc + [x] END) END"
            )
        else:
            parts.append(f"{cur} = coalesce({cur}, {new})")
    return ", ".join(parts)


def _mention_names(article: Article) -> set[str]:
    """The person names an article's facts mention, folded as the builder resolves them."""
    from okg.graph.folding import fold_name  # noqa: PLC0415

    names = {p.name for p in article.persons} | {p.person for p in article.positions} | {r.name for r in article.reporters}
    for e in article.events:
        names.update(p.person for p in e.participants)
        names.update(i.person for i in e.inspected)
    return {fold_name(n) for n in names if n}


_CANDIDATE_PROPS = ("scopes", "sources", "titles", "articles")


class Resolution:
    """The resolution state (`person_candidates`, `source_home`) that `load` builds articles against
    before they are written: the store's answers, asked once per load for a whole group of articles
    (one query for all their names, one for all their sources), plus what every article built since
    adds (its Person nodes' scopes, sources and titles by the schema's merge rules; its Article's home).

    Asking the store once per name is exact: a name is asked before the first article of the load
    that mentions it is built, so the store cannot yet hold anything of this load about it."""

    def __init__(self, store: "Neo4jStore"):
        from okg.graph.schema import SCHEMA  # noqa: PLC0415

        self.store = store
        self.rules = SCHEMA.node_props("Person")
        self.people: dict[str, dict[str, dict]] = {}  # name -> person id -> {scopes, sources, titles}
        self.homes: dict[str, tuple[str, str] | None] = {}  # source -> (smallest article id with a home, home)
        self._judged = None  # the user's judgements (graph/judgements.py), asked once per load
        self._members: dict[str, dict[str, set]] = {}  # person id -> the sets of its union lists (schema.merge_into)

    def prefetch(self, articles: list[Article]) -> None:
        self._ask_people({n for a in articles for n in _mention_names(a)})
        self._ask_homes({a.source for a in articles if a.source})

    def _ask_people(self, names: set[str]) -> None:
        missing = sorted(n for n in names if n not in self.people)
        if not missing:
            return
        for n in missing:
            self.people[n] = {}
        for c in self.store.person_candidates(missing):
            props = {k: v for k, v in (("scopes", c.scopes), ("sources", c.sources), ("titles", c.titles), ("articles", c.articles)) if v}
            self.people.setdefault(c.name, {})[c.id] = props

    def _ask_homes(self, sources: set[str]) -> None:
        missing = sorted(s for s in sources if s not in self.homes)
        if not missing:
            return
        for s in missing:
            self.homes[s] = None
        for row in self.store._read("source_home", sources=missing):
            self.homes[row["source"]] = (row["id"], row["home"])

    # --- the ResolutionState of okg.graph.build ---------------------------------------------------------
    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        names = set(names)
        self._ask_people(names)
        out = [  # the lists themselves, not copies: the builder reads them before its article is added
            PersonCandidate(pid, name, p.get("scopes", []), p.get("sources", []), p.get("titles", []), p.get("articles", []))
            for name in names
            for pid, p in self.people[name].items()
        ]
        return sorted(out, key=lambda c: (c.name, c.id))

    def judgements(self) -> list:
        if self._judged is None:
            from okg.graph.judgements import read  # noqa: PLC0415

            self._judged = read(self.store)
        return self._judged

    def source_home(self, source: str | None) -> str | None:
        if not source:
            return None
        self._ask_homes({source})
        found = self.homes[source]
        return found[1] if found else None

    # --- what a built article adds -------------------------------------------------------------------------
    def add(self, batch: GraphBatch) -> None:
        from okg.graph.schema import merge_into  # noqa: PLC0415

        for node in batch.nodes:
            label = node.labels[0]
            if label == "Person":
                name = node.props["name"]
                self._ask_people({name})
                new = {k: node.props[k] for k in _CANDIDATE_PROPS if node.props.get(k)}
                merge_into(self.people[name].setdefault(node.id, {}), new, self.rules, self._members.setdefault(node.id, {}))
            elif label == "Article" and node.props.get("source") and node.props.get("home"):
                source = node.props["source"]
                self._ask_homes({source})
                found = self.homes[source]
                if found is None or node.id < found[0]:
                    self.homes[source] = (node.id, node.props["home"])


class Rows:
    """The records of one or more articles' batches as rows for UNWIND/MERGE: checked per batch (a bad
    batch adds nothing and raises ValueError), and merged across batches: one row per node id and per
    relationship key, its properties merged by the schema's rules (`schema.merge_props`) in article
    order, so writing the merged row does what writing each article's row in turn would do (the rules
    are associative and idempotent) and every id appears once per statement."""

    def __init__(self):
        self.articles: list[tuple[str, GraphBatch]] = []  # (name for errors, batch)
        self.nodes: dict[tuple[str, str], list] = {}  # (main label, id) -> [extra labels, props, union sets]
        self.rels: dict[tuple[str, str], list] = {}  # (type, key) -> [start, end, props, union sets]
        self.node_label: dict[str, str] = {}  # node id -> main label
        self._plan: _WritePlan | None = None

    def add(self, batch: GraphBatch, name: str) -> None:
        from okg.graph.schema import SCHEMA  # noqa: PLC0415

        s = schema()
        nodes, rels = [], []
        for node in batch.nodes:
            if not node.labels:
                raise ValueError(f"node {node.id} has no label")
            main = node.labels[0]
            if main not in s.main_labels:
                raise ValueError(f"node {node.id}: {main!r} is not a node label of the schema")
            extra = set(node.labels[1:]) - {main}
            for label in extra:
                s.label(label)
            if not node.props.get("name"):
                raise ValueError(f"node {node.id}: no name")
            nodes.append((main, extra, node))
        for rel in batch.rels:
            s.rel_type(rel.type)
            if "article" not in rel.props:
                raise ValueError(f"relationship {rel.key}: no provenance")
            rels.append(rel)
        for main, extra, node in nodes:
            self.node_label.setdefault(node.id, main)
            found = self.nodes.get((main, node.id))
            if found is None:  # the batch's props are kept as they are, for the one-article fallback
                self.nodes[(main, node.id)] = [set(extra), node.props, None]
            else:
                found[0] |= extra
                _merge_row(found, 1, node.props, SCHEMA.node_props(main))
        for rel in rels:
            found = self.rels.get((rel.type, rel.key))
            if found is None:
                self.rels[(rel.type, rel.key)] = [rel.start, rel.end, rel.props, None]
            else:
                _merge_row(found, 2, rel.props, SCHEMA.rel_props(rel.type))
        self.articles.append((name, batch))
        self._plan = None

    def seal(self) -> None:
        """Make the plan now and drop the merged records it was made from (what is left is what the
        writer needs: the plan, and the batches for the one-article-per-transaction fallback). A row
        that cannot be made is left to fail again in the writer, whose fallback names its article."""
        try:
            self.plan()
        except ValueError:
            return
        self.nodes, self.rels = {}, {}

    def plan(self) -> "_WritePlan":
        """The rows to write, by main label and label set (nodes) and by type (relationships); made
        once (`load` makes it in the building thread, so the writer thread only sends it)."""
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def _make_plan(self) -> "_WritePlan":
        nodes: dict[tuple[str, ...], list[dict]] = {}
        for (main, nid), (extra, props, _) in self.nodes.items():
            nodes.setdefault((main, *sorted(extra)), []).append({"id": nid, "props": neo4j_props({**props, "id": nid})})
        rels: dict[str, list[dict]] = {}
        for (rel_type, key), (start, end, props, _) in self.rels.items():
            rels.setdefault(rel_type, []).append({"start": start, "end": end, "key": key, "props": neo4j_props({**props, "key": key})})
        return _WritePlan(nodes, rels, dict(self.node_label))


def _merge_row(row: list, at: int, props: dict, rules: dict) -> None:
    """Merge `props` into the properties at row[at] by the schema's rules, in place; the last item of
    the row holds the sets of its union lists. The first merge copies the properties, which are the
    first article's batch's own."""
    from okg.graph.schema import merge_into  # noqa: PLC0415

    if row[-1] is None:
        row[at] = {k: list(v) if isinstance(v, list) else v for k, v in row[at].items()}
        row[-1] = {}
    merge_into(row[at], props, rules, row[-1])


class _WritePlan:
    """What one write transaction writes: node rows by label set, relationship rows by type, and the
    main label of every node written."""

    def __init__(self, nodes: dict[tuple[str, ...], list[dict]], rels: dict[str, list[dict]], node_label: dict[str, str]):
        self.nodes, self.rels, self.node_label = nodes, rels, node_label


@lru_cache(maxsize=None)
def _lookup_statement() -> str:
    """Which of the given ids are nodes, per main label: one parameter `$ids_<Label>` per label, one
    row per label with the ids found (a list decodes far faster than a record per id)."""
    s = schema()
    return " UNION ALL ".join(
        f"UNWIND $ids_{label} AS id MATCH (n:{s.label(label)} {{id: id}}) RETURN '{label}' AS label, collect(id) AS ids"
        for label in s.main_labels
    )


def _prop_names(names: Iterable[str], declared: Iterable[str], skip: str) -> list[str]:
    """The properties an ON MATCH/SET list covers: all the schema declares (so the statement text, and
    so its cached plan, stays the same from one transaction to the next) and any others the rows have."""
    return sorted((set(declared) | set(names)) - {skip})


@lru_cache(maxsize=None)
def _create_nodes_statement(labels: tuple[str, ...]) -> str:
    s = schema()
    return f"UNWIND $rows AS row CREATE (n:{':'.join(s.label(label) for label in labels)}) SET n = row.props"


@lru_cache(maxsize=None)
def _update_nodes_statement(labels: tuple[str, ...], names: tuple[str, ...], only_new: bool) -> str:
    s = schema()
    main, extra = labels[0], labels[1:]
    text = f"UNWIND $rows AS row MATCH (n:{s.label(main)} {{id: row.id}}) SET {_merge_set('n', list(names), _node_rules(main, only_new))}"
    if extra:
        text += ", n:" + ":".join(s.label(label) for label in extra)
    return text + " RETURN count(*) AS n"


@lru_cache(maxsize=None)
def _create_rels_statement(rel_type: str, start: str, end: str) -> str:
    s = schema()
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{s.label(start)} {{id: row.start}}) MATCH (b:{s.label(end)} {{id: row.end}}) "
        f"CREATE (a)-[r:{s.rel_type(rel_type)}]->(b) SET r = row.props RETURN count(*) AS n"
    )


@lru_cache(maxsize=None)
def _merge_rels_statement(rel_type: str, start: str, end: str, names: tuple[str, ...], only_new: bool) -> str:
    s = schema()
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{s.label(start)} {{id: row.start}}) MATCH (b:{s.label(end)} {{id: row.end}}) "
        f"MERGE (a)-[r:{s.rel_type(rel_type)} {{key: row.key}}]->(b) "
        "ON CREATE SET r = row.props "
        + (f"ON MATCH SET {_merge_set('r', list(names), _rel_rules(rel_type, only_new))} " if names else "")
        + "RETURN count(*) AS n"
    )


class LoadedMeanwhile(Exception):
    """An article a load found missing was loaded by another writer before its transaction ran."""


def run_statements(tx, plan: _WritePlan, what: str, written: dict[str, str] | None = None, only_new: bool = False) -> dict[str, str]:
    """The body of a write transaction (retried as a whole on transient errors). `what` names the
    article (or group) in errors; `written` are nodes known to exist (id -> main label: those the
    load committed before); `only_new`: raise LoadedMeanwhile, writing nothing, when one of the
    plan's Article nodes exists; their per_article lists are then appended to without a look for
    each item (an article that is not in the graph has none there; a concurrent writer that adds it
    meanwhile makes this transaction's CREATE of its Article fail on the unique id). Returns the
    nodes written or matched, id -> main label.

    1. One query finds which of the other nodes (and of the relationships' other endpoints) exist.
    2. New nodes are CREATEd (the unique-id constraints still refuse a duplicate a concurrent writer
       made); existing ones are MATCHed by id and updated by the schema's merge rules.
    3. A relationship with an endpoint created in this transaction cannot exist yet: CREATE; the others
       are MERGEd by key between their endpoints (ON MATCH: the merge rules)."""
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    s = schema()
    written = written or {}
    ends = {r[k] for rows in plan.rels.values() for r in rows for k in ("start", "end")}
    found_labels = {i: written[i] for i in ends | plan.node_label.keys() if i in written}
    outside = sorted(ends - plan.node_label.keys() - written.keys())  # endpoints written by earlier articles
    ids: dict[str, list[str]] = {label: list(outside) for label in s.main_labels}
    for (main, *_), rows in plan.nodes.items():
        ids[main].extend(r["id"] for r in rows if r["id"] not in written)
    existing = {(label, i) for i, label in found_labels.items()}
    for record in tx.run(_lookup_statement(), **{f"ids_{label}": v for label, v in ids.items()}):
        for i in record["ids"]:
            existing.add((record["label"], i))
            found_labels.setdefault(i, record["label"])
    if only_new and any(labels[0] == "Article" and (labels[0], r["id"]) in existing for labels, rows in plan.nodes.items() for r in rows):
        raise LoadedMeanwhile(what)
    created: set[str] = set()
    for labels, rows in plan.nodes.items():
        main = labels[0]
        new = [r for r in rows if (main, r["id"]) not in existing]
        old = [r for r in rows if (main, r["id"]) in existing]
        if new:
            tx.run(_create_nodes_statement(labels), rows=new).consume()
            created.update(r["id"] for r in new)
        if old:
            names = tuple(_prop_names((k for r in old for k in r["props"]), SCHEMA.node_props(main), "id"))
            n = tx.run(_update_nodes_statement(labels, names, only_new), rows=old).single()["n"]
            if n != len(old):
                raise LoadError(f"{what}: updated {n} of {len(old)} {main} nodes")
    labels_of = {**found_labels, **plan.node_label}
    for rel_type, rows in plan.rels.items():
        unknown = sorted({r[k] for r in rows for k in ("start", "end")} - labels_of.keys())
        if unknown:
            raise LoadError(f"{what}: {rel_type} relationship to unknown node(s) {', '.join(unknown[:5])}")
        spec = SCHEMA.rels[rel_type]
        groups: dict[tuple[str, str, bool], list[dict]] = {}
        for r in rows:
            start, end = labels_of[r["start"]], labels_of[r["end"]]
            if start not in spec.start or end not in spec.end:
                raise LoadError(f"{what}: relationship {r['key']}: {rel_type} cannot join a {start} to a {end}")
            fresh = r["start"] in created or r["end"] in created
            groups.setdefault((start, end, fresh), []).append(r)
        for (start_label, end_label, fresh), group in groups.items():
            if fresh:
                text = _create_rels_statement(rel_type, start_label, end_label)
            else:
                names = tuple(_prop_names((k for r in group for k in r["props"]), SCHEMA.rel_props(rel_type), "key"))
                text = _merge_rels_statement(rel_type, start_label, end_label, names, only_new)
            n = tx.run(text, rows=group).single()["n"]
            if n != len(group):
                raise LoadError(f"{what}: wrote {n} of {len(group)} {rel_type} relationships")
    return labels_of
