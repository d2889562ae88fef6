"""The Neo4j store: the `okg.graph.store.Store` interface over a real Neo4j 5 with the official driver.

* Connecting: `GraphDatabase.driver(uri, auth=...)`, so `bolt://`, `neo4j://` (routing: a cluster or
  Aura) and their `+s`/`+ssc` variants work. Every question runs in a read transaction
  (an auto-commit one in a READ session), so a cluster routes it to a reader; every write in `execute_write`.
  On connect the store applies cypher/schema.cypher (constraints, indexes, the full-text index).
* Questions: each method runs the saved query of the same name in cypher/queries/ (loaded with
  importlib.resources from `okg.cypher`), with `$param` parameters only. They are written once as
  generators (`okg.graph.neo4j_questions`): called, they run on the blocking driver; the API asks
  them through `async_reader()`, the same generators on the asyncio driver. The questions about
  the co-attendance network and posts are in graph/neo4j_network.py.
* Loading: the builder (`okg.graph.build`) turns each article into a `GraphBatch`. `load` writes
  GROUP_ARTICLES articles per write transaction, their rows merged per node id and relationship key
  (by the schema's merge rules, as writing them one after the other would) into a handful of UNWIND
  statements per label and relationship type; a writer thread commits one group while the next is
  built. The group is resolved against
  `_Resolution` (the store's answers, asked once per group, plus what the articles built before
  add), so resolution is the same as article by article. A group's
  transaction is all or nothing; when it fails its articles are written one per transaction, so a
  failing article leaves nothing of itself and raises `LoadError` naming it (`write_batch` writes one
  article's batch the same way). In a transaction, one lookup finds which nodes exist (all but those
  an earlier group of the load committed, which it knows): new nodes are CREATEd (the unique-id
  constraints still guard against duplicates), existing ones MATCHed by id and updated by the merge
  rules, relationships touching a new node CREATEd, the others MERGEd by key between their two
  endpoints (no index on relationship keys: MERGE expands the endpoint with fewer relationships).
  Idempotent: an article already in the graph is skipped; writing a batch again changes nothing.
  Labels and relationship types cannot be query parameters, so the write statements are built from
  the schema's fixed names only (`SCHEMA`), never from input.
"""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Generator, Iterable, Iterator

from okg.config import Settings
from okg.facts import Article, text_digest
from okg.graph.build import sibling_runs
from okg.graph.neo4j_network import NetworkQuestions
from okg.graph.neo4j_questions import Ask, answer_async, ask_one, ask_rows, question
from okg.graph.records import GraphBatch, PersonCandidate
from okg.graph.store import Conflicts, LoadError, StoreUnavailable
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    EventDetail,
    EventRef,
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
from okg.progress import StatusLine

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


GROUP_ARTICLES = 1000  # new articles `load` writes in one transaction
CLEAR_ROWS = 10_000  # relationships or nodes `clear` deletes per transaction


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


def _driver_options(settings: Settings) -> dict:
    """What both drivers (blocking and asyncio) are opened with."""
    return {
        "auth": (settings.neo4j_user, settings.neo4j_password),
        "connection_timeout": 10,
        "max_transaction_retry_time": 15,
        # "property key does not exist" and the like: noise for saved queries over a young graph
        "notifications_min_severity": "OFF",
    }


