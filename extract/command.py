"""`okg extract PATH... [--engine hanlp|hanlp2|lac] [--home COUNTY] [--date YYYY-MM-DD] [--format json|jsonl] [-o FILE]`"""

from __future__ import annotations

import argparse
import re
import sys

from okg.extract.engines import ENGINES, EngineUnavailable


def iso_day(text: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2022-03-28")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files (UTF-8 or GB18030), folders, JSONL files, or - for stdin")
    parser.add_argument("--engine", default="hanlp", choices=sorted(ENGINES), help="tagging engine (default: hanlp)")
    parser.add_argument("--home", help="the source's home county, to which 我县/县委 refer (default: inferred)")
    parser.add_argument("--home-map", metavar="FILE", help="CSV of `pattern,county`: file-name globs or URL hosts to home counties")
    parser.add_argument("--date", type=iso_day, help="publication date; gives the year of dates written without one")
    parser.add_argument("--format", default="json", choices=["json", "jsonl"], help="json: {\"articles\": [...]}; jsonl: one article a line")
    parser.add_argument("-o", "--output", help="write here instead of standard output")


def run(args: argparse.Namespace) -> int:
    from okg.extract.pipeline import extract_paths
    from okg.graph.homes import HomeMap, HomeReport

    try:
        home_map = HomeMap.read(args.home_map) if getattr(args, "home_map", None) else None
    except (OSError, ValueError) as e:
        print(f"okg extract: --home-map: {e}", file=sys.stderr)
        return 2
    homes = HomeReport()
    errors: list = []
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    count = 0
    try:
        articles = homes.watch(extract_paths(args.paths, engine=args.engine, home=args.home, date=args.date, errors=errors,
                                             progress=True, home_map=home_map))
        if args.format == "jsonl":
            for article in articles:
                out.write(article.model_dump_json() + "\n")
                count += 1
        else:
            out.write('{"articles": [')
            for article in articles:
                out.write(("," if count else "") + "\n" + article.model_dump_json(indent=2))
                count += 1
            out.write("\n]}\n")
    except EngineUnavailable as e:
        print(f"okg extract: {e}", file=sys.stderr)
        return 2
    finally:
        if out is not sys.stdout:
            out.close()
    for line in homes.lines():
        print(f"okg extract: {line}", file=sys.stderr)
    failures = [e for e in errors if not getattr(e, "warning", False)]
    for e in errors:
        print(f"okg extract: {'warning' if getattr(e, 'warning', False) else 'error'}: {e}", file=sys.stderr)
    print(f"okg extract: {count} articles" + (f", {len(failures)} inputs failed" if failures else ""), file=sys.stderr)
    return 1 if failures else 0
