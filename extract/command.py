"""`okg extract PATH... [--engine hanlp|hanlp2|lac] [--home COUNTY] [--date YYYY-MM-DD] [--format json|jsonl] [-o FILE]`

Inputs are read, extracted and written one at a time. Each bad input or record is one line on
stderr and the rest goes on (okg.runreport: the exit codes). With -o the file is written whole at
the end (okg.output), or left as it was when the run stops.
"""

from __future__ import annotations

import argparse

from okg.extract.engines import ENGINES, EngineUnavailable
from okg.runreport import EXIT_CODES_HELP, EXIT_USAGE, RunReport


def iso_day(text: str) -> str:
    """argparse type of --date: a calendar date YYYY-MM-DD."""
    from okg.extract.inputs import BadInput, check_date

    try:
        return check_date(text, day_required=True)
    except BadInput as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def job_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of worker processes (1 or more)")
    return int(text)


def jobs_for(asked: int | None, paths: list[str]) -> int:
    """The worker processes to use: as asked, else the machine's cores but not more than the
    inputs named (one file needs one engine; a folder or a JSONL file may hold many inputs)."""
    from os.path import isfile

    from okg.extract.parallel import default_jobs

    if asked is not None:
        return asked
    many = any(not isfile(p) or p.endswith((".jsonl", ".ndjson")) for p in paths if p != "-")
    return default_jobs() if many else min(default_jobs(), len(paths))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = EXIT_CODES_HELP
    parser.add_argument("paths", nargs="+", metavar="PATH", help="text files (UTF-8 or GB18030), folders, JSONL files, or - for stdin")
    parser.add_argument("--engine", default="hanlp", choices=sorted(ENGINES), help="tagging engine (default: hanlp)")
    parser.add_argument("--home", help="the source's home county, to which 我县/县委 refer (default: inferred)")
    parser.add_argument("--home-map", metavar="FILE", help="CSV of `pattern,county`: file-name globs or URL hosts to home counties")
    parser.add_argument("--date", type=iso_day, help="publication date; gives the year of dates written without one")
    parser.add_argument("--format", default="json", choices=["json", "jsonl"], help="json: {\"articles\": [...]}; jsonl: one article a line")
    parser.add_argument("--jobs", type=job_count, default=None, metavar="N",
                        help="worker processes, each with its own engine (default: the machine's cores, at most one per input)")
    parser.add_argument("-o", "--output", help="write here instead of standard output (whole at the end, or left as it was)")


class ArticleWriter:
    """Articles as JSON or JSONL on an OutputFile. The JSON page is opened with its first article,
    so a run that fails before any leaves nothing on standard output."""

    def __init__(self, out, fmt: str):
        self.out, self.format, self.count = out, fmt, 0

    def write(self, article) -> None:
        if self.format == "jsonl":
            self.out.write(article.model_dump_json() + "\n")
        else:
            self.out.write(('{"articles": [' if not self.count else ",") + "\n" + article.model_dump_json(indent=2))
        self.count += 1

    def close(self) -> None:
        """End the JSON page (an empty one when there were no articles)."""
        if self.format == "json":
            self.out.write('{"articles": [' if not self.count else "\n")
            self.out.write("]}\n")


def run(args: argparse.Namespace) -> int:
    from okg.extract.stream import extract_paths
    from okg.graph.homes import HomeMap, HomeReport, shared_homes
    from okg.output import OutputFile, OutputRefused, describe_write_error

    report = RunReport("okg extract")
    try:
        home_map = HomeMap.read(args.home_map) if getattr(args, "home_map", None) else None
    except (OSError, ValueError) as e:
        return report.stop(f"--home-map: {e}", code=EXIT_USAGE)
    homes = HomeReport()
    try:
        out = OutputFile.open(args.output, inputs=args.paths)
    except OutputRefused as e:
        return report.stop(str(e), code=EXIT_USAGE)
    writer = ArticleWriter(out, args.format)
    try:
        found = extract_paths(args.paths, engine=args.engine, home=args.home, date=args.date, on_problem=report.problem,
                              progress=True, jobs=jobs_for(getattr(args, "jobs", None), args.paths), home_map=home_map)
        articles = homes.watch(shared_homes(found))
        for article in articles:
            if not report.id_clash(article, article.source):
                writer.write(article)
        writer.close()
        out.commit()
    except EngineUnavailable as e:
        if out.written:  # standard output has articles: end the page so that it is valid JSON
            writer.close()
        out.discard()
        return report.stop(str(e))
    except OSError as e:  # reading problems are InputErrors: this is the output failing
        out.discard()
        return report.stop(describe_write_error(e, out))
    except BaseException:  # interrupted: leave -o as it was
        out.discard()
        raise
    for line in homes.lines():
        report.note(line)
    return report.finish(f"{writer.count} articles")
