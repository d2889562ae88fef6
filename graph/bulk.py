"""`okg load PATH --store neo4j --bulk`: a first load into an empty Neo4j with neo4j-admin's importer.

The articles are resolved and merged into a graph in memory (`BulkGraph`: plain dicts), exactly as
the embedded store does it (the same builder, checks and merge rules), written as they stand as the
export's neo4j-admin CSV (`okg.graph.export.write_csv_rows`, with its import.sh), and imported by
`scripts/neo4j-local import --wait`, which stops the local Neo4j and checks that its database is
empty while the graph is built (so neither waits for the other), then runs `neo4j-admin database
import full` and starts it again. Opening the Neo4j store afterwards applies cypher/schema.cypher (constraints,
indexes, full-text index).

Only an empty database is filled: one that holds data is refused here when Neo4j answers, and by
`scripts/neo4j-local import` in any case, before anything is written, so nothing is lost. Only the
local Neo4j of scripts/neo4j-local (its instance folder and ports, from the same environment) can be
imported into: neo4j-admin writes the store files, it does not talk to a server.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from okg.config import ROOT, Settings
from okg.facts import Article
from okg.graph.build import article_node_id, build_article, sibling_runs
from okg.graph.export import write_csv_rows
from okg.graph.records import GraphBatch, PersonCandidate
from okg.graph.schema import SCHEMA, merge_into
from okg.graph.store import LoadError, StoreUnavailable
from okg.graph.views import LoadReport
from okg.progress import StatusLine

NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
NOT_EMPTY = 4  # the exit code of `scripts/neo4j-local import` for a database that holds data
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class NotEmpty(LoadError):
    """The database holds data: a bulk import would replace it, so nothing was done."""


class BulkGraph:
    """The graph of the articles, resolved and merged exactly as the embedded store does it (the same
    builder, `ResolutionState`, checks and merge rules) into plain dicts: no networkx, no undo, no
    per-article copies. A node is [labels, props, members] by id, a relationship [type, start, end,
    props, members] by key; `members` (None until the element is merged) holds the sets of its union
    lists, so an article adds to a county's 县委书记 at the cost of what it adds, not of the list so far.
    A bad article stops the load (LoadError): nothing is imported then, so nothing needs undoing."""

    def __init__(self):
        self.nodes: dict[str, list] = {}
        self.rels: dict[str, list] = {}
        self._names: dict[str, set[str]] = {}  # Person name -> ids
        self._homes: dict[str, str] = {}  # source -> the home of its first article with one

    # --- the ResolutionState of okg.graph.build ------------------------------------------------------
    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        """As EmbeddedStore's, but the lists are the nodes' own, not copies: the builder reads them
        before its article is added."""
        out = []
        for name in sorted(set(names)):
            for pid in sorted(self._names.get(name, ())):
                p = self.nodes[pid][1]
                out.append(PersonCandidate(pid, p["name"], p.get("scopes", []), p.get("sources", []), p.get("titles", []),
                                           p.get("articles", [])))
        return out

    def source_home(self, source: str | None) -> str | None:
        return self._homes.get(source) if source else None

    def judgements(self) -> list:
        return []  # judgements are kept in the database (:Judgement), and a bulk load's database is empty

    # --- loading ------------------------------------------------------------------------------------
    def load(self, articles: Iterable[Article], progress: bool = False) -> LoadReport:
        """EmbeddedStore.load's walk: runs of one source as siblings, an article id loaded once."""
        loaded, new = [], 0
        status = StatusLine(progress)
        for group in sibling_runs(articles):
            for art in group:
                aid = article_node_id(art.id)
                loaded.append(aid)
                if aid in self.nodes:
                    continue
                try:
                    self.add(build_article(art, self, group))
                except Exception as e:
                    raise LoadError(f"article {art.id}{f' ({art.title})' if art.title else ''}: nothing of it was loaded: "
                                    f"{type(e).__name__}: {e}") from e
                new += 1
                if status.due():
                    status.show(f"okg load: {len(loaded)} articles ({new} new), {len(self.nodes)} nodes, {len(self.rels)} relationships")
        status.close()
        return LoadReport(articles=loaded, new_articles=new, nodes=len(self.nodes), relationships=len(self.rels))

    def add(self, batch: GraphBatch) -> None:
        """One article's records, checked as EmbeddedStore.write checks them, then merged in."""
        labels = self._check(batch)
        for rec in batch.nodes:
            cur = self.nodes.get(rec.id)
            if cur is None:
                props = {k: list(v) if isinstance(v, list) else v for k, v in rec.props.items() if v is not None}
                self.nodes[rec.id] = [list(rec.labels), props, None]
                self._index(rec.id, labels[rec.id], props)
                continue
            cur[0] += [x for x in rec.labels if x not in cur[0]]
            if cur[2] is None:
                cur[2] = {}
            merge_into(cur[1], rec.props, SCHEMA.node_props(labels[rec.id]), cur[2])
            self._index(rec.id, labels[rec.id], cur[1])
        for rel in batch.rels:
            cur = self.rels.get(rel.key)
            if cur is None:
                props = {k: list(v) if isinstance(v, list) else v for k, v in rel.props.items()}
                self.rels[rel.key] = [rel.type, rel.start, rel.end, props, None]
                continue
            if cur[4] is None:
                cur[4] = {}
            merge_into(cur[3], rel.props, SCHEMA.rels[rel.type].props, cur[4])

    def _check(self, batch: GraphBatch) -> dict[str, str]:
        """The main label of each of the batch's nodes; ValueError for what the embedded store refuses."""
        labels: dict[str, str] = {}
        for rec in batch.nodes:
            label = rec.main_label(SCHEMA.nodes)
            cur = self.nodes.get(rec.id)
            if cur is not None and cur[0][0] != label:
                raise ValueError(f"node {rec.id} is a {cur[0][0]}, not a {label}")
            labels[rec.id] = label
        for rel in batch.rels:
            spec = SCHEMA.rels.get(rel.type)
            if spec is None:
                raise ValueError(f"relationship {rel.key}: unknown type {rel.type}")
            for end, allowed in ((rel.start, spec.start), (rel.end, spec.end)):
                got = labels.get(end) or (self.nodes[end][0][0] if end in self.nodes else None)
                if got is None:
                    raise ValueError(f"relationship {rel.key}: no node {end}")
                if got not in allowed:
                    raise ValueError(f"relationship {rel.key}: {rel.type} cannot touch a {got}")
            if "article" not in rel.props:
                raise ValueError(f"relationship {rel.key}: no provenance")
        return labels

    def _index(self, nid: str, label: str, props: dict) -> None:
        if label == "Person":
            self._names.setdefault(props["name"], set()).add(nid)
        elif label == "Article" and props.get("source") and props.get("home"):
            self._homes.setdefault(props["source"], props["home"])

    # --- writing --------------------------------------------------------------------------------------
    def write_csv(self, folder: Path) -> list[Path]:
        """The export's neo4j-admin CSV and import.sh (okg.graph.export.write_csv_rows), rows in the
        order the articles made them."""
        nodes: dict[str, list] = {}
        for nid, (labels, props, _) in self.nodes.items():
            nodes.setdefault(labels[0], []).append((nid, labels, props))
        rels: dict[str, list] = {}
        for rtype, start, end, props, _ in self.rels.values():
            rels.setdefault(rtype, []).append((start, end, props))
        return write_csv_rows(folder, nodes, rels)