class Neo4jStore(NetworkQuestions):
    """`okg.graph.store.Store` over Neo4j. `Neo4jStore(Settings.from_env())`."""

    def __init__(self, settings: Settings, apply_schema: bool = True):
        from neo4j import GraphDatabase  # noqa: PLC0415

        self.settings = settings
        self.database = settings.neo4j_database or None
        self._loading = threading.Lock()
        if settings.neo4j_password is None:
            from okg.config import NEO4J_PASSWORD_FILE, neo4j_dir  # noqa: PLC0415

            raise StoreUnavailable(f"no password for Neo4j at {settings.neo4j_uri}: set NEO4J_PASSWORD, or start the local Neo4j "
                                   f"with `scripts/neo4j-local start`, which keeps its own in {neo4j_dir() / NEO4J_PASSWORD_FILE}")
        try:
            self._driver = GraphDatabase.driver(settings.neo4j_uri, **_driver_options(settings))
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
        """Run one statement: a read in an auto-commit transaction of a READ session, a write in a
        managed write transaction (`execute_write`, retried on transient errors).

        A READ session is a read transaction all the same (a cluster routes it to a reader, the server
        refuses a write in it), but auto-commit sends the query and takes its rows in one round trip,
        where a managed read adds BEGIN and COMMIT: a third less time per API request."""
        from neo4j import READ_ACCESS  # noqa: PLC0415

        def work(tx):
            return [dict(record) for record in tx.run(text, params)]

        try:
            if read:
                with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                    return [dict(record) for record in session.run(text, params)]
            with self._session() as session:
                return session.execute_write(work)
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise

    def async_reader(self) -> "AsyncReader":
        """Answers to the questions of this store over the driver's asyncio API, for an event loop
        (the API's): create it in the running loop, `await reader.close()` when done."""
        return AsyncReader(self)

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

    def load(self, articles: Iterable[Article], progress: bool = False,
             on_conflict: Callable[[Article], None] | None = None) -> LoadReport:
        """See Store.load: articles already in the graph are skipped (or are conflicts); the new ones are built by
        okg.graph.build.build_article and written GROUP_ARTICLES to a transaction.

        Resolution while a group is built reads `_Resolution`: the store's answers, asked once per
        load for all the names and sources of a group in one query each, plus what the articles built
        before (in this group or an earlier one) add. So every article resolves exactly as it would if
        each article before it had been written in a transaction of its own.
        A group is written in one transaction (all or nothing) by a writer thread while the next group
        is built. If the transaction fails, its articles are written again one per transaction, so the
        good ones before the failing one land and the LoadError names the failing one; the articles
        after it are not loaded (they were resolved against it)."""
        # One load at a time per store: two loads of one article at once (two ingests of a page) would
        # MERGE the same nodes, and Neo4j's shared-then-exclusive locks of a MERGE deadlock each other;
        # the driver retries a deadlock for 30 s, then the group again one article at a time.
        with self._loading:
            return self._load(articles, progress, on_conflict)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held while the store is written by this process: one load at a time (see `load`)."""
        with self._loading:
            yield

    def replace_all(self, articles: list[Article]) -> LoadReport:
        """With `exclusive()` held: the graph cleared and made again from `articles` (with the
        judgements). Unlike the embedded store's, readers meanwhile see the graph being rebuilt."""
        self.clear()
        return self._load(articles, False, None)

    def _load(self, articles: Iterable[Article], progress: bool, on_conflict: Callable[[Article], None] | None) -> LoadReport:
        from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

        state = _Resolution(self)
        status = StatusLine(progress)
        loaded: list[str] = []
        seen: dict[str, bytes] = {}  # node id -> text digest of the articles of this load built (or found in the graph)
        conflicts = Conflicts(on_conflict)
        written: dict[str, str] = {}  # id -> main label of the nodes the groups of this load committed
        new = 0

        def chunks() -> Iterator[list[list[Article]]]:
            runs: list[list[Article]] = []
            size = 0
            for run in sibling_runs(articles):
                runs.append(run)
                size += len(run)
                if size >= GROUP_ARTICLES:
                    yield runs
                    runs, size = [], 0
            if runs:
                yield runs

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="okg-neo4j-writer") as writer:
            pending = None  # (future, rows) of the group being written
            for runs in chunks():
                rows, failure = self._build_group(runs, state, loaded, seen, conflicts)
                if failure is None and rows.articles:
                    rows.seal()  # made here while the writer still sends the group before
                if pending is not None:
                    new += self._finish(*pending, written)
                    pending = None
                    status.show(f"okg load: {len(loaded)} articles ({new} new) into Neo4j")
                if failure is not None:
                    if rows.articles:
                        self._write_rows(rows)
                    raise failure
                if rows.articles:
                    pending = (writer.submit(self._write_group, rows, written), rows)
            if pending is not None:
                new += self._finish(*pending, written)
        if loaded:
            status.show(f"okg load: {len(loaded)} articles ({new} new) into Neo4j")
        status.close()
        c = self.counts()
        return LoadReport(articles=loaded, new_articles=new, conflicts=conflicts.ids, nodes=c["nodes"], relationships=c["relationships"])

    def _build_group(self, runs: list[list[Article]], state: "_Resolution", loaded: list[str], seen: dict[str, bytes],
                     conflicts: Conflicts) -> tuple["_Rows", LoadError | None]:
        """Build the new articles of `runs` (runs of one source: the siblings of their articles) into
        rows; a build failure stops there and is returned with the rows of the articles before it.
        `seen`: the text digests of the articles met so far, those of the graph read here."""
        from okg.graph.build import article_node_id, build_article  # noqa: PLC0415

        group = _Rows()
        ids = {article_node_id(a.id) for run in runs for a in run} - seen.keys()
        stored = self._read("article_ids", ids=sorted(ids))[0]  # StoreUnavailable as is
        seen.update(zip(stored["ids"], map(text_digest, stored["bodies"])))
        todo: list[tuple[Article, list[Article]]] = []
        for run in runs:
            for article in run:
                aid = article_node_id(article.id)
                if aid in seen:
                    conflicts.known(article, aid, seen[aid], loaded)
                    continue
                loaded.append(aid)
                seen[aid] = text_digest(article.body)
                todo.append((article, run))
        try:
            state.prefetch([a for a, _ in todo])
        except StoreUnavailable as e:  # as if the first article's build had asked
            return group, LoadError(f"article {_article_name(todo[0][0])}: nothing of it was loaded: {e}")
        for article, run in todo:
            name = _article_name(article)
            try:
                batch = build_article(article, state, run)
                group.add(batch, name)  # checks the batch first: a bad one adds nothing
            except (StoreUnavailable, ValueError) as e:
                return group, LoadError(f"article {name}: nothing of it was loaded: {e}")
            except Exception as e:
                return group, LoadError(f"article {name}: nothing of it was loaded: {type(e).__name__}: {e}")
            state.add(batch)
        return group, None

    def _write_group(self, group: "_Rows", written: dict[str, str] | None = None) -> dict[str, str]:
        """Write a group of articles in one transaction (raises whatever the driver raises). `written`:
        nodes known to exist (id -> main label), which need no lookup. Returns the nodes it wrote or
        matched, id -> main label."""
        with self._session() as session:
            return session.execute_write(
                _run_statements, group.plan(), f"group of {len(group.articles)} articles", written, True
            )

    def _finish(self, future, group: "_Rows", written: dict[str, str]) -> int:
        """Wait for a group's transaction and add its nodes to `written`; if it failed, write its
        articles one per transaction (the first that fails raises LoadError naming it). Returns how
        many articles were written: not those another writer loaded since the group was built (two
        ingests of one page at once: the second finds the first one's article and writes nothing)."""
        try:
            written.update(future.result())
        except Exception:  # noqa: BLE001 - nothing of the group was written: find the article that fails
            return sum(self.write_batch(batch, name=name, only_new=True) for name, batch in group.articles)
        return len(group.articles)

    def _write_rows(self, group: "_Rows") -> None:
        """Write a group of articles in one transaction; if that fails, one article per transaction
        (the first that fails raises LoadError naming it)."""
        if len(group.articles) == 1:
            return self._write_one(group, group.articles[0][0])
        try:
            self._write_group(group)
        except Exception:  # noqa: BLE001 - nothing of the group was written: find the article that fails
            for name, batch in group.articles:
                self.write_batch(batch, name=name)
        return None

    def write_batch(self, batch: GraphBatch, name: str | None = None, only_new: bool = False) -> bool:
        """Write one article's batch in one write transaction: all of it or (on any error) none of it.
        `only_new`: write nothing when its Article node exists already. Returns whether it was written."""
        name = name or batch.article
        rows = _Rows()
        try:
            rows.add(batch, name)
        except ValueError as e:
            raise LoadError(f"article {name}: nothing of it was loaded: {e}") from e
        return self._write_one(rows, name, only_new)

    def _write_one(self, rows: "_Rows", name: str, only_new: bool = False) -> bool:
        try:
            plan = rows.plan()
        except ValueError as e:
            raise LoadError(f"article {name}: nothing of it was loaded: {e}") from e
        try:
            with self._session() as session:
                session.execute_write(_run_statements, plan, f"article {name}", None, only_new)
        except _LoadedMeanwhile:
            return False
        except LoadError:
            raise
        except Exception as e:
            if self._is_connection_error(e):
                raise LoadError(f"article {name}: nothing of it was loaded: {self._unavailable(e)}") from e
            raise LoadError(f"article {name}: nothing of it was loaded: {type(e).__name__}: {e}") from e
        return True

    @question
    def counts(self) -> dict[str, int]:
        row = yield from ask_one("counts")
        out = {"nodes": row["nodes"], "relationships": row["relationships"]}
        out.update(sorted((x["label"], x["n"]) for x in row["labels"]))
        out.update(sorted((x["type"], x["n"]) for x in row["types"]))
        return out

    def clear(self) -> None:
        """Relationships first, then nodes, each in transactions of CLEAR_ROWS: a county's node holds
        tens of thousands of relationships, and a DETACH DELETE of 10,000 nodes at once ran a 1g heap
        out of memory at a million relationships. The user's judgements (graph/judgements.py) are
        not the graph: a clear keeps them."""
        statements = (
            "MATCH (a)-[r]->(b) WHERE NOT (a:Judgement AND b:Judgement) "
            f"CALL {{ WITH r DELETE r }} IN TRANSACTIONS OF {CLEAR_ROWS} ROWS",
            f"MATCH (n) WHERE NOT n:Judgement CALL {{ WITH n DETACH DELETE n }} IN TRANSACTIONS OF {CLEAR_ROWS} ROWS",
        )
        try:
            with self._session() as session:  # CALL IN TRANSACTIONS runs in an auto-commit transaction only
                for statement in statements:
                    session.run(statement).consume()
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise

    # --- resolution state (read by okg.graph.build) --------------------------------------------------
    def judgements(self) -> list:
        from okg.graph.judgements import read  # noqa: PLC0415

        return read(self)

    @question
    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        found = yield from ask_rows("person_candidates", names=sorted(set(names)))
        return [PersonCandidate(r["id"], r["name"], list(r["scopes"]), list(r["sources"]), list(r["titles"]), list(r["articles"])) for r in found]

    @question
    def source_home(self, source: str | None) -> str | None:
        if not source:
            return None
        row = yield from ask_one("source_home", sources=[source])
        return row["home"] if row else None

    # --- people -----------------------------------------------------------------------------------

    @question
    def find_people(self, q: str | None, limit: int, offset: int) -> Listing[PersonSummary]:
        return (yield from _listing("find_people", PersonSummary, limit, offset, q=q or None))

    @question
    def person(self, person_id: str) -> PersonDetail | None:
        row = yield from ask_one("person", person_id=person_id)
        if row is None:
            return None
        held = yield from ask_rows("person_positions", person_id=person_id)
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
            for r in held
        ]
        return PersonDetail(
            id=row["id"],
            name=row["name"],
            positions=positions,
            event_counts={x["role"]: x["events"] for x in row["event_counts"]},
            merges=[MergeNote(**json.loads(m)) for m in row["merges"]],
        )

    @question
    def person_events(self, person_id, role=None, type=None, since=None, until=None, limit=50, offset=0):
        return (yield from _listing(
            "person_events", EventSummary, limit, offset,
            person_id=person_id, role=_role(role), type=_type(type), since=since, until=until,
        ))

    @question
    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        return (yield from _listing("co_attendance", CoAttendance, limit, offset, person_id=person_id))

    @question
    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        if from_person == to_person:
            row = yield from ask_one("person", person_id=from_person)
            return None if row is None else [PathStep(id=row["id"], name=row["name"], label="Person")]
        row = yield from ask_one("shortest_path", from_id=from_person, to_id=to_person)
        if row is None:
            return None
        if not row["found"]:
            return []
        vias = [None, *row["rels"]]
        return [PathStep(id=n["id"], name=n["name"], label=n["label"], via=via) for n, via in zip(row["nodes"], vias)]

    # --- events -----------------------------------------------------------------------------------

    @question
    def find_events(self, type=None, person=None, place=None, since=None, until=None, q=None, limit=50, offset=0):
        return (yield from _listing(
            "find_events", EventRef, limit, offset,
            type=_type(type), person=person, place=place, since=since, until=until, q=q or None,
        ))

    @question
    def event(self, event_id: str) -> EventDetail | None:
        row = yield from ask_one("event", event_id=event_id)
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

    @question
    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0):
        return (yield from _listing("event_attendees", Attendee, limit, offset, event_id=event_id, role=_role(role)))

    @question
    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        return (yield from _listing("chaired", EventSummary, limit, offset, person_id=person_id))  # one row always

    # --- agencies and places ------------------------------------------------------------------------

    @question
    def find_agencies(self, q: str | None, limit: int, offset: int) -> Listing[AgencyRef]:
        return (yield from _listing("find_agencies", AgencyRef, limit, offset, q=q or None))

    @question
    def agency(self, agency_id: str) -> AgencyDetail | None:
        row = yield from ask_one("agency", agency_id=agency_id)
        if row is None:
            return None
        posts = yield from ask_rows("agency_positions", agency_id=agency_id)
        positions = [
            PositionHolder(
                position_id=r["position_id"],
                title=r["title"],
                holders=[PersonRef(**h) for h in r["holders"]],
            )
            for r in posts
        ]
        return AgencyDetail(
            id=row["id"],
            name=row["name"],
            parent=AgencyRef(**row["parent"]) if row["parent"] else None,
            parts=[AgencyRef(**x) for x in row["parts"]],
            place=PlaceRef(**row["place"]) if row["place"] else None,
            positions=positions,
        )

    @question
    def find_places(self, q: str | None, limit: int, offset: int) -> Listing[PlaceRef]:
        return (yield from _listing("find_places", PlaceRef, limit, offset, q=q or None))

    @question
    def place(self, place_id: str) -> PlaceDetail | None:
        row = yield from ask_one("place", place_id=place_id)
        if row is None:
            return None
        inspections = yield from ask_one("place_inspections", place_id=place_id, offset=0, limit=2**31 - 1)
        return PlaceDetail(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            parent=PlaceRef(**row["parent"]) if row["parent"] else None,
            places_inside=[PlaceRef(**x) for x in row["places_inside"]],
            events=[EventRef(**x) for x in row["events"]],
            inspections=[_inspection(x) for x in inspections["items"]] if inspections else [],
        )

    @question
    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None:
        row = yield from ask_one("place_inspections", place_id=place_id, limit=int(limit), offset=int(offset))
        if row is None:
            return None
        return Listing[InspectionView](
            items=[_inspection(x) for x in row["items"]], total=row["total"], limit=limit, offset=offset
        )

    # --- articles and search ------------------------------------------------------------------------

    @question
    def article(self, article_id: str) -> ArticleDetail | None:
        row = yield from ask_one("article", article_id=article_id)
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

    @question
    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        q = q or ""
        return (yield from _listing(
            "search", SearchHit, limit, offset, q=q, phrase=_lucene_phrase(q), scan=not _is_indexed_text(q)
        ))

    # --- export -----------------------------------------------------------------------------------

    def export_nodes(self) -> Iterator[tuple[str, dict]]:
        for row in self._stream("export_nodes"):
            props = dict(row["props"])
            props.pop("id", None)
            yield row["id"], {"labels": _ordered_labels(row["labels"]), **props}

    def export_relationships(self) -> Iterator[tuple[str, str, str, dict]]:
        for row in self._stream("export_relationships"):
            yield row["start"], row["end"], row["props"].get("key"), {"type": row["type"], **row["props"]}

    def to_networkx(self):
        from okg.graph.export import graph_of  # noqa: PLC0415

        return graph_of(self)

    def _stream(self, name: str) -> Iterator[dict]:
        """The rows of a saved query as the driver fetches them (a batch at a time), not all at once."""
        from neo4j import READ_ACCESS  # noqa: PLC0415

        try:
            with self._driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
                for record in session.run(query(name)):
                    yield dict(record)
        except Exception as e:
            if self._is_connection_error(e):
                raise self._unavailable(e) from e
            raise


