"""What the routers get injected: the store, the settings, paging, filters and the ingest key check.

The dependencies are `async def` although they do not wait on anything: FastAPI runs a plain `def`
dependency in the thread pool, one thread hop per dependency per request, which costs more than
everything else a request does.

The app keeps one store (and its settings) in `app.state`; routers never import a store module, they
ask for `StoreDep` and only call the `okg.graph.store.Store` interface, whose queries are
parameterized: no user string is ever spliced into a query.
"""

from __future__ import annotations

import contextlib
import hmac
from enum import Enum
from dataclasses import dataclass
from typing import Annotated, Callable, TypeVar

from pydantic import AfterValidator, BaseModel
from fastapi import Depends, Header, HTTPException, Path, Query, Request, Response, status

from starlette.concurrency import run_in_threadpool

from okg.api.errors import not_found_detail
from okg.api.limits import Slots
from okg.config import Settings
from okg.facts import EventType, Role
from okg.graph import dates
from okg.graph.neo4j_questions import is_question
from okg.graph.schema import SCHEMA
from okg.graph.store import Store

T = TypeVar("T")

# Paging bounds for every list endpoint.
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Neo4j computes offset + limit as a 32-bit int inside a COLLECT subquery and fails past it: larger
# offsets are refused (422) on both stores alike; no graph okg holds has that many matches to skip.
MAX_OFFSET = 2**31 - 1 - MAX_LIMIT

# Ids are opaque URL-safe strings; anything longer than this cannot be one of ours.
MAX_ID_LENGTH = 256
# Free-text search terms.
MAX_QUERY_LENGTH = 200


async def get_store(request: Request) -> Store:
    """The store the app was created with."""
    return request.app.state.store


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


async def paging(
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_LIMIT, description=f"page size, 1..{MAX_LIMIT}", examples=[DEFAULT_LIMIT]),
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"number of matches to skip, 0..{MAX_OFFSET}", examples=[0])] = 0,
) -> Paging:
    return Paging(limit=limit, offset=offset)


PagingDep = Annotated[Paging, Depends(paging)]


def id_path(what: str, example: str):
    """The path parameter holding the id of a `what`."""
    return Path(
        min_length=1,
        max_length=MAX_ID_LENGTH,
        description=f"id of the {what}, as returned by the list endpoints",
        examples=[example],
    )


def text_query(description: str, example: str):
    """A free-text query parameter (matched as a plain substring by the store, never as a query)."""
    return Query(min_length=1, max_length=MAX_QUERY_LENGTH, description=description, examples=[example])


def _date_bound(v: str | None) -> str | None:
    """A calendar date (2022-02-30 is refused) or a month-day, as the stores take it (graph/dates.py)."""
    return None if v is None else dates.filter_bound(v)


# Filters shared by the event lists. Enums and dates are validated by FastAPI: bad values are 422.
# A role as the graph names it, by its relationship type (SPOKE_AT for the facts' SPOKE), as answers
# list roles; the facts' names (okg.facts.Role) are accepted too. Both come from their one definition.
GraphRole = Enum(
    "GraphRole",
    {name: name for name in [*SCHEMA.event_roles, *(r.value for r in Role if r.value not in SCHEMA.event_roles)]},
    type=str,
)
GraphRole.__doc__ = "A role: a relationship type of graph/schema.toml, or a role name of okg.facts"


ROLE_HELP = f"one of {', '.join(r.value for r in GraphRole)} (SPOKE is SPOKE_AT), as `roles` in answers"
RoleQuery = Annotated[GraphRole | None, Query(description=f"only events where the person had this role: {ROLE_HELP}", examples=["CHAIRED"])]
AttendeeRoleQuery = Annotated[GraphRole | None, Query(description=f"only people with this role: {ROLE_HELP}", examples=["CHAIRED"])]
TypeQuery = Annotated[EventType | None, Query(description="only events of this type", examples=["meeting"])]


def date_query(bound: str, example: str):
    """A date filter for events on or `bound` it: a calendar date or a month-day (graph/dates.py)."""
    return Annotated[
        str | None,
        Query(
            max_length=10,
            description=f"only events on or {bound} this day: {dates.BOUND_HELP}",
            examples=[example],
            # what filter_bound takes: a calendar date, or a month-day (of the months' lengths)
            json_schema_extra={"anyOf": [{"type": "string", "format": "date"},
                                         {"type": "string", "pattern": dates.MONTH_DAY_PATTERN}]},
        ),
        AfterValidator(_date_bound),
    ]


