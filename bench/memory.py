"""Peak memory and time of `okg extract` by input size: prints one line per case.

    .venv/bin/python bench/memory.py                      # the default cases below
    .venv/bin/python bench/memory.py --cases jsonl50      # 50 MiB of articles (long: about 12 minutes)
    .venv/bin/python bench/memory.py --cases 1 --engine lac

Cases: `N` is one text file of about N MiB holding many synthetic articles (bench/corpus.py, OCR
noise as on a county newspaper page); `jsonlN` is the same articles as about N MiB of JSONL records
(`{"id", "text", "date", "source"}`, one article each, read and extracted one at a time);
`singleN` is one article of about N MiB (N may be 1.9) (one headline and dateline, then the paragraphs of many
articles; read in windows, extract/pipeline.WINDOW_CHARS). One text over
extract/inputs.MAX_TEXT_BYTES (6 MiB) is refused with a one-line error, which the `stderr` column
shows. Each case runs `okg extract FILE --format jsonl -o OUT` in its own process; inputs are made
once in --work and reused. Per case: wall time (`seconds`) and the CPU time of the process and its
children (`cpu_seconds`, steadier when the machine is busy: `load` is its 1-minute load average at
the start); `peak_rss_mib`, ru_maxrss of the largest process (the command's own, with the JVM of
the HanLP engine, or one of its workers'), and `tree_peak_rss_mib`, the peak of the resident sets
of the command and all its worker processes summed (where `okg extract` starts workers, a JSONL
input on a machine of several cores or --jobs, each has its own engine).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

MIB = 1024 * 1024
DATELINE = re.compile(r"^本报讯\s*\S*?日[，,]\s*")


def many_articles(size: int, jsonl: bool = False, seed: int = 1) -> str:
    """About `size` bytes (UTF-8) of county news pages, many articles; as JSONL records with `jsonl`."""
    from corpus import article_id, pages

    out, total = [], 0
    for page in pages(None, seed, chars=size, swap_rate=0.0 if jsonl else 0.1):
        for draft, printed in page:
            if jsonl:
                record = {"id": article_id(printed), "text": printed, "date": draft.day.isoformat(), "source": f"{draft.county.name}报"}
                printed = json.dumps(record, ensure_ascii=False)
            out.append(printed)
            total += len(printed.encode("utf-8")) + 1
        if total >= size:
            break
    return "\n".join(out) + "\n"


def single_article(size: int, seed: int = 1) -> str:
    """One article of about `size` bytes: the first article whole, then the paragraphs of others
    without their headlines, datelines and bylines, so nothing starts a new article."""
    from corpus import drafts

    parts, total = [], 0
    for i, draft in enumerate(drafts(None, seed, chars=size)):
        lines = [ln for ln in draft.text().split("\n") if ln.strip()]
        if i:
            lines = [DATELINE.sub("", ln) for ln in lines[1:-1] if len(ln) > 30]
        block = "\n".join(lines)
        parts.append(block)
        total += len(block.encode("utf-8")) + 1
        if total >= size:
            break
    return "\n".join(parts)


def make_input(case: str, work: Path) -> Path:
    shape = case.rstrip("0123456789.")
    size = int(float(case[len(shape):]) * MIB)
    path = work / f"memory-{case}.{'jsonl' if shape == 'jsonl' else 'txt'}"
    if not path.exists():
        text = single_article(size) if shape == "single" else many_articles(size, jsonl=shape == "jsonl")
        path.write_text(text, encoding="utf-8")
    return path


# A fresh parent per case: RUSAGE_CHILDREN's ru_maxrss is the largest of all children waited for,
# so one parent running several cases would report the biggest case for every later one. The tree's
# peak is sampled (every 0.1 s, from /proc: the resident sets of the child and all its descendants
# summed), so a peak shorter than that may be missed; ru_maxrss misses nothing but is one process's.
MEASURE = """
import os, resource, subprocess, sys, tempfile, time

def tree_rss_kib(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(ln.split()[1]) for ln in f if ln.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total

with tempfile.TemporaryFile("w+") as err:
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=err, text=True)
    tree_peak = 0
    while child.poll() is None:
        tree_peak = max(tree_peak, tree_rss_kib(child.pid))
        time.sleep(0.1)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(usage.ru_maxrss)
    print(tree_peak)
    print(round(usage.ru_utime + usage.ru_stime, 1))
    print(child.returncode)
    err.seek(0)
    sys.stdout.write(err.read())
"""


def run_case(path: Path, engine: str, work: Path) -> dict:
    """Run okg extract on `path` in a child process; its peak RSS, time, articles and exit code."""
    out = work / f"{path.name}.out.jsonl"
    command = [sys.executable, "-m", "okg.cli", "extract", str(path), "--engine", engine, "--format", "jsonl", "-o", str(out)]
    load = os.getloadavg()[0]
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds = time.monotonic() - started
    peak_kib, tree_kib, cpu_seconds, returncode, *stderr = done.stdout.splitlines()
    articles = sum(1 for _ in out.open(encoding="utf-8")) if out.exists() else 0
    said = [ln for ln in stderr if ": error: " in ln] or [ln for ln in stderr if ln.strip()] or [""]
    last = said[-1]
    return {
        "input": path.name,
        "mib": round(path.stat().st_size / MIB, 2),
        "articles": articles,
        "seconds": round(seconds, 1),
        "cpu_seconds": float(cpu_seconds),
        "peak_rss_mib": round(int(peak_kib) / 1024, 1),
        "tree_peak_rss_mib": round(int(tree_kib) / 1024, 1),
        "load": round(load, 2),
        "exit": int(returncode),
        "stderr": last,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", default="1,5,jsonl1,jsonl5,single1,single5", help="comma-separated: N, jsonlN or singleN (MiB)")
    ap.add_argument("--engine", default="hanlp")
    ap.add_argument("--work", default=str(ROOT / "out" / "bench-memory"), help="folder for inputs and outputs")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    for case in args.cases.split(","):
        row = run_case(make_input(case.strip(), work), args.engine, work)
        print(json.dumps(row, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
