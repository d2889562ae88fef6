"""Liveness and the size of the graph."""

from __future__ import annotations

from fastapi import APIRouter, Request

from okg.api import examples
from okg.api.deps import AskDep, StoreDep
from okg.api.models import Health

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    response_model=Health,
    summary="Is the service up",
    description="Asks the store for its counts: 200 when it answers, 503 when the store (Neo4j) is unreachable.",
    responses=examples.answers("health"),
)
async def health(request: Request, store: StoreDep, ask: AskDep):
    counts = await ask(store.counts)
    return Health(status="ok", store=request.app.state.store_kind, version=request.app.version, counts=counts)