class AsyncReader:
    """The store's questions over the driver's asyncio API: `await reader.answer(store.person_events,
    person_id, role=...)` answers what `store.person_events(person_id, role=...)` does, without
    blocking the event loop or handing the call to a thread. Its driver opens on the first question
    (inside the running loop, which an asyncio driver is bound to) and is closed by `close()`."""

    def __init__(self, store: Neo4jStore):
        self.store = store
        self._driver = None

    async def answer(self, method, *args, **kwargs):
        return await answer_async(method, self._read, *args, **kwargs)

    async def _read(self, name: str, params: dict) -> list[dict]:
        from neo4j import READ_ACCESS, AsyncGraphDatabase  # noqa: PLC0415

        store = self.store
        try:
            if self._driver is None:
                self._driver = AsyncGraphDatabase.driver(store.settings.neo4j_uri, **_driver_options(store.settings))
            async with self._driver.session(database=store.database, default_access_mode=READ_ACCESS) as session:
                result = await session.run(query(name), params)
                return [dict(record) async for record in result]
        except Exception as e:
            if store._is_connection_error(e):
                raise store._unavailable(e) from e
            raise

    async def close(self) -> None:
        if self._driver is not None:
            await self._driver.close()
            self._driver = None


def _listing(name: str, model, limit: int, offset: int, **params) -> Generator[Ask, list[dict], Listing | None]:
    """A paged question: its query answers one row {total, items} (none when its anchor node is unknown)."""
    row = yield from ask_one(name, limit=int(limit), offset=int(offset), **params)
    if row is None:
        return None
    # validated in one call (pydantic's core walks the items) rather than a model(**x) per item
    return Listing[model].model_validate({"items": row["items"], "total": row["total"], "limit": limit, "offset": offset})


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


