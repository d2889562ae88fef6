"""The language data of the extractor, read once from extract/data/. Code asks here; words live there."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("okg.extract").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _toml(name: str) -> dict:
    return tomllib.loads(resources.files("okg.extract").joinpath("data", name).read_text(encoding="utf-8"))


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    titles: tuple[str, ...]
    title_modifiers: tuple[str, ...]
    group_labels: tuple[str, ...]
    surnames: frozenset[str]
    role_words: dict[str, tuple[str, ...]]
    pronouns: frozenset[str]
    passive_markers: tuple[str, ...]
    citations: tuple[str, ...]
    joining: tuple[str, ...]
    event_types: dict[str, tuple[str, ...]]
    event_closers: tuple[str, ...]
    place_suffixes: dict[str, tuple[str, ...]]
    not_places: frozenset[str]
    not_place_suffixes: tuple[str, ...]
    venue_suffixes: tuple[str, ...]
    agency_suffixes: tuple[str, ...]

    def title_suffix(self, text: str) -> str | None:
        """The longest title (with its modifiers) that ends `text`, e.g. 县委常务副书记 -> 常务副书记."""
        for title in self.titles:
            if text.endswith(title):
                head = text[: -len(title)]
                for modifier in self.title_modifiers:
                    if head.endswith(modifier):
                        return modifier + title
                return title
        return None

    def group_label(self, text: str) -> str | None:
        return next((g for g in self.group_labels if text.endswith(g)), None)

    def place_kind(self, name: str) -> str | None:
        """Kind of an administrative place by its suffix (横水镇 -> town), None if it has none."""
        if name in self.not_places or name.endswith(self.not_place_suffixes):
            return None
        for kind, suffixes in self.place_suffixes.items():
            suffix = next((s for s in suffixes if name.endswith(s) and len(name) > len(s)), None)
            if suffix:
                # 超市 ends in 市 but is a venue: a longer venue suffix wins
                if any(name.endswith(v) and len(v) > len(suffix) for v in self.venue_suffixes):
                    return None
                return kind
        return None

    def agency_suffix(self, name: str) -> str | None:
        return next((s for s in self.agency_suffixes if name.endswith(s) and len(name) > len(s)), None)


@cache
def lexicon() -> Lexicon:
    roles = _toml("roles.toml")
    events = _toml("events.toml")
    places = _toml("places.toml")
    modifiers = _lines("title_modifiers.txt")
    return Lexicon(
        titles=_longest_first(_lines("titles.txt")),
        title_modifiers=_longest_first(modifiers),
        group_labels=_longest_first(_lines("group_labels.txt")),
        surnames=frozenset(_lines("surnames.txt")),
        role_words={role: _longest_first(words) for role, words in roles["roles"].items()},
        pronouns=frozenset(roles["pronouns"]["words"]),
        passive_markers=tuple(roles["passive"]["markers"]),
        citations=tuple(roles["citation"]["patterns"]),
        joining=tuple(roles["joining"]["words"]),
        event_types={kind: _longest_first(words) for kind, words in events["types"].items()},
        event_closers=_longest_first(events["name"]["closers"]),
        # longest suffix first across kinds, so 自治县 is a county before 县... and 自治区 a province
        place_suffixes={k: _longest_first(v) for k, v in places["suffixes"].items()},
        not_places=frozenset(places["not_places"]["words"]),
        not_place_suffixes=_longest_first(places["not_places"]["suffixes"]),
        venue_suffixes=_longest_first(places["venues"]["suffixes"]),
        agency_suffixes=_longest_first(_toml("agencies.toml")["suffixes"]["words"]),
    )