def check_local(settings: Settings) -> None:
    host = urlsplit(settings.neo4j_uri).hostname or ""
    if host not in LOCAL_HOSTS:
        raise LoadError(f"--bulk imports into the local Neo4j of scripts/neo4j-local only; NEO4J_URI is {settings.neo4j_uri}")


def refuse_if_not_empty(settings: Settings) -> None:
    """When Neo4j answers: refuse a database with nodes before any work (neo4j-local checks again)."""
    from okg.graph.neo4j_store import Neo4jStore  # noqa: PLC0415

    try:
        store = Neo4jStore(settings, apply_schema=False)
    except StoreUnavailable:
        return  # stopped: `scripts/neo4j-local import` looks at the store files itself
    try:
        nodes = store.counts()["nodes"]
    finally:
        store.close()
    if nodes:
        raise NotEmpty(f"--bulk needs an empty database and {settings.neo4j_uri} holds {nodes:,} nodes; nothing was "
                       "changed (load without --bulk to add to it)")


class Importer:
    """`scripts/neo4j-local import FOLDER --wait`, started before the graph is built: it stops the
    local Neo4j and makes sure its database is empty while this process builds the graph and writes
    the CSV, then imports on `finish()` (`cancel()`: imports nothing, and Neo4j runs again if it ran).
    Its instance folder comes from OKG_NEO4J_DIR, its port and credentials from `settings`; its output
    is kept, and shown when it fails."""

    def __init__(self, folder: Path, settings: Settings):
        env = dict(os.environ, NEO4J_URI=settings.neo4j_uri, NEO4J_USER=settings.neo4j_user, NEO4J_DATABASE=settings.neo4j_database)
        if settings.neo4j_password is not None:  # else the script's own, kept in its instance folder
            env["NEO4J_PASSWORD"] = settings.neo4j_password
        env.pop("NEO4J_BOLT_PORT", None)  # the port is NEO4J_URI's
        self.output = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, str(NEO4J_LOCAL), "import", str(folder), "--wait"], env=env,
                                     stdin=subprocess.PIPE, stdout=self.output, stderr=subprocess.STDOUT, text=True)

    def refused(self) -> bool:
        """Whether it has found the database not empty already (then nothing needs building)."""
        return self.proc.poll() == NOT_EMPTY

    def finish(self) -> dict[str, float]:
        """Import the folder, now written; returns the seconds of the script's steps."""
        try:
            self.proc.stdin.write("go\n")
            self.proc.stdin.close()
        except BrokenPipeError:  # it stopped before: its exit code says why
            pass
        code = self.proc.wait()
        self.output.seek(0)
        text = self.output.read()
        self.output.close()
        if code == NOT_EMPTY:
            raise NotEmpty("--bulk needs an empty database and the local Neo4j's holds data; nothing was changed "
                           "(load without --bulk to add to it)")
        if code != 0:
            lines = [x for x in text.splitlines() if x.strip() and not x.startswith(".")]
            raise LoadError("neo4j-admin import failed: " + " | ".join(lines[-6:]))
        found = re.search(r"^neo4j-local: import steps: (.*)$", text, re.M)
        return {step: float(sec) for step, sec in re.findall(r"(\S+) ([\d.]+) s", found.group(1))} if found else {}

    def cancel(self) -> None:
        """Import nothing; Neo4j runs again if it ran."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        self.proc.wait()
        self.output.close()


def bulk_load(articles: Iterable[Article], settings: Settings, progress: bool = False) -> tuple[LoadReport, dict[str, float]]:
    """Load the articles into the empty local Neo4j (see the module doc). Returns the report and the
    seconds of each step: build (resolution and merging) and csv, while Neo4j is stopped and found
    empty (stop, check); then neo4j-admin, start and schema, one after the other."""
    from okg.graph.neo4j_store import Neo4jStore  # noqa: PLC0415

    check_local(settings)
    refuse_if_not_empty(settings)
    seconds: dict[str, float] = {}
    status = StatusLine(progress)
    with tempfile.TemporaryDirectory(prefix="okg-bulk-") as tmp:
        importer = Importer(Path(tmp) / "csv", settings)
        try:
            t0 = time.perf_counter()
            graph = BulkGraph()
            built = graph.load(articles, progress)
            seconds["build"] = time.perf_counter() - t0
            if not importer.refused():
                t0 = time.perf_counter()
                graph.write_csv(Path(tmp) / "csv")
                seconds["csv"] = time.perf_counter() - t0
            status.show(f"okg load: importing {len(graph.rels):,} relationships with neo4j-admin ...")
            del graph
        except BaseException:
            importer.cancel()
            raise
        steps = importer.finish()
    status.close()
    seconds.update((step, steps[step]) for step in ("stop", "check", "neo4j-admin", "start") if step in steps)
    t0 = time.perf_counter()
    store = Neo4jStore(settings)  # applies cypher/schema.cypher
    try:
        counts = store.counts()
    finally:
        store.close()
    seconds["schema"] = time.perf_counter() - t0
    report = built.model_copy(update={"nodes": counts["nodes"], "relationships": counts["relationships"]})
    return report, seconds
