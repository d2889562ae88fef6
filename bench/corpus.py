"""A synthetic corpus of county news, in the style of an OCR'd county newspaper page, with its facts.

How the corpus is made
----------------------
1. **A world.** From `--seed`, a random but reproducible administrative world is laid out:
   provinces (bench/data/provinces.txt) hold cities, cities hold counties, counties hold towns
   (镇/乡) and towns hold villages (村). Every place name is a stem of two characters drawn from
   bench/data/place_chars.txt plus its suffix, so no list of real places is needed. Each county
   gets its offices (county party committee, government, congress, CPPCC, court, procuratorate,
   bureaus from bench/data/bureaus.txt, town party committees, village branches) and an official
   for every post in bench/data/posts.tsv; some officials hold two posts written as one title
   chain (bench/data/chains.tsv: 县委副书记、县长, 县委常委、组织部部长, 党支部书记兼村委主任 ...).
   Each city has its own officials (市委常委、组织部部长 ...). Names are a surname
   (bench/data/surnames.txt) and one or two given-name characters (bench/data/given_chars.txt),
   unique in the world: they are made up, not taken from any list of people.
2. **Articles.** Each article belongs to one county (its home) and tells one event, from one of
   four templates: a meeting (主持 / 出席并讲话 / 到会指导 / 参加 / 交流发言, venues, main and
   branch venues), an inspection (a city or county leader 督导检查 / 调研 / 察看 sites, towns,
   villages, companies and offices, 陪同 by county leaders, later referred to as 他/她), a
   training class (开班仪式, 主持, 专题辅导) or a visit (走访慰问 in a village). Topics, kinds of
   meetings, sites, speeches and details come from the other files in bench/data/. Officials of
   a county recur across its articles, so a graph of many articles is well connected. Each
   article is a headline, a dateline `本报讯 3月28日，...`, paragraphs and a byline of one to
   three reporters (a reporter pool per county).
3. **Facts.** While the text is written, every mention is recorded with its span, so each
   article comes with its facts (`okg.facts.Article`: persons, positions with org, agencies with
   parent and place, places with kind and parent, events with type, date, name, venues,
   participants and roles, inspected targets, reporters), each with evidence pointing into the
   article's text. Orgs are written as the text writes them (县委, 市委组织部, 大交镇党委) and the
   article's `home` names its county. `synthetic_articles(n, seed)` returns these facts without
   any extraction, so graph and API benchmarks can load large graphs (5,000 articles give
   several hundred thousand relationships).
4. **OCR noise** (text output, `--noise ocr`, the default): like the seed page, body lines are
   broken every 15 to 18 characters, mostly with a blank line between, spaces are put inside
   dates and numbers (`3 月 28 日`, ` 6 个`), two-character byline names are spaced (`王 琪`),
   a few digits and commas turn full-width or half-width, and with `--swap-rate` the headlines of
   two neighbouring articles on a page are printed beside each other's bodies. Articles are laid
   out in pages of two to four.

Usage
-----
    python bench/corpus.py --chars 1000000 --seed 1 -o out/corpus.txt
    python bench/corpus.py --chars 1000000 --seed 1 --format jsonl -o out/corpus.jsonl
    python bench/corpus.py --articles 200 --format pages -o out/pages/      # one .txt per page
    python bench/corpus.py --articles 5000 --format facts -o out/facts.json  # okg.facts.Page JSON
    python bench/corpus.py --articles 200 --format pages -o out/p/ --gold out/p.gold.json
        # then: okg extract out/p --format json -o out/p.json
        #       python ../shared/eval/score.py out/p.gold.json out/p.json

The same `--seed` (and the same other options) always gives the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CN_FLOORS = "二三四五六七八"
CN_ORDINALS = "一二三四五六七八九十"


# --- word lists ------------------------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            out.append(line)
    return out


@dataclass(frozen=True)
class PostSpec:
    key: str
    level: str
    org: str
    title: str
    full: str
    short: str
    org_kind: str
    org_parent: str


@dataclass(frozen=True)
class Words:
    surnames: list[str]
    given: dict[str, str]
    place_first: str
    place_second: str
    provinces: list[str]
    topics: list[str]
    meeting_kinds: list[str]
    bureaus: list[tuple[str, str, str]]
    venues: list[str]
    sites: list[tuple[str, str]]
    industries: list[str]
    suffixes: list[str]
    groups: list[str]
    details: list[str]
    speech: list[str]
    posts: dict[str, PostSpec]
    chains: list[tuple[list[str], list[str]]]  # (post keys, joiners)


@lru_cache(maxsize=1)
def words() -> Words:
    given = {}
    for line in _lines("given_chars.txt"):
        k, _, chars = line.partition(" ")
        given[k] = chars.strip()
    places = {}
    for line in _lines("place_chars.txt"):
        k, _, chars = line.partition(" ")
        places[k] = chars.strip()
    ind = {}
    for line in _lines("industries.txt"):
        k, _, rest = line.partition(" ")
        ind[k] = rest.split()
    posts = {}
    for line in _lines("posts.tsv"):
        f = line.split("\t")
        posts[f[0]] = PostSpec(*f)
    chains = []
    for line in _lines("chains.tsv"):
        keys, joins = [], []
        for part in _split_chain(line.strip()):
            if part in ("、", "兼"):
                joins.append(part)
            else:
                keys.append(part)
        chains.append((keys, joins))
    return Words(
        surnames=_lines("surnames.txt"),
        given=given,
        place_first=places["first"],
        place_second=places["second"],
        provinces=_lines("provinces.txt"),
        topics=_lines("topics.txt"),
        meeting_kinds=_lines("meeting_kinds.txt"),
        bureaus=[tuple(line.split("\t")) for line in _lines("bureaus.txt")],
        venues=_lines("venues.txt"),
        sites=[tuple(line.split("\t")) for line in _lines("sites.txt")],
        industries=ind["industry"],
        suffixes=ind["suffix"],
        groups=_lines("groups.txt"),
        details=_lines("details.txt"),
        speech=_lines("speech.txt"),
        posts=posts,
        chains=chains,
    )


def _split_chain(line: str) -> list[str]:
    parts, cur = [], ""
    for ch in line:
        if ch in "、兼":
            parts.append(cur)
            parts.append(ch)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


# --- the world -------------------------------------------------------------------------------------


@dataclass
class PlaceNode:
    name: str
    kind: str  # province, city, county, town, village
    parent: "PlaceNode | None" = None
    children: list["PlaceNode"] = field(default_factory=list)


@dataclass(frozen=True)
class Post:
    """One post of one official, with its templates filled in."""

    org: str | None
    title: str
    full: str
    short: str
    org_kind: str
    org_parent: str | None
    org_place: str | None  # name of the place the org belongs to


@dataclass
class Official:
    name: str
    female: bool
    posts: list[Post]
    joins: list[str]  # joiners between posts in the chain (、 or 兼)
    key: str  # first post key

    def chain(self) -> list[str]:
        """The title chain as written before the name, as pieces (post texts and joiners)."""
        out = [self.posts[0].full]
        for join, post in zip(self.joins, self.posts[1:]):
            out += [join, post.short]
        return out


@dataclass
class County:
    place: PlaceNode
    city: "City"
    officials: dict[str, list[Official]] = field(default_factory=dict)  # first post key -> officials
    towns: list[PlaceNode] = field(default_factory=list)
    town_officials: dict[str, dict[str, Official]] = field(default_factory=dict)  # town -> key -> official
    village_officials: dict[str, Official] = field(default_factory=dict)  # village -> official
    bureaus: list[tuple[str, str, str]] = field(default_factory=list)
    bureau_heads: dict[str, Official] = field(default_factory=dict)
    reporters: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    place_index: dict[str, PlaceNode] = field(default_factory=dict)  # town and village names

    @property
    def name(self) -> str:
        return self.place.name

    def leaders(self) -> list[Official]:
        """County leaders (县领导): everyone at county level but bureau heads."""
        out = []
        for key, offs in self.officials.items():
            out += offs
        return out

    def one(self, key: str) -> Official:
        return self.officials[key][0]


@dataclass
class City:
    place: PlaceNode
    officials: dict[str, list[Official]] = field(default_factory=dict)
    counties: list[County] = field(default_factory=list)


class World:
    """Places and officials, made reproducibly from a random generator."""

    def __init__(self, rng: random.Random, n_counties: int):
        self.rng = rng
        self.w = words()
        self.used_names: set[str] = set()
        self.used_places: set[str] = set()
        self.cities: list[City] = []
        self.counties: list[County] = []
        provinces = self.w.provinces[:]
        rng.shuffle(provinces)
        n_cities = max(1, round(n_counties / 4))
        for i in range(n_cities):
            prov = PlaceNode(provinces[i % len(provinces)], "province")
            city = City(PlaceNode(self._place_name("市"), "city", prov))
            city.officials = self._officials_for(
                [
                    ("city_secretary", None), ("city_deputy、city_mayor", None), ("city_standing、city_org", None),
                    ("city_standing、city_prop", None), ("city_standing、city_discipline", None),
                    ("city_standing、city_vice_mayor", None), ("city_vice_mayor", 2), ("city_npc", 2),
                    ("city_npc_agri", None), ("city_cppcc", 2),
                ],
                {"city": city.place.name},
                city.place.name,
            )
            self.cities.append(city)
        for i in range(n_counties):
            city = self.cities[i % n_cities]
            county = self._county(city)
            city.counties.append(county)
            self.counties.append(county)

    # names
    def person(self) -> tuple[str, bool]:
        rng, w = self.rng, self.w
        while True:
            female = rng.random() < 0.3
            sur = rng.choice(w.surnames) if rng.random() < 0.97 else rng.choice([s for s in w.surnames if len(s) == 2])
            pool = w.given["f" if female else "m"] + w.given["n"]
            n = 1 if rng.random() < 0.3 else 2
            given = "".join(rng.choice(pool) for _ in range(n))
            if given[0] == sur[-1]:
                continue
            name = sur + given
            if name not in self.used_names:
                self.used_names.add(name)
                return name, female

    def _stem(self) -> str:
        w = self.w
        return self.rng.choice(w.place_first) + self.rng.choice(w.place_second)

    def _place_name(self, suffix: str) -> str:
        while True:
            stem = self._stem()
            if stem[-1] == suffix[0]:
                continue
            name = stem + suffix
            if name not in self.used_places:
                self.used_places.add(name)
                return name

    # officials
    def _post(self, key: str, fill: dict[str, str], place: str | None) -> Post:
        spec = self.w.posts[key]

        def f(s: str) -> str | None:
            return None if s == "-" else s.format(**fill)

        return Post(
            org=f(spec.org), title=f(spec.title), full=f(spec.full), short=f(spec.short),
            org_kind=f(spec.org_kind), org_parent=f(spec.org_parent), org_place=place,
        )

    def _official(self, chain: str, fill: dict[str, str], place: str | None) -> Official:
        parts = _split_chain(chain)
        keys = parts[0::2]
        joins = parts[1::2]
        name, female = self.person()
        return Official(name, female, [self._post(k, fill, place) for k in keys], joins, keys[0])

    def _officials_for(self, specs, fill, place) -> dict[str, list[Official]]:
        out: dict[str, list[Official]] = {}
        for chain, count in specs:
            for _ in range(count or 1):
                off = self._official(chain, fill, place)
                out.setdefault(chain, []).append(off)
        return out

    def _county(self, city: City) -> County:
        rng, w = self.rng, self.w
        county = County(PlaceNode(self._place_name("县"), "county", city.place), city)
        cname = county.name
        county.officials = self._officials_for(
            [
                ("county_secretary", None), ("county_deputy、county_mayor", None), ("county_deputy", None),
                ("county_standing、county_org", None), ("county_standing、county_prop", None),
                ("county_standing、county_united", None), ("county_standing、county_discipline", None),
                ("county_standing、county_politics", None), ("county_standing、county_office", None),
                ("county_standing、county_exec_vice", None), ("county_standing、county_vice_mayor", None),
                ("county_standing、county_zone", None), ("county_vice_mayor", 3), ("county_npc", None),
                ("county_npc_vice", 2), ("county_cppcc", None), ("county_cppcc_vice", 2),
                ("county_court", None), ("county_procurator", None),
            ],
            {"county": cname},
            cname,
        )
        county.bureaus = rng.sample(w.bureaus, k=min(len(w.bureaus), rng.randint(14, 22)))
        for bureau, bhead, bkind in county.bureaus:
            off = self._official("county_bureau", {"bureau": bureau, "bhead": bhead, "bkind": bkind}, cname)
            county.bureau_heads[bureau] = off
        for _ in range(rng.randint(6, 11)):
            suffix = "镇" if rng.random() < 0.75 else "乡"
            town = PlaceNode(self._place_name(suffix), "town", county.place)
            county.place.children.append(town)
            county.towns.append(town)
            fill = {"town": town.name, "head": suffix + "长"}
            county.town_officials[town.name] = {
                "town_secretary": self._official("town_secretary", fill, town.name),
                "town_deputy": self._official("town_deputy、town_head", fill, town.name),
            }
            for _ in range(rng.randint(3, 6)):
                village = PlaceNode(self._place_name("村"), "village", town)
                town.children.append(village)
                vfill = {"town": town.name, "village": village.name}
                chain = "village_secretary兼village_director" if rng.random() < 0.6 else "village_secretary"
                county.village_officials[village.name] = self._official(chain, vfill, village.name)
        for town in county.towns:
            county.place_index[town.name] = town
            for village in town.children:
                county.place_index[village.name] = village
        county.reporters = [self.person()[0] for _ in range(rng.randint(4, 8))]
        county.stems = [self._stem() for _ in range(12)]
        county.companies = [
            rng.choice(county.stems) + rng.choice(w.industries) + rng.choice(w.suffixes) for _ in range(8)
        ]
        return county


# --- writing an article, recording its facts -------------------------------------------------------


class Draft:
    """An article being written: its text and every fact with the span it was read from."""

    def __init__(self, county: County, day: date):
        self.county = county
        self.day = day
        self.parts: list[str] = []
        self.n = 0
        self.title_span = (0, 0)
        self.persons: dict[str, list[tuple[int, int]]] = {}
        self.positions: dict[tuple[str, str, str | None], list[tuple[int, int]]] = {}
        self.orgs: dict[str, dict] = {}
        self.places: dict[str, dict] = {}
        self.reporters: dict[str, list[tuple[int, int]]] = {}
        self.events: list[dict] = []

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return start, self.n

    def text(self) -> str:
        return "".join(self.parts)

    # facts
    def _org(self, name: str, kind: str | None, parent: str | None, place: str | None, span):
        o = self.orgs.setdefault(name, {"kind": kind, "parent": parent, "place": place, "spans": []})
        o["spans"].append(span)

    def place(self, node: PlaceNode, span) -> None:
        p = self.places.setdefault(node.name, {"kind": node.kind, "parent": node.parent.name if node.parent else None, "spans": []})
        p["spans"].append(span)

    def venue(self, name: str, parent: str | None, span) -> None:
        p = self.places.setdefault(name, {"kind": "venue", "parent": parent, "spans": []})
        p["spans"].append(span)

    def official(self, off: Official, chain: bool = True, event: dict | None = None, roles=()) -> tuple[int, int]:
        """Write an official (with the title chain if `chain`), recording person, positions, orgs and roles."""
        if chain:
            pieces = off.chain()
            start = self.n
            for i, piece in enumerate(pieces):
                span = self.add(piece)
                if i % 2 == 0:
                    post = off.posts[i // 2]
                    self.positions.setdefault((off.name, post.title, post.org), [])
                    if post.org:
                        org_span = (span[0], span[0] + len(post.org)) if piece.startswith(post.org) else span
                        self._org(post.org, post.org_kind, post.org_parent, post.org_place, org_span)
                    # town and village names written in the title (大交镇党委书记, 横水镇柳庄村党支部书记)
                    at = span[0]
                    node = self.county.place_index.get(piece[:3]) or self.county.place_index.get(piece[:2])
                    while node is not None and piece.startswith(node.name, at - span[0]):
                        self.place(node, (at, at + len(node.name)))
                        at += len(node.name)
                        rest = piece[at - span[0]:]
                        node = self.county.place_index.get(rest[:3]) or self.county.place_index.get(rest[:2])
            span = self.add(off.name)
            for post in off.posts:
                self.positions[(off.name, post.title, post.org)].append((start, span[1]))
        else:
            span = self.add(off.name)
        self.persons.setdefault(off.name, []).append(span)
        if event is not None:
            self.role(event, off.name, roles, span)
        return span

    def role(self, event: dict, name: str, roles, span) -> None:
        p = event["participants"].setdefault(name, {"roles": [], "spans": []})
        for r in ("ATTENDED", *roles):
            if r not in p["roles"]:
                p["roles"].append(r)
        p["spans"].append(span)

    def event(self, type_: str, name: str | None) -> dict:
        ev = {"type": type_, "name": name, "venues": [], "participants": {}, "inspected": [], "spans": []}
        self.events.append(ev)
        return ev

    def shared_title(self, offs: list[Official], event: dict | None = None, roles=()) -> None:
        """副县长王芳、赵刚: one title chain before a list of officials who all hold it (the same posts)."""
        chain_start = self.n
        self.official(offs[0], event=event, roles=roles)
        for off in offs[1:]:
            self.add("、")
            span = self.official(off, chain=False, event=event, roles=roles)
            for post in off.posts:  # the evidence runs from the shared title to the name
                self.positions.setdefault((off.name, post.title, post.org), []).append((chain_start, span[1]))

    def names(self, offs: list[Official], event: dict | None = None, roles=(), chain=False) -> None:
        for i, off in enumerate(offs):
            if i:
                self.add("，" if chain else "、")
            self.official(off, chain=chain, event=event, roles=roles)


def _cn_date(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _pick(rng: random.Random, seq, k: int):
    return rng.sample(seq, k=min(k, len(seq)))


class Writer:
    """Writes articles of the four templates for a world."""

    def __init__(self, world: World, rng: random.Random, year: int):
        self.world = world
        self.rng = rng
        self.w = words()
        self.year = year

    def article(self, county: County) -> Draft:
        rng = self.rng
        day = date(self.year, 1, 1) + timedelta(days=rng.randrange(365))
        d = Draft(county, day)
        kind = rng.choices(["meeting", "inspection", "training", "visit"], weights=[40, 35, 12, 13])[0]
        getattr(self, "_" + kind)(d)
        return d

    # helpers
    def _speech(self, n: int) -> str:
        return "，".join(_pick(self.rng, self.w.speech, n))

    def _leaders(self, county: County, k: int, exclude=()) -> list[Official]:
        pool = [o for o in county.leaders() if o not in exclude]
        return _pick(self.rng, pool, k)

    def _venue(self, d: Draft) -> str:
        rng, county = self.rng, d.county
        t = rng.choice(self.w.venues)
        return t.format(floor=rng.choice(CN_FLOORS), bureau=rng.choice(county.bureaus)[0])

    def _headline(self, d: Draft, title: str) -> None:
        d.title_span = d.add(title)
        d.add("\n")

    def _dateline(self, d: Draft, ev: dict) -> None:
        d.add("本报讯 ")
        span = d.add(_cn_date(d.day))
        ev["date_span"] = span
        d.add("，")

    def _byline(self, d: Draft) -> None:
        rng = self.rng
        names = _pick(rng, d.county.reporters, rng.choices([1, 2, 3], weights=[5, 3, 2])[0])
        d.add("\n")
        for i, name in enumerate(names):
            if i:
                d.add(" ")
            span = d.add(name)
            d.reporters.setdefault(name, []).append(span)
        d.add("\n")

    def _speech_paragraphs(self, d: Draft, ev: dict, speakers: list[Official]) -> None:
        rng = self.rng
        for off in speakers:
            verb = rng.choice(["强调", "要求", "指出"])
            d.add("\n")
            d.official(off, chain=False, event=ev, roles=("SPOKE",))
            d.add(f"{verb}，{self._speech(rng.randint(2, 4))}。")
            if rng.random() < 0.5:
                d.add(f"{self._speech(rng.randint(1, 3))}。")
            if rng.random() < 0.4:
                d.add(("她" if off.female else "他") + f"{rng.choice(['强调', '要求'])}，{self._speech(2)}。")

    # templates
    def _meeting(self, d: Draft) -> None:
        rng, county, w = self.rng, d.county, self.w
        topic, kind = rng.choice(w.topics), rng.choice(w.meeting_kinds)
        name = f"全县{topic}{kind}"
        form = rng.randrange(3)
        if form == 2:
            d.place(county.place, d.add(county.name))
            span = d.add(f"召开{topic}{kind}")
            d.title_span = (span[0] - len(county.name), span[1])
            d.add("\n")
        else:
            self._headline(d, f"我县召开{topic}{kind}" if form == 0 else f"{name}召开")
        ev = d.event("meeting", name)
        self._dateline(d, ev)
        ev_start = d.n
        d.add(f"{name}召开。")
        secretary, mayor = county.one("county_secretary"), county.one("county_deputy、county_mayor")
        main, chair = (secretary, mayor) if rng.random() < 0.7 else (mayor, county.one("county_deputy"))
        d.official(main, event=ev, roles=("SPOKE",))
        d.add(rng.choice(["出席并讲话，", "出席并作动员讲话，", "出席会议并讲话，"]))
        d.official(chair, event=ev, roles=("CHAIRED",))
        d.add("主持会议。")
        guide = None
        if rng.random() < 0.35:
            guide = rng.choice(sum(county.city.officials.values(), []))
            d.official(guide, event=ev, roles=("GUIDED",))
            d.add("一行到会指导。" if rng.random() < 0.5 else "到会指导。")
        attendees = self._leaders(county, rng.randint(3, 10), exclude=(main, chair))
        d.add(rng.choice(["县领导", "县级领导", "县上及开发区领导", "县四大班子领导"]))
        d.names(attendees, ev)
        d.add("等参加会议。")
        ev["spans"].append((ev_start, d.n))
        speakers = ([guide] if guide else []) + [main] + ([chair] if rng.random() < 0.6 else [])
        self._speech_paragraphs(d, ev, speakers)
        if rng.random() < 0.7:
            d.add("\n会上，")
            towns = _pick(rng, county.towns, rng.randint(1, 3))
            spk = [county.town_officials[t.name]["town_secretary"] for t in towns]
            for t, off in zip(towns, spk):
                start = d.n
                d.official(off, event=ev, roles=("SPOKE",))
                d.place(t, (start, start + len(t.name)))
                d.add("、")
            if rng.random() < 0.6:
                town = rng.choice(county.towns)
                village = rng.choice(town.children)
                voff = county.village_officials[village.name]
                start = d.n
                d.official(voff, event=ev, roles=("SPOKE",))
                d.place(town, (start, start + len(town.name)))
                d.place(village, (start + len(town.name), start + len(town.name) + len(village.name)))
                d.add("、")
            bureau = rng.choice(county.bureaus)[0]
            d.official(county.bureau_heads[bureau], event=ev, roles=("SPOKE",))
            d.add("作了交流发言。")
        d.add("\n")
        if rng.random() < 0.4:
            venues = []
            while len(venues) < rng.randint(2, 4):
                v = self._venue(d)
                if v not in venues:
                    venues.append(v)
            d.add("会议以视频形式召开，主会场设在")
            for i, v in enumerate(venues):
                if i == 1:
                    d.add("，")
                elif i > 1:
                    d.add("、")
                d.venue(v, county.name, d.add(v))
            d.add("设分会场。")
            ev["venues"] = venues
        else:
            v = self._venue(d)
            d.add("会议在")
            d.venue(v, county.name, d.add(v))
            d.add("召开。")
            ev["venues"] = [v]
        self._byline(d)

    def _site(self, d: Draft, town: PlaceNode) -> tuple[str, str, list]:
        """A site to inspect: (name, kind, [(PlaceNode, offset in name)])."""
        rng, county = self.rng, d.county
        kind, tmpl = rng.choice(self.w.sites)
        village = rng.choice(town.children)
        stem = rng.choice(county.stems)
        name = tmpl.format(
            town=town.name, village=village.name, stem=stem, company=rng.choice(county.companies),
            bureau=rng.choice(county.bureaus)[0], county=county.name,
        )
        parts = []
        if tmpl.startswith("{town}"):
            parts.append((town, 0))
            if "{village}" in tmpl:
                parts.append((village, len(town.name)))
        elif tmpl.startswith("{village}"):
            parts.append((village, 0))
        elif tmpl.startswith("{county}"):
            parts.append((county.place, 0))
        return name, kind, parts

    def _inspection(self, d: Draft) -> None:
        rng, county, w = self.rng, d.county, self.w
        topic = rng.choice(w.topics)
        from_city = rng.random() < 0.5
        secretary = county.one("county_secretary")
        if from_city:
            inspector = rng.choice(sum(county.city.officials.values(), []))
            verb = rng.choice(["督导检查", "调研", "检查", "督导"])
            town = rng.choice(county.towns)
            accomp = [secretary] + self._leaders(county, rng.randint(1, 4), exclude=(secretary,))
        else:
            inspector = rng.choice([secretary, county.one("county_deputy、county_mayor")])
            verb = rng.choice(["调研", "督导检查", "检查"])
            town = rng.choice(county.towns)
            accomp = [county.town_officials[town.name]["town_secretary"]] + self._leaders(
                county, rng.randint(0, 2), exclude=(inspector,)
            )
        name = f"{topic}工作{verb}"
        ev = d.event("inspection", name)
        if from_city:
            self._headline(d, f"{inspector.name}到我县{rng.choice(['实地', ''])}{verb}{topic}工作")
        else:
            self._headline(d, f"{inspector.name}深入{town.name}{verb}{topic}工作")
        d.persons.setdefault(inspector.name, []).append(
            (d.title_span[0], d.title_span[0] + len(inspector.name))
        )
        self._dateline(d, ev)
        ev_start = d.n
        d.official(inspector, event=ev, roles=("INSPECTED",))
        if from_city:
            d.add(f"到我县实地{verb}{topic}工作。")
        else:
            d.add("深入")
            span = d.add(town.name)
            d.place(town, span)
            d.add(f"{verb}{topic}工作。")
            ev["inspected"].append((inspector.name, town.name, "town", span[0]))
        first, rest = accomp[0], accomp[1:]
        d.official(first, event=ev, roles=("ACCOMPANIED",))
        deputies = [o for o in county.officials["county_vice_mayor"] if o is not inspector]
        if rest and rng.random() < 0.3:
            d.add("，")
            d.shared_title(_pick(rng, deputies, rng.randint(2, 3)), ev, roles=("ACCOMPANIED",))
        elif rest:
            d.add("，县领导")
            d.names(rest, ev, roles=("ACCOMPANIED",))
            d.add("等")
        d.add(rng.choice(["陪同。", "先后陪同。", "陪同调研。" if not from_city else "陪同。"]))
        ev["spans"].append((ev_start, d.n))
        pron = "她" if inspector.female else "他"
        for i in range(rng.randint(1, 3)):
            d.add("\n在")
            sites = []
            for j in range(rng.randint(1, 3)):
                t = town if (not from_city or rng.random() < 0.5) else rng.choice(county.towns)
                s = self._site(d, t)
                if s[0] not in [x[0] for x in sites]:
                    sites.append(s)
            for j, (sname, skind, parts) in enumerate(sites):
                if j:
                    d.add("、")
                span = d.add(sname)
                for node, off in parts:
                    d.place(node, (span[0] + off, span[0] + off + len(node.name)))
                if skind == "venue":
                    d.venue(sname, parts[0][0].name if parts else county.name, span)
                elif skind == "agency":
                    d._org(sname, "company" if sname in county.companies else "other", None, county.name, span)
                ev["inspected"].append((inspector.name, sname, skind, span[0]))
            if len(sites) > 1 and rng.random() < 0.5:
                d.add(f"等{len(sites)}处")
            d.add("，")
            d.official(inspector, chain=False, event=ev, roles=("INSPECTED",))
            d.add(f"{rng.choice(['实地察看', '详细了解', '察看了解'])}{rng.choice(w.details)}。")
            d.add(f"{pron}{rng.choice(['强调', '要求', '指出'])}，{self._speech(rng.randint(2, 3))}。")
            self.mark_spoke(ev, inspector.name)
        self._byline(d)

    @staticmethod
    def mark_spoke(ev: dict, name: str) -> None:
        p = ev["participants"][name]
        if "SPOKE" not in p["roles"]:
            p["roles"].append("SPOKE")

    def _training(self, d: Draft) -> None:
        rng, county, w = self.rng, d.county, self.w
        topic = rng.choice(w.topics)
        name = f"全县{topic}{rng.choice(['培训班', '专题培训班', '能力提升培训班'])}"
        self._headline(d, f"{name}开班")
        ev = d.event("training", name)
        self._dateline(d, ev)
        ev_start = d.n
        d.add(f"{name}开班，")
        main = rng.choice([county.one("county_secretary"), county.one("county_deputy、county_mayor")])
        chair = rng.choice(county.officials["county_standing、county_org"] + county.officials["county_deputy"])
        d.official(main, event=ev, roles=("SPOKE",))
        d.add("出席开班仪式并作重要讲话，")
        d.official(chair, event=ev, roles=("CHAIRED",))
        d.add("主持。")
        ev["spans"].append((ev_start, d.n))
        d.add("\n本次培训班在")
        v = self._venue(d) if rng.random() < 0.3 else "县委党校"
        if v == "县委党校":
            d._org(v, "school", "县委", county.name, d.add(v))
        else:
            d.venue(v, county.name, d.add(v))
        ev["venues"] = [v]
        d.add("举行，各乡镇党政正职、县直单位主要负责人参加培训。")
        if rng.random() < 0.5:
            lecturer = rng.choice(sum(county.city.officials.values(), []))
            d.official(lecturer, event=ev, roles=("SPOKE",))
            d.add("作专题辅导。")
        self._speech_paragraphs(d, ev, [main])
        self._byline(d)

    def _visit(self, d: Draft) -> None:
        rng, county, w = self.rng, d.county, self.w
        group = rng.choice(w.groups)
        visitor = rng.choice(
            [county.one("county_secretary"), county.one("county_deputy、county_mayor")] + self._leaders(county, 2)
        )
        town = rng.choice(county.towns)
        villages = _pick(rng, town.children, rng.randint(1, 2))
        self._headline(d, f"{visitor.name}走访慰问{group}")
        d.persons.setdefault(visitor.name, []).append((d.title_span[0], d.title_span[0] + len(visitor.name)))
        ev = d.event("visit", f"走访慰问{group}")
        self._dateline(d, ev)
        ev_start = d.n
        d.official(visitor, event=ev, roles=("INSPECTED",))
        d.add("深入")
        d.place(town, d.add(town.name))
        for i, v in enumerate(villages):
            if i:
                d.add("、")
            span = d.add(v.name)
            d.place(v, span)
            ev["inspected"].append((visitor.name, v.name, "village", span[0]))
        d.add(f"走访慰问{group}，")
        d.official(county.town_officials[town.name]["town_secretary"], event=ev, roles=("ACCOMPANIED",))
        d.add("陪同。")
        ev["spans"].append((ev_start, d.n))
        d.add("\n每到一处，")
        d.official(visitor, chain=False, event=ev)
        d.add(f"都与{group}亲切交谈，详细询问生产生活情况，叮嘱他们保重身体。")
        d.official(visitor, chain=False, event=ev, roles=("SPOKE",))
        d.add(f"{rng.choice(['指出', '要求'])}，{self._speech(2)}。")
        self._byline(d)


# --- drafts to facts -------------------------------------------------------------------------------


def article_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _sentences(text: str) -> list[int]:
    """Start offsets of the sentences of text (split after 。！？ and at line ends)."""
    starts = [0]
    for i, ch in enumerate(text):
        if ch in "。！？\n" and i + 1 < len(text):
            starts.append(i + 1)
    return starts


def to_article(d: Draft, source: str | None = None):
    from okg.facts import (
        Article, Event, Evidence, Inspection, Organization, Participant, Person, Place, Position, Reporter,
    )

    text = d.text()
    aid = article_id(text)
    starts = _sentences(text)

    def ev(spans) -> list:
        out = []
        for s, e in spans:
            i = bisect_right(starts, s) - 1
            j = starts[i + 1] if i + 1 < len(starts) else len(text)
            out.append(Evidence(article=aid, sentence=text[starts[i]:j].strip(), start=s, end=e, engine="synthetic", confidence=1.0))
        return out

    iso = d.day.isoformat()
    events = []
    for k, e in enumerate(d.events):
        events.append(
            Event(
                id=f"{aid}:{k}", type=e["type"], date=iso, name=e["name"], venues=e["venues"],
                participants=[Participant(person=p, roles=v["roles"], evidence=ev(v["spans"][:3])) for p, v in e["participants"].items()],
                inspected=[
                    Inspection(person=p, target=t, target_kind=kind, evidence=ev([(s, s + len(t))]))
                    for p, t, kind, s in e["inspected"]
                ],
                evidence=ev(e["spans"]),
            )
        )
    title = text[d.title_span[0]:d.title_span[1]]
    return Article(
        id=aid, source=source or f"{d.county.name}报", home=d.county.name, title=title, date=iso,
        body=text, text=text, start=0, end=len(text), engine="synthetic",
        reporters=[Reporter(name=n, evidence=ev(s)) for n, s in d.reporters.items()],
        persons=[Person(name=n, evidence=ev(s)) for n, s in d.persons.items()],
        positions=[Position(person=p, title=t, org=o, evidence=ev(s)) for (p, t, o), s in d.positions.items()],
        organizations=[
            Organization(name=n, kind=o["kind"], parent=o["parent"], place=o["place"], evidence=ev(o["spans"]))
            for n, o in d.orgs.items()
        ],
        places=[Place(name=n, kind=p["kind"], parent=p["parent"], evidence=ev(p["spans"])) for n, p in d.places.items()],
        events=events,
    )


# --- the public functions --------------------------------------------------------------------------


def _counties_for(n_articles: int) -> int:
    # at most 120: the place-name stems run out at about 150 counties, and World then never returns
    return max(3, min(120, n_articles // 120))


def drafts(n: int | None, seed: int, counties: int | None = None, chars: int | None = None, year: int = 2022):
    """Yield drafts: `n` of them, or until their texts hold `chars` characters."""
    rng = random.Random(seed)
    n_counties = counties or _counties_for(n if n is not None else (chars or 0) // 600)
    world = World(rng, n_counties)
    writer = Writer(world, rng, year)
    total = 0
    i = 0
    while (n is None or i < n) and (chars is None or total < chars):
        county = world.counties[rng.randrange(len(world.counties))]
        d = writer.article(county)
        total += d.n
        i += 1
        yield d


def synthetic_articles(n: int, seed: int = 1, counties: int | None = None, year: int = 2022):
    """`n` articles of facts (okg.facts.Article), made directly from the generator, no extraction.

    Officials recur across the articles of a county (about 120 articles per county, three
    counties at least), so the graph of the articles is connected within each county, and
    counties meet through their city's officials and the place hierarchy.
    """
    return [to_article(d) for d in drafts(n, seed, counties=counties, year=year)]


def count_relationships(articles) -> int:
    """A rough count of the relationships a graph of these articles holds (one per fact link)."""
    n = 0
    for a in articles:
        n += len(a.persons) + len(a.reporters)  # mentioned in / reported
        n += 2 * len(a.positions)  # holds, of org
        n += sum(1 for o in a.organizations if o.parent) + len(a.organizations)
        n += sum(1 for p in a.places if p.parent) + len(a.places)
        for e in a.events:
            n += 1 + len(e.venues) + len(e.inspected)
            n += sum(len(p.roles) for p in e.participants)
    return n


# --- OCR-like noise --------------------------------------------------------------------------------

_NO_LINE_START = "，。、；：！？）”’》,.;:!?)"
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def ocr(text: str, rng: random.Random) -> str:
    """Lay an article's clean text out like the seed page: broken lines, spaced dates and names."""
    lines = [line for line in text.split("\n") if line]
    head, body, byline = lines[0], lines[1:-1], lines[-1]
    out = []
    if len(head) > 14 and rng.random() < 0.25:
        cut = rng.randint(len(head) // 2, len(head) - 3)
        out.append(head[:cut] + "\n" + head[cut:])
    else:
        out.append(head)
    width = rng.randint(15, 18)
    for para in body:
        para = _space_numbers(para, rng)
        if rng.random() < 0.02:
            para = para.translate(_FULL)
        if rng.random() < 0.05:
            para = para.replace("，", ",", 1)
        rows, i = [], 0
        while i < len(para):
            w = width + rng.choice((0, 0, 0, 1, -1))
            # as typeset: a line does not start with a comma, a stop or a closing quote
            while i + w < len(para) and para[i + w] in _NO_LINE_START:
                w += 1
            rows.append(para[i:i + w])
            i += w
        pieces = [rows[0]]
        for r in rows[1:]:
            pieces.append(("\n\n" if rng.random() < 0.8 else "\n") + r)
        out.append("".join(pieces))
    names = []
    for name in byline.split(" "):
        names.append(" ".join(name) if len(name) == 2 and rng.random() < 0.5 else name)
    out.append(" ".join(names))
    return "\n\n".join(out) + "\n"


def _space_numbers(s: str, rng: random.Random) -> str:
    out = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            num = s[i:j]
            if rng.random() < 0.7:
                num = " " + num + " "
                if out and out[-1] == " ":
                    num = num[1:]
            out.append(num)
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out).replace("讯  ", "讯 ")


