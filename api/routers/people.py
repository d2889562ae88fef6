"""People: officials and everyone else named in the news."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from okg.api import examples
from okg.api.errors import UNAVAILABLE, not_found_response
from okg.api.deps import (
    MAX_LIMIT,
    AskDep,
    PagingDep,
    RoleQuery,
    SinceQuery,
    StoreDep,
    TypeQuery,
    UntilQuery,
    answer,
    answer_or_404,
    id_path,
    not_found,
    text_query,
    value,
)
from okg.graph import analytics, pages
from okg.graph.analytics import EgoNetwork
from okg.graph.views import CoAttendance, EventSummary, InspectionView, Listing, PersonDetail, PersonSummary

router = APIRouter(prefix="/people", tags=["people"])

PersonId = Annotated[str, id_path("person", examples.IDS["person"])]


@router.get(
    "",
    response_model=Listing[PersonSummary],
    summary="Find people",
    description="People whose name contains `q` (all people without it), with the titles they hold.",
    responses=examples.answers("people"),
)
async def list_people(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    q: Annotated[str | None, text_query("part of a name", "李")] = None,
):
    return answer(await ask(store.find_people, q, page.limit, page.offset))


@router.get(
    "/{person_id}",
    response_model=PersonDetail,
    summary="One person",
    description="The person with the positions held (dates first and last seen, and the sources), "
    "and the number of events by role.",
    responses=examples.answers("person", not_found="person"),
)
async def get_person(store: StoreDep, ask: AskDep, person_id: PersonId):
    return answer_or_404(await ask(store.person, person_id), "person", person_id)


@router.get(
    "/{person_id}/events",
    response_model=Listing[EventSummary],
    summary="Events a person took part in",
    description="Events of the person with the person's roles in each, filtered by role, event type and "
    "date range (inclusive), by date (undated last).",
    responses=examples.answers("person_events", not_found="person"),
)
async def person_events(
    store: StoreDep,
    ask: AskDep,
    person_id: PersonId,
    page: PagingDep,
    role: RoleQuery = None,
    type: TypeQuery = None,  # noqa: A002 - the public parameter name
    since: SinceQuery = None,
    until: UntilQuery = None,
):
    found = await ask(
        store.person_events,
        person_id,
        role=value(role),
        type=value(type),
        since=since,
        until=until,
        limit=page.limit,
        offset=page.offset,
    )
    return answer_or_404(found, "person", person_id)


@router.get(
    "/{person_id}/network",
    response_model=Listing[CoAttendance],
    summary="Who a person meets",
    description="People who attended events together with this person; `weight` is the number of such events.",
    responses=examples.answers("network", not_found="person"),
)
async def person_network(store: StoreDep, ask: AskDep, person_id: PersonId, page: PagingDep):
    found = await ask(store.person_network, person_id, limit=page.limit, offset=page.offset)
    return answer_or_404(found, "person", person_id)


@router.get(
    "/{person_id}/inspections",
    responses={**not_found_response("person"), **UNAVAILABLE},
    response_model=list[InspectionView],
    summary="What a person inspected",
    description="The places and agencies the person inspected, with the event and the evidence, by date.",
)
async def person_inspections(store: StoreDep, ask: AskDep, person_id: PersonId):
    found = await ask(pages.person_inspections, store, person_id)
    if found is None:
        raise not_found("person", person_id)
    return found


@router.get(
    "/{person_id}/ego-network",
    responses={**not_found_response("person"), **UNAVAILABLE},
    response_model=EgoNetwork,
    summary="A person's ego network",
    description="The person, their events and the `people` others who share most events with them; "
    "each edge ties a person to an event with their roles there (`role`: the strongest).",
)
async def ego_network(
    store: StoreDep,
    ask: AskDep,
    person_id: PersonId,
    people: Annotated[int, Query(ge=0, le=MAX_LIMIT, description="how many others to show")] = 30,
):
    return answer_or_404(await ask(analytics.ego_network, store, person_id, people), "person", person_id)
