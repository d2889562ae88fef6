"""The Neo4j store: the `okg.graph.store.Store` interface over a real Neo4j 5 with the official driver.

* Connecting: `GraphDatabase.driver(uri, auth=...)`, so `bolt://`, `neo4j://` (routing: a cluster or
  Aura) and their `+s`/`+ssc` variants work. Every question runs in a read transaction
  (`session.execute_read`), so a cluster routes it to a reader; every write in `execute_write`.
  On connect the store applies cypher/schema.cypher (constraints, indexes, the full-text index).
* Questions: each method runs the saved query of the same name in cypher/queries/ (loaded with
  importlib.resources from `okg.cypher`), with `$param` parameters only.
* Loading: the builder (`okg.graph.build`) turns each article into a `GraphBatch`; the store writes it in
  ONE write transaction per article (a failure leaves nothing of that article and raises `LoadError`
  naming it), batched with UNWIND/MERGE per label and per relationship type, idempotent through MERGE on
  node ids and relationship keys. Labels and relationship types cannot be query parameters, so the write
  statements are built from the schema's fixed names only (`SCHEMA`), never from input.
"""

from __future__ import annotations

import json
import re
import sys
from functools import lru_cache
from importlib import resources
from itertools import groupby, islice
from typing import Any, Iterable, Iterator

from okg.config import Settings
from okg.facts import Article
from okg.graph.records import GraphBatch, PersonCandidate
from okg.graph.store import LoadError, StoreUnavailable
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    EventDetail,
    EventSummary,
    HeldPosition,
    InspectionView,
    Listing,
    LoadReport,
    MergeNote,
    PathStep,
    PersonDetail,
    PersonRef,
    PersonSummary,
    PlaceDetail,
    PlaceRef,
    PositionHolder,
    SearchHit,
    Span,
)

# ---------------------------------------------------------------------------------------------------
# Schema names: the only strings ever spliced into a statement.
# ---------------------------------------------------------------------------------------------------


class _Schema:
    """Node labels (main and Place kind labels) and relationship types the store may write."""

    def __init__(self, main_labels: Iterable[str], kind_labels: Iterable[str], rel_types: Iterable[str]):
        self.main_labels = tuple(dict.fromkeys(main_labels))
        self.kind_labels = tuple(dict.fromkeys(kind_labels))
        self.rel_types = tuple(dict.fromkeys(rel_types))
        names = self.main_labels + self.kind_labels + self.rel_types
        for name in names:  # identifiers only: nothing else may reach a statement
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
                raise ValueError(f"not a schema name: {name!r}")

    def label(self, name: str) -> str:
        if name not in self.main_labels and name not in self.kind_labels:
            raise ValueError(f"label {name!r} is not in the graph schema")
        return f"`{name}`"

    def rel_type(self, name: str) -> str:
        if name not in self.rel_types:
            raise ValueError(f"relationship type {name!r} is not in the graph schema")
        return f"`{name}`"


@lru_cache(maxsize=1)
def schema() -> _Schema:
    """The labels and types declared in graph/schema.toml (okg.graph.schema)."""
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return _Schema(SCHEMA.labels, SCHEMA.nodes["Place"].kinds, SCHEMA.rel_types)


# ---------------------------------------------------------------------------------------------------
# The saved Cypher
# ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def query(name: str) -> str:
    """The text of cypher/queries/<name>.cypher, as installed in the okg.cypher package."""
    return resources.files("okg.cypher").joinpath("queries", f"{name}.cypher").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(
        p.name[: -len(".cypher")]
        for p in resources.files("okg.cypher").joinpath("queries").iterdir()
        if p.name.endswith(".cypher")
    )


def schema_statements() -> list[str]:
    """The statements of cypher/schema.cypher, comments dropped, one per `;`."""
    text = resources.files("okg.cypher").joinpath("schema.cypher").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


SIBLING_WINDOW = 100  # articles of one source built together (home county inference)


def _role(role) -> str | None:
    """A role argument: a relationship type or a facts.Role name (SPOKE -> SPOKE_AT)."""
    if role is None:
        return None
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return SCHEMA.role_type(str(getattr(role, "value", role)))


