"""Extraction speed and memory per engine, end to end, on one core.

    python bench/extract.py                              # hanlp, lac and hanlp2 on a 1,000,000-char corpus
    python bench/extract.py --engines hanlp,lac --chars 2000000 --seed 3
    python bench/extract.py --corpus out/corpus.jsonl    # any corpus: a .txt page, a .jsonl, or a folder of pages
    python bench/extract.py --jobs 1,2                   # okg extract's chars/s with 1 and 2 worker processes
    python bench/extract.py --cluster local:2            # okg extract --cluster's chars/s on a local Dask cluster of 2 workers

What is timed, per engine: reading the inputs (files decoded as the `okg extract` command reads
them), page repair, splitting into articles and extraction with the engine, i.e. everything
`okg.extract.pipeline.extract_text` does, page by page. Starting the engine (the JVM, a model) is
timed apart ("load") and left out of chars/s. The corpus is made by bench/corpus.py (default:
`--chars 1000000 --seed 1`, written as pages to out/bench-corpus-<chars>-<seed>/, made once and
reused), so it holds at least 1,000,000 characters (about 3 MB of UTF-8).

Each engine runs in a child process of its own, pinned to one CPU (`--cores 1`, through
sched_setaffinity, so the JVM's threads share that core too), so memory figures do not mix:
- `rss_peak`: the child's peak resident set (getrusage ru_maxrss): Python, native libraries and,
  for hanlp, the whole JVM;
- `rss_load`: the resident set just after the engine was started (the JVM or model at rest);
- `py_peak`: the peak of Python's own allocations (tracemalloc) over a second, untimed pass
  on the first `--trace-pages` pages (tracemalloc slows Python down, so it is kept out of the timing);
- `jvm_heap`: the JVM heap in use / committed at the end (hanlp only; the JVM's memory outside its
  heap is in rss_peak).
`chars/s` is characters of input over wall-clock seconds; `chars/cpu-s` is over the child's CPU
seconds, which is steadier when the machine is busy with other work. Each engine runs `--repeat`
times (default 3), each run in a fresh process; the table shows the median run, and the chars/s of
every run are printed below it.

An engine that is not installed is skipped with a one-line note.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_ENGINES = "hanlp,lac,hanlp2"


# --- the corpus ------------------------------------------------------------------------------------


def ensure_corpus(chars: int, seed: int) -> Path:
    """The default corpus: bench/corpus.py's pages, made once under out/."""
    folder = ROOT / "out" / f"bench-corpus-{chars}-{seed}"
    done = folder / ".complete"
    if not done.exists():
        subprocess.run(
            [sys.executable, str(HERE / "corpus.py"), "--chars", str(chars), "--seed", str(seed), "--format", "pages", "-o", str(folder)],
            check=True,
        )
        done.write_text("ok\n")
    return folder


def corpus_files(corpus: Path) -> list[Path]:
    if corpus.is_dir():
        return sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [corpus]


def read_docs(paths: list[Path]):
    """(text, source, date, id) of every input, read as `okg extract` reads them."""
    from okg.extract.inputs import InputError, read_inputs

    for doc in read_inputs([str(p) for p in paths]):
        if isinstance(doc, InputError):
            print(f"  skipped input: {doc}", file=sys.stderr)
            continue
        yield doc.text, doc.source, doc.date, doc.id


# --- one engine, in its own process ----------------------------------------------------------------


def _rss_now_kb() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _jvm_heap() -> tuple[int, int] | None:
    try:
        import jpype

        if not jpype.isJVMStarted():
            return None
        rt = jpype.JClass("java.lang.Runtime").getRuntime()
        total, free = int(rt.totalMemory()), int(rt.freeMemory())
        return total - free, total
    except Exception:
        return None


