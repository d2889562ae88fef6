"""The API under stress and abuse, over real HTTP: uvicorn (with okg serve's options) in a thread, a
real Neo4j (conftest), real concurrent clients, a real `okg load` in another process.

Each test is one finding of issue 14: the event loop keeps answering while a load waits for the
embedded store's file lock and while exports stream; exports are streamed and limited in number;
/health reads counters; the API sees what a CLI load saved; heads and bodies have size and time
limits; parameters past their range are 422 on both stores; concurrent ingests of one article
report one `new`; the Host header is checked.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import uvicorn

from factories import article, event, seed
from okg.api.app import create_app
from okg.api.deps import MAX_OFFSET
from okg.api.server import GuardedHttpToolsProtocol, uvicorn_options
from okg.config import Settings
from okg.graph import export as graph_export
from okg.graph.embedded import EmbeddedStore
from neo4j_instances import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
KINDS = ["embedded", "neo4j"]
API_KEY = "safety-key-0123456789"
WAIT = 60  # seconds a test waits for what must happen before it fails


@contextmanager
def serving(app, **options):
    """`app` served by uvicorn with okg serve's options on a free loopback port, in a thread."""
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", **{**uvicorn_options(), **options})
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=WAIT)


def _settings(data_dir: Path, **changes) -> Settings:
    return replace(Settings.from_env(), api_key=API_KEY, data_dir=data_dir, **changes)


def _same_page(text: str, **_):
    """The extractor's stand-in: one article whose id comes from the text, as the real one makes it."""
    return [article("page-" + str(abs(hash(text)) % 10**8), people={"王海": ["书记@县委"]},
                    events=[event("meeting", name="动员会", participants={"王海": ["CHAIRED"]})])]


def _store(request, kind: str, tmp_path: Path):
    if kind == "embedded":
        return EmbeddedStore(data_dir=tmp_path / "data")
    request.applymarker(pytest.mark.neo4j)
    store = request.getfixturevalue("neo4j_store")  # cleared
    return store


@pytest.fixture(params=KINDS)
def seeded(request, tmp_path):
    store = _store(request, request.param, tmp_path)
    store.load(seed())
    return request.param, store, tmp_path / "data"


# --- parameters, Host --------------------------------------------------------------------------------


def test_parameters_past_their_range_are_422_on_both_stores(seeded):
    kind, store, data_dir = seeded
    app = create_app(store, _settings(data_dir), store_kind=kind)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http:
        for url in ["/people", "/events", "/search?q=x", "/search?q=李", "/agencies", "/places", "/review"]:
            sep = "&" if "?" in url else "?"
            for bad in [f"offset={MAX_OFFSET + 1}", f"offset={2**31}", f"offset={2**63}", "offset=-1", "limit=501", "limit=0"]:
                assert http.get(f"{url}{sep}{bad}").status_code == 422, (url, bad)
            r = http.get(f"{url}{sep}offset={MAX_OFFSET}&limit=500")
            assert r.status_code == 200 and r.json()["items"] == [], (url, r.text)


def test_host_header_must_be_trusted(tmp_path):
    store = EmbeddedStore(data_dir=tmp_path / "data")
    store.load(seed())
    app = create_app(store, _settings(tmp_path / "data", trusted_hosts=("127.0.0.1", "localhost", "okg.example.org")))
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http:
        port = base.rsplit(":", 1)[1]
        for host in ["attacker.example", "127.0.0.1.attacker.example", "okg.example.org.evil"]:
            r = http.get("/export?format=json", headers={"Host": f"{host}:{port}"})  # a rebound name reaching this port
            assert r.status_code == 400 and "nodes" not in r.text, host
        for host in ["127.0.0.1", "localhost", "okg.example.org"]:
            assert http.get("/health", headers={"Host": f"{host}:{port}"}).status_code == 200, host


def test_trusted_hosts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("OKG_TRUSTED_HOSTS", " okg.example.org, *.lan ,")
    assert Settings.from_env().trusted_hosts == ("127.0.0.1", "localhost", "okg.example.org", "*.lan")
    monkeypatch.delenv("OKG_TRUSTED_HOSTS")
    assert Settings.from_env().trusted_hosts == ("127.0.0.1", "localhost")


# --- counts ------------------------------------------------------------------------------------------


def _walked_counts(store) -> dict[str, int]:
    """What counts() must say, from a walk over the whole graph."""
    nodes = list(store.export_nodes())
    rels = list(store.export_relationships())
    out = {"nodes": len(nodes), "relationships": len(rels)}
    out.update(Counter(label for _, d in nodes for label in d["labels"]))
    out.update(Counter(d["type"] for *_, d in rels))
    return out


