"""The bad-input corpus (tests/bad_inputs/make_corpus.py) through `okg extract` and `okg load`, as a
user runs them: how many bad inputs each reports on exactly one line, and whether the good ones are
kept. Prints one JSON line per command.

    .venv/bin/python bench/bad_inputs.py                    # extract, and load into a fresh embedded store
    .venv/bin/python bench/bad_inputs.py --store neo4j      # load into the Neo4j of NEO4J_URI (cleared first: --clear)

Fields: `bad` inputs and records in the corpus, `one_line_each` of them named on exactly one error
line, `not_named`, `named_twice`, `stray_lines` (error lines naming none of them), `traceback`,
`good_kept` (people of the good inputs found in the output or the store, of `good`), `exit` code.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))
import make_corpus  # noqa: E402


def okg(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "okg.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **env}, timeout=1800)


def row(command: str, done: subprocess.CompletedProcess, people: set[str]) -> dict:
    good = make_corpus.GOOD_NAMES[command]
    return {"command": f"okg {command}", **make_corpus.tally(done.stderr, command), "good": len(good),
            "good_kept": len(good & people), "exit": done.returncode}


def extract(corpus: Path, work: Path) -> dict:
    out = work / "extracted.jsonl"
    done = okg(["extract", *make_corpus.PATHS, "--format", "jsonl", "-o", str(out)], corpus, {})
    people = {p["name"] for line in out.read_text(encoding="utf-8").splitlines() for p in json.loads(line)["persons"]} if out.exists() else set()
    return row("extract", done, people)


def load(corpus: Path, work: Path, store: str, clear: bool) -> dict:
    from okg.graph.stores import open_store

    env = {"OKG_DATA_DIR": str(work / "data")}
    done = okg(["load", *make_corpus.PATHS, "--store", store, *(["--replace"] if clear else [])], corpus, env)
    os.environ.update(env)
    opened = open_store(store)
    try:
        people = {p.name for p in opened.find_people(None, limit=1000, offset=0).items}
    finally:
        opened.close()
    return row("load", done, people)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--clear", action="store_true", help="with --store neo4j: clear the database first (okg load --replace)")
    args = ap.parse_args(argv)
    if args.store == "neo4j" and not args.clear:
        ap.error("--store neo4j loads into the database of NEO4J_URI: give --clear to have it cleared first")
    with tempfile.TemporaryDirectory(prefix="okg-bad-inputs-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        make_corpus.make(corpus)
        for result in (extract(corpus, work), load(corpus, work, args.store, args.clear)):
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
