"""Entity resolution across items: the pairwise F1 of `../shared/eval/score_resolution.py` on the
resolution set (`../shared/eval/resolution/`: real items of two counties with every person mention
keyed to its person), loaded three ways into fresh embedded stores:

    python bench/resolution.py                       # all three variants
    python bench/resolution.py --variants jsonl,folder
    python bench/resolution.py --eval DIR --out DIR

- `jsonl`: one text JSONL, each record with its item's `id`, `text`, `home` and `date` (from the gold's
  `county` and `date`) and `source` (the item's file name, as the scorer reads `sources`), extracted
  with `okg extract ITEMS.jsonl --format jsonl`, then loaded with `okg load`;
- `folder`: `okg load ARTICLES_DIR` with no hints;
- `county`: `okg load FILES... --home COUNTY`, one load per county of the gold.

Each variant runs the commands of ../shared/eval/README.md (load, `okg export --format json`, the
scorer) as subprocesses and prints the scorer's output; the last line of each is its F1. The gold is
read from ../shared at run time and never copied into the project; outputs go to `out/resolution/`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
OKG = [sys.executable, "-m", "okg.cli"]


def _run(cmd: list[str], data_dir: Path) -> str:
    env = {**os.environ, "OKG_DATA_DIR": str(data_dir)}
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"resolution: {' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return done.stderr


def _fresh(out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    return out


def _items_jsonl(gold: list[dict], articles: Path, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for item in gold:
            text_file = articles / f"{item['id']}.txt"
            record = {"id": item["id"], "text": text_file.read_text(encoding="utf-8"), "source": text_file.name,
                      "home": item.get("county"), "date": item.get("date"), "url": item.get("url")}
            f.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")


def load_jsonl(gold, articles: Path, out: Path) -> list[str]:
    items, facts = out / "items.jsonl", out / "facts.jsonl"
    _items_jsonl(gold, articles, items)
    log = [_run(OKG + ["extract", str(items), "--format", "jsonl", "-o", str(facts)], out / "data")]
    log.append(_run(OKG + ["load", str(facts), "--store", "embedded", "--quiet"], out / "data"))
    return log


def load_folder(gold, articles: Path, out: Path) -> list[str]:
    return [_run(OKG + ["load", str(articles), "--store", "embedded", "--quiet"], out / "data")]


def load_by_county(gold, articles: Path, out: Path) -> list[str]:
    counties: dict[str, list[str]] = {}
    for item in gold:
        counties.setdefault(item["county"], []).append(str(articles / f"{item['id']}.txt"))
    return [_run(OKG + ["load", *files, "--store", "embedded", "--home", county, "--quiet"], out / "data")
            for county, files in counties.items()]


VARIANTS = {"jsonl": load_jsonl, "folder": load_folder, "county": load_by_county}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--eval", type=Path, default=EVAL / "resolution", help="the resolution set (gold.json, articles/)")
    p.add_argument("--scorer", type=Path, default=EVAL / "score_resolution.py")
    p.add_argument("--out", type=Path, default=ROOT / "out" / "resolution")
    p.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated, of {', '.join(VARIANTS)}")
    p.add_argument("--verbose", action="store_true", help="print the commands' stderr too")
    args = p.parse_args(argv)
    gold_file, articles = args.eval / "gold.json", args.eval / "articles"
    for path in (gold_file, articles, args.scorer):
        if not path.exists():
            print(f"resolution: {path} not found (give --eval DIR and --scorer FILE)", file=sys.stderr)
            return 2
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    for name in args.variants.split(","):
        if name not in VARIANTS:
            print(f"resolution: unknown variant {name!r}; one of {', '.join(VARIANTS)}", file=sys.stderr)
            return 2
        out = _fresh(args.out / name)
        log = VARIANTS[name](gold, articles, out)
        graph = out / "graph.json"
        _run(OKG + ["export", "--store", "embedded", "--format", "json", "-o", str(graph)], out / "data")
        scored = subprocess.run([sys.executable, str(args.scorer), str(gold_file), str(graph)], capture_output=True, text=True, check=True)
        print(f"== {name}")
        if args.verbose:
            print("".join(log).rstrip())
        print(scored.stdout.rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
