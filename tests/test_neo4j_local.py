"""The Neo4j that scripts/neo4j-local starts: a real Neo4j 5.26 over Bolt, through the official driver.

`make test` starts the main instance (settings from okg.config.Settings.from_env()) before pytest.
The restart test runs a second, throw-away instance in a temporary folder on free ports, so it never
touches the main one. Nothing here is mocked.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import neo4j_instances
from okg.config import ROOT, Settings

neo4j = pytest.importorskip("neo4j")
from neo4j import GraphDatabase  # noqa: E402

pytestmark = pytest.mark.neo4j

SCRIPT = ROOT / "scripts" / "neo4j-local"
LABEL = "OkgNeo4jLocalTest"  # every node these tests make carries it, and they delete them


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def _script(*args: str, env: dict[str, str] | None = None, timeout: float = 400) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def settings() -> Settings:
    s = Settings.from_env()
    url = urlsplit(s.neo4j_uri)
    if not _answers(url.hostname or "127.0.0.1", url.port or 7687):
        pytest.skip(f"no Neo4j at {s.neo4j_uri}: start it with scripts/neo4j-local start (make test does)")
    return s


@pytest.fixture(scope="module")
def driver(settings: Settings):
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)) as d:
        d.verify_connectivity()
        yield d
        d.execute_query(f"MATCH (n:{LABEL}) DETACH DELETE n", database_=settings.neo4j_database)


def test_merge_a_node_and_read_it_back(driver, settings: Settings) -> None:
    db = settings.neo4j_database
    driver.execute_query(f"MERGE (n:{LABEL} {{key: $key}}) SET n.name = $name", key="merge-1",
                         name="张三", database_=db)
    driver.execute_query(f"MERGE (n:{LABEL} {{key: $key}}) SET n.name = $name", key="merge-1",
                         name="张三", database_=db)  # MERGE twice: still one node
    records, _, _ = driver.execute_query(f"MATCH (n:{LABEL} {{key: $key}}) RETURN n.name AS name",
                                         key="merge-1", database_=db)
    assert [r["name"] for r in records] == ["张三"]


def test_dbms_components_reports_5_26(driver, settings: Settings) -> None:
    records, _, _ = driver.execute_query("CALL dbms.components() YIELD name, versions, edition "
                                         "RETURN name, versions, edition", database_=settings.neo4j_database)
    kernel = [r for r in records if r["name"] == "Neo4j Kernel"]
    assert kernel, records
    assert kernel[0]["versions"][0].startswith("5.26"), kernel[0]["versions"]


def test_fulltext_index_constraints_and_shortest_path(driver, settings: Settings) -> None:
    """Standard Neo4j 5.26 features okg's queries use, without APOC."""
    db = settings.neo4j_database
    index, constraint = "okg_neo4j_local_test_names", "okg_neo4j_local_test_key"
    try:
        driver.execute_query(f"CREATE CONSTRAINT {constraint} IF NOT EXISTS FOR (n:{LABEL}) REQUIRE n.key IS UNIQUE",
                             database_=db)
        driver.execute_query(f"CREATE FULLTEXT INDEX {index} IF NOT EXISTS FOR (n:{LABEL}) ON EACH [n.name]",
                             database_=db)
        driver.execute_query(
            f"MERGE (a:{LABEL} {{key: 'p-a'}}) SET a.name = '李四明' "
            f"MERGE (b:{LABEL} {{key: 'p-b'}}) SET b.name = '市人民政府' "
            f"MERGE (c:{LABEL} {{key: 'p-c'}}) SET c.name = '王五' "
            "MERGE (a)-[:OKG_TEST_REL]->(b) MERGE (b)-[:OKG_TEST_REL]->(c)", database_=db)
        driver.execute_query("CALL db.awaitIndexes(120)", database_=db)
        records, _, _ = driver.execute_query(
            f"CALL db.index.fulltext.queryNodes('{index}', $q) YIELD node RETURN node.key AS key",
            q="人民政府", database_=db)
        assert "p-b" in [r["key"] for r in records]
        records, _, _ = driver.execute_query(
            f"MATCH (a:{LABEL} {{key: 'p-a'}}), (c:{LABEL} {{key: 'p-c'}}), "
            "p = shortestPath((a)-[:OKG_TEST_REL*..5]-(c)) RETURN length(p) AS hops", database_=db)
        assert [r["hops"] for r in records] == [2]
        with pytest.raises(neo4j.exceptions.ConstraintError):
            driver.execute_query(f"CREATE (:{LABEL} {{key: 'p-a'}})", database_=db)
    finally:
        driver.execute_query(f"MATCH (n:{LABEL}) DETACH DELETE n", database_=db)
        driver.execute_query(f"DROP INDEX {index} IF EXISTS", database_=db)
        driver.execute_query(f"DROP CONSTRAINT {constraint} IF EXISTS", database_=db)


def test_second_start_is_harmless(driver, settings: Settings) -> None:
    if _script("status").returncode != 0:
        pytest.skip("the Neo4j at NEO4J_URI was not started by scripts/neo4j-local with these settings")
    r = _script("start")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "already running" in r.stdout
    records, _, _ = driver.execute_query("RETURN 1 AS one", database_=settings.neo4j_database)
    assert records[0]["one"] == 1


