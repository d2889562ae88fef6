"""Reading the inputs of `okg extract` and `okg load`: files, folders, stdin and JSONL, streamed one
input at a time, with bad input refused politely.

API
---
    list_inputs(paths) -> list[str | InputError]       # folders expanded to file names, nothing read
    read_input(item) -> Iterator[InputDoc | InputError]  # one of them, read when asked for
    read_inputs(paths) -> Iterator[InputDoc | InputError]  # both
    decode(data: bytes) -> (text, encoding)            # raises BadInput with a one-line message
    check_date(text) -> text                           # raises BadInput unless a calendar date
    open_input, bounded_lines, jsonl_objects, json_items, parse_json: the pieces `okg load` reads
    facts files with, so that both commands refuse the same things with the same words
    read_opened(f, name), jsonl_lines(lines, name, first_line), size_limit, size_error: the pieces
    `okg extract --cluster` reads a file (or a part of a JSONL file) with on its workers

`InputDoc(source, text, id=None, date=None, encoding=None, home=None, url=None, title=None)`: one text
to extract from (`home`, `url`, `title`: the item's metadata, from a JSONL record). `source` is
the file name, `<stdin>`, or for JSONL the record's "source" (else `file:line`).
`InputError(source, message, warning=False)`: one input that gave nothing; `str(err)` is the
one-line report `source: message`. `warning=True` marks input that is readable but has nothing to
extract (no Chinese text): an empty result, not a failure.

Accepted:
- `.txt` files (any other extension is read as text too when named explicitly) in UTF-8, with or
  without BOM, or GB18030 (GBK/GB2312 are subsets); UTF-16 with a BOM. Detection: strict UTF-8,
  else (unless it is UTF-8 with a few bad bytes: refused, naming the byte offset) strict GB18030,
  else charset-normalizer's best guess; the result must look like text.
- folders, recursively, in sorted order, taking `.txt`, `.jsonl`, `.json`, `.html` and `.htm` files (hidden files
  and folders skipped); an unreadable subfolder is an InputError;
- `-` for standard input: JSONL, read a line at a time, when its first non-blank line opens a JSON
  object; else one text;
- HTML: `.html`/`.htm` files, and any text that starts as a page does (`<!DOCTYPE html`, `<html`),
  are read as news pages by extract/html.py (trafilatura): the article's text, with the page's title,
  date and URL as the item's metadata; a page holding no article text is an InputError. An HTML
  file may be up to MAX_HTML_BYTES (10 MiB), its text up to MAX_TEXT_BYTES.
- JSONL: one `{"id", "text", "date", "source", "home", "url", "title"}` object per line ("text", or
  "html" holding a news page whose title, date and url fill in what the record leaves out; "date" a
  calendar date YYYY-MM-DD, YYYY-MM or YYYY); a bad line is an InputError naming `file:line`, the
  other lines go on. JSONL is read a line at a time, each line at most MAX_INPUT_BYTES.
  A `.json` file holds one such object, a list of them, or `{"articles": [...]}`.
Refused with a one-line InputError: a missing or unreadable path, a symlink loop, an empty file, a
binary file (NUL bytes or mostly control characters), a text over MAX_TEXT_BYTES (6 MiB), a .json
file or JSONL line over MAX_INPUT_BYTES (50 MiB), an HTML file over MAX_HTML_BYTES (10 MiB),
undecodable bytes, JSON nested too deeply, a news page with no article text.
Nothing here raises: every problem becomes an InputError.
"""

from __future__ import annotations

import codecs
import datetime
import errno
import itertools
import json
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from okg.extract.html import MAX_HTML_BYTES, BadPage, looks_like_html, read_page

MIB = 1024 * 1024
MAX_INPUT_BYTES = 50 * MIB  # a .json file or a JSONL line larger than this is refused
# One text (a file, or a JSONL record's "text") larger than this is refused: its articles are made
# one at a time and a long one is read in windows (pipeline.WINDOW_CHARS), but the page's repair
# and one article's facts are held whole, about 90 bytes of memory per byte of text (bench/memory.py:
# a 5 MiB single article peaks at 711 MiB with the JVM's 250), so 6 MiB stays under 1 GB. Many
# texts of any total size are read one at a time.
MAX_TEXT_BYTES = 6 * MIB
FOLDER_SUFFIXES = (".txt", ".jsonl", ".json", ".html", ".htm")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd\ue000-\uf8ff]")


@dataclass
class InputDoc:
    source: str
    text: str
    id: str | None = None
    date: str | None = None
    encoding: str | None = None  # the encoding the text was decoded from
    home: str | None = None  # the item's home county as written (绛县, 山西省运城市绛县) or an adcode
    url: str | None = None
    title: str | None = None