def _type(value) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _lucene_phrase(q: str) -> str:
    """`q` as one quoted Lucene phrase: inside quotes only backslash and quote need escaping."""
    return '"' + q.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_indexed_text(q: str) -> bool:
    """True when the full-text index alone finds every name containing q: q is all Han characters
    (the analyzer makes one token of each), so the phrase query is a substring query."""
    return bool(q) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in q)


def _prop_value(value: Any) -> Any:
    """A Neo4j property value: primitives and lists of primitives stay, anything else is JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float, bool)) for v in value):
        if len({type(v) for v in value}) <= 1:
            return list(value)
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False, default=str)


def _props(props: dict) -> dict:
    return {str(k): _prop_value(v) for k, v in props.items()}


# ---------------------------------------------------------------------------------------------------
# The store
# ---------------------------------------------------------------------------------------------------


class Neo4jStore:
    """`okg.graph.store.Store` over Neo4j. `Neo4jStore(Settings.from_env())`."""

    def __init__(self, settings: Settings, apply_schema: bool = True):
        from neo4j import GraphDatabase  # noqa: PLC0415

        self.settings = settings
        self.database = settings.neo4j_database or None
        try:
            self._driver = GraphDatabase.driver(
                settings.neo4j_uri,
                auth=(settings.neo4j_user, settings.neo4j_password),
                connection_timeout=10,
                max_transaction_retry_time=15,
                # "property key does not exist" and the like: noise for saved queries over a young graph
                notifications_min_severity="OFF",
            )
        except Exception as e:  # a malformed URI, an unknown scheme
            raise StoreUnavailable(f"Neo4j at {settings.neo4j_uri}: cannot connect ({e})") from e
        try:
            self._driver.verify_connectivity()
        except Exception as e:
            self._driver.close()
            raise self._unavailable(e) from e
        if apply_schema:
            self.apply_schema()

    # --- plumbing ---------------------------------------------------------------------------------

    def _unavailable(self, e: Exception) -> StoreUnavailable:
        from neo4j.exceptions import AuthError  # noqa: PLC0415

        uri = self.settings.neo4j_uri
        if isinstance(e, AuthError):
            return StoreUnavailable(f"Neo4j at {uri} refused the credentials of NEO4J_USER/NEO4J_PASSWORD: {e}")
        return StoreUnavailable(
            f"Neo4j at {uri} is unreachable ({type(e).__name__}: {e}); start it with `scripts/neo4j-local start` "
            "or point NEO4J_URI at a running Neo4j"
        )

    def _session(self):
        return self._driver.session(database=self.database)

    def _is_connection_error(self, e: Exception) -> bool:
        from neo4j.exceptions import AuthError, DriverError, ServiceUnavailable, SessionExpired  # noqa: PLC0415

        if isinstance(e, (ServiceUnavailable, SessionExpired, AuthError, ConnectionError, OSError)):
            return True
        # the driver's own errors about the connection pool and routing
        return isinstance(e, DriverError) and "routing" in str(e).lower()

    def _read(self, name: str, **params) -> list[dict]:
        """Run cypher/queries/<name>.cypher in a read transaction; rows as dicts."""
        return self._run(query(name), params, read=True)

    def _run(self, text: str, params: dict, read: bool = True) -> list[dict]:
        """Run one statement in a managed transaction (execute_read or execute_write: a cluster sends
        reads to readers, and the server refuses writes in a read transaction)."""

        def work(tx):
            return [record.data() for record in tx.run(text, params)]

        try:
            with self._session() as session:
                return session.execute_read(work) if read else session.execute_write(work)
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise

    def _one(self, name: str, **params) -> dict | None:
        rows = self._read(name, **params)
        return rows[0] if rows else None

    def _page(self, name: str, model, limit: int, offset: int, **params) -> Listing | None:
        """A paged query: one row {total, items} (none when its anchor node is unknown)."""
        row = self._one(name, limit=int(limit), offset=int(offset), **params)
        if row is None:
            return None
        return Listing[model](items=[model(**x) for x in row["items"]], total=row["total"], limit=limit, offset=offset)

    def apply_schema(self) -> None:
        """cypher/schema.cypher: every statement is IF NOT EXISTS; then wait for the indexes to be online."""
        try:
            with self._session() as session:
                for statement in schema_statements():
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise

    def close(self) -> None:
        self._driver.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- writing ----------------------------------------------------------------------------------

    def load(self, articles: Iterable[Article], progress: bool = False) -> LoadReport:
        """See Store.load: articles already in the graph are skipped; each new one is built by
        okg.graph.build.build_article (resolving against this store) and written in one transaction."""
        from okg.graph.build import article_node_id, build_article  # noqa: PLC0415

        loaded: list[str] = []
        new = 0
        for group in _groups(articles):
            known = set(self._one("article_ids", ids=[article_node_id(a.id) for a in group])["ids"])
            for article in group:
                aid = article_node_id(article.id)
                loaded.append(aid)
                if aid in known:
                    continue
                title = f" ({article.title})" if article.title else ""
                try:
                    batch = build_article(article, self, group)
                except StoreUnavailable as e:
                    raise LoadError(f"article {article.id}{title}: nothing of it was loaded: {e}") from e
                except Exception as e:
                    raise LoadError(f"article {article.id}{title}: nothing of it was loaded: {type(e).__name__}: {e}") from e
                self.write_batch(batch, name=f"{article.id}{title}")
                known.add(aid)
                new += 1
                if progress:
                    print(f"\rokg load: {len(loaded)} articles ({new} new) into Neo4j", end="", file=sys.stderr, flush=True)
        if progress and loaded:
            print(file=sys.stderr)
        c = self.counts()
        return LoadReport(articles=loaded, new_articles=new, nodes=c["nodes"], relationships=c["relationships"])

    def write_batch(self, batch: GraphBatch, name: str | None = None) -> None:
        """Write one article's batch in one write transaction: all of it or (on any error) none of it."""
        name = name or batch.article
        try:
            statements = self._batch_statements(batch)
        except ValueError as e:
            raise LoadError(f"article {name}: nothing of it was loaded: {e}") from e
        try:
            with self._session() as session:
                session.execute_write(_run_batch, statements, name)
        except LoadError:
            raise
        except Exception as e:
            if self._is_connection_error(e):
                raise LoadError(f"article {name}: nothing of it was loaded: {self._unavailable(e)}") from e
            raise LoadError(f"article {name}: nothing of it was loaded: {type(e).__name__}: {e}") from e

    def _batch_statements(self, batch: GraphBatch) -> list[tuple]:
        """[("nodes", statement, rows) ..., ("rels", type, rows, {node id: main label}) ...]: one
        UNWIND/MERGE per label set, and per relationship type (split by endpoint labels when written).
        Only schema names and the builder's property names go into the statements."""
        s = schema()
        statements: list[tuple] = []
        by_labels: dict[tuple[str, ...], list[dict]] = {}
        node_label: dict[str, str] = {}
        for node in batch.nodes:
            if not node.labels:
                raise ValueError(f"node {node.id} has no label")
            main, extra = node.labels[0], tuple(sorted(set(node.labels[1:]) - {node.labels[0]}))
            if main not in s.main_labels:
                raise ValueError(f"node {node.id}: {main!r} is not a node label of the schema")
            for label in extra:
                s.label(label)
            if not node.props.get("name"):
                raise ValueError(f"node {node.id}: no name")
            node_label[node.id] = main
            props = _props({**node.props, "id": node.id})
            by_labels.setdefault((main, *extra), []).append({"id": node.id, "props": props})
        for (main, *extra), rows in by_labels.items():
            names = sorted({k for r in rows for k in r["props"]} - {"id"})
            text = (
                f"UNWIND $rows AS row MERGE (n:{s.label(main)} {{id: row.id}}) "
                "ON CREATE SET n = row.props "
                + (f"ON MATCH SET {_merge_set('n', names, _node_rules(main))} " if names else "")
            )
            if extra:
                text += "SET n:" + ":".join(s.label(label) for label in extra)
            statements.append(("nodes", text, rows))

        by_type: dict[str, list[dict]] = {}
        for rel in batch.rels:
            s.rel_type(rel.type)
            if "article" not in rel.props:
                raise ValueError(f"relationship {rel.key}: no provenance")
            by_type.setdefault(rel.type, []).append(
                {"start": rel.start, "end": rel.end, "key": rel.key, "props": _props({**rel.props, "key": rel.key})}
            )
        for rel_type, rows in by_type.items():
            statements.append(("rels", rel_type, rows, node_label))
        return statements

    def counts(self) -> dict[str, int]:
        row = self._one("counts")
        out = {"nodes": row["nodes"], "relationships": row["relationships"]}
        for x in row["labels"]:
            out[x["label"]] = x["n"]
        for x in row["types"]:
            out[x["type"]] = x["n"]
        return out

    def clear(self) -> None:
        def work(tx):
            return tx.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").single()["n"]

        try:
            with self._session() as session:
                while session.execute_write(work):
                    pass
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise

    # --- resolution state (read by okg.graph.build) --------------------------------------------------

    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        rows = self._read("person_candidates", names=sorted(set(names)))
        return [PersonCandidate(r["id"], r["name"], list(r["scopes"]), list(r["sources"]), list(r["titles"])) for r in rows]

    def source_home(self, source: str | None) -> str | None:
        if not source:
            return None
        row = self._one("source_home", source=source)
        return row["home"] if row else None

    # --- people -----------------------------------------------------------------------------------

    def find_people(self, q: str | None, limit: int, offset: int) -> Listing[PersonSummary]:
        return self._page("find_people", PersonSummary, limit, offset, q=q or None)

    def person(self, person_id: str) -> PersonDetail | None:
        row = self._one("person", person_id=person_id)
        if row is None:
            return None
        positions = [
            HeldPosition(
                position_id=r["position_id"],
                title=r["title"],
                agency=r["agency"],
                agency_id=r["agency_id"],
                first_seen=r["first_seen"],
                last_seen=r["last_seen"],
                sources=sorted(
                    _spans(r["spans"]),
                    key=lambda x: (x.article, x.start if x.start is not None else -1, x.end if x.end is not None else -1),
                ),
            )
            for r in self._read("person_positions", person_id=person_id)
        ]
        return PersonDetail(
            id=row["id"],
            name=row["name"],
            positions=positions,
            event_counts={x["role"]: x["events"] for x in row["event_counts"]},
            merges=[MergeNote(**json.loads(m)) for m in row["merges"]],
        )

    def person_events(self, person_id, role=None, type=None, since=None, until=None, limit=50, offset=0):
        return self._page(
            "person_events", EventSummary, limit, offset,
            person_id=person_id, role=_role(role), type=_type(type), since=since, until=until,
        )

    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        return self._page("co_attendance", CoAttendance, limit, offset, person_id=person_id)

    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        if from_person == to_person:
            row = self._one("person", person_id=from_person)
            return None if row is None else [PathStep(id=row["id"], name=row["name"], label="Person")]
        row = self._one("shortest_path", from_id=from_person, to_id=to_person)
        if row is None:
            return None
        if not row["found"]:
            return []
        vias = [None, *row["rels"]]
        return [PathStep(id=n["id"], name=n["name"], label=n["label"], via=via) for n, via in zip(row["nodes"], vias)]

    # --- events -----------------------------------------------------------------------------------

    def find_events(self, type=None, person=None, place=None, since=None, until=None, q=None, limit=50, offset=0):
        return self._page(
            "find_events", EventSummary, limit, offset,
            type=_type(type), person=person, place=place, since=since, until=until, q=q or None,
        )

    def event(self, event_id: str) -> EventDetail | None:
        row = self._one("event", event_id=event_id)
        if row is None:
            return None
        inspected = [_inspection(x) for x in row["inspected"]]
        people: dict[str, dict[str, PersonRef]] = {}
        for x in row["participants"]:
            people.setdefault(x["role"], {})[x["id"]] = PersonRef(id=x["id"], name=x["name"])
        for x in inspected:
            people.setdefault("INSPECTED", {})[x.person.id] = x.person
        return EventDetail(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            date=row["date"],
            participants={
                role: sorted(people[role].values(), key=lambda p: (p.name, p.id)) for role in sorted(people)
            },
            venues=[PlaceRef(**v) for v in row["venues"]],
            inspected=inspected,
            article=row["article"],
            evidence=_spans(row["spans"]),
        )

    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0):
        return self._page("event_attendees", Attendee, limit, offset, event_id=event_id, role=_role(role))

    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        return self._page("chaired", EventSummary, limit, offset, person_id=person_id)  # one row always

    # --- agencies and places ------------------------------------------------------------------------

    def find_agencies(self, q: str | None, limit: int, offset: int) -> Listing[AgencyRef]:
        return self._page("find_agencies", AgencyRef, limit, offset, q=q or None)

    def agency(self, agency_id: str) -> AgencyDetail | None:
        row = self._one("agency", agency_id=agency_id)
        if row is None:
            return None
        positions = [
            PositionHolder(
                position_id=r["position_id"],
                title=r["title"],
                holders=[PersonRef(**h) for h in r["holders"]],
            )
            for r in self._read("agency_positions", agency_id=agency_id)
        ]
        return AgencyDetail(
            id=row["id"],
            name=row["name"],
            parent=AgencyRef(**row["parent"]) if row["parent"] else None,
            parts=[AgencyRef(**x) for x in row["parts"]],
            place=PlaceRef(**row["place"]) if row["place"] else None,
            positions=positions,
        )

    def find_places(self, q: str | None, limit: int, offset: int) -> Listing[PlaceRef]:
        return self._page("find_places", PlaceRef, limit, offset, q=q or None)

    def place(self, place_id: str) -> PlaceDetail | None:
        row = self._one("place", place_id=place_id)
        if row is None:
            return None
        inspections = self._one("place_inspections", place_id=place_id, offset=0, limit=2**31 - 1)
        return PlaceDetail(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            parent=PlaceRef(**row["parent"]) if row["parent"] else None,
            places_inside=[PlaceRef(**x) for x in row["places_inside"]],
            events=[EventSummary(**x) for x in row["events"]],
            inspections=[_inspection(x) for x in inspections["items"]] if inspections else [],
        )

    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None:
        row = self._one("place_inspections", place_id=place_id, limit=int(limit), offset=int(offset))
        if row is None:
            return None
        return Listing[InspectionView](
            items=[_inspection(x) for x in row["items"]], total=row["total"], limit=limit, offset=offset
        )

    # --- articles and search ------------------------------------------------------------------------

    def article(self, article_id: str) -> ArticleDetail | None:
        row = self._one("article", article_id=article_id)
        if row is None:
            return None
        facts = row["facts"]
        if isinstance(facts, str):
            try:
                facts = json.loads(facts)
            except ValueError:
                facts = {}
        return ArticleDetail(
            id=row["id"],
            title=row["title"],
            date=row["date"],
            source=row["source"],
            body=row["body"] or "",
            facts=facts or {},
        )

    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        q = q or ""
        return self._page(
            "search", SearchHit, limit, offset, q=q, phrase=_lucene_phrase(q), scan=not _is_indexed_text(q)
        )

    # --- export -----------------------------------------------------------------------------------

    def to_networkx(self):
        """The whole graph as a networkx.MultiDiGraph: nodes keyed by id with `labels` and their
        properties, edges keyed by relationship key with `type` and their properties."""
        import networkx as nx  # noqa: PLC0415

        g = nx.MultiDiGraph()
        for row in self._read("export_nodes"):
            props = dict(row["props"])
            props.pop("id", None)
            g.add_node(row["id"], labels=_ordered_labels(row["labels"]), **props)
        for row in self._read("export_relationships"):
            key = g.add_edge(row["start"], row["end"], key=row["props"].get("key"))
            g.edges[row["start"], row["end"], key].update(type=row["type"], **row["props"])
        return g


