"""`okg extract PATH... [--engine hanlp|hanlp2|lac] [--home COUNTY] [--date YYYY-MM-DD] [--format json|jsonl] [-o FILE]`
`okg extract PATH... --cluster tcp://HOST:8786|local:N -o OUTDIR` (extract/cluster.py, extract/shards.py)

Inputs are read, extracted and written one at a time. Each bad input or record is one line on
stderr and the rest goes on (okg.runreport: the exit codes). With -o the file is written whole at
the end (okg.output), or left as it was when the run stops; with --cluster, OUTDIR is a folder of
JSONL shards and a manifest, in place when the run is done.
"""

from __future__ import annotations

import argparse

from okg.extract.cluster import ClusterUnavailable, cluster_address
from okg.extract.engines import ENGINES, EngineUnavailable
from okg.graph.homes import add_home_map_argument
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


def task_size(text: str) -> int:
    if not text.isdigit() or int(text) < 1024:
        raise argparse.ArgumentTypeError(f"{text!r} is not a task size in bytes (1024 or more)")
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
    add_home_map_argument(parser)
    parser.add_argument("--date", type=iso_day, help="publication date; gives the year of dates written without one")
    parser.add_argument("--format", choices=["json", "jsonl"], help="json (default): {\"articles\": [...]}; jsonl: one article a line")
    parser.add_argument("--jobs", type=job_count, default=None, metavar="N",
                        help="worker processes, each with its own engine (default: the machine's cores, at most one per input)")
    parser.add_argument("--cluster", type=cluster_address, metavar="ADDRESS",
                        help="extract on a Dask cluster: its scheduler (tcp://HOST:8786), or local:N to start N local workers; "
                             "inputs are paths every worker reads or fsspec URLs; -o names the folder of JSONL shards (okg[dask])")
    parser.add_argument("--task-bytes", type=task_size, default=None, metavar="BYTES",
                        help="with --cluster: input a task, about (default 1048576); what is extracted again when a worker dies")
    parser.add_argument("-o", "--output", help="write here instead of standard output (whole at the end, or left as it was)")


class ArticleWriter:
    """Articles as JSON or JSONL on an OutputFile. The JSON page is opened with its first article,
    so a run that fails before any leaves nothing on standard output."""

    def __init__(self, out, fmt: str):
        self.out, self.format, self.count = out, fmt, 0

    def write(self, article) -> None:
        if self.format == "jsonl":
            self.out.write(article.model_dump_json())  # not `+ "\n"`: a copy of a long article's record
            self.out.write("\n")
        else:
            self.out.write(('{"articles": [' if not self.count else ",") + "\n" + article.model_dump_json(indent=2))
        self.count += 1

    def close(self) -> None:
        """End the JSON page (an empty one when there were no articles)."""
        if self.format == "json":
            self.out.write('{"articles": [' if not self.count else "\n")
            self.out.write("]}\n")


def cluster_usage(args: argparse.Namespace) -> str | None:
    """Why the arguments cannot run on a cluster, or None."""
    if not getattr(args, "cluster", None):
        return "--task-bytes is for --cluster" if getattr(args, "task_bytes", None) else None
    if args.jobs is not None:
        return "--jobs and --cluster: give one (a cluster's workers are its own)"
    if not args.output or args.output == "-":
        return "--cluster writes a folder of shards: give -o OUTDIR"
    if "-" in args.paths:
        return "--cluster: the workers read the inputs; standard input (-) cannot be one"
    if args.format == "json":
        return "--cluster writes JSONL shards; leave out --format json"
    return None


def run(args: argparse.Namespace) -> int:
    from okg.graph.homes import HomeReport, shared_homes
    from okg.output import OutputRefused, describe_write_error

    report = RunReport("okg extract")
    cluster = getattr(args, "cluster", None)
    if problem := cluster_usage(args):
        return report.stop(problem, code=EXIT_USAGE)
    home_map = getattr(args, "home_map", None)  # read by the argument parser (graph/homes.py)
    homes = HomeReport()
    try:
        out, writer = _outputs(args, cluster)
    except OutputRefused as e:
        return report.stop(str(e), code=EXIT_USAGE)
    try:
        articles = homes.watch(shared_homes(_found(args, report, home_map)))
        for article in articles:
            if not report.id_clash(article, article.source):
                writer.write(article)
        writer.close()
        out.commit(**_manifest(args, report)) if cluster else out.commit()
    except (EngineUnavailable, ClusterUnavailable) as e:
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
    shards = f" in {len(out.shards)} shard{'s' * (len(out.shards) != 1)} in {out.name}" if cluster else ""
    return report.finish(f"{writer.count} articles{shards}")


def _outputs(args: argparse.Namespace, cluster: str | None):
    """(where the result goes, what writes articles to it): a file or standard output, or with
    --cluster a folder of shards, which is both."""
    from okg.output import OutputFile

    if cluster:
        from okg.extract.shards import ShardFolder

        folder = ShardFolder.open(args.output)
        return folder, folder
    out = OutputFile.open(args.output, inputs=args.paths)
    return out, ArticleWriter(out, args.format or "json")


def _found(args: argparse.Namespace, report: RunReport, home_map):
    """The articles of the inputs, extracted here (one process or --jobs workers) or on --cluster."""
    if getattr(args, "cluster", None):
        from okg.extract.cluster import TASK_BYTES, extract_on_cluster
        from okg.extract.cluster_tasks import Settings

        settings = Settings(args.engine, args.home, args.date, home_map)
        return extract_on_cluster(args.paths, args.cluster, settings, report.problem, progress=True,
                                  task_bytes=args.task_bytes or TASK_BYTES)
    from okg.extract.stream import extract_paths

    return extract_paths(args.paths, engine=args.engine, home=args.home, date=args.date, on_problem=report.problem,
                         progress=True, jobs=jobs_for(getattr(args, "jobs", None), args.paths), home_map=home_map)


def _manifest(args: argparse.Namespace, report: RunReport) -> dict:
    """What the manifest says of the run beside its shards."""
    return {"inputs": args.paths, "errors": report.skipped_lines, "skipped": report.skipped, "engine": args.engine,
            "cluster": args.cluster}
