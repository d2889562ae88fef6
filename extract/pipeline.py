"""Text -> facts: page repair, articles, engine, then people, places, events and roles with evidence.

    extract_text(text, source=None, engine="hanlp", home=None, date=None) -> list[Article]
    iter_articles(text, ...) -> Iterator[Article]   # the same, each article given as soon as it is made

`home` is the source's home county, to which 我县/县委 refer (else inferred from the page);
`date` (YYYY-MM-DD) gives the year for dates written without one (else they stay as written).
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Iterator

from okg.extract.articles import ArticleText, split_articles
from okg.extract.credits import credits_in
from okg.extract.engines import Engine, get_engine
from okg.extract.events import DATE, event_starts, find_event, iso_date
from okg.extract.lexicon import Lexicon, lexicon
from okg.extract.mentions import NameMention
from okg.extract.people import names_in_clause, share_orgs_in_sentences
from okg.extract.places import PlaceMention, find_places, find_venues
from okg.extract.references import addressed_given_names, resolve_back_references
from okg.extract.roles import Act, Reading, read_acts, reread_acts
from okg.extract.targets import find_targets
from okg.extract.text import Body, Clause, analyse, has_cjk
from okg.extract.unglue import unglue
from okg.facts import (
    Article,
    Event,
    Evidence,
    Inspection,
    Organization,
    Participant,
    Person,
    Place,
    Position,
    Reporter,
    calendar_date,
    read_evidence,
)

YEAR = re.compile(r"^(\d{4})")


def article_id(body: str) -> str:
    """Same text, same id: a digest of the body with white space removed (str.split's white space
    is the regex \\s, without a regex pass over the body)."""
    return "a" + hashlib.sha1("".join(body.split()).encode("utf-8")).hexdigest()[:16]


def extract_text(*args, **kwargs) -> list[Article]:
    """The articles of a text, all of them: `iter_articles`, whose arguments these are, as a list."""
    return list(iter_articles(*args, **kwargs))


def iter_articles(
    text: str,
    source: str | None = None,
    engine: str | Engine = "hanlp",
    home: str | None = None,
    date: str | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Iterator[Article]:
    """The articles of `text` one at a time, analysed as they are asked for: a long page's facts
    are not all held at once (the caller writes each and lets it go)."""
    if not has_cjk(text):
        return
    engine = get_engine(engine) if isinstance(engine, str) else engine
    lex = lexicon()
    pieces = [_compact(p) for p in split_articles(text) if p.body.strip()]
    year = _year(date)
    home_evidence = None
    if not home:
        home, home_evidence = infer_home([p.body for p in pieces])
    for i, piece in enumerate(pieces):
        aid = (doc_id if len(pieces) == 1 else f"{doc_id}-{i + 1}") if doc_id else article_id(piece.body)
        article = _article(aid, piece, text, source, home, year, engine, lex)
        # the item's metadata (a JSONL record's url and title) beside what the text gave
        article.url, article.home_evidence = url, home_evidence
        if title and not article.title and len(pieces) == 1:
            article.title = title
        yield article


def infer_home(bodies: list[str]) -> tuple[str | None, str | None]:
    """The county the page speaks of most (绛县), when it speaks of itself as 我县 (in either script):
    read as the graph reads a home from text (okg.graph.homes: former names, glued names, short names),
    and how it was read."""
    from okg.graph.folding import fold_text
    from okg.graph.homes import county_in_folded_text

    text = "\n".join(bodies)
    folded = fold_text(text)
    if "我县" not in folded and "全县" not in folded:
        return None, None
    area, evidence = county_in_folded_text(folded)
    return (area.name, f"{evidence} on a page that says 我县/全县") if area is not None else (None, None)


@dataclass
class _Context:
    aid: str
    piece: ArticleText
    body: Body
    engine: str

    def evidence(self, start: int, end: int, confidence: float, rule: str) -> Evidence:
        o_start, o_end = self.piece.to_original(start, end)
        sentence = self.body.sentence_at(start).text if self.body.sentences else ""
        return read_evidence(self.aid, sentence, o_start, o_end, self.engine, confidence, rule)


def _article(aid, piece: ArticleText, original: str, source, home, year, engine: Engine, lex) -> Article:
    published = _published(original, piece)
    article = Article(
        id=aid,
        source=source,
        home=home,
        title=piece.title,
        date=published or iso_date(piece.date_text, year),
        body=piece.body,
        text=original[piece.span[0]:piece.span[1]] if piece.span != (0, 0) else None,
        script="traditional" if piece.traditional else "simplified",
        start=piece.span[0],
        end=piece.span[1],
        engine=engine.name,
    )
    found = _Found()
    for window in windows(piece):
        found.add(_window_facts(aid, window, engine, lex, year or _year(published)))
    article.reporters, editors = _credited(aid, original, piece)
    for r in article.reporters + editors:
        if r.name not in found.persons:
            found.persons[r.name] = Person(name=r.name)
        found.persons[r.name].evidence.extend(r.evidence)
    article.persons = list(found.persons.values())
    article.positions = list(found.positions.values())
    article.events = found.events
    for n, event in enumerate(article.events, 1):
        event.id = f"{aid}-e{n}"
    article.places = list(found.places.values())
    article.organizations = list(found.organizations.values())
    place_names = sorted((p.name for p in article.places if p.kind != "venue"), key=len, reverse=True)
    for org in article.organizations:
        org.place = next((p for p in place_names if org.name.startswith(p) and org.name != p), None)
        org.parent = _parent_org(org.name, found.organizations)
    return article


# An article longer than this is analysed in windows of about this many characters, cut after a
# paragraph's (else a sentence's) end: reading one window (names read twice, back-references,
# events) costs more than linear time and holds all its tokens and mentions, so windows keep a long
# article linear in time and bounded in memory. A fact is then read from its own window only (a 他
# or 张书记 refers to a person of that window). Ordinary articles, a few thousand characters, are
# one window, read as a whole.
WINDOW_CHARS = 20_000


def windows(piece: ArticleText) -> Iterator[ArticleText]:
    """The article itself when it is short; else its body cut into windows, one at a time, each an
    ArticleText whose body is a part of the article's (its offsets those of that part), the rest as
    the article's."""
    body = piece.body
    if len(body) <= WINDOW_CHARS:
        yield piece
        return
    start = 0
    while start < len(body):
        end = len(body) if len(body) - start <= WINDOW_CHARS else _window_end(body, start)
        yield replace(piece, body=body[start:end], offsets=piece.offsets[start:end + 1], ends=piece.ends[start:end])
        start = end


