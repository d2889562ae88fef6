"""An item's home county (to which 我县, 县委 and 县长 refer), and the evidence for it.

In order: the home the item gives (`Article.home`: a record's `home`, `--home-map`, `--home`); the
home of the earlier items of its source (items of one source share a home); the county its own text
names; the county the other items of its source loaded with it name; else unknown. `Home.evidence`
says which, in words `okg load` prints. Before that, `okg extract` and `okg load` give an item that
names no county the home of the other items of its folder or site when they all name one county
(`shared_homes`).

Reading a county from text (folded to simplified script first):
- every county-level name, current or former (户县 is 鄠邑区: graph/history.py), counts once per mention,
  three times when its own bodies follow it (平原县委, 绛县人民政府, 鄠邑区融媒体中心: the paper's own
  county speaks), once more in the headline or dateline (the first 100 characters), and half when a
  journey starts before it (赴夏津县, 前往: the place visited, not the home);
- a name glued to a place name before it (六都寨镇和县交通运输局: 镇 then 和县) is likely a segment of a
  longer word, so it counts only when the county is named at least twice;
- with no full name, the short form of a county (平原 for 平原县) counts when the text names that
  county's city (德州) too;
- among counties of one name, the one whose city or province the text names.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from okg.divisions import short_name
from okg.graph.folding import fold_text
from okg.graph.resolve import Area, Home, NameFinder, gazetteer

PLACE_ENDINGS = "镇乡村区县市省州旗盟"  # a county name right after one of these may be part of a longer name
OWN_BODIES = ("委", "政府", "人民政府", "人大", "政协", "融媒", "县长", "区长", "市长", "纪委", "人民法院", "人民检察院")
JOURNEYS = ("赴", "前往", "去往")
HEADLINE_CHARS = 100


def find_home(given: str | None, source_home: str | None, texts: list[str], source: str | None, read_as: str | None = None) -> Home:
    """The home county: given (or read by the extractor from the page: `read_as` says how), that of
    the source, or read from `texts` (the item's own text first, then its source's other items)."""
    gaz = gazetteer()
    if given:
        area = gaz.parse(given)
        if area is not None and area.level != "county":
            return Home(None, f"given {given} is a {area.level}, not a county", source)
        if area is not None:
            return Home(area, "text" if read_as else "given", source, read_as or f"given as {given}")
    if source_home and source_home in gaz.areas:
        return Home(gaz.areas[source_home], "source", source, f"earlier items of {source}")
    for basis, text in zip(["text"] + ["siblings"] * (len(texts) - 1), texts):
        area, evidence = county_in_text(text)
        if area is not None:
            where = "the item" if basis == "text" else "another item of its source"
            return Home(area, basis, source, f"{evidence} in {where}")
    return Home(None, "unknown", source, "no county named in the item or its source")


def county_in_text(text: str) -> tuple[Area | None, str]:
    """The county a text speaks of most, and the evidence: `平原县 ×3`, `平原 ×2 beside 德州`."""
    return county_in_folded_text(fold_text(text))


def county_in_folded_text(text: str) -> tuple[Area | None, str]:
    """county_in_text of a text already folded (okg.graph.folding.fold_text)."""
    gaz = gazetteer()
    counts: Counter = Counter()
    weights: Counter = Counter()
    glued: Counter = Counter()
    for name, i in gaz.county_matches(text):
        counts[name] += 1
        weights[name] += _weight(text, name, i)
        if i > 0 and text[i - 1] in PLACE_ENDINGS:
            glued[name] += 1
    kept = [n for n, c in counts.items() if c > glued[n] or c >= 2]
    if kept:
        name = sorted(kept, key=lambda n: (-weights[n], -counts[n], n))[0]
        area = _nearest_named(gaz.by_name[name], text)
        shown = name if name == area.name else f"{name} (now {area.name})"
        return area, f"{shown} ×{counts[name]}" + (f" (weight {weights[name]:g})" if weights[name] != counts[name] else "")
    return _short_beside_city(text)


def _weight(text: str, name: str, i: int) -> float:
    """How much one mention of a county says that it is the item's home (see the module doc)."""
    after, before = text[i + len(name):], text[max(0, i - 2):i]
    weight = 3.0 if after.startswith(OWN_BODIES) else 1.0
    if i < HEADLINE_CHARS:
        weight += 1
    if any(before.endswith(j) for j in JOURNEYS):
        weight /= 2
    return weight


