"""Questions across the graph: who chaired what, and how two people are connected."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, PagingDep, StoreDep, answer, id_query, not_found
from okg.graph.views import EventSummary, Listing, PathStep

router = APIRouter(tags=["graph"])


@router.get(
    "/chaired",
    response_model=Listing[EventSummary],
    summary="Who chaired what",
    description="Every event someone chaired, `roles` holding the names of its chairs; with `person`, "
    "the events that person chaired, with all their roles there (as /people/{id}/events?role=CHAIRED).",
    responses=examples.answers("chaired"),
)
async def chaired(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    person: Annotated[str | None, id_query("only the events this person (id) chaired", examples.IDS["person"])] = None,
):
    return answer(await ask(store.chaired, person, limit=page.limit, offset=page.offset))


@router.get(
    "/paths",
    response_model=list[PathStep],
    summary="How two people are connected",
    description="A shortest path between two people over any relationships, each step with the "
    "relationship that led to it (`via`); empty when they are not connected.",
    responses=examples.answers("paths", not_found="person"),
)
async def paths(
    store: StoreDep,
    ask: AskDep,
    from_person: Annotated[str, id_query("id of the first person", examples.IDS["person"], alias="from")],
    to_person: Annotated[str, id_query("id of the second person", examples.IDS["other_person"], alias="to")],
):
    found = await ask(store.shortest_path, from_person, to_person)
    if found is None:
        unknown = from_person if await ask(store.person, from_person) is None else to_person
        raise not_found("person", unknown)
    return found