def test_counts_are_kept_as_the_graph_changes(seeded):
    kind, store, _ = seeded
    assert store.counts() == _walked_counts(store)
    store.load(_same_page("another page"))  # an existing person gains nothing, new nodes and labels
    assert store.counts() == _walked_counts(store)
    if kind == "embedded":
        assert EmbeddedStore(data_dir=store.dir).counts() == store.counts()  # and as read from disk


def test_the_neo4j_counts_query_names_every_label_and_type_of_the_schema():
    from okg.graph.neo4j_cypher import query
    from okg.graph.schema import SCHEMA

    text = query("counts")
    for label in [*SCHEMA.labels, *SCHEMA.nodes["Place"].kinds]:
        assert f"{{label: '{label}', n: COUNT {{ MATCH (:{label}) }}}}" in text, label
    for rtype in SCHEMA.rel_types:
        assert f"{{type: '{rtype}', n: COUNT {{ MATCH ()-[:{rtype}]->() }}}}" in text, rtype


# --- ingest --------------------------------------------------------------------------------------------


def test_concurrent_ingests_of_one_article_report_one_new(seeded):
    kind, store, data_dir = seeded
    app = create_app(store, _settings(data_dir), store_kind=kind, extract=_same_page)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http:
        def ingest(_):
            r = http.post("/ingest", json={"text": "同一篇稿件"}, headers={"X-API-Key": API_KEY})
            assert r.status_code == 200, r.text
            return r.json()["new_articles"]

        with ThreadPoolExecutor(10) as pool:
            news = list(pool.map(ingest, range(10)))
    assert sorted(news) == [0] * 9 + [1]


def test_the_engines_offered_are_those_installed_and_another_is_422_saying_how_to_install_it(tmp_path):
    import importlib.util

    from okg.extract.engines import ENGINES

    store = EmbeddedStore(data_dir=tmp_path / "data")
    asked = []
    app = create_app(store, _settings(tmp_path / "data"), store_kind="embedded",
                     extract=lambda text, **kw: asked.append(kw["engine"]) or _same_page(text))
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT, headers={"X-API-Key": API_KEY}) as http:
        body = http.get("/openapi.json").json()["paths"]["/ingest"]["post"]["requestBody"]["content"]
        offered = body["application/json"]["schema"]["properties"]["engine"]["enum"]
        assert offered == body["multipart/form-data"]["schema"]["properties"]["engine"]["enum"]
        assert "hanlp" in offered and set(offered) <= set(ENGINES)
        for name in offered:
            assert http.post("/ingest", json={"text": f"用 {name}", "engine": name}).status_code == 200, name
        assert asked == offered
        if importlib.util.find_spec("hanlp") is None:  # HanLP 2.x is not installed here
            assert "hanlp2" not in offered
            for r in (http.post("/ingest", json={"text": "x", "engine": "hanlp2"}),
                      http.post("/ingest", files={"file": ("a.txt", "x".encode())}, data={"engine": "hanlp2"})):
                assert r.status_code == 422, r.text
                [error] = r.json()["detail"]
                assert error["loc"][-1] == "engine" and "pip install 'okg[hanlp2]'" in error["msg"], error
                assert "\n" not in error["msg"] and f"this server runs: {', '.join(offered)}" in error["msg"]
        r = http.post("/ingest", json={"text": "x", "engine": "gpt"})
        assert r.status_code == 422 and "unknown engine 'gpt'" in r.text
        assert asked == offered  # the refused ones never reached the extractor


