"""The `okg` command. Each subcommand lives beside the code it drives and is imported only when used,
so `okg extract` does not start a JVM for the API and `okg serve` does not load HanLP until asked."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys

# subcommand -> (module with add_arguments(parser) and run(args) -> int, one-line help)
COMMANDS = {
    "extract": ("okg.extract.command", "extract facts from news text (files, folders, stdin, JSONL)"),
    "load": ("okg.graph.command_load", "extract if needed and load facts into a store"),
    "export": ("okg.graph.command_export", "export the graph as GraphML, GEXF, JSON, CSV or Cypher"),
    "review": ("okg.graph.command_review", "list likely duplicate people and weak merges; record same/different judgements"),
    "analyze": ("okg.graph.command_analyze", "co-attendance network, centrality, communities, successions, shared events"),
    "serve": ("okg.api.command", "serve the REST API over a store"),
    "demo": ("okg.demo", "extract the fixtures, build the embedded graph and serve the API"),
    "schema": ("okg.schema_command", "print the JSON Schema of the extracted facts"),
}


# What a command interrupted leaves, said on its last line.
STOPPED_KEEPS = {
    "load": "; the articles loaded before are kept (load the same inputs again to finish: those are skipped)",
    "extract": "; an -o file is left as it was",
}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, like Ctrl-C: `finally` blocks run, so a load saves the
    articles it loaded and `okg extract -o` leaves its file as it was."""


def _terminate(signum, frame) -> None:
    raise Terminated


def build_parser() -> argparse.ArgumentParser:
    from okg.runreport import EXIT_CODES_HELP

    parser = argparse.ArgumentParser(
        prog="okg", description="Knowledge graph of Chinese officials from local news.", epilog=EXIT_CODES_HELP
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(command, help=help_text, description=help_text)
        importlib.import_module(module_name).add_arguments(p)
        p.set_defaults(_module=module_name)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(args._module)
    signal.signal(signal.SIGTERM, _terminate)
    kept = STOPPED_KEEPS.get(args.command, "")
    try:
        return module.run(args) or 0
    except Terminated:
        print(f"okg {args.command}: terminated{kept}", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print(f"okg {args.command}: interrupted{kept}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of standard output went away (`okg extract ... | head`)
        sys.stdout = None  # nothing more to flush at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        return 141


if __name__ == "__main__":
    sys.exit(main())