def run_one(engine_name: str, corpus: Path, cores: int, trace_pages: int, home: str | None, date: str | None, warmup: int = 0) -> dict:
    if cores and hasattr(os, "sched_setaffinity"):
        allowed = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, set(allowed[:cores]))
    from okg.extract.engines import EngineUnavailable, get_engine
    from okg.extract.pipeline import extract_text
    from okg.heap import settle_extraction

    rss_base = _rss_now_kb()
    t0 = time.perf_counter()
    try:
        engine = get_engine(engine_name)
        engine.tokenize("县委书记解芳出席会议并讲话。")  # the first call loads dictionaries and models
    except EngineUnavailable as e:
        return {"engine": engine_name, "skipped": str(e).splitlines()[0]}
    load_s = time.perf_counter() - t0
    rss_load = _rss_now_kb()

    paths = corpus_files(corpus)
    # Warm up, untimed: the JVM compiles HanLP's hot paths during the first seconds (its optimizing
    # compiler, C2, over the first few hundred pages), and a real run over a newspaper archive goes on
    # far longer than that: the steady state is what is measured (JMH-style warm-up iterations).
    for k, (text, source, doc_date, _) in enumerate(read_docs(paths)):
        if k >= warmup:
            break
        extract_text(text, source=source, engine=engine_name, home=home, date=doc_date or date)
        settle_extraction()
    n_chars = n_bytes = n_docs = n_articles = n_persons = n_events = n_roles = 0
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t1 = time.perf_counter()
    for text, source, doc_date, _ in read_docs(paths):
        articles = extract_text(text, source=source, engine=engine_name, home=home, date=doc_date or date)
        settle_extraction()  # as okg extract does after its first text (okg/heap.py)
        n_docs += 1
        n_chars += len(text)
        n_bytes += len(text.encode("utf-8"))
        n_articles += len(articles)
        for a in articles:
            n_persons += len(a.persons)
            n_events += len(a.events)
            n_roles += sum(len(p.roles) for e in a.events for p in e.participants)
    wall = time.perf_counter() - t1
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    heap = _jvm_heap()

    # Python's own peak, on a sample, untimed
    import tracemalloc

    tracemalloc.start()
    for k, (text, source, doc_date, _) in enumerate(read_docs(paths[:trace_pages] if len(paths) > 1 else paths)):
        extract_text(text, source=source, engine=engine_name, home=home, date=doc_date or date)
        if len(paths) == 1 and k + 1 >= trace_pages:
            break
    py_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    return {
        "engine": engine_name,
        "docs": n_docs,
        "chars": n_chars,
        "bytes": n_bytes,
        "articles": n_articles,
        "persons": n_persons,
        "events": n_events,
        "roles": n_roles,
        "load_s": round(load_s, 2),
        "warmup": warmup,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "chars_per_s": round(n_chars / wall) if wall else None,
        "chars_per_cpu_s": round(n_chars / cpu) if cpu else None,
        "rss_base_mb": round(rss_base / 1024, 1),
        "rss_load_mb": round(rss_load / 1024, 1),
        "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "py_peak_mb": round(py_peak / 2**20, 1),
        "jvm_heap_used_mb": round(heap[0] / 2**20, 1) if heap else None,
        "jvm_heap_committed_mb": round(heap[1] / 2**20, 1) if heap else None,
        "cores": cores,
    }


# --- the report ------------------------------------------------------------------------------------


def report(results: list[dict]) -> str:
    rows = [r for r in results if "skipped" not in r]
    lines = []
    if rows:
        r0 = rows[0]
        lines.append(
            f"corpus: {r0['docs']} inputs, {r0['chars']:,} chars ({r0['bytes'] / 1e6:.2f} MB UTF-8); "
            f"end to end (read + repair + split + extract) on {r0['cores'] or 'all'} core(s), "
            f"after {r0.get('warmup', 0)} inputs of untimed warm-up"
        )
        head = f"{'engine':<8} {'chars/s':>9} {'chars/cpu-s':>11} {'wall s':>7} {'load s':>6} {'rss peak':>9} {'rss load':>9} {'py peak':>8} {'jvm heap':>13} {'articles':>8} {'persons':>8} {'events':>7} {'roles':>7}"
        lines.append(head)
        for r in rows:
            jvm = f"{r['jvm_heap_used_mb']:.0f}/{r['jvm_heap_committed_mb']:.0f} MB" if r["jvm_heap_used_mb"] is not None else "-"
            lines.append(
                f"{r['engine']:<8} {r['chars_per_s']:>9,} {r['chars_per_cpu_s']:>11,} {r['wall_s']:>7.1f} {r['load_s']:>6.1f} "
                f"{r['rss_peak_mb']:>6.0f} MB {r['rss_load_mb']:>6.0f} MB {r['py_peak_mb']:>5.1f} MB {jvm:>13} "
                f"{r['articles']:>8} {r['persons']:>8} {r['events']:>7} {r['roles']:>7}"
            )
    for r in rows:
        if len(r.get("runs_chars_per_s", [])) > 1:
            lines.append(f"{r['engine']}: median of {len(r['runs_chars_per_s'])} runs; chars/s of each run: "
                         + ", ".join(f"{v:,}" for v in r["runs_chars_per_s"]))
    for r in results:
        if "skipped" in r:
            lines.append(f"{r['engine']}: skipped: {r['skipped']}")
    return "\n".join(lines)


