"""What a Dask worker runs for `okg extract --cluster` (extract/cluster.py submits it).

    EnginePlugin(engine)                    # registered once: starts the engine on every worker, kept for all tasks
    count_lines(url, blocks) -> [(lines, blank)]   # how many lines start in each block of a JSONL file
    extract_pieces(pieces, settings) -> [Article | InputError]   # a task: a few inputs, or blocks of JSONL

A worker reads its inputs itself, from a path every worker sees (a shared file system) or an
fsspec URL (s3://, gs://, hdfs://… where their packages are installed), with the readers of
extract/inputs.py, so a cluster decodes and refuses exactly what `okg extract` does.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from distributed import WorkerPlugin

from okg.extract.inputs import InputDoc, InputError, bounded_lines, jsonl_lines, open_input, read_opened, size_error, size_limit
from okg.extract.stream import _extract, _started, with_home


@dataclass(frozen=True)
class Piece:
    """One input, or the lines of a JSONL file that start in bytes [start, end), the first of them
    line `first_line` of the file."""

    name: str  # as the run names it: the source of its texts and errors
    url: str  # where a worker reads it: an absolute path, or an fsspec URL
    size: int
    start: int = 0
    end: int | None = None  # None: the whole file
    first_line: int = 1


@dataclass(frozen=True)
class Settings:
    engine: str
    home: str | None = None
    date: str | None = None
    home_map: object | None = None  # okg.graph.homes.HomeMap


class EnginePlugin(WorkerPlugin):
    """Starts the engine (HanLP's JVM) once on each worker, as it joins, for all the tasks it runs."""

    def __init__(self, engine: str):
        self.engine = engine
        self.name = f"okg-engine-{engine}"

    def setup(self, worker) -> None:
        _started(self.engine)


# One engine per worker process: a worker given several threads extracts one text at a time
# rather than call one JVM's segmenter from several threads at once.
_engine_lock = threading.Lock()


def extract_pieces(pieces: list[Piece], settings: Settings) -> list:
    """The articles and the errors of the pieces, in order, as `okg extract` gives them."""
    found: list = []
    for piece in pieces:
        for doc in read_piece(piece):
            doc = with_home(doc, settings.home_map)
            if isinstance(doc, InputError):
                found.append(doc)
                continue
            with _engine_lock:
                result = _extract(doc, settings.engine, settings.home, settings.date, raise_errors=False)
            found.extend([result] if isinstance(result, InputError) else result)
    return found


def read_piece(piece: Piece) -> Iterator[InputDoc | InputError]:
    """The texts of a piece, read and refused as extract/inputs.py reads a file (or its lines)."""
    f = _open(piece, size_limit(piece.name) if piece.end is None else None)
    if isinstance(f, InputError):
        yield f
    elif piece.end is None:
        yield from read_opened(f, piece.name)
    else:
        with f:
            try:
                yield from jsonl_lines(_block_lines(f, piece.start, piece.end), piece.name, piece.first_line)
            except OSError as e:
                yield InputError(piece.name, f"cannot read ({e.strerror or e})")


def _open(piece: Piece, limit: int | None) -> BinaryIO | InputError:
    if "://" not in piece.url:
        return open_input(Path(piece.url), limit, piece.name)
    import fsspec

    try:
        return size_error(piece.name, piece.size, limit) or fsspec.open(piece.url, "rb").open()
    except FileNotFoundError:
        return InputError(piece.name, "no such file or folder")
    except (OSError, ValueError) as e:  # fsspec's backends raise either when a file cannot be read
        return InputError(piece.name, f"cannot read ({getattr(e, 'strerror', None) or e})")


def _block_lines(f: BinaryIO, start: int, end: int) -> Iterator[bytes | None]:
    """The lines that start in bytes [start, end) of a file: a line that starts before `start` is
    the previous block's, so a file cut anywhere gives each line to one block."""
    if start > 0:
        f.seek(start - 1)
        if f.read(1) != b"\n":
            _skip_line(f)
    lines = bounded_lines(f)
    while f.tell() < end:
        line = next(lines, False)
        if line is False:
            return
        yield line


def _skip_line(f: BinaryIO) -> None:
    while (part := f.readline(1 << 20)) and not part.endswith(b"\n"):
        pass


def count_lines(url: str, blocks: list[tuple[int, int]]) -> list[tuple[int, bool]]:
    """For each block [start, end) of a file: how many lines start in it (as _block_lines reads
    them), and whether its bytes are all blank (a JSONL file of blank lines is an empty input)."""
    import fsspec

    counts = []
    with fsspec.open(url, "rb") as f:
        for start, end in blocks:
            f.seek(max(start - 1, 0))
            data = f.read(end - max(start - 1, 0))  # from the byte before the block: is `start` a line's?
            lines = data[:-1].count(b"\n") + (1 if start == 0 else 0)
            own = data[1:] if start > 0 else data.removeprefix(b"\xef\xbb\xbf")
            counts.append((lines, not own.strip()))
    return counts