def _start_a_long_load(tmp_path: Path, env: dict[str, str], uri: str, auth) -> tuple[subprocess.Popen, int]:
    """`okg load` of many articles into Neo4j, once it has committed some: (the process, how many)."""
    many = tmp_path / "many.jsonl"
    with many.open("w", encoding="utf-8") as f:
        for i in range(50_000):
            f.write(json.dumps({"id": f"many-{i}", "body": f"本报讯 县长赵明出席第{i}次会议。", "home": "绛县"}, ensure_ascii=False) + "\n")
    proc = subprocess.Popen([sys.executable, "-m", "okg.cli", "load", str(many), "--store", "neo4j", "--quiet"], stderr=subprocess.PIPE,
                            text=True, env={**env, "OKG_DATA_DIR": str(tmp_path / "data")}, cwd=ROOT)
    with GraphDatabase.driver(uri, auth=auth) as d:
        for _ in range(600):
            count = d.execute_query("MATCH (a:Article) WHERE a.id STARTS WITH 'many-' RETURN count(a) AS n")[0][0]["n"]
            if count or proc.poll() is not None:
                break
            time.sleep(0.2)
    assert proc.poll() is None and 0 < count < 50_000, "the load ended before Neo4j was stopped"
    return proc, count


def test_stop_then_start_keeps_the_data_and_its_own_password(tmp_path: Path) -> None:
    """A throw-away instance of its own (folder and ports), so the main one is left alone. Without
    NEO4J_PASSWORD it makes a password of its own, kept for its owner only, which okg's settings read;
    its HTTP server lets no other origin than Neo4j Browser's read its answers."""
    env = neo4j_instances.scratch(tmp_path / "neo4j")
    bolt, http, uri = int(env["NEO4J_BOLT_PORT"]), int(env["NEO4J_HTTP_PORT"]), env.pop("NEO4J_URI")
    try:
        r = _script("start", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert _script("status", env=env).returncode == 0
        password_file = tmp_path / "neo4j" / "password"
        assert password_file.stat().st_mode & 0o777 == 0o600
        password = password_file.read_text(encoding="utf-8").strip()
        assert len(password) >= 24 and password != "okg-local-password"
        auth = ("neo4j", password)
        facts = tmp_path / "facts.json"
        facts.write_text(json.dumps({"id": "kept-article", "body": "县长赵明出席会议。", "persons": [{"name": "赵明"}]},
                                    ensure_ascii=False), encoding="utf-8")
        load = subprocess.run([sys.executable, "-m", "okg.cli", "load", str(facts), "--store", "neo4j"], capture_output=True,
                              text=True, env={**env, "NEO4J_URI": uri, "OKG_DATA_DIR": str(tmp_path / "data")}, cwd=ROOT, timeout=300)
        assert load.returncode == 0, load.stderr  # okg found the password in the instance folder

        # the HTTP server answers too: discovery and Neo4j Browser; to its own origin only
        browser = f"http://127.0.0.1:{http}"
        for origin in ("http://evil.example", browser):
            request = urllib.request.Request(f"{browser}/", headers={"Origin": origin})
            with urllib.request.urlopen(request, timeout=10) as resp:
                discovery = json.load(resp)
                assert resp.headers["Access-Control-Allow-Origin"] == browser
        assert discovery["neo4j_version"].startswith("5.26")
        assert discovery["bolt_direct"] == uri
        with urllib.request.urlopen(f"{browser}/browser/", timeout=10) as resp:
            assert "Neo4j Browser" in resp.read().decode("utf-8", "replace")

        with GraphDatabase.driver(uri, auth=auth) as d:
            d.execute_query(f"MERGE (:{LABEL} {{key: 'kept', name: '保留'}})")
            for wrong in ("wrong-password", "okg-local-password"):
                with pytest.raises(neo4j.exceptions.AuthError):
                    with GraphDatabase.driver(uri, auth=("neo4j", wrong)) as bad:
                        bad.verify_connectivity()

        # stopped in the middle of a load: the load says so in one line, exits 3, and keeps what it committed
        loading, committed = _start_a_long_load(tmp_path, {**env, "NEO4J_URI": uri}, uri, auth)
        r = _script("stop", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        stderr = loading.communicate(timeout=300)[1]
        assert loading.returncode == 3 and stderr.count("\n") == 1, stderr
        assert stderr.startswith("okg load: stopped: ") and f"Neo4j at {uri} is unreachable" in stderr
        assert stderr.endswith(("; the articles written before are kept\n", "; the articles before it are loaded\n"))
        assert _script("status", env=env).returncode == 3
        assert not _answers("127.0.0.1", bolt)

        r = _script("start", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert password_file.read_text(encoding="utf-8").strip() == password  # made once, then kept
        with GraphDatabase.driver(uri, auth=auth) as d:
            records, _, _ = d.execute_query(f"MATCH (n:{LABEL} {{key: 'kept'}}) RETURN n.name AS name")
            articles, _, _ = d.execute_query("MATCH (a:Article {id: 'kept-article'}) RETURN a.id AS id")
            loaded, _, _ = d.execute_query("MATCH (a:Article) WHERE a.id STARTS WITH 'many-' RETURN count(a) AS n")
        assert [r["name"] for r in records] == ["保留"] and len(articles) == 1
        assert loaded[0]["n"] >= committed
    finally:
        _script("stop", env=env)