@contextmanager
def _file_lock_held_elsewhere(data_dir: Path):
    """The embedded store's .lock held by another process, as a running `okg load` holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl,sys; f=open(sys.argv[1],'w'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
         str(data_dir / ".lock")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=WAIT)


def test_readers_answer_while_an_ingest_waits_for_a_cli_loads_lock(tmp_path):
    store = EmbeddedStore(data_dir=tmp_path / "data")
    store.load(seed())
    app = create_app(store, _settings(tmp_path / "data"), store_kind="embedded", extract=_same_page)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http, ThreadPoolExecutor(1) as pool:
        with _file_lock_held_elsewhere(tmp_path / "data"):
            pending = pool.submit(http.post, "/ingest", json={"text": "锁"}, headers={"X-API-Key": API_KEY})
            time.sleep(0.5)  # let the ingest reach the lock
            for _ in range(20):  # the loop answers while the ingest waits in its thread
                assert http.get("/health").status_code == 200
                assert http.get("/people", params={"q": "李翔"}).json()["total"] == 1
            assert not pending.done(), "the ingest did not wait for the lock"
        r = pending.result(timeout=WAIT)
    assert r.status_code == 200 and r.json()["new_articles"] == 1


def test_the_api_sees_what_okg_load_saved_in_another_process(tmp_path):
    data_dir = tmp_path / "data"
    store = EmbeddedStore(data_dir=data_dir)
    store.load(seed())
    facts = tmp_path / "more.json"
    facts.write_text(json.dumps({"articles": [a.model_dump(mode="json") for a in _same_page("CLI")]}, ensure_ascii=False), encoding="utf-8")
    app = create_app(store, _settings(data_dir), store_kind="embedded")
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http:
        before = http.get("/health").json()["counts"]["Article"]
        done = subprocess.run([sys.executable, "-m", "okg.cli", "load", str(facts), "--store", "embedded"],
                              env={**os.environ, "OKG_DATA_DIR": str(data_dir)}, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + WAIT
        while http.get("/health").json()["counts"]["Article"] == before:
            assert time.monotonic() < deadline, "the API never read the graph okg load saved"
            time.sleep(0.2)
        assert http.get("/people", params={"q": "王海"}).json()["total"] == 1


# --- review ------------------------------------------------------------------------------------------


def _namesakes_apart() -> list:
    """Two 县长 of two sibling counties, 王伟 and 张明, each left as two people by the resolver."""
    return [article(f"n{i}", home=home, source=f"{home}.txt", people={"王伟": ["县长"], "张明": ["副县长"]},
                    events=[event("meeting", name=f"会{i}", participants={"王伟": [], "张明": [], "孙立军": []})])
            for i, home in enumerate(["绛县", "新绛县"])]


@pytest.mark.parametrize("kind", KINDS)
def test_two_judgements_at_once_both_land_and_readers_never_see_the_graph_half_rebuilt(request, kind, tmp_path):
    from corpus import synthetic_articles
    from okg.graph.judgements import forget, pending, read

    store = _store(request, kind, tmp_path)

    forget(store)  # judgements outlive a clear
    request.addfinalizer(lambda: forget(store))
    # for the embedded store a graph that takes a while to rebuild, so that readers ask meanwhile
    store.load([*(synthetic_articles(150, seed=5) if kind == "embedded" else []), *_namesakes_apart()])
    articles = store.counts()["Article"]
    app = create_app(store, _settings(tmp_path / "data"), store_kind=kind)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT, headers={"X-API-Key": API_KEY}) as http:
        pairs = {name: [p["id"] for p in http.get("/people", params={"q": name}).json()["items"]] for name in ("王伟", "张明")}
        assert all(len(ids) == 2 for ids in pairs.values()), pairs
        wang, zhang = pairs["王伟"][0], pairs["张明"][0]
        assert http.post("/review/judgements", json={"verdict": "same", "a": wang, "b": zhang}).status_code == 409  # two names
        assert http.post("/review/judgements", json={"verdict": "same", "a": wang, "b": "person-nobody"}).json() == {"detail": "no person with id 'person-nobody'"}
        assert http.post("/review/judgements", json={"verdict": "same", "a": wang, "b": zhang}, headers={"X-API-Key": "wrong"}).status_code == 401
        seen_articles = []
        with ThreadPoolExecutor(2) as pool:
            judging = [pool.submit(http.post, "/review/judgements", json={"verdict": "same", "a": a, "b": b}) for a, b in pairs.values()]
            while not all(j.done() for j in judging):
                seen_articles.append(http.get("/health").json()["counts"].get("Article", 0))
            answers = [j.result() for j in judging]
    assert all(r.status_code == 200 for r in answers), [r.text for r in answers]
    assert sorted(r.json()["name"] for r in answers) == ["张明", "王伟"] and all(r.json()["rebuilt"] == articles for r in answers)
    assert [len(store.find_people(name, 50, 0).items) for name in ("王伟", "张明")] == [1, 1]  # both applied
    assert len(read(store)) == 2 and not pending(store)
    if kind == "embedded":  # swapped in whole; Neo4j's readers see its graph rebuilt (api/README.md)
        assert seen_articles and set(seen_articles) == {articles}, Counter(seen_articles)


# --- exports -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_graph(tmp_path_factory) -> Path:
    """A data folder with a graph whose GraphML (several MB) is more than the sockets buffer."""
    from corpus import synthetic_articles

    folder = tmp_path_factory.mktemp("big") / "data"
    EmbeddedStore(data_dir=folder).load(synthetic_articles(300, seed=3))
    return folder


def _copy_of(folder: Path, tmp_path: Path) -> Path:
    shutil.copytree(folder, tmp_path / "data")
    return tmp_path / "data"


def test_exports_stream_the_same_bytes_as_okg_export_and_readers_answer_meanwhile(big_graph, tmp_path):
    store = EmbeddedStore(data_dir=_copy_of(big_graph, tmp_path))
    graph_export.write(store.to_networkx(), "graphml", tmp_path / "cli.graphml")
    app = create_app(store, _settings(store.dir), store_kind="embedded")
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http:
        with http.stream("GET", "/export", params={"format": "graphml"}) as r:
            assert r.status_code == 200 and r.headers.get("transfer-encoding") == "chunked"
            chunks = r.iter_bytes()
            got = [next(chunks)]
            for _ in range(5):  # the export is half sent and waits for this client: others are answered
                assert http.get("/health").status_code == 200
            got += list(chunks)
    assert b"".join(got) == (tmp_path / "cli.graphml").read_bytes()


def test_exports_beyond_the_limit_get_503_with_retry_after(big_graph, tmp_path):
    store = EmbeddedStore(data_dir=_copy_of(big_graph, tmp_path))
    app = create_app(store, _settings(store.dir), store_kind="embedded", max_exports=2)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as one, httpx.Client(base_url=base, timeout=WAIT) as two:
        with one.stream("GET", "/export", params={"format": "graphml"}) as a, two.stream("GET", "/export", params={"format": "json"}) as b:
            next(a.iter_bytes())
            next(b.iter_bytes())
            r = httpx.get(f"{base}/export", params={"format": "graphml"}, timeout=WAIT)
            assert r.status_code == 503 and int(r.headers["Retry-After"]) > 0, r.text
            assert "exports are running" in r.json()["detail"]
        # both given back once their clients are gone (the server notices it as its next write fails)
        for fmt in ("graphml", "json", "gexf"):
            deadline = time.monotonic() + WAIT
            while (r := httpx.get(f"{base}/export", params={"format": fmt}, timeout=WAIT)).status_code == 503:
                assert time.monotonic() < deadline, "an export slot was never given back"
                time.sleep(0.2)
            assert r.status_code == 200 and len(r.content) > 1_000_000


def test_neo4j_exports_stream(request, neo4j_store, tmp_path):
    neo4j_store.load(seed())
    expected = tmp_path / "cli.json"
    graph_export.write(neo4j_store.to_networkx(), "json", expected)
    app = create_app(neo4j_store, _settings(tmp_path), store_kind="neo4j")
    with serving(app) as base:
        r = httpx.get(f"{base}/export", params={"format": "json"}, timeout=WAIT)
    assert r.status_code == 200 and r.content == expected.read_bytes()
    assert graph_export.same_graph(graph_export.from_json(r.json()), neo4j_store.to_networkx()) == []


# --- whole-network analyses ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crowded_graph(tmp_path_factory) -> Path:
    """A data folder whose co-attendance network is large: 30 meetings of 160 people each (about
    300,000 pairs), which takes the embedded store seconds to count."""
    surnames, given = "王李张刘陈杨赵黄周吴", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
    names = [s + a + b for s in surnames for a in given for b in given][:3000]
    meetings = [article(f"crowd-{i}", date="2022-03-01", home="绛县",
                        events=[event("meeting", name=f"大会{i}", participants={n: [] for n in names[i * 90 % 2800:][:160]})])
                for i in range(30)]
    folder = tmp_path_factory.mktemp("crowded") / "data"
    EmbeddedStore(data_dir=folder).load(meetings)
    return folder


def test_readers_answer_while_a_whole_network_analysis_runs_and_one_more_is_503(crowded_graph, tmp_path):
    store = EmbeddedStore(data_dir=_copy_of(crowded_graph, tmp_path))
    person = store.find_people("王伟伟", limit=1).items[0].id
    app = create_app(store, _settings(store.dir), store_kind="embedded", max_analyses=1)
    with serving(app) as base, httpx.Client(base_url=base, timeout=WAIT) as http, ThreadPoolExecutor(1) as pool:
        pending = pool.submit(http.get, "/analytics/co-attendance", params={"limit": 3})
        deadline, attempt = time.monotonic() + WAIT, 0
        while (busy := http.get("/analytics/co-attendance", params={"limit": 3})).status_code != 503:
            assert busy.status_code == 200 and time.monotonic() < deadline, "no analysis was seen running"
            if pending.done():  # this one overtook it and ran whole (the first was refused, or is done): again
                pending = pool.submit(http.get, "/analytics/co-attendance", params={"limit": 3})
                # on a busy machine this thread's request tends to reach the server first, every time:
                # every other try, the pool's request gets a head start (an analysis takes seconds)
                attempt += 1
                time.sleep(0.5 if attempt % 2 else 0)
        assert int(busy.headers["Retry-After"]) > 0 and "analyses are running" in busy.json()["detail"]
        for _ in range(10):  # the analysis runs in its thread: the event loop answers meanwhile
            assert http.get("/health").status_code == 200
            assert http.get(f"/people/{person}/events").json()["total"] >= 1
        assert not pending.done(), "the analysis finished before the readers were answered"
        r = pending.result(timeout=WAIT)
        assert r.status_code == 200, r.text
        edges = r.json()["items"]
        assert len(edges) == 3 and edges[0]["weight"] >= edges[-1]["weight"] > 1 and r.json()["total"] > 100_000
        # the slot is given back
        assert http.get("/analytics/co-attendance", params={"limit": 1}).status_code == 200


# --- heads and bodies -------------------------------------------------------------------------------------


def _send(base: str, data: bytes, then_wait: float = 0.0) -> bytes:
    """Send raw bytes on a new connection; all the server answers until it closes the connection."""
    host, port = base.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=WAIT) as s:
        s.sendall(data)
        time.sleep(then_wait)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
        return answer


def test_a_head_over_the_limit_is_431_and_closed(tmp_path):
    app = create_app(EmbeddedStore(data_dir=tmp_path / "data"), _settings(tmp_path / "data"))
    with serving(app) as base:
        host, port = base.split("//")[1].split(":")
        with socket.create_connection((host, int(port)), timeout=WAIT) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
            sent = 0
            try:
                while sent < 100 * 1024 * 1024:  # 100 MiB of one header, unless the server stops it first
                    s.sendall(b"a" * 65536)
                    sent += 65536
            except (BrokenPipeError, ConnectionResetError):
                pass
            answer = s.recv(65536)
        assert answer.startswith(b"HTTP/1.1 431"), answer[:100]
        assert sent < 16 * 1024 * 1024  # cut off at the limit; what the client got out is in the kernel's buffers
        assert httpx.get(f"{base}/health", timeout=WAIT).status_code == 200
        # a whole head is measured exactly, in one read or many
        assert httpx.get(f"{base}/health", headers={"X-Big": "a" * 70_000}, timeout=WAIT).status_code == 431
        assert httpx.get(f"{base}/health", headers={"X-Big": "a" * 60_000}, timeout=WAIT).status_code == 200


class _QuickHeads(GuardedHttpToolsProtocol):
    head_timeout = 1.0  # the same protocol as okg serve's, with a shorter wait for the test


def test_half_sent_heads_are_408_and_closed(tmp_path):
    app = create_app(EmbeddedStore(data_dir=tmp_path / "data"), _settings(tmp_path / "data"))
    with serving(app, http=_QuickHeads) as base:
        host, port = base.split("//")[1].split(":")
        conns = [socket.create_connection((host, int(port)), timeout=WAIT) for _ in range(200)]
        for i, s in enumerate(conns):  # half the heads begun, half not a byte sent
            if i % 2:
                s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        answers = []
        for s in conns:
            answer = b""
            while chunk := s.recv(65536):  # until the server closes it (the socket timeout fails the test)
                answer += chunk
            answers.append(answer)
            s.close()
        assert all(a.startswith(b"HTTP/1.1 408") for a in answers), Counter(a[:12] for a in answers)
        # a kept-alive connection's next request gets the same time
        answer = _send(base, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /health HTTP/1.1\r\n")
        assert answer.startswith(b"HTTP/1.1 200") and b"HTTP/1.1 408" in answer


def test_a_body_sent_too_slowly_is_408(tmp_path):
    app = create_app(EmbeddedStore(data_dir=tmp_path / "data"), _settings(tmp_path / "data"), extract=_same_page, body_timeout=1.0)
    with serving(app) as base:
        head = (f"POST /ingest HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {API_KEY}\r\n"
                "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n").encode()
        answer = _send(base, head + b'{"text": "')  # and nothing more
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        assert b"not received within 1 s" in answer
