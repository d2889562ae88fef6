"""`okg load PATH... --store embedded|neo4j`: load facts (JSON/JSONL from `okg extract`) or text
(extracted first, by okg.extract.pipeline.extract_paths) into a store, with progress on stderr.

Facts files: `.json` holding `{"articles": [...]}` (or one article, or a list), `.jsonl` with one
article per line. Anything else (text files, folders) goes to the extractor.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

from okg.facts import Article, Page
from okg.graph.store import LoadError, StoreUnavailable
from okg.graph.stores import KINDS, open_store


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="facts .json/.jsonl, or text files and folders to extract first")
    parser.add_argument("--store", choices=KINDS, default="embedded", help="where to load (default: embedded, in OKG_DATA_DIR)")
    parser.add_argument("--home", metavar="COUNTY", help="the sources' home county (e.g. 绛县 or 山西省运城市绛县), for 我县/县委")
    parser.add_argument("--home-map", metavar="FILE", help="CSV of `pattern,county`: file-name globs or URL hosts to home counties")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the date of the input, where the text has no year")
    parser.add_argument("--engine", default="hanlp", help="extraction engine for text input (default: hanlp)")
    parser.add_argument("--replace", action="store_true", help="clear the store first")
    parser.add_argument("--quiet", action="store_true", help="no progress")


def is_facts(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in (".json", ".jsonl")


def read_facts(path: Path, home: str | None = None, home_map=None) -> Iterator[Article]:
    """Articles from a facts file; `home_map`, else `home`, fills in articles that have none."""
    with open(path, encoding="utf-8") as f:
        if path.suffix.lower() == ".jsonl":
            items = (json.loads(line) for line in f if line.strip())
        else:
            data = json.load(f)
            if isinstance(data, dict) and "articles" in data:
                items = Page.model_validate(data).articles
            else:
                items = data if isinstance(data, list) else [data]
        for item in items:
            art = item if isinstance(item, Article) else Article.model_validate(item)
            item_home = (home_map.home_for(art.source, art.url) if home_map else None) or home
            if item_home and not art.home:
                art = art.model_copy(update={"home": item_home})
            yield art


def articles_from(paths: list[str], engine: str, home: str | None, date: str | None, home_map=None) -> Iterator[Article]:
    facts = [Path(p) for p in paths if is_facts(Path(p))]
    text = [p for p in paths if not is_facts(Path(p))]
    for p in facts:
        yield from read_facts(p, home, home_map)
    if text:
        from okg.extract.pipeline import extract_paths  # the extractor, imported only for text input

        yield from extract_paths(text, engine=engine, home=home, date=date, home_map=home_map)


def run(args) -> int:
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        print(f"okg load: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    from okg.graph.homes import HomeMap, HomeReport
    from okg.graph.judgements import rebuild_if_pending

    try:
        home_map = HomeMap.read(args.home_map) if getattr(args, "home_map", None) else None
    except (OSError, ValueError) as e:
        print(f"okg load: --home-map: {e}", file=sys.stderr)
        return 2
    homes = HomeReport()
    try:
        store = open_store(args.store)
    except StoreUnavailable as e:
        print(f"okg load: {args.store} store unavailable: {e}", file=sys.stderr)
        return 3
    try:
        if args.replace:
            store.clear()
        rebuilt = rebuild_if_pending(store)  # the user's new judgements change what is loaded too
        if rebuilt:
            print(f"okg load: judgements applied: rebuilt the {rebuilt} articles loaded before", file=sys.stderr)
        progress = not args.quiet and sys.stderr.isatty()
        report = store.load(homes.watch(articles_from(args.paths, args.engine, args.home, args.date, home_map)), progress=progress)
    except LoadError as e:
        print(f"okg load: {e}", file=sys.stderr)
        return 1
    except (ValueError, json.JSONDecodeError) as e:
        print(f"okg load: bad facts input: {e}".splitlines()[0], file=sys.stderr)
        return 1
    finally:
        store.close()
    for line in homes.lines():
        print(f"okg load: {line}", file=sys.stderr)
    print(f"okg load: {len(report.articles)} articles ({report.new_articles} new); the {args.store} store has "
          f"{report.nodes} nodes and {report.relationships} relationships", file=sys.stderr)
    return 0
