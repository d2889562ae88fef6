"""What the stores answer: the read models shared by both stores and the REST API.

Both stores (embedded networkx and Neo4j) return exactly these models, so the API declares them
as its response models and the tests can compare the two stores answer for answer.
Ids are opaque, URL-safe strings that stay the same across reloads.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Span(BaseModel):
    """Provenance of a relationship: the article and the text span it was read from."""

    article: str
    evidence: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = Field(default=None, description="the extraction rule that read it")


class Listing(BaseModel, Generic[T]):
    items: list[T]
    total: int = Field(description="number of matches before limit/offset")
    limit: int
    offset: int

    @classmethod
    def page_of(cls, items: list[T], limit: int, offset: int) -> "Listing[T]":
        """One page of a list the store answered whole."""
        return cls(items=items[offset: offset + limit], total=len(items), limit=limit, offset=offset)

    def to_frame(self):
        """The items as a pandas DataFrame, one row each (okg.frames; needs `okg[notebook]`)."""
        from okg.frames import listing_frame

        return listing_frame(self)


class PersonRef(BaseModel):
    id: str
    name: str


class PersonSummary(PersonRef):
    titles: list[str] = Field(default_factory=list, description="titles held, e.g. 县委书记")


class HeldPosition(BaseModel):
    position_id: str
    title: str
    agency: str | None = None
    agency_id: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    sources: list[Span] = Field(default_factory=list)


class MergeNote(BaseModel):
    """One article's mention of a person and why it joined this node (entity resolution)."""

    article: str = Field(description="node id of the article")
    mention: str = Field(description="the name as written")
    titles: list[str] = Field(default_factory=list, description="position names the article gives the mention")
    scope: str | None = Field(default=None, description="jurisdiction key of the mention: admin code, CN or ?<source>")
    home_basis: str | None = Field(default=None, description="how the article's home county was found: given, source, text, siblings, unknown")
    rule: str = Field(description="the resolution rule that applied, in words")
    joined: str | None = Field(default=None, description="the node it joined; None when this mention created it")


class PersonDetail(PersonRef):
    positions: list[HeldPosition] = Field(default_factory=list)
    event_counts: dict[str, int] = Field(default_factory=dict, description="role -> number of events")
    merges: list[MergeNote] = Field(default_factory=list, description="the node's `merges` property, in load order")


class EventRef(BaseModel):
    id: str
    name: str
    type: str
    date: str | None = Field(default=None, description="sortable: 2022-03-28, or --03-28 when the year is unknown")


class EventSummary(EventRef):
    """An event as listed for a person."""

    roles: list[str] = Field(default_factory=list, description="the person's roles there")


class Attendee(PersonRef):
    roles: list[str]


class InspectionView(BaseModel):
    person: PersonRef
    target_id: str
    target: str
    target_kind: str
    event_id: str | None = None
    date: str | None = None
    sources: list[Span] = Field(default_factory=list)


class EventDetail(EventRef):
    participants: dict[str, list[PersonRef]] = Field(default_factory=dict, description="role -> people")
    venues: list["PlaceRef"] = Field(default_factory=list)
    inspected: list[InspectionView] = Field(default_factory=list)
    article: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class CoAttendance(PersonRef):
    weight: int = Field(description="number of events both attended")


class AgencyRef(BaseModel):
    id: str
    name: str


class PositionHolder(BaseModel):
    position_id: str
    title: str
    holders: list[PersonRef]


class AgencyDetail(AgencyRef):
    parent: AgencyRef | None = None
    parts: list[AgencyRef] = Field(default_factory=list)
    place: "PlaceRef | None" = None
    positions: list[PositionHolder] = Field(default_factory=list)


class PlaceRef(BaseModel):
    id: str
    name: str
    kind: str


class PlaceDetail(PlaceRef):
    parent: PlaceRef | None = None
    places_inside: list[PlaceRef] = Field(default_factory=list)
    events: list[EventRef] = Field(default_factory=list, description="events held there")
    inspections: list[InspectionView] = Field(default_factory=list, description="inspections of it and of places inside it")


class ArticleDetail(BaseModel):
    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    body: str
    facts: dict = Field(default_factory=dict, description="the extracted facts (okg.facts.Article) with evidence spans")


class SearchHit(BaseModel):
    kind: str = Field(description="person, event, agency, place or article")
    id: str
    name: str
    score: float = 1.0


class PathStep(BaseModel):
    id: str
    name: str
    label: str
    via: str | None = Field(default=None, description="relationship type that led to this node")


class LoadReport(BaseModel):
    articles: list[str] = Field(description="ids of the articles loaded")
    new_articles: int
    conflicts: list[str] = Field(default_factory=list,
                                 description="ids of given articles not loaded: the store holds another text under the id")
    nodes: int = Field(description="nodes in the store after the load")
    relationships: int = Field(description="relationships in the store after the load")


EventDetail.model_rebuild()
AgencyDetail.model_rebuild()


# --- the co-attendance network, posts and ego networks (graph/analytics.py builds on these) ------------


class CoAttendanceEdge(BaseModel):
    """Two people (`a.id` < `b.id`) who took part in the same events, and in how many."""

    a: PersonRef
    b: PersonRef
    weight: int = Field(description="number of distinct events both had the role at")


class PositionSummary(BaseModel):
    id: str
    name: str = Field(description="agency name + title, e.g. 绛县委书记")
    title: str
    agency: str | None = None
    agency_id: str | None = None
    holders: int = Field(description="number of people who held it")


class Tenure(BaseModel):
    """One holder of a post, and when the articles show them in it."""

    person: PersonRef
    first_seen: str | None = None
    last_seen: str | None = None


class PositionHolders(BaseModel):
    """A post and everyone who held it, by first_seen (undated last), last_seen, name, id."""

    id: str
    name: str
    title: str
    agency: str | None = None
    agency_id: str | None = None
    holders: list[Tenure] = Field(default_factory=list)


class Participation(BaseModel):
    """A person's roles at one event."""

    event_id: str
    person: PersonRef
    roles: list[str]
