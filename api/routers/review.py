"""Review of entity resolution: likely duplicate people left apart and weak merges, ranked with their
reasons (okg.graph.review, as `okg review` lists them). Answers are recorded with `okg review --same`,
`--different` or `--split`; the next load applies them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from okg.api.deps import PagingDep, StoreDep
from okg.graph.review import ReviewItem, review

router = APIRouter(tags=["review"])


class ReviewListing(BaseModel):
    items: list[ReviewItem]
    total: int
    limit: int
    offset: int


@router.get(
    "/review",
    response_model=ReviewListing,
    summary="Likely duplicate people and weak merges",
    description="Pairs of people of one name the resolver left apart, and merges it made on weak evidence "
    "(no post, a home unknown, nested jurisdictions, a choice among several), highest score first, each "
    "with its reasons and the `okg review` command that records a judgement.",
)
async def review_items(store: StoreDep, page: PagingDep,
                       min_score: Annotated[float, Query(ge=0.0, le=10.0, description="leave out items scored lower")] = 0.2):
    # the whole graph is read to pair people: off the event loop
    items, total = await run_in_threadpool(review, store, page.limit, page.offset, min_score)
    return ReviewListing(items=items, total=total, limit=page.limit, offset=page.offset)