def _ordered_labels(labels: list[str]) -> list[str]:
    """Main label first (Neo4j returns labels in no particular order)."""
    s = schema()
    main = [label for label in labels if label in s.main_labels]
    return main + sorted(label for label in labels if label not in main)


def _spans(texts: list[str] | None) -> list[Span]:
    """Span records from a `json[]` property of spans, in stored order."""
    return [Span(**json.loads(t)) for t in texts or []]


def _inspection(x: dict) -> InspectionView:
    return InspectionView(
        person=PersonRef(**x["person"]),
        target_id=x["target_id"],
        target=x["target"],
        target_kind=x["target_kind"],
        event_id=x["event_id"],
        date=x["date"],
        sources=[Span(**s) for s in x["sources"]],
    )


def _groups(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Consecutive articles of the same source, at most SIBLING_WINDOW at a time: the builder reads
    them together to infer an unknown home county (as the embedded store does)."""
    for source, run in groupby(articles, key=lambda a: a.source):
        if source is None:
            for a in run:
                yield [a]
            continue
        while chunk := list(islice(run, SIBLING_WINDOW)):
            yield chunk


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _node_rules(label: str) -> dict[str, str]:
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return {name: p.merge for name, p in SCHEMA.node_props(label).items()}


def _rel_rules(rel_type: str) -> dict[str, str]:
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return {name: p.merge for name, p in SCHEMA.rel_props(rel_type).items()}


def _merge_set(var: str, names: list[str], rules: dict[str, str]) -> str:
    """The ON MATCH SET list that writes `row.props` over `var` by the schema's merge rules, as
    okg.graph.schema.merge_props does: a missing value is always set; then `first` keeps the stored
    value, `min`/`max` the smaller/larger, `union` appends the new list items not yet there."""
    parts = []
    for name in names:
        if not _IDENT.fullmatch(name):
            raise ValueError(f"property name {name!r} is not an identifier")
        cur, new = f"{var}.`{name}`", f"row.props.`{name}`"
        rule = rules.get(name, "first")
        if rule == "min":
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


def _run_batch(tx, statements: list[tuple], article: str) -> None:
    """The body of an article's write transaction (retried as a whole on transient errors)."""
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    s = schema()
    found_labels: dict[str, str] = {}
    for statement in statements:
        if statement[0] == "nodes":
            _, text, rows = statement
            tx.run(text, rows=rows).consume()
    for statement in statements:
        if statement[0] != "rels":
            continue
        _, rel_type, rows, node_label = statement
        # The label of each endpoint: from the batch, or (nodes of earlier articles) from the store.
        ends = {r[k] for r in rows for k in ("start", "end")}
        missing = sorted(ends - node_label.keys() - found_labels.keys())
        if missing:
            union = " UNION ALL ".join(
                f"UNWIND $ids AS id MATCH (n:{s.label(label)} {{id: id}}) RETURN id, '{label}' AS label"
                for label in s.main_labels
            )
            for record in tx.run(union, ids=missing):
                found_labels[record["id"]] = record["label"]
        labels = {**found_labels, **node_label}
        unknown = sorted(ends - labels.keys())
        if unknown:
            raise LoadError(f"article {article}: {rel_type} relationship to unknown node(s) {', '.join(unknown[:5])}")
        spec = SCHEMA.rels[rel_type]
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in rows:
            start, end = labels[r["start"]], labels[r["end"]]
            if start not in spec.start or end not in spec.end:
                raise LoadError(f"article {article}: relationship {r['key']}: {rel_type} cannot join a {start} to a {end}")
            groups.setdefault((start, end), []).append(r)
        rules = _rel_rules(rel_type)
        for (start_label, end_label), group in groups.items():
            names = sorted({k for r in group for k in r["props"]} - {"key"})
            text = (
                "UNWIND $rows AS row "
                f"MATCH (a:{s.label(start_label)} {{id: row.start}}) "
                f"MATCH (b:{s.label(end_label)} {{id: row.end}}) "
                f"MERGE (a)-[r:{s.rel_type(rel_type)} {{key: row.key}}]->(b) "
                "ON CREATE SET r = row.props "
                + (f"ON MATCH SET {_merge_set('r', names, rules)} " if names else "")
                + "RETURN count(*) AS n"
            )
            n = tx.run(text, rows=group).single()["n"]
            if n != len(group):
                raise LoadError(f"article {article}: wrote {n} of {len(group)} {rel_type} relationships")
