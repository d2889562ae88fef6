"""How long the web page takes to show a person with many events (200 by default).

    python bench/person_page.py                        # embedded store, a person with ~200 events
    python bench/person_page.py --store neo4j --clear  # the same over Neo4j (its database is wiped)
    python bench/person_page.py --events 400 --articles 3000

The graph: bench/corpus.py's `synthetic_articles` (facts made directly) over few counties, so that
a county's leaders appear in hundreds of its articles; the person whose number of events is nearest
`--events` is shown. `okg serve` (a real uvicorn) serves it; headless Chromium (Debian's, through
Playwright) opens /ui/person/{id} in a fresh browser context each time and the clock stops when the
view is drawn: the tables filled and cytoscape.js done with the ego network. Printed: the median
and the slowest of `--runs` loads (after one to warm up), and the median time of each API request
the page makes, asked alone over HTTP.
"""

from __future__ import annotations

import argparse
import os
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(kind: str, articles: int, counties: int, seed: int, events: int, data_dir: str, clear: bool) -> tuple[str, dict]:
    """Load the corpus; the id of the person whose number of events is nearest the one asked."""
    from corpus import synthetic_articles

    from okg.config import Settings
    from okg.graph.stores import open_store

    os.environ["OKG_DATA_DIR"] = data_dir
    store = open_store(kind, Settings.from_env())
    if kind == "neo4j":
        if store.counts()["nodes"] and not clear:
            sys.exit("bench/person_page.py: the Neo4j database is not empty; give --clear to wipe it")
        store.clear()
    store.load(synthetic_articles(articles, seed=seed, counties=counties))
    people = store.find_people(None, limit=2**31 - 1, offset=0).items
    counts = {p.id: store.person_events(p.id, limit=1).total for p in people}
    store.close()
    return min(counts, key=lambda pid: (abs(counts[pid] - events), pid)), counts


def serve(kind: str, data_dir: str) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "okg.cli", "serve", "--store", kind, "--port", str(port), "--log-level", "warning"],
                            env={**os.environ, "OKG_DATA_DIR": data_dir}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("bench/person_page.py: okg serve did not answer")


def page_loads(base: str, person: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or sys.exit("bench/person_page.py: no chromium (apt-get install chromium)")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs + 1):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{base}/ui/person/{person}")
            page.wait_for_selector("body[data-view=personView]", timeout=120000)
            page.wait_for_function("window.okg.cy && window.okg.cy.nodes().length > 0", timeout=120000)
            times.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return times[1:]


def api_times(base: str, person: str, runs: int) -> dict[str, float]:
    import httpx

    urls = [f"/people/{person}", f"/people/{person}/events?limit=500", f"/people/{person}/network?limit=50",
            f"/people/{person}/inspections", f"/people/{person}/ego-network?people=30"]
    out = {}
    with httpx.Client(base_url=base, timeout=120) as http:
        for url in urls:
            took = []
            for _ in range(runs):
                start = time.perf_counter()
                http.get(url).raise_for_status()
                took.append(time.perf_counter() - start)
            out[url.replace(person, "{id}")] = statistics.median(took)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--events", type=int, default=200, help="show the person with about this many events")
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--counties", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--clear", action="store_true", help="wipe the Neo4j database first")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        person, counts = load(args.store, args.articles, args.counties, args.seed, args.events, data_dir, args.clear)
        proc, base = serve(args.store, data_dir)
        try:
            import httpx

            detail = httpx.get(f"{base}/people/{person}").json()
            ego = httpx.get(f"{base}/people/{person}/ego-network").json()
            print(f"person-page: {args.store} store, {args.articles} articles in {args.counties} counties; "
                  f"{detail['name']} ({person}): {counts[person]} events, {ego['people_total']} people met, "
                  f"ego network of {len(ego['nodes'])} nodes and {len(ego['edges'])} edges")
            loads = page_loads(base, person, args.runs)
            print(f"person-page: the page drawn in {statistics.median(loads):.3f} s median, {max(loads):.3f} s slowest of {len(loads)} loads "
                  "(headless Chromium, fresh context each: HTML, scripts, 5 API requests, tables, cytoscape)")
            for url, t in api_times(base, person, args.runs).items():
                print(f"person-page:   GET {url:<36} {1000 * t:8.1f} ms median")
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
