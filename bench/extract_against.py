"""Extraction speed of this checkout against another commit's, measured side by side on one core.

    python bench/extract_against.py b06c977                    # the bench corpus (bench/extract.py's)
    python bench/extract_against.py HEAD~5 --warmup 100 --block 40 --cpu 1
    python bench/extract_against.py b06c977 --corpus out/pages/   # a folder of .txt pages
    python bench/extract_against.py b06c977 --this HEAD~20        # two commits, neither this checkout

Why: on a shared machine the speed of one run drifts by a fifth from one minute to the next, so two
bench/extract.py runs made one after the other cannot show a change of a few percent, nor say what
a chars/s target set on another machine means here. So both versions run at once, each in a process
of its own pinned to the same CPU, and take turns, `--turn` pages at a time (which goes first swaps
every turn): whatever the machine does meanwhile, it does to both.

What is compared: `extract_text` of each page (repair, splitting, the engine, the readers), after
`--warmup` pages untimed (the JVM compiles HanLP's hot paths over the first few hundred pages).
Each process's CPU seconds over the timed pages, its JVM's compiler and collector threads included,
give its chars/cpu-s. The ratio (this checkout over the other) comes with a 95% interval: a
bootstrap over blocks of `--block` pages. Pages are read as UTF-8 text by both sides
alike, so input decoding is left out.

The other commit is taken with `git archive` into out/against/<commit>/ and imported from there as
the `okg` package (laid out by the package-dir of its own pyproject.toml), in this checkout's
virtualenv.

Both sides share one core and its caches: a side takes `--turn` pages in a row, so each finds its
own data in the caches again after the first page of its turn; the side with the larger working set
still pays a little more for the sharing than it would alone on a core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tarfile
import tomllib
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


# --- the other commit, as a package ------------------------------------------------------------------


def package_root(commit: str, workdir: Path) -> Path:
    """A folder holding the `okg` package as it stood at `commit` (made once under `workdir`, then reused)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{commit}^{{commit}}"],
                         capture_output=True, text=True)
    if sha.returncode != 0:
        sys.exit(f"extract_against: {commit!r} is not a commit of this repository")
    sha = sha.stdout.strip()
    folder = workdir / sha[:12]
    done = folder / ".complete"
    if not done.exists():
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", sha], capture_output=True, check=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder / "src", filter="data")
        _lay_out_package(folder)
        done.write_text(sha + "\n")
    return folder / "pkg"


