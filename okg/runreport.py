"""What `okg extract` and `okg load` say about a run: one line on standard error for each input or
record they skip, as they meet it, a summary at the end, and the exit code.

    report = RunReport("okg load")
    report.skip("feed.jsonl:7", "invalid JSON (Expecting value at column 1)")
    if not report.id_clash(article, where="feed.jsonl:8"): ...
    store.load(articles, on_conflict=report.stored_clash)   # the store holds another text under an id
    return report.finish("12 articles (3 new)")        # 0, or 1 if anything was skipped

Exit codes (`okg --help` and README say the same):
    0  done: every input was read
    1  done, but inputs or records were skipped; each was named on one line
    2  usage: bad arguments (argparse), or -o naming an input or a folder; nothing was done
    3  stopped: the store, the engine or the output failed (one line says why); with -o the file
       is left as it was; a load keeps the articles it loaded before
    130, 143  interrupted by Ctrl-C or SIGTERM; a load keeps the articles it loaded before
"""

from __future__ import annotations

import re
import sys
from typing import Protocol

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 3
EXIT_CODES_HELP = (
    "exit codes: 0 done; 1 done, but inputs or records were skipped (each named on one line of stderr); "
    "2 usage error; 3 stopped (store, engine or output failed; with -o the file is left as it was; "
    "a load keeps what it loaded); 130/143 interrupted"
)


class Problem(Protocol):
    """An input that gave nothing (okg.extract.inputs.InputError has this shape)."""

    source: str
    message: str
    warning: bool


KEPT_LINES = 10_000  # skipped inputs named in a manifest; stderr names them all, `skipped` counts them
MAX_LINE = 500  # characters of a message: enough for a driver's reason, not for a dump of data


def one_line(text: str) -> str:
    """A message as one line: line breaks and runs of white space folded, cut at MAX_LINE."""
    line = re.sub(r"\s+", " ", str(text)).strip()
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


class RunReport:
    def __init__(self, command: str, stream=None):
        self.command = command
        self.stream = stream
        self.skipped = 0
        self.warnings = 0
        self.skipped_lines: list[str] = []  # the first KEPT_LINES of them, for a run's manifest (extract/shards.py)
        self._ids: dict[str, tuple[bytes, str]] = {}  # article id -> (digest of its body, where it was first seen)

    def _print(self, text: str) -> None:
        stream = self.stream or sys.stderr
        if stream is None:  # standard error closed: the exit code still tells
            return
        prefix = "\r\x1b[K" if stream.isatty() else ""  # over a progress line being drawn
        print(f"{prefix}{self.command}: {one_line(text)}", file=stream, flush=True)

    def note(self, text: str) -> None:
        """A line of information (the home chosen for a source): said, not counted."""
        self._print(text)

    def skip(self, where: str, message: str) -> None:
        """An input or record that is not used: one line naming it."""
        self.skipped += 1
        if len(self.skipped_lines) < KEPT_LINES:
            self.skipped_lines.append(one_line(f"{where}: {message}"))
        self._print(f"error: {where}: {message}")

    def warn(self, where: str, message: str) -> None:
        """An input that is read but gives nothing (no Chinese text): said, not counted as skipped."""
        self.warnings += 1
        self._print(f"warning: {where}: {message}")

    def problem(self, problem: Problem) -> None:
        (self.warn if problem.warning else self.skip)(problem.source, problem.message)

    def id_clash(self, article, where: str | None) -> bool:
        """Does an earlier article of this run have this article's id with another body? Then it is
        reported as skipped (a store keeps one article per id, so it would be dropped unsaid)."""
        from okg.facts import text_digest

        digest = text_digest(article.body)
        first = self._ids.setdefault(article.id, (digest, where or "?"))
        if first[0] == digest:
            return False
        self.skip(where or "?", f"article id {article.id!r} was given to another text first (at {first[1]}); this one is skipped")
        return True

    def stored_clash(self, article) -> None:
        """The store already holds another text under this article's id (loaded before): this one is skipped."""
        where = self._ids.get(article.id, (None, "?"))[1]
        self.skip(where, f"article id {article.id!r}: the store holds another text under this id (loaded before); this one is skipped")

    def stop(self, message: str, code: int = EXIT_STOPPED) -> int:
        """The run cannot go on: one line, and the exit code to return."""
        self._print(message)
        return code

    def finish(self, summary: str) -> int:
        if self.skipped:
            summary += f"; {self.skipped} skipped (each named above)"
        self._print(summary)
        return EXIT_SKIPPED if self.skipped else EXIT_OK