def _nearest_named(codes: list[str], text: str) -> Area:
    """Among counties of one name, the one whose city or province the text names."""
    gaz = gazetteer()
    scored = sorted(codes, key=lambda c: (-sum(text.count(n) for a in gaz.chain(c)[1:] for n in gaz.names_of(a)), c))
    return gaz.areas[scored[0]]


@lru_cache(maxsize=1)
def _cities_with_short_counties() -> tuple[NameFinder, dict[str, list[tuple[tuple[str, ...], tuple[tuple[Area, str], ...]]]]]:
    """A finder of every city's names, and by name each city's names and its counties with their
    short names (平原 of 平原县), made once."""
    gaz = gazetteer()
    counties: dict[str, list[tuple[Area, str]]] = {}
    for county in (a for a in gaz.areas.values() if a.level == "county"):
        short = short_name(county.name)
        if short != county.name and len(short) >= 2:
            counties.setdefault(county.parent, []).append((county, short))
    by_name: dict[str, list] = {}
    for city in (a for a in gaz.areas.values() if a.level == "city"):
        entry = (tuple(gaz.names_of(city)), tuple(counties.get(city.code, ())))
        for name in entry[0]:
            by_name.setdefault(name, []).append(entry)
    return NameFinder(by_name), by_name


def _short_beside_city(text: str) -> tuple[Area | None, str]:
    best: tuple[int, str, Area, str] | None = None
    finder, by_name = _cities_with_short_counties()
    cities = {id(e): e for name in {name for name, _ in finder.matches(text)} for e in by_name[name]}
    for city_names, counties in sorted(cities.values(), key=lambda e: e[0]):
        named = [n for n in city_names if n in text]
        if not named:
            continue
        for county, short in counties:
            count = text.count(short)
            if count and (best is None or (-count, county.code) < (-best[0], best[2].code)):
                best = (count, short, county, named[0])
    if best is None:
        return None, ""
    count, short, county, city = best
    return county, f"{short} ×{count} (short for {county.name}) beside {city}"


# --- --home-map ----------------------------------------------------------------------------------------


@dataclass
class HomeRule:
    pattern: str  # a file-name glob (news/huxian/*.txt, *鄠邑*) or a URL host (m.news.wmxa.cn)
    county: str


class HomeMap:
    """`--home-map FILE`: a CSV of `pattern,county` rows (a header row is allowed); the first row whose
    pattern matches an item's URL host or its file name (the glob against the path or its last part)
    gives the item's home."""

    def __init__(self, rules: list[HomeRule]):
        self.rules = rules

    @classmethod
    def read(cls, path: str | Path) -> "HomeMap":
        rules = []
        with open(path, encoding="utf-8-sig", newline="") as f:
            for lineno, row in enumerate(csv.reader(f), 1):
                if not row or not "".join(row).strip() or row[0].startswith("#"):
                    continue
                if len(row) < 2 or not row[0].strip() or not row[1].strip():
                    raise ValueError(f"{path}:{lineno}: expected `pattern,county`, got {','.join(row)!r}")
                if lineno == 1 and row[0].strip().lower() == "pattern":
                    continue
                county = row[1].strip()
                if gazetteer().parse(county) is None:
                    raise ValueError(f"{path}:{lineno}: {county!r} is not a county okg knows")
                rules.append(HomeRule(row[0].strip(), county))
        return cls(rules)

    def home_for(self, source: str | None, url: str | None = None) -> str | None:
        host = urlparse(url or (source if "://" in (source or "") else "")).hostname
        for rule in self.rules:
            if host and (host == rule.pattern or host.endswith("." + rule.pattern)):
                return rule.county
            if source and (fnmatch.fnmatch(source, rule.pattern) or fnmatch.fnmatch(Path(source).name, rule.pattern)):
                return rule.county
        return None


