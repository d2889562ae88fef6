"""A progress line on standard error, drawn only when it is a terminal (logs and CI stay clean)."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = True):
        self.total, self.label, self.done = total, label, 0
        self.enabled = enabled and total > 1 and sys.stderr.isatty()
        self.started = time.monotonic()

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            width = 30
            filled = int(width * self.done / self.total) if self.total else width
            rate = self.done / max(time.monotonic() - self.started, 1e-9)
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {rate:.1f}/s")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
