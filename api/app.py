"""The REST API: `create_app(store, settings)` makes the FastAPI app over one store.

One router per resource (api/routers/), the store injected with `Depends` (api/deps.py), the read
models of okg.graph.views as response models. Errors are JSON `{"detail": ...}`: 404 for unknown ids,
422 for bad parameters, 413 for bodies over the limit, 503 when the store (Neo4j) is unreachable,
400 for a `Host` that is not one of the settings' trusted hosts (so a page of another site that
rebinds its name to this machine cannot read the API).

The event loop only ever answers questions: loads (ingest), exports and whole-network analyses run
in the thread pool (api/deps.py `Ask.off_loop`, `Ask.in_slot`), exports and analyses a limited number
at a time (api/limits.py `Slots`). Over the embedded store, a task looks at graph.json
every RELOAD_CHECK_SECONDS (one stat) and, when another process (`okg load`) rewrote it, reads it
again in a thread and swaps it in.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from contextlib import asynccontextmanager
from importlib import metadata
from typing import Callable

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from okg.api import docs, errors, webpage
from okg.api.deps import Ask
from okg.api.limits import BODY_TIMEOUT_SECONDS, MAX_BODY_BYTES, BodyLimits, Slots
from okg.api.routers import agencies, analytics, articles, events, export, health, ingest, paths, people, places, review, search
from okg.config import Settings
from okg.graph.store import Store, StoreUnavailable

log = logging.getLogger("okg.api")

RELOAD_CHECK_SECONDS = 1.0

DESCRIPTION = """\
A knowledge graph of Chinese officials, the agencies they serve in, the places they visit and the
events they take part in, built from local news.

Lists take `limit` (1..500, default 50) and `offset` and answer `{"items", "total", "limit", "offset"}`,
`total` counting the matches before paging. Ids are opaque URL-safe strings that stay the same across
reloads. Errors are `{"detail": "..."}`.
"""

TAGS = [
    {"name": "people", "description": "Officials and other people named in the news."},
    {"name": "events", "description": "Meetings, inspections, trainings, visits and their participants."},
    {"name": "agencies", "description": "Party committees, governments, bureaus and their posts."},
    {"name": "places", "description": "Places from provinces to villages and venues."},
    {"name": "articles", "description": "The source articles and their extracted facts."},
    {"name": "search", "description": "Search across all kinds."},
    {"name": "analytics", "description": "The co-attendance network, its centralities and communities; successions of posts."},
    {"name": "export", "description": "The whole graph in standard formats."},
    {"name": "ingest", "description": "Add news text (needs the API key)."},
    {"name": "health", "description": "Service status."},
]


def _version() -> str:
    try:
        return metadata.version("okg")
    except metadata.PackageNotFoundError:
        return "0.0.0"


def create_app(
    store: Store,
    settings: Settings | None = None,
    *,
    store_kind: str | None = None,
    extract: Callable | None = None,
    close_store: bool = False,
    max_body_bytes: int = MAX_BODY_BYTES,
    inline_store: bool | None = None,
    max_exports: int = export.MAX_EXPORTS,
    max_analyses: int = analytics.MAX_ANALYSES,
    body_timeout: float = BODY_TIMEOUT_SECONDS,
) -> FastAPI:
    """The API over `store`.

    store_kind   what /health reports (default: guessed from the store's class)
    extract      the extractor POST /ingest calls (default: okg.extract.pipeline.extract_text)
    close_store  close the store when the app shuts down (when the app owns it, as under `okg serve`)
    inline_store call the store right on the event loop (default: for the in-memory embedded store);
                 otherwise its questions go through its asyncio reader when it has one (Neo4j), and
                 all else through the thread pool (see okg.api.deps.Ask)
    max_exports  how many GET /export may run at once (the next gets 503 with Retry-After)
    max_analyses how many whole-network analyses (/analytics/co-attendance, centrality, communities)
                 may run at once (the same)
    body_timeout seconds a request body may take to arrive (408 after; api/limits.py)
    """
    settings = settings or Settings.from_env()

    kind = store_kind or _kind_of(store)
    inline = kind == "embedded" if inline_store is None else inline_store

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # an asyncio driver belongs to the loop it runs in: the reader is made in the app's own loop
        opens_reader = getattr(type(store), "async_reader", None)
        reader = store.async_reader() if opens_reader and not inline else None
        app.state.ask = Ask(inline=inline, reader=reader, lock=getattr(store, "lock", None))
        watches_disk = kind == "embedded" and hasattr(store, "reload_if_changed")
        watcher = asyncio.create_task(_reload_when_changed(store)) if watches_disk else None
        yield
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
        if reader is not None:
            await reader.close()
        if close_store:
            store.close()

    app = FastAPI(
        title="okg",
        version=_version(),
        summary="Who attended what: officials, agencies, places and events from Chinese local news.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=lifespan,
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
        docs_url=None,  # docs.install serves /docs and /redoc from local files instead of a CDN
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.store_kind = kind
    app.state.ask = Ask(inline=inline, lock=getattr(store, "lock", None))  # until the lifespan gives it the store's reader
    app.state.extract = extract
    app.state.export_slots = Slots(max_exports, "exports")
    app.state.analysis_slots = Slots(max_analyses, "analyses")

    errors.install(app)
    docs.install(app)
    app.add_middleware(BodyLimits, max_bytes=max_body_bytes, timeout=body_timeout)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.trusted_hosts))  # outermost: first to look
    for module in (people, events, agencies, places, articles, search, paths, analytics, review, export, ingest, health):
        app.include_router(module.router)
    webpage.install(app)  # the web page at /ui/
    return app


async def _reload_when_changed(store) -> None:
    """Read graph.json again, in a thread, whenever another process has rewritten it."""
    while True:
        await asyncio.sleep(RELOAD_CHECK_SECONDS)
        if not store.changed_on_disk():  # one stat, on the loop
            continue
        try:
            await run_in_threadpool(store.reload_if_changed)
        except StoreUnavailable as e:  # e.g. a graph.json that is not one okg wrote: keep serving the last one
            log.warning("cannot read the graph another process saved: %s", e)


def _kind_of(store: Store) -> str:
    kind = getattr(store, "kind", None)
    if isinstance(kind, str):
        return kind
    name = type(store).__name__.lower()
    return "neo4j" if "neo4j" in name else "embedded" if ("embedded" in name or "networkx" in name) else name
