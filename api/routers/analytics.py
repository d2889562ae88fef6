"""Analytics: the co-attendance network (centrality, communities), successions of posts, shared events.

The store answers with the network's edges or a post's holders; okg.graph.analytics computes the
rest with networkx. The whole-network answers (co-attendance, centrality, communities) walk every
event: the walk, the ranking and the paging run in the thread pool (seconds on a large graph), at most
MAX_ANALYSES at once per process (the next gets 503 with Retry-After, as exports do), so the event
loop keeps answering the other questions meanwhile.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from okg.api.deps import (
    AskDep,
    GraphRole,
    PagingDep,
    SinceQuery,
    StoreDep,
    UntilQuery,
    answer,
    answer_or_404,
    id_path,
    id_query,
    not_found,
    text_query,
    value,
)
from okg.api.errors import UNAVAILABLE, not_found_response
from okg.api.limits import Slots
from okg.graph import analytics
from okg.graph.analytics import Community, NetworkFilters, PersonCentrality, SharedEvent, Succession
from okg.graph.views import CoAttendanceEdge, Listing, PositionSummary

router = APIRouter(prefix="/analytics", tags=["analytics"])

EXAMPLE_PERSON = "person-91c702a59206"
# Whole-network analyses at once per process: each keeps a thread (and the GIL) busy for seconds.
MAX_ANALYSES = 2

BUSY_OR_UNAVAILABLE = {503: {**UNAVAILABLE[503], "description": "the graph store (Neo4j) is unreachable, or as many "
                             "analyses as the server runs at once are running (see Retry-After)"}}


async def analysis_slots(request: Request) -> Slots:
    return request.app.state.analysis_slots


SlotsDep = Annotated[Slots, Depends(analysis_slots)]


async def network_filters(
    place: Annotated[str | None, id_query("only events held at this place (id) or at a place inside it", "place-590635da25bf")] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    role: Annotated[GraphRole | None, Query(description="count only events where both had this role (default ATTENDED)", examples=["SPOKE_AT"])] = None,
) -> NetworkFilters:
    return NetworkFilters(place=place, since=since, until=until, role=value(role))


FiltersDep = Annotated[NetworkFilters, Depends(network_filters)]


class CentralityOrder(str, Enum):
    pagerank = "pagerank"
    betweenness = "betweenness"
    degree = "degree"
    strength = "strength"


def _edges_page(store, filters: NetworkFilters, limit: int, offset: int) -> Listing[CoAttendanceEdge]:
    edges = store.co_attendance_edges(**filters.model_dump())
    return Listing.page_of(analytics.by_weight(edges), limit, offset)


def _people_page(store, filters: NetworkFilters, order: str, limit: int, offset: int) -> Listing[PersonCentrality]:
    people = analytics.analyze_store(store, filters).people_by_pagerank
    people.sort(key=lambda p: (-getattr(p, order), p.name, p.id))
    return Listing.page_of(people, limit, offset)


def _communities_page(store, filters: NetworkFilters, limit: int, offset: int) -> Listing[Community]:
    return Listing.page_of(analytics.analyze_store(store, filters).communities, limit, offset)


@router.get(
    "/co-attendance",
    responses=BUSY_OR_UNAVAILABLE,
    response_model=Listing[CoAttendanceEdge],
    summary="The co-attendance network",
    description="Every pair of people at the same events (filtered by place, date range and role), "
    "`weight` = the number of such events; by weight (highest first), then the two ids.",
)
async def co_attendance(store: StoreDep, ask: AskDep, slots: SlotsDep, page: PagingDep, filters: FiltersDep):
    return answer(await ask.in_slot(slots, _edges_page, store, filters, page.limit, page.offset))


@router.get(
    "/centrality",
    responses=BUSY_OR_UNAVAILABLE,
    response_model=Listing[PersonCentrality],
    summary="Who is central",
    description="Degree, strength, betweenness and PageRank of each person in the co-attendance network, "
    "with the Louvain community (index into /analytics/communities); by `order` (highest first), name, id.",
)
async def centrality(
    store: StoreDep,
    ask: AskDep,
    slots: SlotsDep,
    page: PagingDep,
    filters: FiltersDep,
    order: Annotated[CentralityOrder, Query(description="the figure to rank by")] = CentralityOrder.pagerank,
):
    return answer(await ask.in_slot(slots, _people_page, store, filters, order.value, page.limit, page.offset))


@router.get(
    "/communities",
    responses=BUSY_OR_UNAVAILABLE,
    response_model=Listing[Community],
    summary="Communities of the co-attendance network",
    description="Louvain communities (networkx, fixed seed) of the weighted network, largest first.",
)
async def communities(store: StoreDep, ask: AskDep, slots: SlotsDep, page: PagingDep, filters: FiltersDep):
    return answer(await ask.in_slot(slots, _communities_page, store, filters, page.limit, page.offset))


@router.get(
    "/posts",
    responses=UNAVAILABLE,
    response_model=Listing[PositionSummary],
    summary="Find posts",
    description="Posts (a title of an agency) whose name contains `q`, with the number of people who held them.",
)
async def posts(store: StoreDep, ask: AskDep, page: PagingDep, q: Annotated[str | None, text_query("part of the post's name", "书记")] = None):
    return answer(await ask(store.find_positions, q, page.limit, page.offset))


@router.get(
    "/posts/{position_id}/succession",
    responses={**not_found_response("position"), **UNAVAILABLE},
    response_model=Succession,
    summary="Holders of a post over time",
    description="Everyone who held the post, first and last seen, with predecessor and successor "
    "(holders seen in it at the same time follow nobody).",
)
async def post_succession(store: StoreDep, ask: AskDep, position_id: Annotated[str, id_path("position", "position-8dd8d851da15")]):
    return answer_or_404(await ask(analytics.post_succession, store, position_id), "position", position_id)


@router.get(
    "/shared-events",
    responses={**not_found_response("person"), **UNAVAILABLE},
    response_model=Listing[SharedEvent],
    summary="Events two people share",
    description="Events both took part in, in event order, with the roles of each (`roles`: a's, `roles_of_b`: b's).",
)
async def shared_events(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    a: Annotated[str, id_query("id of one person", EXAMPLE_PERSON)],
    b: Annotated[str, id_query("id of the other", "person-7fbc97ee1521")],
):
    found = await ask(analytics.shared_events, store, a, b)
    if found is None:
        unknown = a if await ask(store.person, a) is None else b
        raise not_found("person", unknown)
    return answer(Listing.page_of(found, page.limit, page.offset))