def _compact(piece: ArticleText) -> ArticleText:
    """A long article with its offsets as arrays of machine integers, 8 bytes a character where a
    list of ints takes about 40: they are held while all its windows are read."""
    if len(piece.body) <= WINDOW_CHARS:
        return piece
    return replace(piece, offsets=array("q", piece.offsets), ends=array("q", piece.ends))


def _window_end(body: str, start: int) -> int:
    """Where the window from `start` ends: after the last paragraph end within WINDOW_CHARS, else
    after the last sentence end, else at WINDOW_CHARS."""
    limit = start + WINDOW_CHARS
    for ends in ("\n", "。！？!?"):
        at = max(body.rfind(c, start, limit) for c in ends)
        if at > start:
            return at + 1
    return limit


@dataclass
class _Found:
    """The facts of an article's windows, merged by what names them, in the order first read."""

    persons: dict[str, Person] = field(default_factory=dict)
    positions: dict[tuple, Position] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)

    def add(self, other: "_Found") -> None:
        for own, more in ((self.persons, other.persons), (self.positions, other.positions), (self.organizations, other.organizations)):
            for key, fact in more.items():
                if key in own:
                    own[key].evidence.extend(fact.evidence)
                else:
                    own[key] = fact
        for name, place in other.places.items():
            if name not in self.places:
                self.places[name] = place
                continue
            if self.places[name].parent is None and place.parent:
                self.places[name].parent = place.parent
            self.places[name].evidence.extend(place.evidence)
        self.events += other.events


def _window_facts(aid, window: ArticleText, engine: Engine, lex, year) -> _Found:
    """The facts read in one window of an article (the whole article when it is short)."""
    body = unglue(analyse(window.body, engine), engine, lex)
    ctx = _Context(aid, window, body, engine.name)
    mentions, reading = _people(body, lex)
    people = _accepted(mentions, reading.acts)
    found = _Found()
    # facts are made on a name's first mention only (not `setdefault(key, Fact(...))`, which would
    # build and validate a model at every mention only to drop it)
    for m in people:
        ev = ctx.evidence(m.start, m.end, m.confidence, m.rule)
        if m.name not in found.persons:
            found.persons[m.name] = Person(name=m.name)
        found.persons[m.name].evidence.append(ev)
        for t in m.positions:
            key = (m.name, t.title, t.org)
            if key not in found.positions:
                found.positions[key] = Position(person=m.name, title=t.title, org=t.org)
            found.positions[key].evidence.append(ctx.evidence(min(t.start, m.start), max(t.end, m.end), m.confidence, t.rule))
    venues = find_venues(body, lex)
    found.events = _events(ctx, window, reading, {m.name for m in people}, venues, lex, year)
    found.places = _places(ctx, find_places(body, lex) + venues)
    found.organizations = _organizations(ctx, found, body, lex)
    return found