def _median_run(runs: list[dict]) -> dict:
    """The run with the median chars/s, holding every run's chars/s (this machine's speed drifts by
    a quarter from one run to the next, so one run alone says little)."""
    done = sorted((r for r in runs if "skipped" not in r), key=lambda r: r["chars_per_s"])
    if not done:
        return runs[-1]
    median = dict(done[(len(done) - 1) // 2])
    median["runs_chars_per_s"] = [r["chars_per_s"] for r in runs if "skipped" not in r]
    return median


def scaling(corpus: Path, jobs: list[int], warmup: int) -> str:
    """chars/s of `okg extract --jobs N` over the corpus, each N in a fresh process pinned to N CPUs
    (unpinned, `--jobs 1` would have its JVM's compiler and collector threads run on the other core
    for free), measured twice:
    - end to end: engines started, inputs read, extracted, articles given back in order, as a user's
      run of that corpus takes;
    - warm: after each engine extracted `warmup` pages untimed, as the one-engine figures are taken
      (a run over an archive goes on long past the JVMs' start and their compilers' first minutes)."""
    chars = sum(len(doc[0]) for doc in read_docs(corpus_files(corpus)))
    lines = [f"corpus: {chars:,} chars; okg extract --jobs N on N CPUs"]
    for mode, title in (("cold", "end to end (engines started inside the time)"), ("warm", f"warm (each engine extracted {warmup} pages first)")):
        lines.append(title + ":")
        first = None
        for n in jobs:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--jobs-one", str(n), "--corpus", str(corpus),
                   "--warmup", str(warmup if mode == "warm" else 0)]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode:
                lines.append(f"  --jobs {n}: failed: {proc.stderr.strip().splitlines()[-1:]}")
                continue
            seconds, articles = json.loads(proc.stdout.strip().splitlines()[-1])
            rate = chars / seconds
            first = first or rate
            lines.append(f"  --jobs {n}: {rate:,.0f} chars/s, {articles} articles, {rate / first:.2f}x --jobs {jobs[0]}")
    return "\n".join(lines)


def on_cluster(corpus: Path, address: str) -> str:
    """chars/s of okg extract --cluster (extract/cluster.py) over the corpus, end to end: the cluster
    (for local:N) and its engines started, inputs listed, read and extracted on the workers, articles
    given back in order; and when the first article came back, which is about the start-up."""
    from okg.extract.cluster import extract_on_cluster
    from okg.extract.cluster_tasks import Settings

    chars = sum(len(doc[0]) for doc in read_docs(corpus_files(corpus)))
    problems, first, articles = [], None, 0
    start = time.perf_counter()
    for _ in extract_on_cluster([str(corpus)], address, Settings("hanlp"), problems.append):
        first = first or time.perf_counter() - start
        articles += 1
    elapsed = time.perf_counter() - start
    return (f"corpus: {chars:,} chars; okg extract --cluster {address} end to end (cluster and engines started inside the time)\n"
            f"--cluster {address}: {chars / elapsed:,.0f} chars/s, {articles} articles, {elapsed:.1f} s "
            f"(first article after {first or 0:.1f} s), {len(problems)} inputs skipped")


def run_jobs(corpus: Path, jobs: int, warmup: int) -> tuple[float, int]:
    """Seconds and articles of `okg extract --jobs N`'s extraction over the corpus, on `jobs` CPUs (its
    workers inherit the affinity). `warmup` 0: extract_paths, end to end. Else the engines (one
    process's, or each worker's) first extract `warmup` pages each, untimed, then the clock runs over
    the whole corpus, read and extracted as extract_paths does."""
    from okg.extract import parallel
    from okg.extract.inputs import read_inputs
    from okg.extract.stream import _extract, extract_paths

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:jobs]))
    if not warmup:
        start = time.perf_counter()
        articles = sum(1 for _ in extract_paths([str(corpus)], jobs=jobs))
        return time.perf_counter() - start, articles
    paths = [str(p) for p in corpus_files(corpus)]
    warm = list(read_inputs(paths[:warmup]))
    if jobs == 1:
        for doc in warm:
            _extract(doc, "hanlp", None, None, True)
        start = time.perf_counter()
        articles = sum(len(_extract(doc, "hanlp", None, None, True)) for doc in read_inputs(paths))
        return time.perf_counter() - start, articles
    pool = parallel.start_pool(jobs, "hanlp", None, None, True)
    list(pool.map(parallel.work, warm * jobs))  # about `warmup` pages to each worker (their results left pickled)
    start = time.perf_counter()
    results = parallel.extract_in_order(read_inputs(paths), jobs, pool, None, _workers_lost)
    articles = sum(len(r) for r in results)
    return time.perf_counter() - start, articles


