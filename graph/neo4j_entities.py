"""The Neo4j store's answers about one person, event, agency, place or article, and the listings
and search over them.

A mixin of `okg.graph.neo4j_store.Neo4jStore`: each question runs the saved query of its name in
cypher/queries/ with `$param` parameters only, written once as a generator (`okg.graph.neo4j_questions`)
so that it runs on the blocking driver when called and on the asyncio driver through the store's
`async_reader()`. The embedded store answers the same questions in graph/embedded.py.
"""

from __future__ import annotations

import json
from typing import Generator

from okg.graph.neo4j_questions import Ask, ask_one, ask_rows, question
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    EventDetail,
    EventRef,
    EventSummary,
    HeldPosition,
    InspectionView,
    Listing,
    MergeNote,
    PathStep,
    PersonDetail,
    PersonRef,
    PersonSummary,
    PlaceDetail,
    PlaceRef,
    PositionHolder,
    SearchHit,
    Span,
)


def _role(role) -> str | None:
    """A role argument: a relationship type or a facts.Role name (SPOKE -> SPOKE_AT)."""
    if role is None:
        return None
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return SCHEMA.role_type(str(getattr(role, "value", role)))


def _type(value) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _lucene_phrase(q: str) -> str:
    """`q` as one quoted Lucene phrase: inside quotes only backslash and quote need escaping."""
    return '"' + q.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _is_indexed_text(q: str) -> bool:
    """True when the full-text index alone finds every name containing q: q is all Han characters
    (the analyzer makes one token of each), so the phrase query is a substring query."""
    return bool(q) and all("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in q)


class EntityQuestions:
    # --- people -----------------------------------------------------------------------------------

    @question
    def find_people(self, q: str | None, limit: int, offset: int) -> Listing[PersonSummary]:
        return (yield from _listing("find_people", PersonSummary, limit, offset, q=q or None))

    @question
    def person(self, person_id: str) -> PersonDetail | None:
        row = yield from ask_one("person", person_id=person_id)
        if row is None:
            return None
        held = yield from ask_rows("person_positions", person_id=person_id)
        positions = [
            HeldPosition(
                position_id=r["position_id"],
                title=r["title"],
                agency=r["agency"],
                agency_id=r["agency_id"],
                first_seen=r["first_seen"],
                last_seen=r["last_seen"],
                sources=sorted(
                    _spans(r["spans"]),
                    key=lambda x: (x.article, x.start if x.start is not None else -1, x.end if x.end is not None else -1),
                ),
            )
            for r in held
        ]
        return PersonDetail(
            id=row["id"],
            name=row["name"],
            positions=positions,
            event_counts={x["role"]: x["events"] for x in row["event_counts"]},
            merges=[MergeNote(**json.loads(m)) for m in row["merges"]],
        )

    @question
    def person_events(self, person_id, role=None, type=None, since=None, until=None, limit=50, offset=0):
        return (yield from _listing(
            "person_events", EventSummary, limit, offset,
            person_id=person_id, role=_role(role), type=_type(type), since=since, until=until,
        ))

    @question
    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        return (yield from _listing("co_attendance", CoAttendance, limit, offset, person_id=person_id))

    @question
    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        if from_person == to_person:
            row = yield from ask_one("person", person_id=from_person)
            return None if row is None else [PathStep(id=row["id"], name=row["name"], label="Person")]
        row = yield from ask_one("shortest_path", from_id=from_person, to_id=to_person)
        if row is None:
            return None
        if not row["found"]:
            return []
        vias = [None, *row["rels"]]
        return [PathStep(id=n["id"], name=n["name"], label=n["label"], via=via) for n, via in zip(row["nodes"], vias)]

    # --- events -----------------------------------------------------------------------------------

    @question
    def find_events(self, type=None, person=None, place=None, since=None, until=None, q=None, limit=50, offset=0):
        return (yield from _listing(
            "find_events", EventRef, limit, offset,
            type=_type(type), person=person, place=place, since=since, until=until, q=q or None,
        ))

    @question
    def event(self, event_id: str) -> EventDetail | None:
        row = yield from ask_one("event", event_id=event_id)
        if row is None:
            return None
        inspected = [_inspection(x) for x in row["inspected"]]
        people: dict[str, dict[str, PersonRef]] = {}
        for x in row["participants"]:
            people.setdefault(x["role"], {})[x["id"]] = PersonRef(id=x["id"], name=x["name"])
        for x in inspected:
            people.setdefault("INSPECTED", {})[x.person.id] = x.person
        return EventDetail(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            date=row["date"],
            participants={
                role: sorted(people[role].values(), key=lambda p: (p.name, p.id)) for role in sorted(people)
            },
            venues=[PlaceRef(**v) for v in row["venues"]],
            inspected=inspected,
            article=row["article"],
            evidence=_spans(row["spans"]),
        )

    @question
    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0):
        return (yield from _listing("event_attendees", Attendee, limit, offset, event_id=event_id, role=_role(role)))

    @question
    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        return (yield from _listing("chaired", EventSummary, limit, offset, person_id=person_id))  # one row always

    # --- agencies and places ------------------------------------------------------------------------

    @question
    def find_agencies(self, q: str | None, limit: int, offset: int) -> Listing[AgencyRef]:
        return (yield from _listing("find_agencies", AgencyRef, limit, offset, q=q or None))

    @question
    def agency(self, agency_id: str) -> AgencyDetail | None:
        row = yield from ask_one("agency", agency_id=agency_id)
        if row is None:
            return None
        posts = yield from ask_rows("agency_positions", agency_id=agency_id)
        positions = [
            PositionHolder(
                position_id=r["position_id"],
                title=r["title"],
                holders=[PersonRef(**h) for h in r["holders"]],
            )
            for r in posts
        ]
        return AgencyDetail(
            id=row["id"],
            name=row["name"],
            parent=AgencyRef(**row["parent"]) if row["parent"] else None,
            parts=[AgencyRef(**x) for x in row["parts"]],
            place=PlaceRef(**row["place"]) if row["place"] else None,
            positions=positions,
        )

    @question
    def find_places(self, q: str | None, limit: int, offset: int) -> Listing[PlaceRef]:
        return (yield from _listing("find_places", PlaceRef, limit, offset, q=q or None))

    @question
    def place(self, place_id: str) -> PlaceDetail | None:
        row = yield from ask_one("place", place_id=place_id)
        if row is None:
            return None
        inspections = yield from ask_one("place_inspections", place_id=place_id, offset=0, limit=2**31 - 1)
        return PlaceDetail(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            parent=PlaceRef(**row["parent"]) if row["parent"] else None,
            places_inside=[PlaceRef(**x) for x in row["places_inside"]],
            events=[EventRef(**x) for x in row["events"]],
            inspections=[_inspection(x) for x in inspections["items"]] if inspections else [],
        )

    @question
    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None:
        row = yield from ask_one("place_inspections", place_id=place_id, limit=int(limit), offset=int(offset))
        if row is None:
            return None
        return Listing[InspectionView](
            items=[_inspection(x) for x in row["items"]], total=row["total"], limit=limit, offset=offset
        )

    # --- articles and search ------------------------------------------------------------------------

    @question
    def article(self, article_id: str) -> ArticleDetail | None:
        row = yield from ask_one("article", article_id=article_id)
        if row is None:
            return None
        facts = row["facts"]
        if isinstance(facts, str):
            try:
                facts = json.loads(facts)
            except ValueError:
                facts = {}
        return ArticleDetail(
            id=row["id"],
            title=row["title"],
            date=row["date"],
            source=row["source"],
            body=row["body"] or "",
            facts=facts or {},
        )

    @question
    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        q = q or ""
        return (yield from _listing(
            "search", SearchHit, limit, offset, q=q, phrase=_lucene_phrase(q), scan=not _is_indexed_text(q)
        ))


def _listing(name: str, model, limit: int, offset: int, **params) -> Generator[Ask, list[dict], Listing | None]:
    """A paged question: its query answers one row {total, items} (none when its anchor node is unknown)."""
    row = yield from ask_one(name, limit=int(limit), offset=int(offset), **params)
    if row is None:
        return None
    # validated in one call (pydantic's core walks the items) rather than a model(**x) per item
    return Listing[model].model_validate({"items": row["items"], "total": row["total"], "limit": limit, "offset": offset})


def _spans(texts: list[str] | None) -> list[Span]:
    """Span records from a `json[]` property of spans, in stored order."""
    return [Span(**json.loads(t)) for t in texts or []]


def _inspection(x: dict) -> InspectionView:
    return InspectionView(
        person=PersonRef(**x["person"]),
        target_id=x["target_id"],
        target=x["target"],
        target_kind=x["target_kind"],
        event_id=x["event_id"],
        date=x["date"],
        sources=[Span(**s) for s in x["sources"]],
    )
