"""The facts okg extracts from an article: the one definition that extract, graph and api share.

`okg extract --format json` writes a `Page` (`{"articles": [Article, ...]}`); `okg load` and
`POST /ingest` read the same models. `okg schema` prints the JSON Schema made from them.

Every fact carries `evidence`: where in the original input it was read. Offsets are character
offsets (Python string indices) into the original input text as decoded, so
`original[start:end]` is the span the fact came from, even after page repair moved things around.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def calendar_date(value: str | None) -> str | None:
    """A date written YYYY-MM-DD must be a day of the calendar (2022-02-30 is not); a date in another
    form (yearless, as written) passes as it is."""
    m = _ISO_DAY.match(value) if value else None
    if m:
        try:
            datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as e:
            raise ValueError(f"{value!r} is not a calendar date ({e})") from None
    return value


# A fact's date: ISO (YYYY-MM-DD) where the year is known, else as written; an ISO one is a real day.
FactDate = Annotated[str | None, AfterValidator(calendar_date)]


def text_digest(body: str) -> bytes:
    """What makes two articles' texts the same: their bodies without white space (as an article's
    id made from its text). Two texts under one id with other digests are a clash, reported, never
    one dropped unsaid."""
    return hashlib.blake2b(re.sub(r"\s+", "", body).encode("utf-8"), digest_size=16).digest()


class Role(str, Enum):
    """What a person did at an event. ATTENDED is given to everyone present."""

    ATTENDED = "ATTENDED"
    CHAIRED = "CHAIRED"
    SPOKE = "SPOKE"
    INSPECTED = "INSPECTED"
    ACCOMPANIED = "ACCOMPANIED"
    GUIDED = "GUIDED"


class EventType(str, Enum):
    meeting = "meeting"
    inspection = "inspection"
    training = "training"
    visit = "visit"
    other = "other"


class PlaceKind(str, Enum):
    province = "province"
    city = "city"
    county = "county"
    town = "town"
    village = "village"
    venue = "venue"


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    def __reduce__(self):
        # `--jobs` workers send every fact to the parent pickled: pydantic's own state (a dict of four
        # per model, set back attribute by attribute) made the parent's unpickling a fifth of a
        # worker's extraction time; this is a third less. Unpickled as made: not validated again.
        return _unpickled_fact, (type(self), self.__dict__, self.__pydantic_fields_set__)


# what pydantic keeps on a model instance: the fields' dict and three slots, set through their descriptors
# (object.__setattr__ would look each up by name, at half as much again)
_set_fields = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def _unpickled_fact(cls: type[Fact], fields: dict, fields_set: set[str]) -> Fact:
    """A fact of fields that are valid already (unpickled, or read by the extractor: read_evidence),
    made as pydantic makes it, without validating them again."""
    fact = object.__new__(cls)
    _set_fields(fact, fields)
    _set_fields_set(fact, fields_set)
    _set_extra(fact, None)
    _set_private(fact, None)
    return fact


class Evidence(Fact):
    """Where a fact was read: the article, the sentence, and the span in the original input."""

    article: str = Field(description="id of the article the fact was read from")
    sentence: str = Field(description="the repaired sentence that states the fact")
    start: int = Field(ge=0, description="start offset of the span in the original input")
    end: int = Field(ge=0, description="end offset (exclusive) of the span in the original input")
    engine: str = Field(description="engine that produced the fact, e.g. hanlp")
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str | None = Field(default=None, description="id of the extraction rule that made the fact (extract/data/rules.toml)")


_EVIDENCE_FIELDS = frozenset(Evidence.model_fields)


def read_evidence(article: str, sentence: str, start: int, end: int, engine: str, confidence: float, rule: str | None) -> Evidence:
    """The Evidence of a span the extractor read, of values of its fields' types (offsets into the input,
    never negative; a confidence it gives, within [0, 1]), not validated: the extractor makes tens of
    thousands of them a few hundred pages, and pydantic's validation (extra fields looked for, every
    field checked) costs twice the making and would change nothing. `confidence` is made a float, as
    validation makes it (1 -> 1.0)."""
    fields = {"article": article, "sentence": sentence, "start": start, "end": end, "engine": engine,
              "confidence": float(confidence), "rule": rule}
    return _unpickled_fact(Evidence, fields, set(_EVIDENCE_FIELDS))


class Person(Fact):
    name: str
    evidence: list[Evidence] = Field(default_factory=list, description="every mention")


class Position(Fact):
    """A post held by a person: `title` (书记, 部长, 县长) of `org` (县委, 市委组织部), if the text names it."""

    person: str
    title: str
    org: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class Organization(Fact):
    """An agency: a party committee, a government, a bureau, a working group, a company, a school."""

    name: str
    kind: str | None = Field(default=None, description="party, government, congress, court, group, company, school, other")
    parent: str | None = Field(default=None, description="name of the agency it is part of, where the text shows it")
    place: str | None = Field(default=None, description="name of the place it belongs to, where the text shows it")
    evidence: list[Evidence] = Field(default_factory=list)


class Place(Fact):
    name: str
    kind: PlaceKind
    parent: str | None = Field(default=None, description="name of the place that contains it, where the text shows it")
    evidence: list[Evidence] = Field(default_factory=list)


class Participant(Fact):
    person: str
    roles: list[Role]
    evidence: list[Evidence] = Field(default_factory=list)


class Inspection(Fact):
    """A target (place, site or agency) that a person inspected, surveyed or visited at an event."""

    person: str
    target: str
    target_kind: str | None = Field(default=None, description="a PlaceKind value, or 'agency'")
    evidence: list[Evidence] = Field(default_factory=list)


class Event(Fact):
    id: str = Field(description="stable id: the article id and the event's index in it")
    type: EventType
    date: FactDate = Field(default=None, description="ISO date where the year is known, else as written")
    name: str | None = None
    venues: list[str] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    inspected: list[Inspection] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Reporter(Fact):
    name: str
    evidence: list[Evidence] = Field(default_factory=list)


class Article(Fact):
    id: str = Field(description="stable id made from the article's text: the same text gives the same id")
    source: str | None = Field(default=None, description="file name, URL or JSONL source of the input")
    home: str | None = Field(default=None, description="the source's home county, to which 我县/县委 refer")
    home_evidence: str | None = Field(default=None, description="how the extractor read the home from the page (none when it was given)")
    url: str | None = Field(default=None, description="the item's URL, where the input gives it")
    title: str | None = None
    date: FactDate = Field(default=None, description="ISO date where the year is known, else as written")
    body: str = Field(description="the repaired text of the article")
    text: str | None = Field(default=None, description="the article's original text, as it stood in the input")
    script: str = Field(default="simplified", description="simplified or traditional: the script of the input")
    start: int = Field(default=0, ge=0, description="start of the article in the original input")
    end: int = Field(default=0, ge=0, description="end of the article in the original input")
    engine: str = "hanlp"
    reporters: list[Reporter] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class Page(Fact):
    """What `okg extract --format json` writes: the articles of one or more inputs."""

    articles: list[Article] = Field(default_factory=list)


def json_schema() -> dict:
    """The published JSON Schema of `okg extract --format json` output."""
    return Page.model_json_schema()
