"""Nothing lost, nothing silent: `okg extract` and `okg load` as a user runs them (real processes,
real HanLP, real files, a real Neo4j port), fed bad input (tests/bad_inputs/make_corpus.py) and
bad surroundings. Every problem is one line on stderr naming it, the rest is written or loaded,
and the exit code says what happened (okg/runreport.py)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from okg.config import ROOT
from okg.graph.embedded import EmbeddedStore

sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))
import make_corpus  # noqa: E402

NEWS = make_corpus.NEWS


def okg(*args, cwd=ROOT, env=None, stdin=None, preexec_fn=None, **kw):
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run(
        [sys.executable, "-m", "okg.cli", *args], text=True, input=stdin, cwd=cwd,
        env={**os.environ, **(env or {})}, timeout=300, preexec_fn=preexec_fn, **kw,
    )


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def names_in(articles) -> set[str]:
    return {p["name"] for a in articles for p in a["persons"]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_inputs")
    make_corpus.make(folder)
    return folder


def assert_each_named_once(stderr: str, command: str) -> None:
    tally = make_corpus.tally(stderr, command)
    assert (tally["not_named"], tally["named_twice"], tally["stray_lines"], tally["traceback"]) == ([], [], [], False), tally
    assert tally["one_line_each"] == tally["bad"] == len(make_corpus.EXPECTED[command])


def test_extract_names_every_bad_input_once_and_writes_the_good_ones(corpus, tmp_path):
    out = tmp_path / "out.jsonl"
    done = okg("extract", *make_corpus.PATHS, "--format", "jsonl", "-o", str(out), cwd=corpus)
    assert done.returncode == 1, done.stderr
    assert_each_named_once(done.stderr, "extract")
    articles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert names_in(articles) >= make_corpus.GOOD_NAMES["extract"]
    assert done.stderr.splitlines()[-1] == f"okg extract: {len(articles)} articles; {len(make_corpus.EXPECTED['extract'])} skipped (each named above)"


def test_load_names_every_bad_input_once_and_loads_the_good_ones(corpus, tmp_path):
    data = tmp_path / "data"
    done = okg("load", *make_corpus.PATHS, cwd=corpus, env={"OKG_DATA_DIR": str(data)})
    assert done.returncode == 1, done.stderr
    assert_each_named_once(done.stderr, "load")
    store = EmbeddedStore(data_dir=data)
    people = {p.name for p in store.find_people(None, limit=100, offset=0).items}
    assert people >= make_corpus.GOOD_NAMES["load"]
    assert store.article("f6") is not None and "另一篇" not in store.article("f1").facts["body"]


def test_a_stdin_jsonl_stream_with_a_bad_line_loads_the_good_ones(tmp_path):
    lines = [json.dumps({"id": "s1", "text": NEWS}, ensure_ascii=False), '{"id": "s2", "text": ', "garbage",
             json.dumps({"id": "s3", "text": NEWS.replace("周建军", "钱学军")}, ensure_ascii=False)]
    done = okg("load", "-", stdin="\n".join(lines) + "\n", env={"OKG_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 1, done.stderr
    assert [line.split(": error: ")[1].split(":")[:2] for line in error_lines(done.stderr)] == [["<stdin>", "2"], ["<stdin>", "3"]]
    people = {p.name for p in EmbeddedStore(data_dir=tmp_path / "data").find_people(None, limit=100, offset=0).items}
    assert {"周建军", "钱学军"} <= people


def test_extract_into_its_own_input_is_refused_and_the_input_kept(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    done = okg("extract", str(path), "-o", str(path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "is also an input" in done.stderr
    assert path.read_text(encoding="utf-8") == NEWS


def test_output_that_cannot_be_written_is_one_line_and_leaves_nothing_half_done(tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    for output, words in [(str(tmp_path), "is a folder"), (str(tmp_path / "news.txt" / "x.json"), "Not a directory")]:
        done = okg("extract", str(tmp_path / "news.txt"), "-o", output)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and words in done.stderr, done.stderr
    done = okg("extract", str(tmp_path / "news.txt"), "-o", "/dev/full")
    assert done.returncode == 3 and done.stderr.strip() == "okg extract: cannot write /dev/full: No space left on device"
    with open("/dev/full", "w") as full:
        done = okg("extract", str(tmp_path / "news.txt"), stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 3 and "No space left on device" in done.stderr and done.stderr.count("\n") == 1


def test_an_existing_output_is_replaced_whole_only_at_the_end(tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    done = okg("extract", str(tmp_path / "news.txt"), "--engine", "hanlp", "-o", str(out))
    assert done.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["articles"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_closed_standard_streams_are_one_line(tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "okg.cli", "extract", "-"], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          cwd=ROOT, preexec_fn=lambda: os.close(0))
    assert done.returncode == 1 and error_lines(done.stderr) == ["okg extract: error: <stdin>: standard input is closed"]
    done = subprocess.run([sys.executable, "-m", "okg.cli", "extract", str(tmp_path / "news.txt")], stderr=subprocess.PIPE, text=True,
                          cwd=ROOT, preexec_fn=lambda: os.close(1))
    assert done.returncode == 2 and done.stderr.strip() == "okg extract: standard output is closed; give -o FILE"


@pytest.mark.parametrize("command", ["extract", "load"])
def test_unknown_engines_and_impossible_dates_are_usage_errors(command, tmp_path):
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    for args, words in [(["--engine", "nope"], "invalid choice: 'nope'"), (["--date", "2022-02-30"], "is not a calendar date")]:
        done = okg(command, str(tmp_path / "news.txt"), *args)
        assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


def test_a_day_that_is_none_stays_as_written(tmp_path):
    """2月30日 in a text of 2022 is no day: the event keeps the date as written, and the article is extracted."""
    (tmp_path / "news.txt").write_text("本报讯 2月30日，全县安全生产工作会议召开。县长韩立新主持会议。", encoding="utf-8")
    done = okg("extract", str(tmp_path / "news.txt"), "--date", "2022-04-01", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    (article,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["date"] for e in article["events"]] == ["2月30日"]


def test_a_failing_engine_leaves_nothing_on_standard_output(tmp_path):
    """hanlp2 without its package (or model) cannot start: one line, and no half JSON page."""
    pytest.importorskip("okg.extract.engines.hanlp2")
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    done = okg("extract", str(tmp_path / "news.txt"), "--engine", "hanlp2", env={"OKG_HANLP2_MODEL": str(tmp_path / "no-such-model")})
    if done.returncode == 0:
        pytest.skip("hanlp2 ran here: nothing fails")
    assert done.returncode == 3 and done.stdout == "" and done.stderr.count("\n") == 1, done.stderr


def test_a_bad_data_folder_is_one_line_for_load_export_and_serve(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    (corrupt / "graph.json").write_text('{"nodes": [{"id": 1', encoding="utf-8")
    (tmp_path / "news.json").write_text(json.dumps({"id": "n1", "body": NEWS}, ensure_ascii=False), encoding="utf-8")
    for data, words in [(tmp_path / "file", "is a file, not a folder"), (corrupt, "is not a graph okg wrote")]:
        for args in (["load", str(tmp_path / "news.json")], ["export", "--format", "json", "-o", str(tmp_path / "x.json")], ["serve", "--port", "0"]):
            done = okg(*args, env={"OKG_DATA_DIR": str(data)})
            assert done.returncode != 0 and words in done.stderr and done.stderr.count("\n") == 1, (args, done.stderr)


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []


@pytest.fixture(scope="module")
def as_nobody():
    """The command prefix that runs okg as a user without root's rights (as root everything is readable
    and writable). Skipped where that user cannot extract a readable file at all (a clone inside a
    private folder such as mktemp's, a Java that only root can reach): the skip says why."""
    folder = Path(tempfile.mkdtemp(prefix="okg-as-nobody-"))
    try:
        (folder / "good.txt").write_text(NEWS, encoding="utf-8")
        (folder / "good.txt").chmod(0o644)
        folder.chmod(0o755)
        probe = subprocess.run([*AS_NOBODY, sys.executable, "-m", "okg.cli", "extract", str(folder / "good.txt"), "--format", "jsonl"],
                               capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        shutil.rmtree(folder)
    if probe.returncode != 0 or len(probe.stdout.splitlines()) != 1:
        pytest.skip(f"user nobody cannot run okg extract from {ROOT} (exit {probe.returncode}): {probe.stderr.strip().splitlines()[-1:]}")
    return AS_NOBODY


def test_unreadable_files_and_folders_inside_a_folder_are_one_line_each(as_nobody):
    """Mode 000: unreadable by anyone but root, and the extract runs as nobody when the tests run as root."""
    folder = Path(tempfile.mkdtemp(prefix="okg-unreadable-"))
    try:
        (folder / "sub").mkdir()
        for name in ("good.txt", "secret.txt", "sub/inside.txt"):
            (folder / name).write_text(NEWS, encoding="utf-8")
            (folder / name).chmod(0o644)
        (folder / "secret.txt").chmod(0o000)
        (folder / "sub").chmod(0o000)
        folder.chmod(0o755)
        done = subprocess.run([*as_nobody, sys.executable, "-m", "okg.cli", "extract", str(folder), "--format", "jsonl"],
                              capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        (folder / "sub").chmod(0o700)  # so that rmtree can go in when the tests do not run as root
        shutil.rmtree(folder)
    assert (done.returncode, len(done.stdout.splitlines())) == (1, 1), done.stderr
    assert error_lines(done.stderr) == [f"okg extract: error: {folder / 'secret.txt'}: cannot read (Permission denied)",
                                        f"okg extract: error: {folder / 'sub'}: cannot read (Permission denied)"], done.stderr


def test_the_tests_write_to_their_own_data_folder():
    """tests/conftest.py points OKG_DATA_DIR (for this process and every okg it starts) away from data/."""
    from okg.config import Settings

    data_dir = Settings.from_env().data_dir.resolve()
    assert data_dir != (ROOT / "data").resolve() and data_dir.is_relative_to(Path(tempfile.gettempdir()).resolve())


def test_a_read_only_data_folder_is_one_line(as_nobody):
    """As root every folder is writable: the load then runs as nobody (in a folder nobody can reach)."""
    folder = Path(tempfile.mkdtemp(prefix="okg-read-only-"))
    try:
        data = folder / "data"
        data.mkdir()
        (folder / "news.json").write_text(json.dumps({"id": "n1", "body": NEWS}, ensure_ascii=False), encoding="utf-8")
        (folder / "news.json").chmod(0o644)
        folder.chmod(0o755)
        data.chmod(0o555)
        done = subprocess.run([*as_nobody, sys.executable, "-m", "okg.cli", "load", str(folder / "news.json")], capture_output=True,
                              text=True, cwd=ROOT, env={**os.environ, "OKG_DATA_DIR": str(data)}, timeout=300)
    finally:
        shutil.rmtree(folder)
    assert done.returncode == 3 and done.stderr.strip() == f"okg load: stopped: cannot write to the data folder {data}: Permission denied"


def _small_files():
    """Files of at most 4 KiB: a write past that fails (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_save_that_cannot_be_written_leaves_the_graph_as_it_was(tmp_path):
    data = tmp_path / "data"
    first = tmp_path / "first.json"
    first.write_text(json.dumps({"id": "n1", "body": "县长赵明出席会议。", "persons": [{"name": "赵明"}]}, ensure_ascii=False), encoding="utf-8")
    assert okg("load", str(first), env={"OKG_DATA_DIR": str(data)}).returncode == 0
    before = (data / "graph.json").read_bytes()
    many = tmp_path / "many.jsonl"
    many.write_text("\n".join(json.dumps({"id": f"m{i}", "body": NEWS + str(i)}, ensure_ascii=False) for i in range(50)), encoding="utf-8")
    done = okg("load", str(many), env={"OKG_DATA_DIR": str(data)}, preexec_fn=_small_files)
    assert done.returncode == 3 and done.stderr.strip() == f"okg load: stopped: cannot save {data / 'graph.json'}: File too large; it is left as it was"
    assert (data / "graph.json").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == [".lock", "graph.json"]


def test_leftovers_of_a_save_that_died_are_removed_by_the_next_load(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (data / f".graph.{dead}.tmp").write_text('{"version":1,"nodes":[', encoding="utf-8")
    (tmp_path / "news.json").write_text(json.dumps({"id": "n1", "body": NEWS}, ensure_ascii=False), encoding="utf-8")
    assert okg("load", str(tmp_path / "news.json"), env={"OKG_DATA_DIR": str(data)}).returncode == 0
    assert sorted(p.name for p in data.iterdir()) == [".lock", "graph.json"]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_until_idle(proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until the process has used no CPU for a second (it waits for more input)."""
    deadline, last = time.monotonic() + timeout, -1.0
    while time.monotonic() < deadline:
        time.sleep(1)
        now = _cpu_seconds(proc.pid)
        if now == last:
            return
        last = now
    raise AssertionError("the load never waited for input")


def test_sigterm_to_an_embedded_load_keeps_the_articles_already_loaded(tmp_path):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "okg.cli", "load", "-"], stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "OKG_DATA_DIR": str(data)})
    names = ["周建军", "钱学军", "孙立军"]
    for i, name in enumerate(names):
        proc.stdin.write(json.dumps({"id": f"t{i}", "text": NEWS.replace("周建军", name), "source": f"feed-{i}"}, ensure_ascii=False) + "\n")
    proc.stdin.flush()
    _wait_until_idle(proc)  # all three read; the last waits for its neighbours (graph/build.py sibling_runs)
    proc.terminate()
    stderr = proc.communicate(timeout=60)[1]
    assert proc.returncode == 143 and stderr.strip().endswith("okg load: terminated; the articles loaded before are kept "
                                                                 "(load the same inputs again to finish: those are skipped)"), stderr
    people = {p.name for p in EmbeddedStore(data_dir=data).find_people(None, limit=100, offset=0).items}
    assert {"周建军", "钱学军"} <= people


