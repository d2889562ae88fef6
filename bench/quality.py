"""The extraction's quality on real news: scores, and the facts it missed or made up, per article and per rule.

    python bench/quality.py                   # the dev set and the seed: tables, per rule, per article
    python bench/quality.py --pages           # and the dev items laid three to a page, scored too
    python bench/quality.py --article A01     # the errors of one article
    python bench/quality.py --quiet           # tables only
    python bench/quality.py --dev DIR --seed-gold FILE --out DIR --page-seed N

What it does, in one process with one HanLP engine (`okg.extract.pipeline.extract_text`, as
`okg extract FILE --format json` does for each file):
- extracts every `DIR/articles/*.txt` of the dev set (default `../shared/eval/dev`, beside the
  repository) and the seed page (`fixtures/000_04f34b3896c38351.txt`), writes the predictions as
  `okg extract --format json` writes them, one file per input named after it, to `OUT/dev/` and
  `OUT/seed/` (default `out/quality/`), and scores them against `DIR/gold.json` and the seed's gold
  (default `../shared/eval/seed.gold.json`) with bench/scoring.py;
- prints the scorer's table for each (`python bench/scoring.py GOLD OUT/dev/*.json` prints the
  same), the facts made per rule on the dev set (the `rule` of a fact's first evidence) and how
  many were right, then per article the facts missed and the facts extra;
- with `--pages`: lays the dev items three to a page (bench/pages.py: narrow columns broken
  mid-word, blank lines, spaced numbers, a 本报讯 dateline, headlines beside the wrong bodies),
  writes the pages and their predictions to `OUT/pages/` with a gold whose articles carry each
  item's anchor (`OUT/pages.gold.json`), scores them, and prints their table beside the clean one
  with the relative difference of the overall F1, and the articles that lost facts on the pages;
- ends with the time taken (the engine's start apart).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from pages import Item, make_pages
from scoring import CORE, Report, read_gold, score

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_04f34b3896c38351.txt"
EVAL = ROOT.parent / "shared" / "eval"
NO_RULE = "(no rule)"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    gold_file, articles_dir = args.dev / "gold.json", args.dev / "articles"
    for path in (gold_file, articles_dir, args.seed_gold):
        if not path.exists():
            print(f"quality: {path} not found (give the dev set with --dev DIR, the seed's gold with --seed-gold FILE)", file=sys.stderr)
            return 2
    from okg.extract.engines import EngineUnavailable, get_engine

    started = time.perf_counter()
    try:
        engine = get_engine("hanlp")
    except EngineUnavailable as e:
        print(f"quality: {e}", file=sys.stderr)
        return 2
    extractor = Extractor(engine, time.perf_counter() - started)
    dev_texts = read_texts(sorted(articles_dir.glob("*.txt")))
    dev_gold = read_gold(gold_file)
    dev = score(dev_gold, extractor.extract(dev_texts, args.out / "dev"))
    seed = score(read_gold(args.seed_gold), extractor.extract(read_texts([SEED]), args.out / "seed"))
    print(f"== dev set: {len(dev_texts)} items of {args.dev}\n{dev.table()}\n")
    print(f"== seed page: {SEED.name}\n{seed.table()}\n")
    if args.pages:
        pages = score_pages(dev_texts, dev_gold, extractor, args)
        print(f"== pages: the dev items three to a page (--page-seed {args.page_seed}), beside the clean items")
        print(side_by_side(dev, pages) + "\n")
        print(lost_on_pages(dev, pages) + "\n")
    print(f"== per rule on the dev set: facts right / made (a fact's rule: that of its first evidence)\n{rule_table(dev)}\n")
    if not args.quiet:
        shown = [a for a in dev.articles + seed.articles if args.article in (None, a.id)]
        if args.article and not shown:
            print(f"quality: no article {args.article!r} in the dev set or the seed", file=sys.stderr)
            return 2
        print("== per article: facts missed (-) and extra (+)\n" + "\n".join(filter(None, map(article_errors, shown))) + "\n")
    print(extractor.summary(time.perf_counter() - started))
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench/quality.py", description="Extraction quality on the dev set, the seed and pages.")
    parser.add_argument("--dev", type=Path, default=EVAL / "dev", help="the dev set: DIR/articles/*.txt and DIR/gold.json (default: %(default)s)")
    parser.add_argument("--seed-gold", type=Path, default=EVAL / "seed.gold.json", help="the seed page's gold (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "quality", help="where predictions and pages go (default: %(default)s)")
    parser.add_argument("--pages", action="store_true", help="lay the dev items out as newspaper pages and score those too")
    parser.add_argument("--page-seed", type=int, default=1, help="seed of the page layout (default: 1)")
    parser.add_argument("--article", help="show the errors of this article only (an id of the dev set or the seed)")
    parser.add_argument("--quiet", action="store_true", help="tables only")
    return parser.parse_args(argv)


# --- extraction ------------------------------------------------------------------------------------


def read_texts(paths: list[Path]) -> dict[Path, object]:
    """path -> its InputDoc, read as `okg extract` reads files (UTF-8 or GB18030, checked); named
    relative to the working folder, as `okg extract ../shared/eval/dev/articles/A01.txt` names it."""
    from okg.extract.inputs import InputError, read_inputs

    docs = {}
    for path in paths:
        for doc in read_inputs([os.path.relpath(path)]):
            if isinstance(doc, InputError):
                print(f"quality: skipped input {doc}", file=sys.stderr)
            else:
                docs[path] = doc
    return docs


class Extractor:
    """One engine for the whole run, and the time spent extracting with it."""

    def __init__(self, engine, load_seconds: float) -> None:
        self.engine, self.load = engine, load_seconds
        self.seconds, self.chars, self.inputs = 0.0, 0, 0

    def extract(self, docs: dict[Path, object], out: Path) -> dict[str, list[dict]]:
        """Each input extracted, its articles written to OUT/<stem>.json; stem -> articles as dicts."""
        from okg.extract.pipeline import extract_text

        out.mkdir(parents=True, exist_ok=True)
        predictions = {}
        for path, doc in docs.items():
            started = time.perf_counter()
            try:
                articles = extract_text(doc.text, source=doc.source, engine=self.engine, date=doc.date, doc_id=doc.id)
            except Exception as e:  # one input that breaks the extractor is reported and scored as empty
                print(f"quality: {path.name}: extraction failed: {type(e).__name__}: {e}", file=sys.stderr)
                articles = []
            self.seconds += time.perf_counter() - started
            self.chars += len(doc.text)
            self.inputs += 1
            write_json(articles, out / f"{path.stem}.json")
            predictions[path.stem] = [a.model_dump(mode="json") for a in articles]
        return predictions

    def summary(self, total: float) -> str:
        rate = self.chars / self.seconds if self.seconds else 0.0
        return (f"time: {total:.1f} s in all; the JVM started in {self.load:.1f} s; extraction {self.seconds:.1f} s for "
                f"{self.inputs} inputs, {self.chars:,} chars ({rate:,.0f} chars/s, HanLP's dictionaries loading included)")


def write_json(articles: list, path: Path) -> None:
    """As `okg extract FILE --format json -o PATH` writes them (extract/command.py)."""
    parts = [("," if i else "") + "\n" + a.model_dump_json(indent=2) for i, a in enumerate(articles)]
    path.write_text('{"articles": [' + "".join(parts) + "\n]}\n", encoding="utf-8")


# --- pages -----------------------------------------------------------------------------------------


def page_item(stem: str, text: str) -> Item:
    """A dev item as a page prints it: the headline the extractor reads on its own (the line of it
    with the most Chinese, not a web page's metadata glued to it) and the text from its body on."""
    from okg.extract.articles import split_articles

    pieces = split_articles(text)
    first = pieces[0] if pieces else None
    if first is None or first.title_span is None or first.title_span[0] >= first.body_span[0]:
        return Item(stem, None, text)
    lines = [ln.strip() for ln in text[first.title_span[0]:first.title_span[1]].splitlines() if ln.strip()]
    headline = max(lines, key=lambda ln: sum("\u4e00" <= c <= "\u9fff" for c in ln) / len(ln))
    return Item(stem, headline, text[first.body_span[0]:])


def score_pages(dev_texts: dict[Path, object], dev_gold: list[dict], extractor: Extractor, args) -> Report:
    folder = args.out / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    pages = make_pages([page_item(p.stem, doc.text) for p, doc in dev_texts.items()], seed=args.page_seed)
    for page in pages:
        (folder / f"{page.name}.txt").write_text(page.text, encoding="utf-8")
    anchors = {item: anchor for page in pages for item, anchor in page.anchors.items()}
    gold = [dict(g, anchor=anchors[g["id"]]) for g in dev_gold if g["id"] in anchors]
    (args.out / "pages.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return score(gold, extractor.extract(read_texts([folder / f"{p.name}.txt" for p in pages]), folder))


def side_by_side(clean: Report, pages: Report) -> str:
    lines = [f"{'':16}{'clean':>21}   {'pages':>21}", f"{'':16}" + f"{'P':>7}{'R':>7}{'F1':>7}   " * 2]
    for (kind, a), b in zip(clean.rows().items(), pages.rows().values()):
        lines.append(f"{kind:16}" + "".join(f"{x:7.3f}" for x in a) + "   " + "".join(f"{x:7.3f}" for x in b))
    c, p = clean.overall(), pages.overall()
    change = (p - c) / c if c else 0.0
    lines.append(f"overall F1 {c:.3f} clean, {p:.3f} on pages: {change:+.1%} (target: within 3%)")
    return "\n".join(lines)


def lost_on_pages(clean: Report, pages: Report) -> str:
    """Articles whose right facts (persons+positions+roles+inspected) differ on the pages."""
    on_page = {a.id: a for a in pages.articles}
    changes = []
    for a in clean.articles:
        b = on_page.get(a.id)
        right = [sum(len(x.kinds[k].matched) for k in CORE) if x else 0 for x in (a, b)]
        made = [sum(x.kinds[k].counts()[1] for k in CORE) if x else 0 for x in (a, b)]
        if right[0] != right[1] or made[0] != made[1]:
            note = "" if b is None or b.found == 1 else f", in {b.found} articles"
            changes.append(f"{a.id} right {right[0]}->{right[1]}, made {made[0]}->{made[1]}{note}")
    return "articles read otherwise on the pages: " + ("; ".join(changes) if changes else "none")


# --- reports ---------------------------------------------------------------------------------------


def rule_table(report: Report) -> str:
    """Per rule: right/made for each kind of fact, and its precision over all of them."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: {k: [0, 0] for k in CORE})
    for a in report.articles:
        for kind in CORE:
            right = {pred for pred, _ in a.kinds[kind].matched}
            for fact, rule in a.rules[kind].items():
                cell = counts[rule or NO_RULE][kind]
                cell[0] += fact in right
                cell[1] += 1
    width = max([len(r) for r in counts] + [len("rule")])
    lines = [f"{'rule':{width}}" + "".join(f"{k:>12}" for k in CORE) + f"{'all':>12}{'P':>7}"]
    for rule in sorted(counts, key=lambda r: (-sum(c[1] for c in counts[r].values()), r)):
        cells = counts[rule]
        right, made = sum(c[0] for c in cells.values()), sum(c[1] for c in cells.values())
        lines.append(f"{rule:{width}}" + "".join(f"{f'{r}/{m}':>12}" for r, m in cells.values())
                     + f"{f'{right}/{made}':>12}{right / made if made else 0:7.3f}")
    return "\n".join(lines)


def _fact(kind: str, fact) -> str:
    if kind in ("persons", "reporters", "titles"):
        return fact
    return f"{fact[0]}→{fact[1]}" if kind == "inspected" else f"{fact[0]} {fact[1]}"


def article_errors(a) -> str:
    """Two lines at most per kind: what gold has that was not found, what was found that gold has not."""
    lines = []
    for kind in CORE:
        c = a.kinds[kind]
        for sign, facts in (("-", c.missed), ("+", c.extra)):
            if facts:
                lines.append(f"  {sign} {kind}: " + ", ".join(_fact(kind, f) for f in facts))
    if not lines:
        return ""
    tp = sum(len(a.kinds[k].matched) for k in CORE)
    gold = sum(a.kinds[k].counts()[2] for k in CORE)
    found = "" if a.found == 1 else f"; {a.found} predicted articles"
    return f"{a.id}  {tp}/{gold} gold facts found{found}\n" + "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