@dataclass
class InputError:
    source: str
    message: str
    warning: bool = False  # readable, but nothing to extract (an empty result, not a failure)

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class BadInput(ValueError):
    """Bytes that are not text we can read; the message is one line."""


# ----------------------------------------------------------------------------- decoding


def _looks_like_text(s: str) -> bool:
    if not s:
        return True
    bad = len(_CONTROL.findall(s))
    return bad <= max(2, len(s) // 200)


def _gb_plausible(s: str) -> bool:
    """GB18030 decodes almost any bytes; real text has mostly common Chinese among its non-ASCII characters."""
    non_ascii = [c for c in s if ord(c) > 0x7F]
    if not non_ascii:
        return True
    good = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fa5" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c in "“”‘’…—·")
    return good / len(non_ascii) >= 0.9


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; BadInput with a one-line reason when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise BadInput(f"invalid UTF-8 (byte {e.start + 3} is 0x{data[e.start + 3]:02x})") from None
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(enc)
            except UnicodeDecodeError:
                raise BadInput(f"invalid {enc.upper()} text") from None
            if not _looks_like_text(text):
                raise BadInput("binary file (not text)")
            return text, enc
    if b"\x00" in data:
        raise BadInput("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    else:
        if not _looks_like_text(text):
            raise BadInput("binary file (mostly control characters)")
        return text, "utf-8"
    # UTF-8 with a few bad bytes is damaged UTF-8, not another encoding: say where
    lenient = data.decode("utf-8", errors="replace")
    errors = lenient.count("\ufffd")
    if any(ord(c) > 0x7F and c != "\ufffd" for c in lenient) and errors <= max(3, len(lenient) // 500):
        raise BadInput(f"invalid UTF-8 (byte {first_bad} is 0x{data[first_bad]:02x}); not GB18030 either")
    try:
        text = data.decode("gb18030")
        if _gb_plausible(text) and _looks_like_text(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # the detector is a guess; never let it crash a run
        best = None
    if best is not None:
        text = str(best)
        if _looks_like_text(text) and (not _CJK.search(text) or _gb_plausible(text)):
            return text, best.encoding
    raise BadInput(f"undecodable bytes (byte {first_bad} is 0x{data[first_bad]:02x}): neither UTF-8 nor GB18030")


# ----------------------------------------------------------------------------- dates

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?")


def check_date(text: str, day_required: bool = False) -> str:
    """`text` when it is a calendar date, YYYY-MM-DD (or YYYY-MM or YYYY unless `day_required`,
    a time after it allowed); BadInput with a one-line reason when not (2022-02-30, 2022-13-01)."""
    m = _DATE.fullmatch(text.strip())
    if not m or (day_required and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip())):
        raise BadInput(f"{text!r} is not a date like 2022-03-28")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        datetime.date(year, month, day)
    except ValueError as e:
        raise BadInput(f"{text!r} is not a calendar date ({e})") from None
    return text.strip()


# ----------------------------------------------------------------------------- documents


def _doc(source: str, text: str, encoding: str | None, id: str | None = None, date: str | None = None) -> InputDoc | InputError:
    if not text.strip():
        return InputError(source, "empty input")
    if len(text) * 3 > MAX_TEXT_BYTES and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        return InputError(source, _too_big(len(text.encode("utf-8")), MAX_TEXT_BYTES, "text"))
    if not _CJK.search(text):
        return InputError(source, "no Chinese text; nothing to extract", warning=True)
    return InputDoc(source, text, id, date, encoding)


def _page_doc(markup: str, name: str, encoding: str | None) -> InputDoc | InputError:
    """The text of a news page (extract/html.py), with its title, date and URL."""
    try:
        page = read_page(markup)
    except BadPage as e:
        return InputError(name, str(e))
    doc = _doc(name, page.text, encoding)
    if isinstance(doc, InputDoc):
        doc.title, doc.date, doc.url = page.title, page.date, page.url
    return doc


def _record_text(obj: dict, where: str) -> tuple[str, bool] | InputError:
    """(text or markup, is it a page) of a record: its "text", or its "html"."""
    text, html = obj.get("text"), obj.get("html")
    if text is not None and html is not None:
        return InputError(where, 'give "text" or "html", not both')
    if isinstance(html, str):
        return html, True
    if not isinstance(text, str):
        return InputError(where, 'missing "text" (a string) or "html" (a news page)')
    return text, False


def _record(obj: object, where: str) -> InputDoc | InputError:
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = _record_text(obj, where)
    if isinstance(text, InputError):
        return text
    text, is_page = text
    source = obj.get("source")
    rid = obj.get("id")
    date = obj.get("date")
    meta = {name: obj.get(name) for name in ("home", "url", "title")}  # the item's metadata
    for name, value in (("source", source), ("id", rid), ("date", date), *meta.items()):
        if value is not None and not isinstance(value, (str, int)):
            return InputError(where, f'"{name}" must be a string')
    if date is not None:
        try:
            date = check_date(str(date))
        except BadInput as e:
            return InputError(where, f'"date": {e}')
    name = str(source) if source else where
    doc = _page_doc(text, name, "utf-8") if is_page else _doc(name, text, "utf-8")
    if isinstance(doc, InputDoc):  # what the record says wins over what its page says
        home, url, title = (None if v is None else str(v) for v in meta.values())
        doc.id, doc.home = None if rid is None else str(rid), home
        doc.date, doc.url, doc.title = date or doc.date, url or doc.url, title or doc.title
    return doc


def bounded_lines(f: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a stream, each read with a bound: a line longer than MAX_INPUT_BYTES is passed
    over (its rest is read in pieces and dropped) and given as None."""
    while line := f.readline(MAX_INPUT_BYTES + 1):
        if len(line) <= MAX_INPUT_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def parse_json(text: str | bytes) -> object:
    """json.loads, with every way it fails as BadInput with a one-line message."""
    try:
        return json.loads(text)
    except UnicodeDecodeError as e:
        raise BadInput(f"invalid UTF-8 (byte {e.start})") from None
    except json.JSONDecodeError as e:
        at = f"column {e.colno}" if e.lineno == 1 else f"line {e.lineno}, column {e.colno}"
        raise BadInput(f"invalid JSON ({e.msg.removesuffix(' at')} at {at})") from None
    except RecursionError:
        raise BadInput("JSON nested too deeply") from None


def jsonl_objects(lines: Iterable[bytes | None], name: str, first_line: int = 1) -> Iterator[tuple[str, object | InputError]]:
    """(`file:line`, parsed JSON value or InputError) for each non-blank line of a JSONL stream.
    A part of a file (okg extract --cluster reads one a task) starts at its `first_line`; only a
    whole file (first_line 1) with no line that is not blank is an empty input."""
    seen = first_line != 1
    for lineno, raw in enumerate(lines, first_line):
        where = f"{name}:{lineno}"
        if raw is None:
            seen = True
            yield where, InputError(where, _too_big(None, MAX_INPUT_BYTES, "JSONL line"))
            continue
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen = True
        try:
            yield where, parse_json(raw)
        except BadInput as e:
            yield where, InputError(where, str(e))
    if not seen:
        yield name, InputError(name, "empty input")


def jsonl_lines(lines: Iterable[bytes | None], name: str, first_line: int = 1) -> Iterator[InputDoc | InputError]:
    """The texts of the records of JSONL lines (the lines of a file, or of a part of it from `first_line`)."""
    for where, obj in jsonl_objects(lines, name, first_line):
        yield obj if isinstance(obj, InputError) else _record(obj, where)


def json_items(data: bytes, name: str) -> Iterator[tuple[str, object | InputError]]:
    """(`file` or `file#i`, item) for the records of a .json file: one object, a list of them, or
    {"articles": [...]}; an InputError for the whole file when it is not JSON."""
    try:
        obj = parse_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        yield name, InputError(name, f"invalid UTF-8 (byte {e.start})")
        return
    except BadInput as e:
        yield name, InputError(name, str(e))
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield name, InputError(name, "empty input")
    for i, item in enumerate(items, 1):
        yield (f"{name}#{i}" if isinstance(obj, list) else name), item


def _json_file(data: bytes, name: str) -> Iterator[InputDoc | InputError]:
    for where, item in json_items(data, name):
        yield item if isinstance(item, InputError) else _record(item, where)


def _too_big(size: int | None, limit_bytes: int, what: str) -> str:
    limit = f"the limit for one {what} is {limit_bytes / MIB:g} MiB"
    if size is None:
        return f"too large ({limit}; split it into smaller files or JSONL records)"
    return f"too large ({size / MIB:.1f} MiB; {limit}; split it into smaller files or JSONL records)"


def _text_bytes(data: bytes, name: str) -> InputDoc | InputError:
    if not data.strip():
        return InputError(name, "empty input")
    try:
        text, encoding = decode(data)
    except BadInput as e:
        return InputError(name, str(e))
    return _page_doc(text, name, encoding) if looks_like_html(text) else _doc(name, text, encoding)


def _os_error(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "a symlink loop (too many levels of symbolic links)"
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or folder"
    return f"cannot read ({e.strerror or type(e).__name__})"


def size_error(name: str, size: int, limit: int | None) -> InputError | None:
    """Why a file of `size` bytes is refused (over `limit`), or None."""
    if limit is None or size <= limit:
        return None
    return InputError(name, _too_big(size, limit, {MAX_TEXT_BYTES: "text", MAX_HTML_BYTES: "HTML page"}.get(limit, "file")))


def open_input(path: Path, limit: int | None, name: str | None = None) -> BinaryIO | InputError:
    """A regular file opened for reading, or why not (missing, a symlink loop, not a file,
    unreadable, over `limit` bytes); `name` (default: the path) is what the error names."""
    name = name or str(path)
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return InputError(name, "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file")
        return size_error(name, st.st_size, limit) or open(path, "rb")
    except OSError as e:
        return InputError(name, _os_error(e))


def size_limit(name: str) -> int | None:
    """The most bytes a file of this name may hold: none for JSONL (read a line at a time)."""
    return {".jsonl": None, ".json": MAX_INPUT_BYTES, ".html": MAX_HTML_BYTES, ".htm": MAX_HTML_BYTES}.get(Path(name).suffix.lower(), MAX_TEXT_BYTES)


def read_file(path: Path, name: str | None = None) -> Iterator[InputDoc | InputError]:
    """The texts of one file; `name` (default: the path) is the source its texts and errors name."""
    name = name or str(path)
    f = open_input(path, size_limit(name), name)
    if isinstance(f, InputError):
        yield f
        return
    yield from read_opened(f, name)


def read_opened(f: BinaryIO, name: str) -> Iterator[InputDoc | InputError]:
    """The texts of a file opened for reading (closed when done), read as its name's suffix says."""
    suffix = Path(name).suffix.lower()
    with f:
        try:
            if suffix == ".jsonl":
                yield from jsonl_lines(bounded_lines(f), name)
                return
            data = f.read()
        except OSError as e:
            yield InputError(name, _os_error(e))
            return
    if suffix == ".json":
        yield from _json_file(data, name)
    else:
        yield _text_bytes(data, name)


def _stdin() -> Iterator[InputDoc | InputError]:
    """Standard input: JSONL (read a line at a time) when its first non-blank line opens a JSON
    object, else one text."""
    name = "<stdin>"
    if sys.stdin is None:
        yield InputError(name, "standard input is closed")
        return
    try:
        stream = sys.stdin.buffer
        lines = bounded_lines(stream)
        head = []
        for line in lines:
            head.append(line)
            if line is None or line.strip():
                break
        first = head[-1] if head else b""
        if first is not None and first.lstrip(codecs.BOM_UTF8).lstrip().startswith(b"{"):
            yield from jsonl_lines(itertools.chain(head, lines), name)
            return
        if first is None:
            yield InputError(name, _too_big(None, MAX_TEXT_BYTES, "text"))
            return
        data = b"".join(head) + stream.read(max(0, MAX_TEXT_BYTES + 1 - sum(map(len, head))))
    except (OSError, ValueError) as e:
        yield InputError(name, f"cannot read ({getattr(e, 'strerror', None) or e})")
        return
    if len(data) > MAX_TEXT_BYTES:
        yield InputError(name, _too_big(None, MAX_TEXT_BYTES, "text"))
        return
    yield _text_bytes(data, name)


def _walk(folder: Path, errors: list[InputError]) -> Iterator[Path]:
    def unreadable(e: OSError) -> None:
        errors.append(InputError(e.filename or str(folder), _os_error(e)))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.lower().endswith(FOLDER_SUFFIXES):
                yield Path(root) / f


def list_inputs(paths: list[str]) -> list[str | InputError]:
    """The inputs named by `paths`, folders expanded to their files (names only, nothing read):
    file paths, "-" for standard input, and InputError for what cannot be listed."""
    found: list[str | InputError] = []
    for p in paths:
        try:
            is_dir = p != "-" and stat.S_ISDIR(os.stat(p).st_mode)
        except OSError as e:
            found.append(InputError(p, _os_error(e)))
            continue
        if not is_dir:
            found.append(p)
            continue
        errors: list[InputError] = []
        files = [str(f) for f in _walk(Path(p), errors)]
        found += files + errors
        if not files and not errors:
            found.append(InputError(p, "folder holds no .txt, .jsonl or .json files", warning=True))
    return found


def read_input(item: str | InputError) -> Iterator[InputDoc | InputError]:
    """The texts of one item of list_inputs, read when asked for (a JSONL file a line at a time)."""
    if isinstance(item, InputError):
        yield item
    elif item == "-":
        yield from _stdin()
    else:
        yield from read_file(Path(item))


def read_inputs(paths: list[str]) -> Iterator[InputDoc | InputError]:
    """Every text to extract from, in order; problems come as InputError items, never as exceptions."""
    for item in list_inputs(paths):
        yield from read_input(item)