SinceQuery = date_query("after", "--03-01")
UntilQuery = date_query("before", "--03-31")


def value(e) -> str | None:
    """The plain string of an enum query value (the store takes strings)."""
    return e.value if e is not None else None


def not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=not_found_detail(what, ident))


API_KEY_HEADER = "X-API-Key"


async def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[
        str | None,
        Header(
            alias=API_KEY_HEADER,
            description="the key set in the server's OKG_API_KEY environment variable",
        ),
    ] = None,
) -> None:
    """Writing needs the key from `OKG_API_KEY`. With no key configured, writing is off (403)."""
    configured = settings.api_key
    if not configured:
        raise HTTPException(
            status_code=status.HTTP_403_FORBIDDEN,
            detail="ingest is disabled on this server: set OKG_API_KEY to enable it",
        )
    if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), configured.encode()):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail=f"missing or wrong API key in the {API_KEY_HEADER} header",
            headers={"WWW-Authenticate": API_KEY_HEADER},
        )


def id_query(description: str, example: str, alias: str | None = None):
    """A query parameter holding an id (of a person, a place...); `alias`: its name where that is no
    Python name (`from`)."""
    return Query(alias=alias, min_length=1, max_length=MAX_ID_LENGTH, description=description, examples=[example])


def answer_or_404(model: BaseModel | None, kind: str, item_id: str) -> Response:
    """The answer about one item, or a 404 naming it when the store does not know the id."""
    if model is None:
        raise not_found(kind, item_id)
    return answer(model)


def answer(model: BaseModel) -> Response:
    """The store's read model as the JSON answer.

    The stores return the very models each route declares as its `response_model` (which documents
    it), so they are serialized once, straight to JSON, instead of being dumped, validated again and
    encoded by FastAPI: on the hot paths that is most of the time spent per request.
    """
    return Response(content=model.model_dump_json(), media_type="application/json")


class Ask:
    """Runs a store call the way that store needs.

    The embedded store answers from memory in well under a millisecond: it is called right on the
    event loop, since handing CPU-bound work to threads only makes them queue for the GIL (each
    hand-over can wait a whole switch interval, 5 ms), which wrecks latency under concurrency. It
    is called holding the store's `lock`, which a load in another thread holds only while it
    applies one article (so the loop never waits longer than that).
    The Neo4j store waits on the network: its questions (`okg.graph.neo4j_questions`) are asked
    through its asyncio reader on the event loop, so no thread is involved either.
    `off_loop` is for what takes long on either store (loading, exports, whole-graph analyses): it
    runs in the thread pool, so the loop keeps serving; `in_slot` does the same holding one of a
    limited number of slots (api/limits.py `Slots`), so that at most that many run at once.
    """

    def __init__(self, inline: bool, reader=None, lock=None):
        self.inline = inline
        self.reader = reader  # the store's AsyncReader, if it has one
        self.lock = lock if lock is not None else contextlib.nullcontext()

    async def __call__(self, fn: Callable[..., T], *args, **kwargs) -> T:
        if self.inline:
            with self.lock:
                return fn(*args, **kwargs)
        if self.reader is not None and is_question(fn):
            return await self.reader.answer(fn, *args, **kwargs)
        return await run_in_threadpool(fn, *args, **kwargs)

    async def off_loop(self, fn: Callable[..., T], *args, **kwargs) -> T:
        return await run_in_threadpool(fn, *args, **kwargs)

    async def in_slot(self, slots: Slots, fn: Callable[..., T], *args, **kwargs) -> T:
        """`fn` off the loop in one of `slots`; all taken: the slots' 503 with Retry-After. The slot is
        given back when `fn` has returned: a request cancelled (its client gone) still waits for its
        thread (anyio shields it once started), and one cancelled before it started never runs."""
        if not slots.take():
            raise slots.refused()
        try:
            return await run_in_threadpool(fn, *args, **kwargs)
        finally:
            slots.give()


async def get_ask(request: Request) -> Ask:
    return request.app.state.ask


AskDep = Annotated[Ask, Depends(get_ask)]