def test_neo4j_that_does_not_answer_is_one_line(tmp_path):
    with socket.socket() as s:  # a port where nothing listens: bound, never listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        (tmp_path / "news.json").write_text(json.dumps({"id": "n1", "body": NEWS}, ensure_ascii=False), encoding="utf-8")
        done = okg("load", str(tmp_path / "news.json"), "--store", "neo4j",
                   env={"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "any-password"})
    assert done.returncode == 3 and done.stderr.count("\n") == 1 and f"Neo4j at bolt://127.0.0.1:{port} is unreachable" in done.stderr


def test_neo4j_without_a_password_is_one_line(tmp_path):
    """No NEO4J_PASSWORD and no local instance that made one: said before anything is tried."""
    (tmp_path / "news.json").write_text(json.dumps({"id": "n1", "body": NEWS}, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_PASSWORD"}
    env["OKG_NEO4J_DIR"] = str(tmp_path / "never-started")
    done = subprocess.run([sys.executable, "-m", "okg.cli", "load", str(tmp_path / "news.json"), "--store", "neo4j"], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 3 and done.stderr.count("\n") == 1, done.stderr
    assert f"set NEO4J_PASSWORD, or start the local Neo4j with `scripts/neo4j-local start`, which keeps its own in {tmp_path}" in done.stderr