def _lay_out_package(folder: Path) -> None:
    """pkg/okg/... made of links into src/, as the commit's pyproject maps its folders to packages."""
    src = folder / "src"
    mapping = tomllib.loads((src / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    for package, directory in sorted(mapping.items()):
        target = folder / "pkg" / Path(*package.split("."))
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(src / directory, target_is_directory=True)


# --- one side: a worker process ------------------------------------------------------------------------


def worker(cpu: int) -> None:
    """Extract the pages named on stdin, one JSON line each; answer each with the process's CPU seconds."""
    os.sched_setaffinity(0, {cpu})  # before the JVM starts: its threads share the core
    from okg.extract.engines import get_engine
    from okg.extract.pipeline import extract_text

    engine = get_engine("hanlp")
    engine.tokenize("县委书记解芳出席会议并讲话。")
    try:
        from okg.heap import settle_extraction  # as `okg extract` does, where the commit has it
    except ImportError:
        settle_extraction = None
    print(json.dumps({"cpu": _cpu_seconds()}), flush=True)  # ready
    for line in sys.stdin:
        path = json.loads(line)["path"]
        articles = extract_text(Path(path).read_text(encoding="utf-8"), source=Path(path).name, engine="hanlp")
        if settle_extraction is not None:
            settle_extraction()
        print(json.dumps({"cpu": _cpu_seconds(), "articles": len(articles)}), flush=True)


def _cpu_seconds() -> float:
    """The process's CPU seconds so far, all its threads (the JVM's among them)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Side:
    """A worker process running one version's `okg`."""

    def __init__(self, label: str, package_root: Path | None, cpu: int):
        """`package_root` None: this checkout's `okg`, as installed."""
        self.label = label
        env = dict(os.environ, OKG_HANLP_JAR=os.environ.get("OKG_HANLP_JAR") or _hanlp_jar())
        if package_root is not None:
            env["PYTHONPATH"] = str(package_root)
        self.process = subprocess.Popen([sys.executable, __file__, "--worker", "--cpu", str(cpu)], cwd=package_root or ROOT,
                                        env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ready_cpu = self._answer()["cpu"]

    def extract(self, path: Path) -> dict:
        self.process.stdin.write(json.dumps({"path": str(path)}) + "\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            sys.exit(f"extract_against: the worker of {self.label} stopped (exit {self.process.wait()})")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _hanlp_jar() -> str:
    """This checkout's HanLP jar, for both sides (the other commit's folder has none)."""
    from okg.extract.engines.hanlp import find_jar

    return find_jar()


# --- the comparison ---------------------------------------------------------------------------------------


def compare(pages: list[Path], this: Path | None, other: Path, label: str, cpu: int, warmup: int, block: int, turn: int) -> dict:
    sides = {"this": Side("this", this, cpu), "other": Side(label, other, cpu)}
    chars = [len(p.read_text(encoding="utf-8")) for p in pages]
    cpu_at = {name: [side.ready_cpu] for name, side in sides.items()}  # each side's CPU seconds when ready and after each page
    try:
        for n, lo in enumerate(range(0, len(pages), turn)):
            for name in ("this", "other") if n % 2 == 0 else ("other", "this"):
                cpu_at[name] += [sides[name].extract(path)["cpu"] for path in pages[lo:lo + turn]]
            if (lo + turn) // 100 > lo // 100:
                print(f"  {min(lo + turn, len(pages))}/{len(pages)} pages", file=sys.stderr, flush=True)
    finally:
        for side in sides.values():
            side.close()
    return _figures(chars, cpu_at, warmup, block)


def _figures(chars: list[int], cpu_at: dict[str, list[float]], warmup: int, block: int) -> dict:
    """chars/cpu-s of each side over the timed pages, and the ratio with a 95% interval: the ratio
    over blocks of pages drawn again at random (a bootstrap of the blocks, seeded: the same run
    prints the same interval)."""
    def cost(name: str, lo: int, hi: int) -> float:  # CPU seconds of pages lo..hi-1 (cpu_at[name][k]: before page k)
        return cpu_at[name][hi] - cpu_at[name][lo]

    timed = sum(chars[warmup:])
    speed = {name: timed / cost(name, warmup, len(chars)) for name in cpu_at}
    blocks = [(cost("this", lo, lo + block), cost("other", lo, lo + block))
              for lo in range(warmup, len(chars) - block + 1, block)]
    figures = {"pages": len(chars) - warmup, "chars": timed, "this": speed["this"], "other": speed["other"],
               "ratio": speed["this"] / speed["other"], "blocks": len(blocks)}
    if len(blocks) >= 5:
        rng = random.Random(0)
        ratios = sorted(
            sum(o for _, o in drawn) / sum(t for t, _ in drawn)
            for drawn in (rng.choices(blocks, k=len(blocks)) for _ in range(2000))
        )
        figures["interval"] = (ratios[49], ratios[1949])
    return figures


def report(figures: dict, this: str, label: str, cpu: int, warmup: int) -> str:
    lines = [
        f"{figures['pages']} pages timed ({figures['chars']:,} chars) after {warmup} untimed, both sides on CPU {cpu}, taking turns",
        f"{this:<14} {figures['this']:>9,.0f} chars/cpu-s",
        f"{label:<14} {figures['other']:>9,.0f} chars/cpu-s",
        f"ratio          {figures['ratio']:>9.3f}",
    ]
    if "interval" in figures:
        low, high = figures["interval"]
        lines[-1] += f"  (95% interval {low:.3f}-{high:.3f} over {figures['blocks']} blocks of pages)"
    return "\n".join(lines)


def _at_least(least: int):
    """An argparse type: a whole number no smaller than `least`."""
    def whole(text: str) -> int:
        value = int(text)
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is less than {least}")
        return value
    return whole


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("commit", nargs="?", help="the commit to compare with (a hash, tag or HEAD~N)")
    ap.add_argument("--this", help="a commit to measure instead of this checkout")
    ap.add_argument("--corpus", type=Path, help="a folder of .txt pages (default: bench/extract.py's corpus)")
    ap.add_argument("--warmup", type=_at_least(0), default=300, help="pages extracted untimed first (default 300)")
    ap.add_argument("--block", type=_at_least(1), default=50, help="pages per block for the interval (default 50)")
    ap.add_argument("--turn", type=_at_least(1), default=10, help="pages a side extracts before the other takes its turn (default 10)")
    ap.add_argument("--cpu", type=int, default=0, help="the CPU both sides are pinned to (default 0)")
    ap.add_argument("--workdir", type=Path, default=ROOT / "out" / "against", help="where commits are unpacked (default out/against/)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.cpu)
        return 0
    if not args.commit:
        ap.error("give the commit to compare with")
    other = package_root(args.commit, args.workdir)  # a commit that is none says so before a corpus is made
    this = package_root(args.this, args.workdir) if args.this else None
    if args.corpus is None:
        sys.path.insert(0, str(HERE))
        from extract import ensure_corpus  # bench/extract.py's corpus, made once under out/

        args.corpus = ensure_corpus(1_000_000, 1)
    pages = sorted(p.resolve() for p in args.corpus.rglob("*.txt") if p.is_file()) if args.corpus.is_dir() else []
    if len(pages) < args.warmup + args.block:
        sys.exit(f"extract_against: {args.corpus} holds {len(pages)} .txt pages; --warmup {args.warmup} and one --block {args.block} need more")
    label = args.commit[:12]
    figures = compare(pages, this, other, label, args.cpu, args.warmup, args.block, args.turn)
    print(report(figures, args.this[:12] if args.this else "this checkout", label, args.cpu, args.warmup))
    return 0


if __name__ == "__main__":
    sys.exit(main())
