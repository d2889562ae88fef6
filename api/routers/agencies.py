"""Agencies: party committees, governments, bureaus, working groups and the posts in them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from okg.api import examples
from okg.api.deps import AskDep, PagingDep, StoreDep, answer, answer_or_404, id_path, text_query
from okg.graph.views import AgencyDetail, AgencyRef, Listing

router = APIRouter(prefix="/agencies", tags=["agencies"])


@router.get(
    "",
    response_model=Listing[AgencyRef],
    summary="Find agencies",
    description="Agencies whose name contains `q` (all agencies without it).",
    responses=examples.answers("agencies"),
)
async def list_agencies(
    store: StoreDep,
    ask: AskDep,
    page: PagingDep,
    q: Annotated[str | None, text_query("part of the agency's name", "县委")] = None,
):
    return answer(await ask(store.find_agencies, q, page.limit, page.offset))


@router.get(
    "/{agency_id}",
    response_model=AgencyDetail,
    summary="One agency",
    description="The agency with its parent and parts, its place, and its positions with their holders.",
    responses=examples.answers("agency", not_found="agency"),
)
async def get_agency(store: StoreDep, ask: AskDep, agency_id: Annotated[str, id_path("agency", examples.IDS["agency"])]):
    return answer_or_404(await ask(store.agency, agency_id), "agency", agency_id)