def _workers_lost(why: str) -> None:
    raise SystemExit(f"bench/extract.py: {why}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default=DEFAULT_ENGINES, help=f"comma-separated (default {DEFAULT_ENGINES})")
    ap.add_argument("--corpus", help="a .txt page, a .jsonl, or a folder of pages (default: made by bench/corpus.py)")
    ap.add_argument("--chars", type=int, default=1_000_000, help="size of the default corpus")
    ap.add_argument("--seed", type=int, default=1, help="seed of the default corpus")
    ap.add_argument("--cores", type=int, default=1, help="CPUs each engine's process may use (0: all)")
    ap.add_argument("--warmup", type=int, default=300,
                    help="inputs extracted untimed first, so the JVM has compiled its hot paths (default 300, about 300,000 chars; 0: none)")
    ap.add_argument("--trace-pages", type=int, default=30, help="pages of the untimed tracemalloc pass")
    ap.add_argument("--home", help="home county passed to extract_text")
    ap.add_argument("--date", help="YYYY-MM-DD passed to extract_text")
    ap.add_argument("--repeat", type=int, default=3, help="runs per engine, each in a fresh process; the median is reported (default 3)")
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--jobs", help="instead: chars/s of okg extract at these numbers of worker processes, e.g. 1,2")
    ap.add_argument("--cluster", help="instead: chars/s of okg extract --cluster ADDRESS (local:2, tcp://HOST:8786)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child mode: run one engine, print JSON
    ap.add_argument("--jobs-one", type=int, help=argparse.SUPPRESS)  # child mode: one --jobs run, print JSON
    args = ap.parse_args(argv)

    corpus = Path(args.corpus) if args.corpus else None
    if args.jobs_one:
        print(json.dumps(run_jobs(corpus, args.jobs_one, args.warmup)))
        return 0
    if args.one:
        result = run_one(args.one, corpus, args.cores, args.trace_pages, args.home, args.date, args.warmup)
        print(json.dumps(result, ensure_ascii=False))
        return 0

    if corpus is None:
        corpus = ensure_corpus(args.chars, args.seed)
    elif not corpus.exists():
        print(f"no such corpus: {corpus}", file=sys.stderr)
        return 2
    if args.jobs or args.cluster:
        if args.jobs:
            print(scaling(corpus, [int(n) for n in args.jobs.split(",")], args.warmup))
        if args.cluster:
            print(on_cluster(corpus, args.cluster))
        return 0
    results = []
    for name in [e.strip() for e in args.engines.split(",") if e.strip()]:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name, "--corpus", str(corpus),
               "--cores", str(args.cores), "--trace-pages", str(args.trace_pages), "--warmup", str(args.warmup)]
        if args.home:
            cmd += ["--home", args.home]
        if args.date:
            cmd += ["--date", args.date]
        runs = []
        for k in range(args.repeat):
            print(f"running {name} ({k + 1}/{args.repeat}) ...", file=sys.stderr)
            proc = subprocess.run(cmd, capture_output=True, text=True)
            last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
            try:
                run = json.loads(last)
            except json.JSONDecodeError:
                err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
                run = {"engine": name, "skipped": f"failed (exit {proc.returncode}): {err}"}
            runs.append(run)
            if "skipped" in run:
                break
        results.append(_median_run(runs))
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
