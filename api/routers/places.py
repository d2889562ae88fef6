"""Places: provinces down to villages and venues, what happened there and who inspected them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, PagingDep, StoreDep, answer, answer_or_404, id_path, text_query
from okg.graph.views import InspectionView, Listing, PlaceDetail, PlaceRef

router = APIRouter(prefix="/places", tags=["places"])

PlaceId = Annotated[str, id_path("place", examples.IDS["place"])]


@router.get(
    "",
    response_model=Listing[PlaceRef],
    summary="Find places",
    description="Places whose name contains `q` (all places without it).",
    responses=examples.answers("places"),
)
async def list_places(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    q: Annotated[str | None, text_query("part of the place's name", "村")] = None,
):
    return answer(await ask(store.find_places, q, page.limit, page.offset))


@router.get(
    "/{place_id}",
    response_model=PlaceDetail,
    summary="One place",
    description="The place with the place containing it, the places inside it, the events held there, "
    "and the inspections of it and of places inside it.",
    responses=examples.answers("place", not_found="place"),
)
async def get_place(store: StoreDep, ask: AskDep, place_id: PlaceId):
    return answer_or_404(await ask(store.place, place_id), "place", place_id)


@router.get(
    "/{place_id}/inspections",
    response_model=Listing[InspectionView],
    summary="What was inspected in a place",
    description="The inspections of the place and of everything inside it (places, agencies located there), "
    "with the inspector, the event and the evidence, by date.",
    responses=examples.answers("place_inspections", not_found="place"),
)
async def place_inspections(store: StoreDep, ask: AskDep, place_id: PlaceId, page: PagingDep):
    found = await ask(store.place_inspections, place_id, limit=page.limit, offset=page.offset)
    return answer_or_404(found, "place", place_id)
