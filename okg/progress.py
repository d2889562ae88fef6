"""Progress on standard error, drawn only when it is a terminal (logs and CI stay clean).

`StatusLine` is one line redrawn in place (`okg load` counts articles with it); `Progress` draws a
bar on it for work of known size (`okg extract` over many files).
"""

from __future__ import annotations

import sys
import time


class StatusLine:
    INTERVAL = 0.2  # seconds between redraws: a terminal need not show more, and drawing costs

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self.drawn = False
        self.last = 0.0

    def due(self) -> bool:
        """Is it time to draw again? (Callers test this before composing a line that costs to make.)"""
        return self.enabled and time.monotonic() - self.last >= self.INTERVAL

    def show(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r{text}\x1b[K")  # \x1b[K: clear what a longer line left behind
            sys.stderr.flush()
            self.drawn = True
            self.last = time.monotonic()

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            self.drawn = False


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = True):
        self.total, self.label, self.done = total, label, 0
        self.line = StatusLine(enabled and total > 1)
        self.started = time.monotonic()

    @property
    def enabled(self) -> bool:
        return self.line.enabled

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.line.due() or (self.line.enabled and self.done == self.total):
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            self.line.show(f"{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {rate:.1f}/s")

    def close(self) -> None:
        self.line.close()
