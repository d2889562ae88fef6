"""API speed: requests/s and p50/p99 latency of the two graph questions, at 50 concurrent clients.

    python bench/api.py                                  # both stores, 5,500 synthetic articles
    python bench/api.py --stores embedded --requests 5000
    python bench/api.py --facts out/facts.json           # a facts file instead (Page JSON or JSONL)
    python bench/api.py --stores neo4j --clear           # Neo4j must be empty, or --clear given

For each store the graph is loaded (bench/corpus.py's `synthetic_articles`: facts made directly, no
extraction; at least 100,000 relationships are required), then `okg serve` is started as a subprocess
with ONE uvicorn worker on a free loopback port, and `--concurrency` clients (asyncio, one keep-alive
connection each; `--client httpx` for httpx's async client) send a bounded number of requests to

    GET /people/{id}/events          for people drawn from the graph (those who took part in events)
    GET /events/{id}/attendees       for events drawn from the graph

Every answer must be 200. Printed per store and endpoint: requests, requests/s, p50 and p99 latency
(milliseconds, measured at the client). Target (issue 5): >= 500 requests/s and p99 < 50 ms.

    python bench/api.py --busy                           # and readers while the server is busy

`--busy` (issue 14) then measures the same readers (both endpoints in turn) once more while, at the
same time, the server takes a POST /ingest of the seed page (real HanLP extraction, in the server),
an `okg load` in another process writes `--cli-articles` new articles into the same store (for the
embedded store: holding its file lock while the ingest waits for it) and 4 clients each download
GET /export?format=graphml whole (beyond the server's export limit they get 503 and retry after
Retry-After). Printed: the readers' requests, p50, p99 and max, their errors, and what each of the
busy jobs took; the server's peak RSS.
Neo4j is the one of NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD; a benchmark never wipes a database unless
told to with --clear.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

MIN_RELATIONSHIPS = 100_000
TARGET_RPS = 500
TARGET_P99_MS = 50.0


# --- the graph ---------------------------------------------------------------------------------------


def read_facts(path: Path):
    from okg.facts import Article, Page

    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("{") and '"articles"' in text[:200]:
        return Page.model_validate_json(text).articles
    return [Article.model_validate_json(line) for line in text.splitlines() if line.strip()]


def facts(args):
    if args.facts:
        return read_facts(Path(args.facts))
    from corpus import synthetic_articles

    return synthetic_articles(args.articles, seed=args.seed)


def open_loaded(kind: str, articles, args, data_dir: Path):
    from okg.config import Settings

    if kind == "embedded":
        from okg.graph.embedded import EmbeddedStore

        store = EmbeddedStore(data_dir=data_dir)
    else:
        from okg.graph.neo4j_store import Neo4jStore

        store = Neo4jStore(Settings.from_env())
        if store.counts()["nodes"] and not args.reuse:
            if not args.clear:
                store.close()
                raise SystemExit("bench/api.py: the Neo4j database is not empty; give --clear to wipe it (or --reuse to use it as it is)")
            store.clear()
    if not (kind == "neo4j" and args.reuse):
        t = time.perf_counter()
        store.load(articles)
        print(f"  loaded {len(articles)} articles in {time.perf_counter() - t:.1f} s", flush=True)
    return store


def sample_ids(store, n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """Events drawn from the graph, and people who took part in them."""
    if hasattr(store, "_driver"):
        return sample_ids_neo4j(n, rng)
    events = store.find_events(limit=500, offset=0)
    total = events.total
    event_ids: list[str] = []
    for offset in sorted(rng.sample(range(0, max(total - 500, 1)), k=min(5, max(total - 500, 1)))):
        event_ids += [e.id for e in store.find_events(limit=500, offset=offset).items]
    event_ids = sorted(set(event_ids))
    rng.shuffle(event_ids)
    event_ids = event_ids[:n]
    people: set[str] = set()
    for eid in event_ids[: max(20, n // 4)]:
        people.update(a.id for a in store.event_attendees(eid, limit=20).items)
    person_ids = sorted(people)
    rng.shuffle(person_ids)
    return person_ids[:n], event_ids


def sample_ids_neo4j(n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """The same, with two fixed Cypher queries (the store's unfiltered lists collect every row)."""
    from neo4j import GraphDatabase

    from okg.config import Settings

    st = Settings.from_env()
    with GraphDatabase.driver(st.neo4j_uri, auth=(st.neo4j_user, st.neo4j_password)) as driver:
        records, _, _ = driver.execute_query("MATCH (e:Event) RETURN e.id AS id ORDER BY id LIMIT 5000", database_=st.neo4j_database)
        event_ids = [r["id"] for r in records]
        rng.shuffle(event_ids)
        event_ids = event_ids[:n]
        records, _, _ = driver.execute_query(
            "UNWIND $ids AS id MATCH (p:Person)-[:ATTENDED]->(:Event {id: id}) RETURN DISTINCT p.id AS id ORDER BY id",
            ids=event_ids[: max(20, n // 4)], database_=st.neo4j_database,
        )
    person_ids = [r["id"] for r in records]
    rng.shuffle(person_ids)
    return person_ids[:n], event_ids


# --- the server --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(kind: str, env: dict) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "okg.cli", "serve", "--store", kind, "--host", "127.0.0.1", "--port", str(port),
         "--workers", "1", "--log-level", "warning"],
        env={**os.environ, **env}, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench/api.py: okg serve exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("bench/api.py: okg serve did not come up")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- the clients -------------------------------------------------------------------------------------


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams, for GETs on loopback.

    The load generator shares this machine's CPUs with the server, so it must cost far less per
    request than the server does; httpx's async client spends several milliseconds of CPU per request
    (it would be the bottleneck and its own queueing would be measured as latency). `--client httpx`
    uses it anyway."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def get(self, path: str) -> tuple[int, bytes]:
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: application/json\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:  # chunked
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                parts.append(chunk[:-2])
            body = b"".join(parts)
        return status, body

    def close(self):
        self.writer.close()


async def hammer(base: str, paths: list[str], requests: int, concurrency: int, client: str = "raw",
                 until: asyncio.Event | None = None) -> dict:
    """`concurrency` clients, one keep-alive connection each, share `requests` requests (the paths in
    turn), or go on until `until` is set; latency is measured per request at the client."""
    latencies: list[float] = []
    errors: list[str] = []
    next_i = 0
    host, port = base.split("//", 1)[1].rsplit(":", 1)

    if client == "httpx":
        import httpx

        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        http = httpx.AsyncClient(base_url=base, limits=limits, timeout=30)

        async def connect():
            return None

        async def get(_conn, path):
            r = await http.get(path)
            return r.status_code, r.content
    else:
        http = None

        async def connect():
            return await Connection(host, int(port)).open()

        async def get(conn, path):
            return await conn.get(path)

    conns = [await connect() for _ in range(concurrency)]
    # warm-up: every connection answers once
    await asyncio.gather(*(get(c, paths[i % len(paths)]) for i, c in enumerate(conns)))

    async def worker(conn):
        nonlocal next_i
        while (next_i < requests) if until is None else not until.is_set():
            path = paths[next_i % len(paths)]
            next_i += 1
            t = time.perf_counter()
            status, _ = await get(conn, path)
            latencies.append(time.perf_counter() - t)
            if status != 200:
                errors.append(f"{status} {path}")

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in conns))
    elapsed = time.perf_counter() - t0
    for c in conns:
        if c is not None:
            c.close()
    if http is not None:
        await http.aclose()
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "max_ms": 1000 * latencies[-1],
    }


