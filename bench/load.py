"""Loading speed: relationships per second and peak memory, into the embedded store and into Neo4j.

    python bench/load.py                               # 3,000 synthetic articles into both stores
    python bench/load.py --articles 6000 --stores neo4j --clear
    python bench/load.py --articles 5000 --stores neo4j --clear --ceiling   # and Neo4j's own ceiling here

The graph comes from bench/corpus.py's `synthetic_articles` (facts made directly, no extraction), so
only loading is timed: entity resolution, building the records and writing them. Each store loads
in a child process of its own, so its peak memory (ru_maxrss) is its own; for Neo4j the server's
resident memory (its JVM, a separate process) is printed too when scripts/neo4j-local runs it.

Neo4j is the one of NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD. Its database must be empty, or `--clear`
given: a benchmark never wipes a database without being told to.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def child(store_kind: str, articles: int, seed: int, clear: bool) -> dict:
    from corpus import synthetic_articles

    from okg.config import Settings
    from okg.graph.stores import open_store

    facts = synthetic_articles(articles, seed=seed)
    settings = Settings.from_env()
    if store_kind == "embedded":
        os.environ["OKG_DATA_DIR"] = tempfile.mkdtemp(prefix="okg-bench-")
        settings = Settings.from_env()
    store = open_store(store_kind, settings)
    if store.counts()["nodes"]:
        if not clear:
            raise SystemExit(f"bench/load.py: the {store_kind} store is not empty; pass --clear to empty it first")
        store.clear()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    report = store.load(facts)
    seconds = time.perf_counter() - started
    counts = store.counts()
    store.close()
    return {
        "store": store_kind,
        "articles": len(facts),
        "nodes": counts["nodes"],
        "relationships": counts["relationships"],
        "seconds": round(seconds, 2),
        "relationships_per_s": round(counts["relationships"] / seconds),
        "articles_per_s": round(report.new_articles / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "rss_before_load_mb": round(rss_before / 1024),
    }


def ceiling(articles: int, seed: int, clear: bool) -> dict:
    """What this Neo4j can take at best: the same graph (built by the embedded store), written with
    nothing but `UNWIND $rows CREATE` in transactions of 20,000 rows: no entity resolution, no
    lookups, no MERGE, no updates, and the client's rows made before the clock starts. okg's own
    load (resolution, idempotent and incremental merging) can only come below this."""
    from corpus import synthetic_articles
    from neo4j import GraphDatabase

    from okg.config import Settings
    from okg.graph.embedded import EmbeddedStore
    from okg.graph.neo4j_store import Neo4jStore, _props

    built = EmbeddedStore(data_dir=Path(tempfile.mkdtemp(prefix="okg-bench-")))
    built.load(synthetic_articles(articles, seed=seed))
    g = built.to_networkx()
    built.close()
    nodes: dict[tuple[str, ...], list[dict]] = {}
    for n, d in g.nodes(data=True):
        props = {k: v for k, v in d.items() if k != "labels"}
        nodes.setdefault(tuple(d["labels"]), []).append(_props({**props, "id": n}))
    rels: dict[tuple[str, str, str], list[dict]] = {}
    for a, b, d in g.edges(data=True):
        props = {k: v for k, v in d.items() if k != "type"}
        key = (d["type"], g.nodes[a]["labels"][0], g.nodes[b]["labels"][0])
        rels.setdefault(key, []).append({"start": a, "end": b, "props": _props(props)})
    settings = Settings.from_env()
    Neo4jStore(settings).close()  # the schema (constraints, indexes) as okg's load has it
    batch = 20_000
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)) as driver:
        with driver.session(database=settings.neo4j_database or None) as session:
            if session.run("MATCH (n) RETURN count(n) > 0 AS some").single()["some"]:
                if not clear:
                    raise SystemExit("bench/load.py: Neo4j is not empty; pass --clear to empty it first")
                while session.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").single()["n"]:
                    pass
            started = time.perf_counter()
            for labels, rows in nodes.items():
                text = f"UNWIND $rows AS row CREATE (n:{':'.join(labels)}) SET n = row"
                for i in range(0, len(rows), batch):
                    session.execute_write(lambda tx: tx.run(text, rows=rows[i : i + batch]).consume())
            for (rtype, start, end), rows in rels.items():
                text = (f"UNWIND $rows AS row MATCH (a:{start} {{id: row.start}}) MATCH (b:{end} {{id: row.end}}) "
                        f"CREATE (a)-[r:{rtype}]->(b) SET r = row.props")
                for i in range(0, len(rows), batch):
                    session.execute_write(lambda tx: tx.run(text, rows=rows[i : i + batch]).consume())
            seconds = time.perf_counter() - started
            while session.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n").single()["n"]:
                pass
    n_rels = g.number_of_edges()
    return {"store": "neo4j-ceiling", "articles": articles, "nodes": g.number_of_nodes(), "relationships": n_rels,
            "seconds": round(seconds, 2), "relationships_per_s": round(n_rels / seconds)}


def neo4j_server_rss_mb() -> int | None:
    """Resident memory of the Neo4j that scripts/neo4j-local started (its pid file), if any."""
    folder = Path(os.environ.get("OKG_NEO4J_DIR", ".neo4j"))
    folder = folder if folder.is_absolute() else ROOT / folder
    for pid_file in folder.glob("run/*.pid"):
        try:
            status = Path(f"/proc/{int(pid_file.read_text().split()[0])}/status").read_text()
        except (OSError, ValueError):
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):  # the high-water mark of its resident set
                return int(line.split()[1]) // 1024
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000, help="synthetic articles to load (default 3000: over 100,000 relationships)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    ap.add_argument("--clear", action="store_true", help="empty the store first if it holds data")
    ap.add_argument("--ceiling", action="store_true",
                    help="also measure Neo4j's ceiling on this machine: the same graph written with plain UNWIND/CREATE only")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.seed, args.clear)))
        return 0
    results = []
    for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
        cmd = [sys.executable, __file__, "--child", kind, "--articles", str(args.articles), "--seed", str(args.seed)]
        done = subprocess.run(cmd + (["--clear"] if args.clear else []), capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{kind}: failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if kind == "neo4j":
            result["server_peak_rss_mb"] = neo4j_server_rss_mb()
        results.append(result)
        extra = f", Neo4j server peak RSS {result['server_peak_rss_mb']} MB" if result.get("server_peak_rss_mb") else ""
        print(
            f"{kind:9} {result['relationships']:>8,} relationships ({result['nodes']:,} nodes, {result['articles']:,} articles)"
            f" in {result['seconds']:.1f} s = {result['relationships_per_s']:,} relationships/s;"
            f" peak memory {result['peak_rss_mb']} MB{extra}"
        )
        if result["relationships"] < 100_000:
            print(f"{kind:9} note: fewer than 100,000 relationships; pass a larger --articles", file=sys.stderr)
    if args.ceiling:
        c = ceiling(args.articles, args.seed, args.clear)
        results.append(c)
        print(f"ceiling   {c['relationships']:>8,} relationships ({c['nodes']:,} nodes) written by plain UNWIND/CREATE"
              f" in {c['seconds']:.1f} s = {c['relationships_per_s']:,} relationships/s: the most this Neo4j takes")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