def _credited(aid: str, original: str, piece: ArticleText) -> tuple[list[Reporter], list[Reporter]]:
    """The item's reporters (from its credit lines, and credits left in its text: （通讯员 张三 李四）,
    本报讯 记者 李洋), and its editors (编辑：杨玉洁), who are persons but no reporters."""

    def evidence(s: int, e: int, rule: str) -> list[Evidence]:
        return [read_evidence(aid, original[s:e], s, e, "layout", 0.9, rule)]

    reporters = {n: Reporter(name=n, evidence=evidence(s, e, "reporter.credit")) for n, s, e in piece.reporters}
    editors: dict[str, Reporter] = {}
    for name, s, e, kind in credits_in(original, *piece.span, piece.traditional) if piece.span != (0, 0) else ():
        if kind == "reporter" and name not in reporters:
            reporters[name] = Reporter(name=name, evidence=evidence(s, e, "reporter.credit"))
        elif kind == "editor" and name not in reporters and name not in editors:
            editors[name] = Reporter(name=name, evidence=evidence(s, e, "person.credit"))
    return list(reporters.values()), list(editors.values())


def _people(body: Body, lex: Lexicon) -> tuple[list[NameMention], Reading]:
    """Names in every clause, read twice: names accepted anywhere are known everywhere the second time
    (only clauses where a known name stands unread are read again, and acts only where that can change them)."""
    none: frozenset[str] = frozenset()
    per_clause = [(c, names_in_clause(c, body, lex, none)) for s in body.sentences for c in s.clauses]
    reading = read_acts(per_clause, lex)
    accepted = {m.name for m in _accepted([m for _, ms in per_clause for m in ms], reading.acts)}
    known = frozenset(accepted | addressed_given_names(accepted, body.text, lex))
    unread = _unread_clauses(body, per_clause, known)
    if unread:
        per_clause = [(c, names_in_clause(c, body, lex, known) if i in unread else ms) for i, (c, ms) in enumerate(per_clause)]
        reading = reread_acts(reading, per_clause, unread, lex)
    mentions = resolve_back_references([m for _, ms in per_clause for m in ms], reading.acts, lex)
    share_orgs_in_sentences(mentions, body, lex)
    return mentions, reading


def _unread_clauses(body: Body, per_clause: list[tuple[Clause, list[NameMention]]], known: frozenset[str]) -> set[int]:
    """Indexes of the clauses where a known name stands and no mention of it was read there.
    Each name is looked for once in the whole body (clauses are in order and do not overlap)."""
    if not known:
        return set()
    read = {(m.start, m.name) for _, mentions in per_clause for m in mentions}
    starts = [c.start for c, _ in per_clause]
    unread = set()
    for name in known:
        at = body.text.find(name)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            if (at, name) not in read and i >= 0 and at + len(name) <= per_clause[i][0].end:
                unread.add(i)
            at = body.text.find(name, at + 1)
    return unread


def _accepted(mentions: list[NameMention], acts: list[Act]) -> list[NameMention]:
    acting = {id(p) for a in acts for p in a.people}
    return [m for m in mentions if m.support or id(m) in acting]


FULL_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")


