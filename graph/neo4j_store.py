"""The Neo4j store: the `okg.graph.store.Store` interface over a real Neo4j 5 with the official driver.

* Connecting: `GraphDatabase.driver(uri, auth=...)`, so `bolt://`, `neo4j://` (routing: a cluster or
  Aura) and their `+s`/`+ssc` variants work. Every question runs in a read transaction
  (an auto-commit one in a READ session), so a cluster routes it to a reader; every write in `execute_write`.
  On connect the store applies cypher/schema.cypher (constraints, indexes, the full-text index).
* Questions: each method runs the saved query of the same name in cypher/queries/ (loaded with
  importlib.resources from `okg.cypher`), with `$param` parameters only. They are written once as
  generators (`okg.graph.neo4j_questions`): called, they run on the blocking driver; the API asks
  them through `async_reader()`, the same generators on the asyncio driver. The questions about
  people, events, agencies, places, articles and search are in graph/neo4j_entities.py, those
  about the co-attendance network and posts in graph/neo4j_network.py.
* Loading: the builder (`okg.graph.build`) turns each article into a `GraphBatch`. `load` writes
  GROUP_ARTICLES articles per write transaction, their rows merged per node id and relationship key
  (by the schema's merge rules, as writing them one after the other would) into a handful of UNWIND
  statements per label and relationship type; a writer thread commits one group while the next is
  built. The group is resolved against
  `Resolution` (the store's answers, asked once per group, plus what the articles built before
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

import threading
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator

from okg.config import Settings
from okg.facts import Article, text_digest
from okg.graph.build import sibling_runs
from okg.graph.neo4j_cypher import query, schema, schema_statements
from okg.graph.neo4j_entities import EntityQuestions
from okg.graph.neo4j_network import NetworkQuestions
from okg.graph.neo4j_questions import answer_async, ask_one, ask_rows, question
from okg.graph.neo4j_write import LoadedMeanwhile, Resolution, Rows, run_statements
from okg.graph.records import GraphBatch, PersonCandidate
from okg.graph.store import Conflicts, LoadError, StoreUnavailable
from okg.graph.views import LoadReport
from okg.progress import StatusLine

GROUP_ARTICLES = 1000  # new articles `load` writes in one transaction
CLEAR_ROWS = 10_000  # relationships or nodes `clear` deletes per transaction


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


class Neo4jStore(EntityQuestions, NetworkQuestions):
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

        Resolution while a group is built reads `Resolution`: the store's answers, asked once per
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

        state = Resolution(self)
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

    def _build_group(self, runs: list[list[Article]], state: "Resolution", loaded: list[str], seen: dict[str, bytes],
                     conflicts: Conflicts) -> tuple["Rows", LoadError | None]:
        """Build the new articles of `runs` (runs of one source: the siblings of their articles) into
        rows; a build failure stops there and is returned with the rows of the articles before it.
        `seen`: the text digests of the articles met so far, those of the graph read here."""
        from okg.graph.build import article_node_id, build_article  # noqa: PLC0415

        group = Rows()
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

    def _write_group(self, group: "Rows", written: dict[str, str] | None = None) -> dict[str, str]:
        """Write a group of articles in one transaction (raises whatever the driver raises). `written`:
        nodes known to exist (id -> main label), which need no lookup. Returns the nodes it wrote or
        matched, id -> main label."""
        with self._session() as session:
            return session.execute_write(
                run_statements, group.plan(), f"group of {len(group.articles)} articles", written, True
            )

    def _finish(self, future, group: "Rows", written: dict[str, str]) -> int:
        """Wait for a group's transaction and add its nodes to `written`; if it failed, write its
        articles one per transaction (the first that fails raises LoadError naming it). Returns how
        many articles were written: not those another writer loaded since the group was built (two
        ingests of one page at once: the second finds the first one's article and writes nothing)."""
        try:
            written.update(future.result())
        except Exception:  # noqa: BLE001 - nothing of the group was written: find the article that fails
            return sum(self.write_batch(batch, name=name, only_new=True) for name, batch in group.articles)
        return len(group.articles)

    def _write_rows(self, group: "Rows") -> None:
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
        rows = Rows()
        try:
            rows.add(batch, name)
        except ValueError as e:
            raise LoadError(f"article {name}: nothing of it was loaded: {e}") from e
        return self._write_one(rows, name, only_new)

    def _write_one(self, rows: "Rows", name: str, only_new: bool = False) -> bool:
        try:
            plan = rows.plan()
        except ValueError as e:
            raise LoadError(f"article {name}: nothing of it was loaded: {e}") from e
        try:
            with self._session() as session:
                session.execute_write(run_statements, plan, f"article {name}", None, only_new)
        except LoadedMeanwhile:
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


def _ordered_labels(labels: list[str]) -> list[str]:
    """Main label first (Neo4j returns labels in no particular order)."""
    s = schema()
    main = [label for label in labels if label in s.main_labels]
    return main + sorted(label for label in labels if label not in main)


def _article_name(article: Article) -> str:
    """How a LoadError names an article: its id, and its title when it has one."""
    return f"{article.id} ({article.title})" if article.title else article.id
