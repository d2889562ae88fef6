"""Reading the inputs of `okg extract`: files, folders, stdin and JSONL, with bad input refused politely.

API
---
    read_inputs(paths: list[str]) -> Iterator[InputDoc | InputError]
    decode(data: bytes) -> str                   # raises BadInput with a one-line message

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
- folders, recursively, in sorted order, taking `.txt`, `.jsonl` and `.json` files (hidden files
  and folders skipped);
- `-` for standard input (a `.txt`-like text, or JSONL when every line is a JSON object);
- JSONL: one `{"id", "text", "date", "source", "home", "url", "title"}` object per line ("text" required); a bad line is an
  InputError naming `file:line`, the other lines go on. JSONL is read line by line (no size limit).
  A `.json` file holds one such object, a list of them, or `{"articles": [...]}`.
Refused with a one-line InputError: a missing or unreadable path, an empty file, a binary file (NUL
bytes or mostly control characters), a file over MAX_INPUT_BYTES, undecodable bytes.
Nothing here raises: every problem becomes an InputError.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a text or JSON file larger than this is refused
FOLDER_SUFFIXES = (".txt", ".jsonl", ".json")
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


# ----------------------------------------------------------------------------- documents


def _doc(source: str, text: str, encoding: str | None, id: str | None = None, date: str | None = None) -> InputDoc | InputError:
    if not text.strip():
        return InputError(source, "empty input")
    if not _CJK.search(text):
        return InputError(source, "no Chinese text; nothing to extract", warning=True)
    return InputDoc(source, text, id, date, encoding)


def _record(obj: object, where: str) -> InputDoc | InputError:
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        return InputError(where, 'missing "text" (a string)')
    source = obj.get("source")
    meta = {name: obj.get(name) for name in ("id", "date", "home", "url", "title")}
    for name, value in (("source", source), *meta.items()):
        if value is not None and not isinstance(value, (str, int)):
            return InputError(where, f'"{name}" must be a string')
    meta = {name: None if value is None else str(value) for name, value in meta.items()}
    doc = _doc(str(source) if source else where, text, "utf-8", meta["id"], meta["date"])
    if isinstance(doc, InputDoc):
        doc.home, doc.url, doc.title = meta["home"], meta["url"], meta["title"]
    return doc


def _jsonl_lines(lines: Iterator[bytes], name: str) -> Iterator[InputDoc | InputError]:
    seen = False
    for lineno, raw in enumerate(lines, 1):
        where = f"{name}:{lineno}"
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        seen = True
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield InputError(where, f"invalid UTF-8 (byte {e.start} of the line)")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"invalid JSON ({e.msg} at column {e.colno})")
            continue
        yield _record(obj, where)
    if not seen:
        yield InputError(name, "empty input")


def _json_file(data: bytes, name: str) -> Iterator[InputDoc | InputError]:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        yield InputError(name, f"invalid UTF-8 (byte {e.start})")
        return
    except json.JSONDecodeError as e:
        yield InputError(name, f"invalid JSON ({e.msg} at line {e.lineno}, column {e.colno})")
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        yield InputError(name, "empty input")
    for i, item in enumerate(items, 1):
        yield _record(item, f"{name}#{i}" if isinstance(obj, list) else name)


def _read_limited(f: BinaryIO) -> bytes | None:
    data = f.read(MAX_INPUT_BYTES + 1)
    return None if len(data) > MAX_INPUT_BYTES else data


def _too_big(size: int | None) -> str:
    limit = f"the limit is {MAX_INPUT_BYTES / 1024 / 1024:g} MB"
    if size is None:
        return f"too large ({limit})"
    return f"too large ({size / 1024 / 1024:.1f} MB; {limit})"


def _text_bytes(data: bytes, name: str) -> InputDoc | InputError:
    if not data.strip():
        return InputError(name, "empty input")
    try:
        text, encoding = decode(data)
    except BadInput as e:
        return InputError(name, str(e))
    return _doc(name, text, encoding)


def read_file(path: Path) -> Iterator[InputDoc | InputError]:
    name = str(path)
    try:
        if not path.exists():
            yield InputError(name, "no such file or folder")
            return
        if not path.is_file():
            yield InputError(name, "not a regular file")
            return
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            with path.open("rb") as f:
                yield from _jsonl_lines(iter(f), name)
            return
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            yield InputError(name, _too_big(size))
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(name, f"cannot read ({e.strerror or e.__class__.__name__})")
        return
    if suffix == ".json":
        yield from _json_file(data, name)
    else:
        yield _text_bytes(data, name)


def _stdin() -> Iterator[InputDoc | InputError]:
    name = "<stdin>"
    try:
        data = _read_limited(sys.stdin.buffer)
    except (OSError, ValueError) as e:
        yield InputError(name, f"cannot read ({e})")
        return
    if data is None:
        yield InputError(name, _too_big(None))
        return
    lines = [ln for ln in data.splitlines() if ln.strip()]
    if lines and all(ln.lstrip(codecs.BOM_UTF8).lstrip().startswith(b"{") for ln in lines):
        yield from _jsonl_lines(iter(data.splitlines()), name)
    else:
        yield _text_bytes(data, name)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.lower().endswith(FOLDER_SUFFIXES):
                yield Path(root) / f


def read_inputs(paths: list[str]) -> Iterator[InputDoc | InputError]:
    """Every text to extract from, in order; problems come as InputError items, never as exceptions."""
    for p in paths:
        if p == "-":
            yield from _stdin()
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except OSError as e:
            yield InputError(p, f"cannot read ({e.strerror})")
            continue
        if is_dir:
            found = False
            for f in _walk(path):
                found = True
                yield from read_file(f)
            if not found:
                yield InputError(p, "folder holds no .txt, .jsonl or .json files", warning=True)
        else:
            yield from read_file(path)
