"""Review of entity resolution: likely duplicate people left apart and weak merges, ranked with their
reasons (okg.graph.review, as `okg review` lists them). A judgement is recorded with `okg review
--same`, `--different` or `--split` (the next load applies it), or with POST /review/judgements, which applies it
at once: the graph is rebuilt with it, in a thread, holding the store's writer (graph/judgements.py
`judge`), so two judgements sent at once both land and, over the embedded store, a reader sees the
graph before it or after it, never half rebuilt."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from okg.api import examples
from okg.api.deps import MAX_ID_LENGTH, AskDep, PagingDep, StoreDep, not_found, require_api_key
from okg.api.errors import UNAVAILABLE, ErrorDetail
from okg.graph.judgements import Judgement, judge, judgement_between
from okg.graph.review import ReviewItem, review
from okg.graph.store import LoadError

router = APIRouter(tags=["review"])


class ReviewListing(BaseModel):
    items: list[ReviewItem]
    total: int
    limit: int
    offset: int


class JudgementRequest(BaseModel):
    """Two person nodes of one name are one person (`same`) or two people (`different`)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"verdict": "same", "a": examples.IDS["person"], "b": examples.IDS["other_person"], "note": "one man, moved"}]})

    verdict: Literal["same", "different"]
    a: str = Field(min_length=1, max_length=MAX_ID_LENGTH, description="id of one person")
    b: str = Field(min_length=1, max_length=MAX_ID_LENGTH, description="id of the other, of the same name")
    note: str = Field(default="", max_length=1000, description="why (kept with the judgement)")


class JudgementResult(BaseModel):
    name: str = Field(description="the (folded) name judged")
    first: str = Field(description="an article of one side")
    second: str = Field(description="an article of the other side")
    verdict: str
    rebuilt: int = Field(description="articles the graph was rebuilt from, with every judgement")


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


def _applied(store, judgement: Judgement) -> JudgementResult:
    try:
        rebuilt = judge(store, judgement)
    except LoadError as e:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"rebuilding the graph failed: {e}") from e
    return JudgementResult(name=judgement.name, first=judgement.first, second=judgement.second, verdict=judgement.verdict,
                           rebuilt=rebuilt)


@router.post(
    "/review/judgements",
    response_model=JudgementResult,
    summary="Judge two people one person, or two",
    description="Records the judgement (as `okg review --same A B` or `--different A B` does) and applies it "
    "at once: the graph is rebuilt from its articles with every judgement. Needs the `X-API-Key` header "
    "with the server's `OKG_API_KEY`.",
    dependencies=[Depends(require_api_key)],
    responses={
        400: {"model": ErrorDetail, "description": "a body that cannot be parsed (not UTF-8 JSON)"},
        401: {"model": ErrorDetail, "description": "missing or wrong API key"},
        403: {"model": ErrorDetail, "description": "writing is disabled: no OKG_API_KEY on the server"},
        404: {"model": ErrorDetail, "description": "no person with one of the ids"},
        409: {"model": ErrorDetail, "description": "the two are of different names, or one person twice"},
        **UNAVAILABLE,
    },
)
async def judge_people(store: StoreDep, ask: AskDep, body: JudgementRequest):
    for pid in (body.a, body.b):
        if await ask(store.person, pid) is None:
            raise not_found("person", pid)
    try:
        judgement = await ask(judgement_between, store, body.a, body.b, body.verdict, body.note)
    except ValueError as e:  # two ids of the graph, but of two names, or one node twice: no judgement to make
        raise HTTPException(status.HTTP_409_CONFLICT, str(e)) from None
    return await ask.off_loop(_applied, store, judgement)
