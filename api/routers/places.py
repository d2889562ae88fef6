"""Places: provinces down to villages and venues, what happened there and who inspected them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, PagingDep, StoreDep, answer, answer_or_404, id_path, text_query
from okg.graph.views import Listing, PlaceDetail, PlaceRef

router = APIRouter(prefix="/places", tags=["places"])


@router.get(
    "",
    response_model=Listing[PlaceRef],
    summary="Find places",
    description="Places whose name contains `q` (all places without it).",
    responses=examples.answers(examples.PLACES),
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
    responses=examples.answers(examples.PLACE, not_found=True),
)
async def get_place(store: StoreDep, ask: AskDep, place_id: Annotated[str, id_path("place", examples.VILLAGE["id"])]):
    return answer_or_404(await ask(store.place, place_id), "place", place_id)
