"""The engine interface: what the fact extractor needs from a segmenter/recognizer.

An engine turns one sentence into tokens with part-of-speech tags in HanLP's (PKU-style) tag set,
where named entities have their own tags: `nr` person name, `ns` place name, `nt` organization.
Engines are chosen by name (`okg extract --engine`) and imported lazily (see registry.py).
"""

from __future__ import annotations

from typing import NamedTuple, Protocol


class Token(NamedTuple):  # a tuple: an article makes thousands, and a frozen dataclass is slow to build
    text: str
    pos: str  # HanLP 1.x nature, e.g. n, v, nr, nrf, ns, nt, nz, w, m, t
    start: int  # offset in the analysed sentence
    end: int


class Engine(Protocol):
    name: str

    def tokenize(self, sentence: str) -> list[Token]:
        """Segment and tag one sentence (person, place and organization recognition on)."""

    def tokenize_many(self, sentences: list[str]) -> list[list[Token]]:
        """Tag many sentences in one call where the engine can batch (a JVM round trip costs)."""


class EngineUnavailable(RuntimeError):
    """The engine cannot run here; the message says how to install what it needs."""
