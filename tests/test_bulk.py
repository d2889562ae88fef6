"""Bulk import: the import.sh that `okg export --format csv` writes, `scripts/neo4j-local import`,
and `okg load --store neo4j --bulk`, each into a scratch Neo4j of its own (a temporary instance
folder on free ports, started and stopped here through scripts/neo4j-local), never the main one.

Everything runs for real: neo4j-admin from the fetched jars, the Neo4j server, HanLP for the seed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import neo4j_instances
from factories import synthetic_articles
from okg.config import ROOT, Settings
from okg.graph import export
from okg.graph.embedded import EmbeddedStore

pytest.importorskip("neo4j")
from neo4j import GraphDatabase  # noqa: E402

from okg.graph.bulk import bulk_load  # noqa: E402
from okg.graph.neo4j_store import Neo4jStore  # noqa: E402

pytestmark = pytest.mark.neo4j

NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
BOM = b"\xef\xbb\xbf"


class Scratch:
    """A throw-away Neo4j instance: its folder, ports and the environment that names them."""

    def __init__(self, folder: Path):
        self.env = {**neo4j_instances.scratch(folder), "NEO4J_PASSWORD": "bulk-test-password"}
        self.settings = replace(Settings.from_env(), neo4j_uri=self.env["NEO4J_URI"], neo4j_user="neo4j",
                                neo4j_password=self.env["NEO4J_PASSWORD"], neo4j_database="neo4j")

    def neo4j_local(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(NEO4J_LOCAL), *args], env=self.env, capture_output=True,
                              text=True, timeout=600)

    def okg(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "okg.cli", *args], env=self.env, capture_output=True,
                              text=True, timeout=600)

    def graph(self):
        store = Neo4jStore(self.settings)
        try:
            return store.to_networkx()
        finally:
            store.close()


@pytest.fixture
def scratch(tmp_path):
    instance = Scratch(tmp_path / "neo4j")
    yield instance
    instance.neo4j_local("stop")


def _embedded_graph(articles, folder: Path):
    store = EmbeddedStore(data_dir=folder)
    store.load(articles)
    return store.to_networkx()


def _with_bom(folder: Path) -> None:
    for path in folder.glob("*.csv"):
        data = path.read_bytes()
        if not data.startswith(BOM):
            path.write_bytes(BOM + data)


def test_exported_import_sh_imports_the_seed_with_a_bom(seed_articles, scratch, tmp_path):
    """The written import.sh, run by hand with the local neo4j-admin, on CSV with a UTF-8 BOM (Excel's
    way of saying UTF-8): the importer reads past it, so the first column is still `id:ID`."""
    graph = _embedded_graph(seed_articles, tmp_path / "embedded")
    export.write(graph, "csv", tmp_path / "csv")
    _with_bom(tmp_path / "csv")
    done = subprocess.run(["sh", str(tmp_path / "csv" / "import.sh")], cwd=str(tmp_path),
                          env={**scratch.env, "NEO4J_ADMIN": str(ROOT / "scripts" / "neo4j-admin")},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout
    started = scratch.neo4j_local("start")
    assert started.returncode == 0, started.stdout + started.stderr
    imported = scratch.graph()
    assert (imported.number_of_nodes(), imported.number_of_edges()) == (77, 125)
    assert export.same_graph(graph, imported) == []


def test_bulk_load_of_the_seed_then_refusals_that_change_nothing(seed_articles, scratch, tmp_path):
    facts = tmp_path / "seed.jsonl"
    facts.write_text("".join(a.model_dump_json() + "\n" for a in seed_articles), encoding="utf-8")
    done = scratch.okg("load", str(facts), "--store", "neo4j", "--bulk")
    assert done.returncode == 0, done.stderr[-3000:]
    assert "77 nodes and 125 relationships" in done.stderr
    with GraphDatabase.driver(scratch.settings.neo4j_uri, auth=("neo4j", scratch.settings.neo4j_password)) as driver:
        constraints = {r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records}
        indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records}
    assert {"person_id", "event_id", "article_id"} <= constraints
    assert {"names", "event_date", "rel_inspected_event"} <= indexes
    bulk = scratch.graph()
    assert export.same_graph(_embedded_graph(seed_articles, tmp_path / "embedded"), bulk) == []

    # Neo4j running: refused before any work
    again = scratch.okg("load", str(facts), "--store", "neo4j", "--bulk")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines() == [
        f"okg load: --bulk needs an empty database and {scratch.settings.neo4j_uri} holds 77 nodes; "
        "nothing was changed (load without --bulk to add to it)"]
    assert export.same_graph(bulk, scratch.graph()) == []

    # Neo4j stopped: `scripts/neo4j-local import` reads the store files and refuses them
    assert scratch.neo4j_local("stop").returncode == 0
    again = scratch.okg("load", str(facts), "--store", "neo4j", "--bulk")
    assert again.returncode == 1
    assert again.stderr.strip().splitlines()[-1].startswith("okg load: --bulk needs an empty database and the local")
    assert scratch.neo4j_local("status").returncode == 3  # left as it was: stopped
    assert scratch.neo4j_local("start").returncode == 0
    assert export.same_graph(bulk, scratch.graph()) == []


def test_bulk_load_is_the_incremental_load(scratch, monkeypatch):
    """On a synthetic corpus (bench/corpus.py): bulk, then the same facts loaded incrementally into
    the same database, emptied: the same graph, node by node and relationship by relationship."""
    for name in [k for k in os.environ if k.startswith(("NEO4J_", "OKG_NEO4J_"))]:
        monkeypatch.delenv(name)
    for name, value in scratch.env.items():
        monkeypatch.setenv(name, value)  # scripts/neo4j-local, run by bulk_load, reads its instance from here
    articles = synthetic_articles(150, seed=5)

    report, seconds = bulk_load(articles, scratch.settings)
    assert set(seconds) == {"build", "csv", "stop", "check", "neo4j-admin", "start", "schema"}
    bulk = scratch.graph()
    assert (report.nodes, report.relationships) == (bulk.number_of_nodes(), bulk.number_of_edges())
    assert bulk.number_of_edges() > 2000

    store = Neo4jStore(scratch.settings)
    try:
        store.clear()
        store.load(articles)
        incremental = store.to_networkx()
    finally:
        store.close()
    assert export.same_graph(bulk, incremental) == []
