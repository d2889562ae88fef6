"""Search across people, events, agencies, places and article titles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, PagingDep, StoreDep, answer, text_query
from okg.graph.views import Listing, SearchHit

router = APIRouter(tags=["search"])


@router.get(
    "/search",
    response_model=Listing[SearchHit],
    summary="Search everything",
    description="Names of people, events, agencies and places, and article titles, that contain `q`; "
    "each hit says its kind, so its detail is at /people/{id}, /events/{id}, /agencies/{id}, "
    "/places/{id} or /articles/{id}.",
    responses=examples.answers("search"),
)
async def search(store: StoreDep, ask: AskDep, page: PagingDep, q: Annotated[str, text_query("text to look for", "李翔")]):
    return answer(await ask(store.search, q, limit=page.limit, offset=page.offset))
