"""Errors as JSON `{"detail": ...}`: store outages become 503, never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from okg.graph.store import StoreUnavailable

log = logging.getLogger("okg.api")


class ErrorDetail(BaseModel):
    """The body of every error answer."""

    detail: str = Field(description="what went wrong, in one line")


def _driver_types() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """The Neo4j driver's exceptions for a server that is down or went away, and for one that cannot
    take the work now (e.g. out of transaction memory) even after the driver's retries."""
    try:
        from neo4j.exceptions import ServiceUnavailable, SessionExpired, TransientError
    except ImportError:  # the driver is a dependency, but the embedded store does not need it
        return (), ()
    return (ServiceUnavailable, SessionExpired), (TransientError,)


_OUTAGES, BUSY_TYPES = _driver_types()
OUTAGE_TYPES: tuple[type[BaseException], ...] = (StoreUnavailable, *_OUTAGES)

UNAVAILABLE_DETAIL = "the graph store is unavailable; try again later"


def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": f"{UNAVAILABLE_DETAIL} ({type(exc).__name__})"},
        headers={"Retry-After": "5"},
    )


def _busy(request: Request, exc: Exception) -> JSONResponse:
    log.warning("store busy on %s %s: %s", request.method, request.url.path, exc)
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": "the graph store cannot answer this now (a transient error, e.g. out of memory); try again later"},
        headers={"Retry-After": "5"},
    )


def _internal(request: Request, exc: Exception) -> JSONResponse:
    # The traceback goes to the server log only.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(status_code=500, content={"detail": "internal server error"})


def install(app: FastAPI) -> None:
    for exc_type in OUTAGE_TYPES:
        app.add_exception_handler(exc_type, _unavailable)
    for exc_type in BUSY_TYPES:
        app.add_exception_handler(exc_type, _busy)
    app.add_exception_handler(Exception, _internal)


def not_found_detail(what: str, ident: str) -> str:
    """The detail of a 404 for an unknown id."""
    return f"no {what} with id {ident!r}"


def _error(description: str, detail: str) -> dict:
    return {"model": ErrorDetail, "description": description, "content": {"application/json": {"example": {"detail": detail}}}}


def not_found_response(what: str) -> dict:
    """The OpenAPI `responses=` entry of a route that answers about one `what`."""
    return {404: _error(f"no {what} with that id", not_found_detail(what, "no-such-id"))}


# For the OpenAPI `responses=` of every route that asks the store.
UNAVAILABLE = {503: _error("the graph store (Neo4j) is unreachable", f"{UNAVAILABLE_DETAIL} (ServiceUnavailable)")}