def _article_name(article: Article) -> str:
    """How a LoadError names an article: its id, and its title when it has one."""
    return f"{article.id} ({article.title})" if article.title else article.id


def _mention_names(article: Article) -> set[str]:
    """The person names an article's facts mention, folded as the builder resolves them."""
    from okg.graph.folding import fold_name  # noqa: PLC0415

    names = {p.name for p in article.persons} | {p.person for p in article.positions} | {r.name for r in article.reporters}
    for e in article.events:
        names.update(p.person for p in e.participants)
        names.update(i.person for i in e.inspected)
    return {fold_name(n) for n in names if n}


_CANDIDATE_PROPS = ("scopes", "sources", "titles", "articles")


class _Resolution:
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


class _Rows:
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
            nodes.setdefault((main, *sorted(extra)), []).append({"id": nid, "props": _props({**props, "id": nid})})
        rels: dict[str, list[dict]] = {}
        for (rel_type, key), (start, end, props, _) in self.rels.items():
            rels.setdefault(rel_type, []).append({"start": start, "end": end, "key": key, "props": _props({**props, "key": key})})
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
def _update_nodes_statement(labels: tuple[str, ...], names: tuple[str, ...]) -> str:
    s = schema()
    main, extra = labels[0], labels[1:]
    text = f"UNWIND $rows AS row MATCH (n:{s.label(main)} {{id: row.id}}) SET {_merge_set('n', list(names), _node_rules(main))}"
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
def _merge_rels_statement(rel_type: str, start: str, end: str, names: tuple[str, ...]) -> str:
    s = schema()
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{s.label(start)} {{id: row.start}}) MATCH (b:{s.label(end)} {{id: row.end}}) "
        f"MERGE (a)-[r:{s.rel_type(rel_type)} {{key: row.key}}]->(b) "
        "ON CREATE SET r = row.props "
        + (f"ON MATCH SET {_merge_set('r', list(names), _rel_rules(rel_type))} " if names else "")
        + "RETURN count(*) AS n"
    )


class _LoadedMeanwhile(Exception):
    """An article a load found missing was loaded by another writer before its transaction ran."""


def _run_statements(tx, plan: _WritePlan, what: str, written: dict[str, str] | None = None, only_new: bool = False) -> dict[str, str]:
    """The body of a write transaction (retried as a whole on transient errors). `what` names the
    article (or group) in errors; `written` are nodes known to exist (id -> main label: those the
    load committed before); `only_new`: raise _LoadedMeanwhile, writing nothing, when one of the
    plan's Article nodes exists. Returns the nodes written or matched, id -> main label.

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
        raise _LoadedMeanwhile(what)
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
            n = tx.run(_update_nodes_statement(labels, names), rows=old).single()["n"]
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
                text = _merge_rels_statement(rel_type, start_label, end_label, names)
            n = tx.run(text, rows=group).single()["n"]
            if n != len(group):
                raise LoadError(f"{what}: wrote {n} of {len(group)} {rel_type} relationships")
    return labels_of