def _swap_headlines(texts: list[str], rng: random.Random, rate: float) -> list[str]:
    for i in range(len(texts) - 1):
        if rng.random() < rate:
            a, b = texts[i].split("\n", 1), texts[i + 1].split("\n", 1)
            if len(a) == 2 and len(b) == 2:
                texts[i], texts[i + 1] = b[0] + "\n" + a[1], a[0] + "\n" + b[1]
    return texts


def pages(n: int | None, seed: int, chars: int | None, noise: str = "ocr", swap_rate: float = 0.1,
          counties: int | None = None, year: int = 2022):
    """Yield pages: lists of (draft, printed text) of two to four articles."""
    rng = random.Random(seed * 7919 + 17)
    page: list = []
    size = rng.randint(2, 4)
    total = 0
    for d in drafts(n, seed, counties=counties, year=year):
        text = d.text()
        printed = ocr(text, rng) if noise == "ocr" else text
        page.append((d, printed))
        total += len(printed)
        if len(page) == size:
            yield _finish(page, rng, noise, swap_rate)
            page, size = [], rng.randint(2, 4)
        if chars is not None and total >= chars:
            break
    if page:
        yield _finish(page, rng, noise, swap_rate)


def _finish(page, rng, noise, swap_rate):
    if noise == "ocr" and swap_rate:
        texts = _swap_headlines([p for _, p in page], rng, swap_rate)
        page = [(d, t) for (d, _), t in zip(page, texts)]
    return page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate a synthetic corpus of county news (see the module docstring).")
    ap.add_argument("--chars", type=int, default=None, help="stop when the output holds this many characters")
    ap.add_argument("--articles", type=int, default=None, help="number of articles (default: 1000 unless --chars)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--counties", type=int, default=None, help="number of counties (default: from the size)")
    ap.add_argument("--year", type=int, default=2022)
    ap.add_argument("--format", choices=["txt", "jsonl", "pages", "facts"], default="txt")
    ap.add_argument("--noise", choices=["ocr", "none"], default="ocr")
    ap.add_argument("--swap-rate", type=float, default=0.1, help="chance that two neighbouring headlines swap places")
    ap.add_argument("-o", "--output", default="-", help="file (or folder for --format pages); - for stdout")
    ap.add_argument("--gold", help="also write the articles' facts as a gold file for ../shared/eval/score.py")
    args = ap.parse_args(argv)
    n = args.articles if args.articles is not None else (None if args.chars else 1000)

    if args.format == "facts":
        from okg.facts import Page

        arts = synthetic_articles(n or 1000, args.seed, counties=args.counties, year=args.year)
        data = Page(articles=arts).model_dump_json(exclude_none=True)
        _write(args.output, data)
        print(f"{len(arts)} articles, ~{count_relationships(arts)} relationships", file=sys.stderr)
        return 0

    n_articles = n_chars = 0
    gold: list[dict] = []
    if args.format == "pages":
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for k, page in enumerate(pages(n, args.seed, args.chars, args.noise, args.swap_rate, args.counties, args.year)):
            text = "\n".join(t for _, t in page)
            name = f"{k:05d}_{article_id(text)}.txt"
            (folder / name).write_text(text, encoding="utf-8")
            if args.gold:
                gold += [gold_record(d) for d, _ in page]
            n_articles += len(page)
            n_chars += len(text)
    else:
        out = sys.stdout if args.output == "-" else None
        if out is None:
            Path(args.output).parent.mkdir(parents=True, exist_ok=True)
            out = open(args.output, "w", encoding="utf-8")
        try:
            # one JSONL record is one article: its headline stays with its body
            swap = 0.0 if args.format == "jsonl" else args.swap_rate
            for page in pages(n, args.seed, args.chars, args.noise, swap, args.counties, args.year):
                for d, printed in page:
                    if args.gold:
                        gold.append(gold_record(d))
                    if args.format == "jsonl":
                        line = json.dumps(
                            {"id": article_id(printed), "text": printed, "date": d.day.isoformat(), "source": f"{d.county.name}报"},
                            ensure_ascii=False,
                        )
                        out.write(line + "\n")
                        n_chars += len(printed)
                    else:
                        out.write(printed + "\n")
                        n_chars += len(printed) + 1
                    n_articles += 1
        finally:
            if out is not sys.stdout:
                out.close()
    if args.gold:
        _write(args.gold, json.dumps(gold, ensure_ascii=False, indent=1))
    print(f"{n_articles} articles, {n_chars} characters of text", file=sys.stderr)
    return 0


def gold_record(d: Draft) -> dict:
    """The article's facts in the gold format of ../shared/eval/score.py (anchored on its lead)."""
    a = to_article(d)
    first = next(line for line in a.body.split("\n")[1:] if line.startswith("本报讯"))
    anchor = first.split("，", 1)[1][:40]
    persons = [p.name for p in a.persons] + [r.name for r in a.reporters if r.name not in {p.name for p in a.persons}]
    return {
        "id": a.id,
        "anchor": anchor,
        "title": a.title,
        "date": _cn_date(d.day),
        "script": "simplified",
        "reporters": [r.name for r in a.reporters],
        "persons": persons,
        "positions": [{"person": p.person, "title": p.title, "org": p.org} for p in a.positions],
        "places": [{"name": p.name, "kind": p.kind.value} for p in a.places],
        "events": [
            {
                "type": e.type.value, "date": _cn_date(d.day), "name": e.name,
                "roles": [{"person": p.person, "role": r.value} for p in e.participants for r in p.roles],
                "inspected": [{"person": i.person, "target": i.target} for i in e.inspected],
            }
            for e in a.events
        ],
    }


def _write(path: str, data: str) -> None:
    if path == "-":
        sys.stdout.write(data + "\n")
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(data + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
