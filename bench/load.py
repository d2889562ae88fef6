"""Loading speed: relationships per second and peak memory, into the embedded store and into Neo4j.

    python bench/load.py                               # 3,000 synthetic articles into both stores
    python bench/load.py --articles 6000 --stores neo4j --clear
    python bench/load.py --articles 5000 --stores neo4j --clear --ceiling   # and Neo4j's own ceiling here
    python bench/load.py --articles 54100 --stores neo4j --bulk --clear     # 1M relationships, bulk and incremental

The graph comes from bench/corpus.py's `synthetic_articles` (facts made directly, no extraction), so
only loading is timed: entity resolution, building the records and writing them. Each store loads
in a child process of its own, so its peak memory (ru_maxrss) is its own; for Neo4j the server's
resident memory (its JVM, a separate process) is printed too when scripts/neo4j-local runs it.

Neo4j is the one of NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD. Its database must be empty, or `--clear`
given: a benchmark never wipes a database without being told to. Before the timed incremental load,
`--warmup` other synthetic articles are loaded and cleared, untimed, so that okg's load meets a
server as warm (its JIT, its plan cache) as the ceiling, measured after it, does.

`--bulk` loads the same articles with `okg load --bulk` (okg.graph.bulk: resolution and merging in
memory, the neo4j-admin CSV written, scripts/neo4j-local import, the schema applied) into the local
Neo4j of scripts/neo4j-local (OKG_NEO4J_DIR and its ports), timed end to end and step by step. With
`neo4j` among the stores it runs after the incremental load, into the same database emptied, and
compares the two graphs: the counts per label and type, and a sample of nodes and relationships
(`--sample`, by id and key) property by property.
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
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def child(store_kind: str, articles: int, seed: int, clear: bool, warmup: int = 0) -> dict:
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
    if store_kind == "neo4j" and warmup:
        # untimed, as bench/extract.py warms its engine: a server started just before runs its first
        # statements interpreted and plans each for the first time, which made okg's load, timed
        # first, look twice as slow against the ceiling timed after it on the warmed server
        store.load(synthetic_articles(warmup, seed=seed + 1))
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
    from okg.graph.neo4j_cypher import neo4j_props
    from okg.graph.neo4j_store import Neo4jStore

    built = EmbeddedStore(data_dir=Path(tempfile.mkdtemp(prefix="okg-bench-")))
    built.load(synthetic_articles(articles, seed=seed))
    g = built.to_networkx()
    built.close()
    nodes: dict[tuple[str, ...], list[dict]] = {}
    for n, d in g.nodes(data=True):
        props = {k: v for k, v in d.items() if k != "labels"}
        nodes.setdefault(tuple(d["labels"]), []).append(neo4j_props({**props, "id": n}))
    rels: dict[tuple[str, str, str], list[dict]] = {}
    for a, b, d in g.edges(data=True):
        props = {k: v for k, v in d.items() if k != "type"}
        key = (d["type"], g.nodes[a]["labels"][0], g.nodes[b]["labels"][0])
        rels.setdefault(key, []).append({"start": a, "end": b, "props": neo4j_props(props)})
    settings = Settings.from_env()
    store = Neo4jStore(settings)  # the schema (constraints, indexes) as okg's load has it
    if store.counts()["nodes"]:
        if not clear:
            raise SystemExit("bench/load.py: Neo4j is not empty; pass --clear to empty it first")
        store.clear()
    batch = 20_000
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)) as driver:
        with driver.session(database=settings.neo4j_database or None) as session:
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
    store.clear()
    store.close()
    n_rels = g.number_of_edges()
    return {"store": "neo4j-ceiling", "articles": articles, "nodes": g.number_of_nodes(), "relationships": n_rels,
            "seconds": round(seconds, 2), "relationships_per_s": round(n_rels / seconds)}


def bulk_child(articles: int, seed: int, clear: bool) -> dict:
    from corpus import synthetic_articles

    from okg.config import Settings
    from okg.graph.bulk import bulk_load
    from okg.graph.stores import open_store

    facts = synthetic_articles(articles, seed=seed)
    settings = Settings.from_env()
    store = open_store("neo4j", settings)
    try:
        if store.counts()["nodes"]:
            if not clear:
                raise SystemExit("bench/load.py: Neo4j is not empty; pass --clear to empty it first")
            store.clear()
    finally:
        store.close()
    started = time.perf_counter()
    report, steps = bulk_load(facts, settings)
    seconds = time.perf_counter() - started
    return {
        "store": "neo4j-bulk", "articles": len(facts), "nodes": report.nodes, "relationships": report.relationships,
        "seconds": round(seconds, 2), "relationships_per_s": round(report.relationships / seconds),
        "steps": {k: round(v, 2) for k, v in steps.items()},
        "relationships_per_s_after_build": round(report.relationships / (seconds - steps["build"])),
        "relationships_per_s_import_only": round(report.relationships / sum(steps[k] for k in ("neo4j-admin", "start", "schema"))),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def snapshot(sample: int, seed: int, picked: dict | None = None) -> dict:
    """Counts per label and type, and `sample` nodes and relationships with all their properties
    (those of `picked`, the result of an earlier snapshot, when given)."""
    import random

    from neo4j import GraphDatabase

    from okg.config import Settings
    from okg.graph.stores import open_store

    settings = Settings.from_env()
    store = open_store("neo4j", settings)
    counts = store.counts()
    store.close()
    with GraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, settings.neo4j_password)) as driver:
        def rows(text: str, **params) -> list[dict]:
            return [r.data() for r in driver.execute_query(text, params, database_=settings.neo4j_database).records]

        if picked is None:
            ids = sorted(r["id"] for r in rows("MATCH (n) RETURN n.id AS id"))
            keys = sorted(r["key"] for r in rows("MATCH ()-[r]->() RETURN r.key AS key"))
            rng = random.Random(seed)
            ids, keys = rng.sample(ids, min(sample, len(ids))), rng.sample(keys, min(sample, len(keys)))
        else:
            ids, keys = list(picked["nodes"]), list(picked["rels"])
        nodes = {r["id"]: {"labels": sorted(r["labels"]), **r["props"]} for r in rows(
            "MATCH (n) WHERE n.id IN $ids RETURN n.id AS id, labels(n) AS labels, properties(n) AS props", ids=ids)}
        rels = {r["key"]: {"type": r["type"], "start": r["a"], "end": r["b"], "props": r["props"]} for r in rows(
            "MATCH (a)-[r]->(b) WHERE r.key IN $keys RETURN r.key AS key, type(r) AS type, a.id AS a, b.id AS b, "
            "properties(r) AS props", keys=keys)}
    return {"counts": counts, "nodes": nodes, "rels": rels}


def compare(a: dict, b: dict) -> list[str]:
    """Differences between two snapshots of the same ids (empty when the graphs agree on them)."""
    diffs = [f"count of {k}: {a['counts'].get(k)} vs {b['counts'].get(k)}"
             for k in sorted(set(a["counts"]) | set(b["counts"])) if a["counts"].get(k) != b["counts"].get(k)]
    for kind in ("nodes", "rels"):
        for k in sorted(set(a[kind]) | set(b[kind])):
            x, y = a[kind].get(k), b[kind].get(k)
            if x != y:
                props = sorted(p for p in set(x or {}) | set(y or {}) if (x or {}).get(p) != (y or {}).get(p))
                diffs.append(f"{kind[:-1]} {k}: {'missing' if x is None or y is None else props}")
    return diffs


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
    ap.add_argument("--articles", type=int, default=3000, help="synthetic articles to load (default 3000: about 60,000 relationships)")
    ap.add_argument("--warmup", type=int, default=1000,
                    help="other synthetic articles loaded into Neo4j and cleared, untimed, before the incremental load (default 1000; 0: none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    ap.add_argument("--clear", action="store_true", help="empty the store first if it holds data")
    ap.add_argument("--ceiling", action="store_true",
                    help="also measure Neo4j's ceiling on this machine: the same graph written with plain UNWIND/CREATE only")
    ap.add_argument("--bulk", action="store_true",
                    help="also load with okg load --bulk into the local Neo4j (scripts/neo4j-local), and compare with the incremental load")
    ap.add_argument("--sample", type=int, default=1000, help="nodes and relationships compared after --bulk (default 1000)")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        run = bulk_child if args.child == "neo4j-bulk" else partial(child, args.child, warmup=args.warmup)
        print(json.dumps(run(args.articles, args.seed, args.clear)))
        return 0
    results, incremental = [], None
    for kind in [s.strip() for s in args.stores.split(",") if s.strip()]:
        result = run_child(kind, args)
        if result:
            results.append(result)
            if kind == "neo4j" and args.bulk:
                incremental = snapshot(args.sample, args.seed)
    if args.ceiling:
        c = ceiling(args.articles, args.seed, args.clear)
        results.append(c)
        print(f"ceiling   {c['relationships']:>8,} relationships ({c['nodes']:,} nodes) written by plain UNWIND/CREATE"
              f" in {c['seconds']:.1f} s = {c['relationships_per_s']:,} relationships/s: the most this Neo4j takes")
    if args.bulk:
        result = run_child("neo4j-bulk", args)
        if result:
            results.append(result)
            s = result["steps"]
            print(f"bulk      steps: build (resolution, merging) {s['build']:.1f} s and CSV {s['csv']:.1f} s, while Neo4j "
                  f"stops ({s['stop']:.1f} s) and its empty database is checked ({s['check']:.1f} s); then neo4j-admin "
                  f"{s['neo4j-admin']:.1f} s, start {s['start']:.1f} s, schema {s['schema']:.1f} s; after the build: "
                  f"{result['relationships_per_s_after_build']:,} relationships/s; neo4j-admin, start and schema alone: "
                  f"{result['relationships_per_s_import_only']:,} relationships/s")
        if result and incremental:
            diffs = compare(incremental, snapshot(args.sample, args.seed, picked=incremental))
            result["differences"] = diffs
            print(f"bulk      same graph as the incremental load: {len(incremental['counts'])} counts, "
                  f"{len(incremental['nodes'])} nodes and {len(incremental['rels'])} relationships compared: "
                  + ("equal" if not diffs else f"{len(diffs)} differences: " + "; ".join(diffs[:5])))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if results else 1


def run_child(kind: str, args) -> dict | None:
    """One store's load in a process of its own; prints its line and returns its figures."""
    cmd = [sys.executable, __file__, "--child", kind, "--articles", str(args.articles), "--seed", str(args.seed),
           "--warmup", str(args.warmup)]
    done = subprocess.run(cmd + (["--clear"] if args.clear else []), capture_output=True, text=True)
    if done.returncode != 0:
        print(f"{kind}: failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if kind.startswith("neo4j"):
        result["server_peak_rss_mb"] = neo4j_server_rss_mb()
    extra = f", Neo4j server peak RSS {result['server_peak_rss_mb']} MB" if result.get("server_peak_rss_mb") else ""
    name = "bulk" if kind == "neo4j-bulk" else kind
    print(
        f"{name:9} {result['relationships']:>8,} relationships ({result['nodes']:,} nodes, {result['articles']:,} articles)"
        f" in {result['seconds']:.1f} s = {result['relationships_per_s']:,} relationships/s{' end to end' if name == 'bulk' else ''};"
        f" peak memory {result['peak_rss_mb']} MB{extra}"
    )
    if result["relationships"] < 100_000:
        print(f"{name:9} note: fewer than 100,000 relationships; pass a larger --articles", file=sys.stderr)
    return result

if __name__ == "__main__":
    sys.exit(main())