# --- readers while the server is busy (--busy) --------------------------------------------------------


async def timed(name: str, work, jobs: dict) -> None:
    t = time.perf_counter()
    try:
        jobs[name] = {"result": await work, "seconds": time.perf_counter() - t}
    except Exception as e:  # noqa: BLE001 - a failed job is reported, the readers' figures still count
        jobs[name] = {"result": f"failed: {type(e).__name__}: {e}", "seconds": time.perf_counter() - t}


async def ingest_page(base: str, key: str) -> str:
    import httpx

    text = next((ROOT / "fixtures").glob("*.txt")).read_text(encoding="utf-8")
    async with httpx.AsyncClient(base_url=base, timeout=600) as http:
        r = await http.post("/ingest", json={"text": text, "source": "bench-busy.txt"}, headers={"X-API-Key": key})
    return f"{r.status_code}, new_articles {r.json().get('new_articles')}"


async def cli_load(kind: str, facts_path: Path, env: dict) -> str:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "okg.cli", "load", str(facts_path), "--store", kind,
        env={**os.environ, **env}, cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    last = err.decode(errors="replace").strip().splitlines()[-1:] or [""]
    return f"exit {proc.returncode}: {last[0][:120]}"


async def export_whole(base: str) -> str:
    """One GraphML export downloaded whole; a 503 (the export limit) waits its Retry-After and retries."""
    import httpx

    refused = 0
    async with httpx.AsyncClient(base_url=base, timeout=600) as http:
        while True:
            async with http.stream("GET", "/export", params={"format": "graphml"}) as r:
                if r.status_code == 503:
                    refused += 1
                    await asyncio.sleep(float(r.headers.get("Retry-After", "1")))
                    continue
                size = sum([len(chunk) async for chunk in r.aiter_bytes()])
                return f"{r.status_code}, {size / 1e6:.1f} MB, refused {refused}x first"


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def busy(kind: str, base: str, paths: list[str], args, facts_path: Path, env: dict) -> dict:
    jobs: dict = {}
    done = asyncio.Event()
    work = [timed("ingest", ingest_page(base, env["OKG_API_KEY"]), jobs),
            timed("okg load", cli_load(kind, facts_path, env), jobs),
            *(timed(f"export {i + 1}", export_whole(base), jobs) for i in range(4))]

    async def all_jobs():
        await asyncio.gather(*work)
        done.set()

    jobs_task = asyncio.create_task(all_jobs())
    readers = await hammer(base, paths, 0, args.concurrency, args.client, until=done)
    await jobs_task
    return {"readers": readers, "jobs": jobs}


