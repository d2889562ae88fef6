"""The examples of the documentation, read from the Markdown files: fenced blocks, the commands in
them, and the output shown beside a `$ command` (tests/test_docs.py runs them).

A block's language says what it is: ```sh / ```bash hold commands, one a line (a `\\` at the end
continues it, `# ...` is a comment); ```console holds `$ command` lines each followed by the output
it prints; other languages are not commands of this test. An HTML comment on the line before a
block tells the test more:

    <!-- docs-test: skip REASON -->     the block is not run; the test reports it skipped with REASON
    <!-- docs-test: demo-output -->     the block is what `okg demo` prints, compared line by line

Shown output may be abridged with `…` or `...` (anything in their place), laid out over several
lines and spaced as one likes outside JSON strings, and a line may end in a `  # comment`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
MARKER = re.compile(r"<!--\s*docs-test:\s*([\w-]+)\s*(.*?)\s*-->")
ELLIPSIS = re.compile(r"…|\.\.\.")
OUTPUT_COMMENT = re.compile(r"\s{2,}#\s[^\"]*$")  # `   # 404` after the output, never inside a string


@dataclass(frozen=True)
class Block:
    doc: str  # the file, relative to the repository
    line: int  # of the opening fence
    lang: str
    text: str
    marker: str | None = None  # skip, demo-output
    reason: str = ""

    @property
    def name(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(root: Path, doc: str) -> list[Block]:
    """The fenced blocks of `doc`, in order, with the marker of the line before each."""
    text = (root / doc).read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = MARKER.search(before)
        found.append(Block(doc, text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2),
                           marker.group(1) if marker else None, marker.group(2) if marker else ""))
    return found


def _logical_lines(text: str) -> list[str]:
    """Lines with their `\\` continuations joined."""
    out, pending = [], ""
    for line in text.splitlines():
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        out.append(pending + line)
        pending = ""
    return out + ([pending] if pending else [])


def commands(block: Block) -> list[str]:
    """The commands of a sh/bash block: its logical lines that are not blank or only a comment."""
    return [c for c in _logical_lines(block.text) if c.strip() and not c.lstrip().startswith("#")]


def console_steps(block: Block) -> list[tuple[str, str]]:
    """The (command, output shown) pairs of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in _logical_lines(block.text):
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
        elif line.strip():
            raise ValueError(f"{block.name}: output before any `$ command`: {line!r}")
    return [(cmd, "\n".join(out).strip()) for cmd, out in steps]


def _squeezed(text: str) -> str:
    """The text without the whitespace outside double-quoted strings (JSON laid out at will)."""
    out, in_string, escaped = [], False, False
    for ch in text:
        if in_string:
            escaped = ch == "\\" and not escaped
            in_string = escaped or ch != '"'
        elif ch == '"':
            in_string = True
        elif ch.isspace():
            continue
        out.append(ch)
    return "".join(out)


def shows(shown: str, printed: str) -> bool:
    """Whether `printed` is what `shown` shows: the same text up to layout, `…` standing for anything."""
    shown = "\n".join(OUTPUT_COMMENT.sub("", line) for line in shown.splitlines())
    pattern = ".*?".join(re.escape(part) for part in ELLIPSIS.split(_squeezed(shown)))
    return re.fullmatch(pattern, _squeezed(printed), re.S) is not None
