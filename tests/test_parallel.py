"""okg extract / okg load --jobs N: worker processes with an engine each (real HanLP JVMs), the same
facts in the same order as one process, a bad input still one line."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ITEMS = [
    "本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长陈立新主持会议。",
    "本报讯 4月2日，市委常委、宣传部部长黄晓明到我县调研文化工作。县委书记周建军陪同。",
    "本报讯 3月25日，副县长王海深入城关镇西关村，实地察看人居环境整治情况。",
]


def _okg(*args, cwd):
    return subprocess.run([sys.executable, "-m", "okg.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_two_workers_give_what_one_process_gives(tmp_path):
    folder = tmp_path / "items"
    folder.mkdir()
    for i, text in enumerate(ITEMS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (folder / "3.txt").write_bytes((ROOT / "fixtures" / "000_04f34b3896c38351.txt").read_bytes())
    (folder / "4-empty.txt").write_text("", encoding="utf-8")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        done = _okg("extract", str(folder), "--jobs", jobs, "--format", "jsonl", "-o", str(out), cwd=tmp_path)
        assert done.returncode == 1, done.stderr  # one input skipped
        assert [line for line in done.stderr.splitlines() if "4-empty.txt" in line] != []
        assert len([line for line in done.stderr.splitlines() if "4-empty.txt" in line]) == 1
        runs[jobs] = out.read_text(encoding="utf-8")
    assert runs["1"] == runs["2"]
    sources = [json.loads(line)["source"] for line in runs["2"].splitlines()]
    assert [Path(s).name for s in sources] == ["0.txt", "1.txt", "2.txt", "3.txt", "3.txt", "3.txt"]


def test_a_load_with_workers_loads_the_seed(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "okg.cli", "load", str(ROOT / "fixtures"), "--jobs", "2", "--store", "embedded"],
        capture_output=True, text=True, timeout=300, env={**__import__("os").environ, "OKG_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert "77 nodes and 125 relationships" in done.stderr


def test_jobs_must_be_a_positive_number(tmp_path):
    done = _okg("extract", str(ROOT / "fixtures"), "--jobs", "0", cwd=tmp_path)
    assert done.returncode == 2 and "not a number of worker processes" in done.stderr


def test_facts_come_back_from_a_worker_as_they_were_made():
    """Workers send facts pickled (okg/facts.py Fact.__reduce__): equal, the same JSON, nested models
    still models, and a changed copy leaves the original alone."""
    import pickle

    sys.path.insert(0, str(ROOT / "tests"))
    from factories import seed

    articles = seed()
    back = pickle.loads(pickle.dumps(articles))
    assert back == articles and [a.model_dump_json() for a in back] == [a.model_dump_json() for a in articles]
    assert type(back[0].events[0].participants[0].evidence[0]) is type(articles[0].events[0].participants[0].evidence[0])
    changed = back[0].model_copy(update={"home": "130000"})
    assert back[0].home == articles[0].home and changed.home == "130000"


def _worker_pids(parent: int) -> list[int]:
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children if "multiprocessing" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
            and "resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")]


def test_a_worker_killed_mid_run_loses_nothing(tmp_path):
    """SIGKILL to a worker: one warning line, the inputs not done yet are extracted in the parent,
    and the output is what one process gives."""
    import signal
    import time

    folder = tmp_path / "items"
    folder.mkdir()
    page = (ROOT / "fixtures" / "000_04f34b3896c38351.txt").read_text(encoding="utf-8")
    for i in range(150):
        (folder / f"{i:03}.txt").write_text(page.replace("县委", f"县委{i}" if i % 7 == 0 else "县委", 1), encoding="utf-8")
    alone = _okg("extract", str(folder), "--jobs", "1", "--format", "jsonl", cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    run = subprocess.Popen([sys.executable, "-m", "okg.cli", "extract", str(folder), "--jobs", "2", "--format", "jsonl"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    first = run.stdout.readline()  # the workers are running: the first results are back
    workers = []
    deadline = time.monotonic() + 60
    while not workers and run.poll() is None and time.monotonic() < deadline:
        workers = _worker_pids(run.pid)
    assert workers, "the run was over (or had no workers) before a worker could be killed"
    os.kill(workers[0], signal.SIGKILL)
    rest, stderr = run.stdout.read(), run.stderr.read()  # (communicate would skip what readline buffered)
    run.wait(timeout=300)
    assert run.returncode == 0, stderr
    assert first + rest == alone.stdout
    assert len([line for line in stderr.splitlines() if "worker processes stopped" in line]) == 1, stderr
