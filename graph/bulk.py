"""`okg load PATH --store neo4j --bulk`: a first load into an empty Neo4j with neo4j-admin's importer.

The articles are resolved and merged into a graph in memory, exactly as the embedded store does it
(the same builder, the same merge rules), written as the export's neo4j-admin CSV
(`okg.graph.export.write_csv`, with its import.sh), and imported by `scripts/neo4j-local import`,
which stops the local Neo4j, runs `neo4j-admin database import full` and starts it again. Opening
the Neo4j store afterwards applies cypher/schema.cypher (constraints, indexes, full-text index).

Only an empty database is filled: one that holds data is refused here when Neo4j answers, and by
`scripts/neo4j-local import` in any case, before anything is written, so nothing is lost. Only the
local Neo4j of scripts/neo4j-local (its instance folder and ports, from the same environment) can be
imported into: neo4j-admin writes the store files, it does not talk to a server.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import networkx as nx

from okg.config import ROOT, Settings
from okg.facts import Article
from okg.graph.embedded import EmbeddedStore
from okg.graph.export import write_csv
from okg.graph.store import LoadError, StoreUnavailable
from okg.graph.views import LoadReport
from okg.progress import StatusLine

NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
NOT_EMPTY = 4  # the exit code of `scripts/neo4j-local import` for a database that holds data
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class NotEmpty(LoadError):
    """The database holds data: a bulk import would replace it, so nothing was done."""


def build_graph(articles: Iterable[Article], folder: Path, progress: bool = False) -> tuple[nx.MultiDiGraph, LoadReport]:
    """The graph of the articles, resolved and merged by an embedded store in memory, and its report."""
    store = EmbeddedStore(data_dir=folder, persist=False)  # its lock file only in `folder`
    report = store.load(articles, progress=progress)
    return store.g, report  # the store's own graph, not a copy: the store is dropped here


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


def import_folder(folder: Path, settings: Settings) -> None:
    """`scripts/neo4j-local import folder` (its instance folder from OKG_NEO4J_DIR, its port and
    credentials those of `settings`): its output is kept, and shown when it fails."""
    env = dict(os.environ, NEO4J_URI=settings.neo4j_uri, NEO4J_USER=settings.neo4j_user, NEO4J_DATABASE=settings.neo4j_database)
    if settings.neo4j_password is not None:  # else the script's own, kept in its instance folder
        env["NEO4J_PASSWORD"] = settings.neo4j_password
    env.pop("NEO4J_BOLT_PORT", None)  # the port is NEO4J_URI's
    done = subprocess.run([sys.executable, str(NEO4J_LOCAL), "import", str(folder)], env=env,
                          capture_output=True, text=True)
    if done.returncode == NOT_EMPTY:
        raise NotEmpty("--bulk needs an empty database and the local Neo4j's holds data; nothing was changed "
                       "(load without --bulk to add to it)")
    if done.returncode != 0:
        lines = [x for x in (done.stdout + done.stderr).splitlines() if x.strip() and not x.startswith(".")]
        raise LoadError("neo4j-admin import failed: " + " | ".join(lines[-6:]))


def bulk_load(articles: Iterable[Article], settings: Settings, progress: bool = False) -> tuple[LoadReport, dict[str, float]]:
    """Load the articles into the empty local Neo4j (see the module doc). Returns the report and the
    seconds of each step: build (resolution and merging), csv, import (stop, neo4j-admin, start), schema."""
    from okg.graph.neo4j_store import Neo4jStore  # noqa: PLC0415

    check_local(settings)
    refuse_if_not_empty(settings)
    seconds: dict[str, float] = {}
    status = StatusLine(progress)
    with tempfile.TemporaryDirectory(prefix="okg-bulk-") as tmp:
        t0 = time.perf_counter()
        graph, built = build_graph(articles, Path(tmp) / "graph", progress)
        seconds["build"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_csv(graph, Path(tmp) / "csv")
        seconds["csv"] = time.perf_counter() - t0
        status.show(f"okg load: importing {graph.number_of_edges():,} relationships with neo4j-admin ...")
        del graph
        t0 = time.perf_counter()
        import_folder(Path(tmp) / "csv", settings)
        seconds["import"] = time.perf_counter() - t0
    status.close()
    t0 = time.perf_counter()
    store = Neo4jStore(settings)  # applies cypher/schema.cypher
    try:
        counts = store.counts()
    finally:
        store.close()
    seconds["schema"] = time.perf_counter() - t0
    report = built.model_copy(update={"nodes": counts["nodes"], "relationships": counts["relationships"]})
    return report, seconds
