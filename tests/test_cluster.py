"""okg extract --cluster: a real `dask scheduler` and `dask worker` processes on 127.0.0.1 (their
CLI entry points, free ports), real HanLP on the workers; the shards hold what a local
`okg extract --format jsonl` writes, a worker SIGKILLed mid-run loses nothing, and okg load reads
the shard folder."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j_instances import free_port

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
DASK = Path(sys.executable).with_name("dask")
ENV = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "5s"}


def _okg(*args, cwd, env=ENV, timeout=600):
    return subprocess.run([sys.executable, "-m", "okg.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


def _corpus(path: Path, articles: int, seed: int, fmt: str = "jsonl") -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "corpus.py"), "--articles", str(articles), "--seed", str(seed),
                    "--format", fmt, "-o", str(path)], check=True, capture_output=True)
    return path


def _shards(folder: Path) -> str:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return "".join((folder / s["file"]).read_text(encoding="utf-8") for s in manifest["shards"])


def _errors(stderr: str) -> list[str]:
    return [line.split("error: ", 1)[1] for line in stderr.splitlines() if "error: " in line]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    port = free_port()
    log = open(tmp_path_factory.mktemp("dask") / "scheduler.log", "w")
    proc = subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--dashboard-address", "127.0.0.1:0"],
                            stdout=log, stderr=subprocess.STDOUT)
    address = f"tcp://127.0.0.1:{port}"
    client = distributed.Client(address, timeout=60)
    yield address, client
    client.close()
    proc.terminate()
    proc.wait(30)
    log.close()


@pytest.fixture
def two_workers(scheduler, tmp_path):
    """Two `dask worker` processes of one thread each, no nanny (a killed worker stays dead)."""
    address, client = scheduler
    procs = {}
    for name in ("w1", "w2"):
        log = open(tmp_path / f"{name}.log", "w")
        procs[name] = subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1",
                                        "--no-dashboard", "--name", name, "--death-timeout", "60"], stdout=log, stderr=subprocess.STDOUT)
    client.wait_for_workers(2, timeout=120)
    yield client, procs
    for proc in procs.values():
        if proc.poll() is None:
            proc.terminate()
            proc.wait(60)
    deadline = time.monotonic() + 60
    while client.nthreads() and time.monotonic() < deadline:  # the next test starts with no worker
        time.sleep(0.2)


def _workers_by_name(client) -> dict[str, str]:
    return {w["name"]: addr for addr, w in client.scheduler_info()["workers"].items()}


def _inputs(tmp_path: Path) -> Path:
    """A folder of pages, the seed page, an empty file, and a JSONL file of records (half without a
    source, so named `file:line`) with blank lines and a broken line among them."""
    items = _corpus(tmp_path / "items", 30, 6, "pages")
    (items / "seed.txt").write_bytes((ROOT / "fixtures" / "000_04f34b3896c38351.txt").read_bytes())
    (items / "empty.txt").write_text("", encoding="utf-8")
    records = _corpus(tmp_path / "records.jsonl", 60, 5).read_text(encoding="utf-8").splitlines()
    lines = []
    for i, line in enumerate(records):
        record = json.loads(line)
        if i % 2:
            del record["source"]
        lines.append(json.dumps(record, ensure_ascii=False))
        if i in (10, 11, 40):
            lines.append("")
        if i == 30:
            lines.append('{"text": "broken')
    (items / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "records.jsonl").unlink()
    return items


def test_two_workers_give_the_facts_of_a_local_run_and_load_the_same(tmp_path, two_workers):
    client, procs = two_workers
    address = client.scheduler.address
    _inputs(tmp_path)
    local = _okg("extract", "items", "missing.txt", "--format", "jsonl", "-o", "local.jsonl", cwd=tmp_path)
    assert local.returncode == 1, local.stderr  # the empty file, the broken line, the missing file
    # small tasks: the JSONL file is cut into blocks whose first lines the workers counted
    done = _okg("extract", "items", "missing.txt", "--cluster", address, "--task-bytes", "4096", "-o", "out", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    expected = (tmp_path / "local.jsonl").read_text(encoding="utf-8")
    assert _shards(tmp_path / "out") == expected
    assert _errors(done.stderr) == _errors(local.stderr)
    assert [e.split(": ", 1)[0] for e in _errors(done.stderr)] == ["items/empty.txt", "items/news.jsonl:34", "missing.txt"]
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == ["items", "missing.txt"] and manifest["skipped"] == 3
    assert manifest["articles"] == len(expected.splitlines()) == sum(s["articles"] for s in manifest["shards"])
    assert manifest["errors"] == _errors(done.stderr)
    # one engine per worker, started by the plugin and kept: both workers run a JVM, neither restarted
    assert client.run(lambda: __import__("jpype").isJVMStarted()) == dict.fromkeys(client.nthreads(), True)
    assert all(proc.poll() is None for proc in procs.values())

    loads = {}
    for name, source in (("cluster", "out"), ("local", "local.jsonl")):
        run = _okg("load", source, "--store", "embedded", "--quiet", cwd=tmp_path, env={**ENV, "OKG_DATA_DIR": str(tmp_path / name)})
        assert run.returncode == 0, run.stderr
        loads[name] = run.stderr.splitlines()[-1]
    assert loads["cluster"] == loads["local"]
    assert f"{manifest['articles']} articles ({manifest['articles']} new)" in loads["cluster"]


def test_a_worker_killed_mid_run_loses_no_article(tmp_path, two_workers):
    client, procs = two_workers
    address = client.scheduler.address
    _corpus(tmp_path / "corpus.jsonl", 240, 7)
    local = _okg("extract", "corpus.jsonl", "--format", "jsonl", "-o", "local.jsonl", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    victim = _workers_by_name(client)["w2"]
    run = subprocess.Popen([sys.executable, "-m", "okg.cli", "extract", "corpus.jsonl", "--cluster", address, "--task-bytes", "4096",
                            "-o", "out"], cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while run.poll() is None and time.monotonic() < deadline:  # until w2 holds an extraction task
        if any(str(key).startswith("extract_pieces") for key in client.processing().get(victim, ())):
            break
        time.sleep(0.05)
    assert run.poll() is None, "the run ended before a worker could be killed"
    os.kill(procs["w2"].pid, signal.SIGKILL)
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr
    assert procs["w2"].wait(10) == -signal.SIGKILL
    assert list(_workers_by_name(client)) == ["w1"]
    expected = (tmp_path / "local.jsonl").read_text(encoding="utf-8")
    assert _shards(tmp_path / "out") == expected  # every article once, in input order
    ids = [json.loads(line)["id"] for line in expected.splitlines()]
    assert len(ids) == len(set(ids)) >= 240


def test_a_local_cluster_reads_fsspec_urls(tmp_path):
    items = tmp_path / "items"
    items.mkdir()
    (items / "seed.txt").write_bytes((ROOT / "fixtures" / "000_04f34b3896c38351.txt").read_bytes())
    _corpus(items / "news.jsonl", 20, 3)  # records with their source
    (items / ".hidden.txt").write_text("县委书记解芳出席会议。", encoding="utf-8")
    local = _okg("extract", str(items / "news.jsonl"), str(items / "seed.txt"), "--format", "jsonl", "-o", "local.jsonl", cwd=tmp_path)
    assert local.returncode == 0, local.stderr
    url = items.as_uri()  # file:///…/items, listed and read through fsspec
    done = _okg("extract", url, "--cluster", "local:2", "--task-bytes", "4096", "-o", "out", cwd=tmp_path)  # blocks read through fsspec
    assert done.returncode == 0, done.stderr
    assert all(line.startswith("okg extract: ") for line in done.stderr.splitlines()), done.stderr  # the cluster's own logs stay quiet
    cluster = [json.loads(line) for line in _shards(tmp_path / "out").splitlines()]
    expected = [json.loads(line) for line in (tmp_path / "local.jsonl").read_text(encoding="utf-8").splitlines()]
    for article in expected:
        if article["source"].endswith("seed.txt"):
            article["source"] = f"{url}/seed.txt"
    assert cluster == expected
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["inputs"] == [url]


@pytest.mark.parametrize("args, message", [
    (["--cluster", "nowhere"], "is not a cluster"),
    (["--cluster", "local:0"], "is not a cluster"),
    (["--cluster", "local:1"], "give -o OUTDIR"),
    (["--cluster", "local:1", "-o", "out", "--jobs", "2"], "--jobs and --cluster"),
    (["--cluster", "local:1", "-o", "out", "--format", "json"], "leave out --format json"),
    (["-", "--cluster", "local:1", "-o", "out"], "standard input (-) cannot be one"),
    (["--cluster", "local:1", "-o", "full"], "the folder holds files"),
    (["--task-bytes", "4096"], "--task-bytes is for --cluster"),
])
def test_arguments_a_cluster_cannot_run_are_one_line_and_exit_2(tmp_path, args, message):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "kept.txt").write_text("kept", encoding="utf-8")
    done = _okg("extract", str(ROOT / "fixtures"), *args, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert message in done.stderr.strip().splitlines()[-1]  # one line (after argparse's usage, for its own errors)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]  # nothing written
    assert (tmp_path / "full" / "kept.txt").read_text() == "kept"


def test_an_unreachable_scheduler_stops_the_run_with_one_line(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    done = _okg("extract", str(ROOT / "fixtures"), "--cluster", address, "-o", "out", cwd=tmp_path, timeout=120)
    assert done.returncode == 3, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"okg extract: cannot reach the Dask scheduler at {address}")
    assert list(tmp_path.iterdir()) == []  # no OUTDIR, no temporary folder left


def test_an_engine_the_workers_cannot_start_stops_the_run_with_one_line(tmp_path):
    env = {**ENV, "OKG_HANLP_JAR": str(tmp_path / "no-such.jar")}  # the local cluster's workers inherit it
    done = _okg("extract", str(ROOT / "fixtures"), "--cluster", "local:1", "-o", "out", cwd=tmp_path, env=env)
    assert done.returncode == 3, done.stderr
    assert done.stderr.strip().splitlines() == [f"okg extract: OKG_HANLP_JAR={tmp_path / 'no-such.jar'} is not a file; run "
                                                "`scripts/fetch-hanlp` (needs Maven) or set OKG_HANLP_JAR to a com.hankcs:hanlp portable jar"]
    assert list(tmp_path.iterdir()) == []


def test_a_shard_folder_rotates_shards_and_load_names_a_missing_one(tmp_path):
    from okg.extract.shards import ShardFolder
    from okg.facts import Article

    articles = [json.loads(line) for line in _okg("extract", str(ROOT / "fixtures"), "--format", "jsonl", cwd=tmp_path).stdout.splitlines()]
    folder = ShardFolder.open(str(tmp_path / "out"), shard_articles=2)
    for article in articles:
        folder.write(Article.model_validate(article))
    assert not (tmp_path / "out").exists()  # in place only when done
    folder.commit(inputs=["fixtures"])
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [(s["file"], s["articles"]) for s in manifest["shards"]] == [("part-00000.jsonl", 2), ("part-00001.jsonl", 1)]
    assert [json.loads(line) for line in _shards(tmp_path / "out").splitlines()] == [
        json.loads(Article.model_validate(a).model_dump_json()) for a in articles]
    (tmp_path / "out" / "part-00001.jsonl").unlink()
    done = _okg("load", "out", "--store", "embedded", "--quiet", cwd=tmp_path, env={**ENV, "OKG_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 1, done.stderr
    assert "error: out/part-00001.jsonl: no such file or folder" in done.stderr
    assert "2 articles (2 new)" in done.stderr
