"""`okg load PATH... --store embedded|neo4j`: load facts (JSON/JSONL from `okg extract`) or text
(extracted first, by okg.extract.stream.extract_paths) into a store, with progress on stderr.

Facts files: `.json` holding `{"articles": [...]}` (or one article, or a list), `.jsonl` with one
article per line, read a line at a time, and folders of shards that `okg extract --cluster` wrote
(their manifest.json lists the shards, read in order). Anything else (text files, folders, `-`) goes to the
extractor. Inputs are taken in the order given, and each bad input or record is one line on stderr
(okg.runreport, shared with `okg extract`, which also gives the exit codes); the rest is loaded.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Iterator

from okg.extract.command import iso_day, job_count, jobs_for
from okg.extract.engines import ENGINES
from okg.graph.homes import add_home_map_argument
from okg.graph.store import LoadError, StoreUnavailable
from okg.graph.stores import KINDS, open_store
from okg.runreport import EXIT_CODES_HELP, EXIT_SKIPPED, EXIT_USAGE, RunReport


def add_arguments(parser) -> None:
    parser.epilog = EXIT_CODES_HELP
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="facts .json/.jsonl, folders of shards (okg extract --cluster), or text files and folders to extract first")
    parser.add_argument("--store", choices=KINDS, default="embedded", help="where to load (default: embedded, in OKG_DATA_DIR)")
    parser.add_argument("--home", metavar="COUNTY", help="the sources' home county (e.g. 绛县 or 山西省运城市绛县), for 我县/县委")
    add_home_map_argument(parser)
    parser.add_argument("--date", metavar="YYYY-MM-DD", type=iso_day, help="the date of the input, where the text has no year")
    parser.add_argument("--engine", default="hanlp", choices=sorted(ENGINES), help="extraction engine for text input (default: hanlp)")
    parser.add_argument("--jobs", type=job_count, default=None, metavar="N",
                        help="worker processes extracting text input (default: the machine's cores, at most one per input)")
    parser.add_argument("--replace", action="store_true", help="clear the store first")
    parser.add_argument("--bulk", action="store_true",
                        help="a first load into an empty local Neo4j with neo4j-admin import (okg.graph.bulk)")
    parser.add_argument("--quiet", action="store_true", help="no progress")


def is_facts(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in (".json", ".jsonl")


def _article(item: object, where: str, home: str | None, home_map=None):
    """An Article from one facts record, or an InputError saying what is wrong with it."""
    from pydantic import ValidationError

    from okg.extract.inputs import InputError
    from okg.facts import Article

    if isinstance(item, InputError):
        return item
    try:
        article = Article.model_validate(item)
    except ValidationError as e:
        errors = e.errors()
        first = errors[0]
        at = ".".join(str(x) for x in first["loc"]) or "the record"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return InputError(where, f"not an article of facts: {at}: {first['msg']}{more}")
    item_home = (home_map.home_for(article.source, article.url) if home_map else None) or home
    if item_home and not article.home:
        article = article.model_copy(update={"home": item_home})
    return article


def read_facts(path: Path, home: str | None = None, home_map=None) -> Iterator[tuple[str, object]]:
    """(`file:line` or `file#i`, Article or InputError) for each record of a facts file; `home_map`,
    else `home`, fills in articles that have none."""
    from okg.extract import inputs

    name = str(path)
    jsonl = path.suffix.lower() == ".jsonl"
    f = inputs.open_input(path, limit=None if jsonl else inputs.MAX_INPUT_BYTES)
    if isinstance(f, inputs.InputError):
        yield name, f
        return
    with f:
        try:
            if jsonl:
                for where, obj in inputs.jsonl_objects(inputs.bounded_lines(f), name):
                    yield where, _article(obj, where, home, home_map)
                return
            data = f.read()
        except OSError as e:
            yield name, inputs.InputError(name, f"cannot read ({e.strerror})")
            return
    for where, item in inputs.json_items(data, name):
        yield where, _article(item, where, home, home_map)


def articles_from(paths: list[str], engine: str, home: str | None, date: str | None, report: RunReport | None = None,
                  jobs: int = 1, home_map=None) -> Iterator:
    """The articles of the inputs, in order: facts files as they are, the rest extracted. Bad
    inputs and records, and an article whose id an earlier one had with another text, go to
    `report` (a fresh one when None) and are passed over."""
    from okg.extract.inputs import InputError
    from okg.extract.shards import shard_files
    from okg.extract.stream import extract_paths  # the extractor is imported only when text comes

    report = report or RunReport("okg load")
    for p in paths:
        shards = shard_files(Path(p))
        if isinstance(shards, InputError):
            report.problem(shards)
            continue
        if shards is not None:
            records = (record for shard in shards for record in read_facts(shard, home, home_map))
        elif is_facts(Path(p)):
            records = read_facts(Path(p), home, home_map)
        else:
            found = extract_paths([p], engine=engine, home=home, date=date, on_problem=report.problem, jobs=jobs, home_map=home_map)
            records = ((a.source, a) for a in found)
        for where, item in records:
            if isinstance(item, InputError):
                report.problem(item)
            elif not report.id_clash(item, where):
                yield item


def load_paths(store, paths: list[str], engine: str = "hanlp", home: str | None = None, date: str | None = None,
               jobs: int = 1, home_map=None, report: RunReport | None = None, progress: bool = False):
    """Load the inputs into `store` as `okg load` does (the Python API's `Graph.load` too): new
    judgements applied first, then each input extracted or read and loaded, problems and the home
    chosen per source said on `report`. Returns the store's LoadReport; raises LoadError and
    StoreUnavailable."""
    from okg.graph.homes import HomeReport, shared_homes
    from okg.graph.judgements import rebuild_if_pending

    report = report or RunReport("okg load")
    rebuilt = rebuild_if_pending(store)  # the user's new judgements change what is loaded too
    if rebuilt:
        report.note(f"judgements applied: rebuilt the {rebuilt} articles loaded before")
    homes = HomeReport()
    articles = homes.watch(shared_homes(articles_from(paths, engine, home, date, report, jobs, home_map)))
    loaded = store.load(articles, progress=progress, on_conflict=report.stored_clash)
    for line in homes.lines():
        report.note(line)
    return loaded


def run(args) -> int:
    report = RunReport("okg load")
    home_map = getattr(args, "home_map", None)  # read by the argument parser (graph/homes.py)
    # the Neo4j driver logs each retry of a failing transaction over several lines; the one line
    # that matters is the StoreUnavailable the retries end in
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    if args.bulk:
        return run_bulk(args, report, home_map)
    try:
        store = open_store(args.store)
    except StoreUnavailable as e:
        return report.stop(f"{args.store} store unavailable: {e}")
    try:
        if args.replace:
            store.clear()
        progress = not args.quiet and sys.stderr is not None and sys.stderr.isatty()
        loaded = load_paths(store, args.paths, args.engine, args.home, args.date, jobs_for(args.jobs, args.paths), home_map, report, progress)
    except LoadError as e:
        return report.stop(f"stopped: {e}; the articles before it are loaded")
    except StoreUnavailable as e:  # Neo4j keeps the groups it committed; the embedded store says what it kept
        return report.stop(f"stopped: {e}" + ("; the articles written before are kept" if args.store == "neo4j" else ""))
    finally:
        store.close()
    old = len(loaded.articles) - loaded.new_articles
    return report.finish(
        f"{len(loaded.articles)} articles ({loaded.new_articles} new"
        + (f", {old} already in the store" if old else "")
        + f"); the {args.store} store has {loaded.nodes} nodes and {loaded.relationships} relationships"
    )


def run_bulk(args, report: RunReport, home_map) -> int:
    """okg load --store neo4j --bulk: the whole graph built in memory, then neo4j-admin import into an
    empty database (graph/bulk.py)."""
    if args.store != "neo4j" or args.replace:
        return report.stop("--bulk fills an empty Neo4j: it needs --store neo4j, and does not --replace", EXIT_USAGE)
    from okg.config import Settings
    from okg.graph.bulk import NotEmpty, bulk_load
    from okg.graph.homes import shared_homes

    try:
        jobs = jobs_for(args.jobs, args.paths)
        articles = shared_homes(articles_from(args.paths, args.engine, args.home, args.date, report, jobs, home_map))
        loaded, _ = bulk_load(articles, Settings.from_env(), progress=not args.quiet and sys.stderr.isatty())
    except StoreUnavailable as e:
        return report.stop(f"neo4j store unavailable: {e}")
    except NotEmpty as e:  # a database that holds data: refused, nothing changed
        return report.stop(str(e), EXIT_SKIPPED)
    except LoadError as e:
        return report.stop(f"stopped: {e}; nothing was imported")
    return report.finish(f"{len(loaded.articles)} articles bulk imported; the neo4j store has "
                         f"{loaded.nodes} nodes and {loaded.relationships} relationships")