def _published(original: str, piece: ArticleText) -> str | None:
    """A full date printed between the headline and the body (a web item's 发布时间：2023-04-02)."""
    if piece.title_span is None or piece.title_span[1] > piece.body_span[0]:
        return None
    m = FULL_DATE.search(original, piece.title_span[1], piece.body_span[0])
    if not m:
        return None
    try:
        return calendar_date(f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
    except ValueError:  # 发布时间：2023-02-30 is no day: the article's date is then read as the text gives it
        return None


def _year(date: str | None) -> int | None:
    m = YEAR.match(date or "")
    return int(m.group(1)) if m else None


def _event_date(sentences: list, article_date: str | None, year: int | None) -> str | None:
    """The date in the event's first sentences (4月1日), with the year given or that of the
    article's own date (a web item's 发布时间 2023-04-02); else the article's date."""
    year = year or _year(article_date)
    for sentence in sentences[:3]:
        m = DATE.search(sentence.text)
        if m:
            return iso_date(m.group(0), year)
    return iso_date(article_date, year)


def _events(ctx: _Context, piece: ArticleText, reading: Reading, people: set[str], venues, lex, year) -> list[Event]:
    """The events the article reports: one, or one per part that shifts to an event of another kind
    (events.event_starts); each act belongs to the event of the sentence it stands in."""
    acts = [a for a in reading.acts if all(p.name in people for p in a.people)]
    sentences = ctx.body.sentences
    starts = event_starts(ctx.body, acts, lex)
    bounds = list(zip(starts, starts[1:] + [len(sentences)]))
    events = []
    for k, (lo, hi) in enumerate(bounds):
        spans = range(sentences[lo].start, sentences[hi - 1].end) if len(bounds) > 1 else None
        own = [a for a in acts if spans is None or a.clause.start in spans]
        event = _event(ctx, piece, own, reading.subject_of, lo, hi, venues if k == 0 else [], lex, year)
        if event is not None:  # numbered in the article (_article), as its windows are put together
            events.append(event)
    return events


def _event(ctx: _Context, piece: ArticleText, acts: list[Act], subject_of, lo: int, hi: int, venues, lex, year) -> Event | None:
    """The event reported from sentence `lo` to `hi` (exclusive), with the acts read there."""
    found = find_event(piece.title, ctx.body, acts, subject_of, lex, lo)
    if found is None:
        return None
    roles: dict[str, set[str]] = {}
    evidence: dict[str, list[Evidence]] = {}
    for act in acts:
        for p in act.people:
            roles.setdefault(p.name, set()).update(act.roles | {"ATTENDED"})
            evidence.setdefault(p.name, []).append(ctx.evidence(act.evidence_start, act.evidence_end, p.confidence, act.rule))
    order = ["ATTENDED", "CHAIRED", "SPOKE", "INSPECTED", "ACCOMPANIED", "GUIDED"]
    participants = [
        Participant(person=name, roles=[r for r in order if r in rs], evidence=evidence[name]) for name, rs in roles.items()
    ]
    targets = find_targets(ctx.body, acts, subject_of, lex, range(lo, hi))
    inspected = [
        Inspection(person=t.person, target=t.name, target_kind=t.kind, evidence=[ctx.evidence(t.start, t.end, 0.85, t.rule)])
        for t in targets
    ]
    event_evidence = [ctx.evidence(*found.name_span, 0.9, found.rule)] if found.name_span else []
    return Event(
        id=f"{ctx.aid}-e1",
        type=found.type,
        date=_event_date(ctx.body.sentences[lo:], piece.date_text, year),
        name=found.name,
        venues=list(dict.fromkeys(v.name for v in venues)),
        participants=participants,
        inspected=inspected,
        evidence=event_evidence,
    )


def _places(ctx: _Context, mentions: list[PlaceMention]) -> dict[str, Place]:
    places: dict[str, Place] = {}
    for m in mentions:
        if m.name not in places:  # made on the first mention only, as in _window_facts
            places[m.name] = Place(name=m.name, kind=m.kind, parent=m.parent)
        place = places[m.name]
        if place.parent is None and m.parent:
            place.parent = m.parent
        place.evidence.append(ctx.evidence(m.start, m.end, 0.8, m.rule))
    return places


def _organizations(ctx: _Context, found: _Found, body: Body, lex: Lexicon) -> dict[str, Organization]:
    """The agencies of a window, by name (their place and parent are set in the article, _article)."""
    orgs: dict[str, Organization] = {}
    for pos in found.positions.values():
        if not pos.org:
            continue
        if pos.org not in orgs:  # made on the first mention only, as in _window_facts
            orgs[pos.org] = Organization(name=pos.org, kind=lex.agency_kind(pos.org))
        orgs[pos.org].evidence.extend(pos.evidence)
    # (few: picked out in one pass over every token, by the tag's head: cheaper than a startswith call)
    for token in [t for t in body.tokens if t.pos[:2] == "nt"]:
        name, start = _agency_name(token, lex)
        # the tagger's organizations count when they end like one (第六督导组, 县公安局), not 发展培训班
        if name and len(name) >= 3 and lex.agency_suffix(name) and not any(name in o for o in orgs):
            orgs[name] = Organization(name=name, kind=lex.agency_kind(name), evidence=[ctx.evidence(start, token.end, 0.7, "organization.tagger")])
    for event in found.events:
        for insp in event.inspected:
            if insp.target_kind == "agency" and insp.target not in orgs:
                orgs[insp.target] = Organization(name=insp.target, kind=lex.agency_kind(insp.target), evidence=list(insp.evidence))
    return orgs


def _agency_name(token, lex: Lexicon) -> tuple[str | None, int]:
    """The organization in a token the tagger calls one, and where it starts: a verb read with it
    is cut off (带领执法检查组), a phrase opened by a preposition is none (以人民为中心)."""
    text = token.text
    if text.startswith(lex.agency_preposition_openers):
        return None, token.start
    verb = next((v for v in lex.agency_verb_openers if text.startswith(v)), "")
    rest = text[len(verb):]
    # what is left must still be a body: 执法检查组, or a level's own committee (学习省委 -> 省委)
    if verb and (len(rest) >= 3 or rest[:1] in lex.level_chars) and lex.agency_suffix(rest):
        return rest, token.start + len(verb)
    return text, token.start


def _parent_org(name: str, orgs: dict[str, Organization]) -> str | None:
    """The longest other agency whose name this one extends (市委组织部 is part of 市委)."""
    candidates = [o for o in orgs if o != name and name.startswith(o)]
    return max(candidates, key=len) if candidates else None
