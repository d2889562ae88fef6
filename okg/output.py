"""Where a command writes its result: standard output, or a file that is whole or as it was.

    out = OutputFile.open(args.output, inputs=args.paths)   # OutputRefused: one line, nothing done
    out.write(text)                                         # OSError: the disk is full, ...
    out.commit()                                            # the file now holds what was written
    out.discard()                                           # or it is left as it was

A regular file is written to a hidden temporary file beside it (`.NAME.PID.tmp`) and renamed over
it by `commit`, so `okg extract X -o X` cannot empty X before reading it (and is refused anyway),
and a run that stops half way leaves the file as it was. Other files (/dev/null, a pipe, a
terminal) are written directly.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TextIO


class OutputRefused(ValueError):
    """The output cannot be used (names an input, is a folder, cannot be created); the message is one line."""


def _strerror(e: OSError) -> str:
    return e.strerror or type(e).__name__


class OutputFile:
    def __init__(self, stream: TextIO, name: str, target: Path | None = None, temp: Path | None = None):
        self.stream, self.name, self.target, self.temp = stream, name, target, temp
        self.written = False  # has anything been written (to standard output: cannot be taken back)

    @classmethod
    def open(cls, path: str | None, inputs: list[str] = ()) -> "OutputFile":
        if path is None or path == "-":
            if sys.stdout is None:
                raise OutputRefused("standard output is closed; give -o FILE")
            return cls(sys.stdout, "<stdout>")
        target = Path(path)
        try:
            st = os.stat(target)
        except FileNotFoundError:
            st = None
        except OSError as e:
            raise OutputRefused(f"cannot write {path}: {_strerror(e)}") from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputRefused(f"cannot write {path}: it is a folder")
        if st is not None:
            for p in inputs:
                if p != "-" and _same_file(p, st):
                    raise OutputRefused(f"-o {path} is also an input; write to another file")
        if st is not None and not stat.S_ISREG(st.st_mode):
            return cls(cls._open(target, path), path)  # a device or a pipe: no rename over it
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        return cls(cls._open(temp, path), path, target, temp)

    @staticmethod
    def _open(file: Path, name: str) -> TextIO:
        try:
            return open(file, "w", encoding="utf-8")
        except OSError as e:
            raise OutputRefused(f"cannot write {name}: {_strerror(e)}") from None

    def write(self, text: str) -> None:
        self.written = True
        self.stream.write(text)

    def commit(self) -> None:
        """Flush and, for a file, put it in place. OSError when that fails (the disk is full)."""
        try:
            self.stream.flush()
            if self.temp is not None:
                os.fsync(self.stream.fileno())
                self.stream.close()
                os.replace(self.temp, self.target)
                self.temp = None
            elif self.stream is not sys.stdout:
                self.stream.close()
        except OSError:
            self.discard()
            raise

    def discard(self) -> None:
        """Leave the file as it was (standard output keeps what it was given)."""
        if self.stream is sys.stdout:
            return
        try:
            self.stream.close()
        except OSError:
            pass  # the data that could not be flushed is being thrown away anyway
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


def _same_file(path: str, st: os.stat_result) -> bool:
    try:
        other = os.stat(path)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino)


def describe_write_error(e: OSError, out: OutputFile) -> str:
    """One line for a write that failed half way."""
    kept = f"; {out.name} is left as it was" if out.target is not None else ""
    return f"cannot write {out.name}: {_strerror(e)}{kept}"