# --- what a run chose, per source -------------------------------------------------------------------


class HomeReport:
    """Watches the articles of a run go by (`watch`) and says, per source, the home chosen and its
    evidence (`lines`), as the builder will choose it from the item and the source's items before it."""

    def __init__(self):
        self.chosen: dict[str, Home] = {}
        # Per source still without a home, the texts find_home has not read (it takes a given home
        # without reading): a text read once and naming no county never will, so it is not kept,
        # and a run holds no source's texts, however many its items (memory and time stay linear).
        self._unread: dict[str, list[str]] = {}

    def watch(self, articles):
        for art in articles:
            source = art.source or art.id
            if source in self.chosen and self.chosen[source].county is not None:
                yield art
                continue
            text = f"{art.title or ''}\n{art.body}"
            unread = self._unread.setdefault(source, [])
            self.chosen[source] = find_home(art.home, None, [text] + unread, source, art.home_evidence)
            if self.chosen[source].county is not None:
                del self._unread[source]
            elif art.home:
                unread.append(text)
            else:
                unread.clear()
            yield art

    def lines(self) -> list[str]:
        out = []
        for source, home in self.chosen.items():
            if home.county is None:
                out.append(f"warning: no home county for {source}: {home.evidence or home.basis}; give --home or --home-map")
            else:
                out.append(f"home of {source}: {home.county.name} ({home.county.code}), {home.evidence}")
        return out


# --- items of one folder or site ---------------------------------------------------------------------


def _group_of(article) -> str | None:
    """Items that likely share a home: the folder of a file, the host of a URL."""
    if article.url:
        return urlparse(article.url).hostname
    if article.source and "://" not in article.source and ("/" in article.source or "\\" in article.source):
        return str(Path(article.source).parent)
    return None


RUN_LIMIT = 200  # items of one group held back at most, to decide together


def shared_homes(articles, at_least: int = 2):
    """The articles, each item without a home of its own (none given, no county in its text) given
    the home of the other items of its folder or site when at least `at_least` of them name a county
    and all name the same one; a folder of two counties' items gives nothing. Holds back one run of
    consecutive items of a group at a time (at most RUN_LIMIT); items of no group pass at once."""
    run: list = []
    for art in articles:
        group = _group_of(art)
        if run and (group != _group_of(run[0]) or len(run) >= RUN_LIMIT):
            yield from _settled(run, at_least)
            run = []
        if group is None:
            yield art
        else:
            run.append(art)
    yield from _settled(run, at_least)


def _settled(run: list, at_least: int) -> list:
    if not run or _group_of(run[0]) is None:
        return run
    own = {id(a): (a.home and gazetteer().parse(a.home)) or county_in_text(f"{a.title or ''}\n{a.body}")[0] for a in run}
    named = [area for area in own.values() if area is not None]
    counties = {area.code for area in named}
    if len(named) < at_least or len(counties) != 1:
        return run
    county = named[0]
    evidence = f"the other {len(named)} items of {_group_of(run[0])} are all of {county.name}"
    return [a if own[id(a)] is not None else a.model_copy(update={"home": county.code, "home_evidence": evidence}) for a in run]


def add_home_map_argument(parser: argparse.ArgumentParser) -> None:
    """--home-map of okg extract and okg load: read when the arguments are, a bad map a usage error naming its line."""
    parser.add_argument("--home-map", metavar="FILE", type=_home_map_file,
                        help="CSV of `pattern,county`: file-name globs or URL hosts to home counties")


def _home_map_file(path: str) -> HomeMap:
    try:
        return HomeMap.read(path)
    except (OSError, ValueError) as e:
        raise argparse.ArgumentTypeError(str(e)) from None