def write_cli_facts(args, folder: Path) -> Path:
    from corpus import synthetic_articles

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cli-load.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for a in synthetic_articles(args.cli_articles, seed=args.seed + 1000):
            f.write(a.model_dump_json() + "\n")
    return path


# --- main --------------------------------------------------------------------------------------------


def run_busy(kind, base, proc, people, events, args, data_dir: Path, env: dict) -> dict:
    paths = [p for pair in zip((f"/people/{i}/events" for i in people), (f"/events/{i}/attendees" for i in events)) for p in pair]
    facts_path = write_cli_facts(args, data_dir.parent / (data_dir.name + "-facts"))
    b = asyncio.run(busy(kind, base, paths, args, facts_path, env))
    shutil.rmtree(facts_path.parent, ignore_errors=True)
    r = b["readers"]
    print(f"  busy: readers {r['requests']:>6} req  {r['rps']:>7.0f} req/s  p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  "
          f"max {r['max_ms']:7.1f} ms  errors {r['errors']}  over {r['seconds']:.1f} s", flush=True)
    if r["errors"]:
        print(f"    e.g. {r['first_errors']}", flush=True)
    for name, job in b["jobs"].items():
        print(f"    {name:<9} {job['seconds']:6.1f} s  {job['result']}", flush=True)
    print(f"    server peak RSS {peak_rss_mb(proc.pid):.0f} MB", flush=True)
    return {"store": kind, "endpoint": "busy readers", **r, "jobs": b["jobs"]}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--stores", default="embedded,neo4j", help="comma-separated: embedded, neo4j")
    p.add_argument("--articles", type=int, default=5500, help="synthetic articles to generate (default 5500: about 110,000 relationships)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--facts", help="load this facts file (Page JSON or JSONL of articles) instead of generating")
    p.add_argument("--requests", type=int, default=3000, help="requests per endpoint (default 3000)")
    p.add_argument("--concurrency", type=int, default=50, help="concurrent clients (default 50)")
    p.add_argument("--clear", action="store_true", help="wipe a non-empty Neo4j database first")
    p.add_argument("--reuse", action="store_true", help="Neo4j: use the graph already there, load nothing")
    p.add_argument("--client", choices=["raw", "httpx"], default="raw",
                   help="load generator: raw asyncio HTTP/1.1 (default, light) or httpx's async client")
    p.add_argument("--json", help="also write the results to this JSON file")
    p.add_argument("--busy", action="store_true", help="also measure the readers during an ingest, an okg load and 4 exports")
    p.add_argument("--cli-articles", type=int, default=500, help="--busy: articles the okg load writes (default 500)")
    args = p.parse_args(argv)

    kinds = [k.strip() for k in args.stores.split(",") if k.strip()]
    rng = random.Random(args.seed)
    t = time.perf_counter()
    articles = [] if (kinds == ["neo4j"] and args.reuse) else facts(args)
    print(f"graph: {len(articles)} articles ({time.perf_counter() - t:.1f} s to make)", flush=True)

    results = []
    for kind in kinds:
        print(f"[{kind}]", flush=True)
        data_dir = Path(tempfile.mkdtemp(prefix="okg-bench-api-"))
        try:
            store = open_loaded(kind, articles, args, data_dir)
            counts = store.counts()
            print(f"  {counts['nodes']} nodes, {counts['relationships']} relationships", flush=True)
            if counts["relationships"] < MIN_RELATIONSHIPS:
                print(f"  WARNING: fewer than {MIN_RELATIONSHIPS} relationships; use more --articles", flush=True)
            people, events = sample_ids(store, 500, rng)
            store.close()
            env = {"OKG_DATA_DIR": str(data_dir), "OKG_API_KEY": "bench-api-key"}
            proc, base = start_server(kind, env)
            try:
                for name, paths in (
                    ("/people/{id}/events", [f"/people/{i}/events" for i in people]),
                    ("/events/{id}/attendees", [f"/events/{i}/attendees" for i in events]),
                ):
                    r = asyncio.run(hammer(base, paths, args.requests, args.concurrency, args.client))
                    r.update(store=kind, endpoint=name, relationships=counts["relationships"], concurrency=args.concurrency)
                    results.append(r)
                    ok = r["rps"] >= TARGET_RPS and r["p99_ms"] < TARGET_P99_MS and not r["errors"]
                    print(f"  {name:<24} {r['requests']:>6} req  {r['rps']:>7.0f} req/s  p50 {r['p50_ms']:6.1f} ms  "
                          f"p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}  {'ok' if ok else 'BELOW TARGET'}", flush=True)
                    if r["errors"]:
                        print(f"    e.g. {r['first_errors']}", flush=True)
                if args.busy:
                    results.append(run_busy(kind, base, proc, people, events, args, data_dir, env))
            finally:
                stop_server(proc)
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(f"\ntarget: >= {TARGET_RPS} req/s and p99 < {TARGET_P99_MS:.0f} ms, {args.concurrency} clients, one uvicorn worker")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if all(not r["errors"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
