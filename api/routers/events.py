"""Events: meetings, inspections, trainings and visits, with who took part and in what role."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.errors import UNAVAILABLE, not_found_response
from okg.api.deps import (
    AskDep,
    AttendeeRoleQuery,
    PagingDep,
    SinceQuery,
    StoreDep,
    TypeQuery,
    UntilQuery,
    answer,
    answer_or_404,
    id_path,
    id_query,
    text_query,
    value,
)
from okg.graph import pages
from okg.graph.pages import EventArticle
from okg.graph.views import Attendee, EventDetail, EventRef, Listing

router = APIRouter(prefix="/events", tags=["events"])

EventId = Annotated[str, id_path("event", examples.IDS["event"])]


@router.get(
    "",
    response_model=Listing[EventRef],
    summary="Find events",
    description="Events filtered by type, participant, place, date range (inclusive) and a part of their name.",
    responses=examples.answers("events"),
)
async def list_events(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    type: TypeQuery = None,  # noqa: A002 - the public parameter name
    person: Annotated[str | None, id_query("only events this person (id) took part in", examples.IDS["person"])] = None,
    place: Annotated[str | None, id_query("only events at or about this place (id)", examples.IDS["place"])] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    q: Annotated[str | None, text_query("part of the event's name", "会议")] = None,
):
    return answer(
        await ask(
            store.find_events,
            type=value(type),
            person=person,
            place=place,
            since=since,
            until=until,
            q=q,
            limit=page.limit,
            offset=page.offset,
        )
    )


@router.get(
    "/{event_id}",
    response_model=EventDetail,
    summary="One event",
    description="The event with its participants grouped by role, its venues, what was inspected, "
    "the article it was read from and the evidence.",
    responses=examples.answers("event", not_found="event"),
)
async def get_event(store: StoreDep, ask: AskDep, event_id: EventId):
    return answer_or_404(await ask(store.event, event_id), "event", event_id)


@router.get(
    "/{event_id}/attendees",
    response_model=Listing[Attendee],
    summary="Who attended an event",
    description="Everyone at the event with their roles; with `role`, only those who had that role "
    "(e.g. CHAIRED for who chaired it).",
    responses=examples.answers("attendees", not_found="event"),
)
async def event_attendees(
    store: StoreDep,
    ask: AskDep,
    event_id: EventId,
    page: PagingDep,
    role: AttendeeRoleQuery = None,
):
    found = await ask(store.event_attendees, event_id, role=value(role), limit=page.limit, offset=page.offset)
    return answer_or_404(found, "event", event_id)


@router.get(
    "/{event_id}/article",
    responses={**not_found_response("event"), **UNAVAILABLE},
    response_model=EventArticle,
    summary="The article an event was read from, with its evidence",
    description="The article's text as it stood in the input, and the spans (offsets into that text) "
    "the event, its participants and its inspections were read from.",
)
async def event_article(store: StoreDep, ask: AskDep, event_id: EventId):
    return answer_or_404(await ask(pages.event_article, store, event_id), "event", event_id)
