"""Ingest: news text in, facts extracted and loaded into the store, article ids and counts out.

Protected by the API key of `OKG_API_KEY` (off when unset) and by the app's body size limit.
Idempotent: an article's id is made from its text, and loading the same article again writes nothing.
"""

from __future__ import annotations

import threading
from typing import Callable

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from okg.api import examples
from okg.api.deps import API_KEY_HEADER, AskDep, StoreDep, require_api_key
from okg.api.errors import ErrorDetail
from okg.api.limits import MAX_BODY_BYTES
from okg.api.models import RUNNABLE_ENGINES, IngestedArticle, IngestResult, IngestText
from okg.extract.engines import EngineUnavailable
from okg.facts import Article
from okg.graph.store import LoadError

router = APIRouter(tags=["ingest"])

# Extraction (a JVM through JPype) is done one request at a time per process.
_extract_lock = threading.Lock()

Extractor = Callable[..., list[Article]]

_MULTIPART_FIELDS = {"source", "date", "home", "engine"}

_REQUEST_BODY = {
    "required": True,
    "description": f"the text as JSON, or an uploaded text file (multipart); at most {MAX_BODY_BYTES} bytes",
    "content": {
        "application/json": {
            "schema": IngestText.model_json_schema(),
            "example": IngestText.model_config["json_schema_extra"]["examples"][0],
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": "a text file (UTF-8, GB18030, Big5...)"},
                    "source": {"type": "string", "maxLength": 1000},
                    "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                    "home": {"type": "string", "maxLength": 100},
                    "engine": {"type": "string", "enum": RUNNABLE_ENGINES, "default": "hanlp"},
                },
            },
            "encoding": {"file": {"contentType": "text/plain"}},
        },
    },
}


def default_extractor(text: str, **kwargs) -> list[Article]:
    """The extraction pipeline, imported on first use (it starts a JVM)."""
    try:
        from okg.extract.pipeline import extract_text
    except ModuleNotFoundError as e:
        if e.name and e.name.startswith("okg.extract"):
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the extractor is not available in this build") from e
        raise
    return extract_text(text, **kwargs)


def decode(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else the detected encoding (GB18030, Big5...)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _invalid(("body", "file"), "the file is not text in a known encoding")
    return str(best)


def _body_errors(e: ValidationError) -> RequestValidationError:
    """The validation errors of the body, without the raw input (it may be undecodable bytes)."""
    return RequestValidationError(
        [{"type": err["type"], "loc": ("body", *err["loc"]), "msg": err["msg"]} for err in e.errors(include_url=False, include_input=False, include_context=False)]
    )


def _invalid(loc: tuple, msg: str) -> RequestValidationError:
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": msg, "input": None}])


async def _read_request(request: Request) -> IngestText:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json":
        raw = await request.body()  # bounded by the body size limit
        try:
            return IngestText.model_validate_json(raw)
        except ValidationError as e:
            raise _body_errors(e) from None
    if content_type == "multipart/form-data":
        async with request.form(max_files=1, max_fields=len(_MULTIPART_FIELDS) + 1) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise _invalid(("body", "file"), "a multipart body needs a `file` part")
            text = decode(await upload.read())
            fields = {k: v for k, v in form.items() if k in _MULTIPART_FIELDS and isinstance(v, str)}
            source = fields.pop("source", None) or upload.filename
        try:
            return IngestText(text=text, source=source, **fields)
        except ValidationError as e:
            raise _body_errors(e) from None
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
        "send application/json ({\"text\": ...}) or multipart/form-data with a `file` part",
    )


@router.post(
    "/ingest",
    response_model=IngestResult,
    summary="Extract and load news text",
    description=(
        "Extracts the facts of the text (one page may hold several articles) and loads them into the "
        "store. Returns the article ids and what was found. Sending the same text again changes nothing "
        f"(`new_articles` is 0). Needs the `{API_KEY_HEADER}` header with the server's `OKG_API_KEY`; "
        "when the server has no key configured, ingest is off (403)."
    ),
    dependencies=[Depends(require_api_key)],
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {"content": {"application/json": {"example": examples.ANSWERS["ingest"]}}},
        400: {"model": ErrorDetail, "description": "a malformed multipart body"},
        401: {"model": ErrorDetail, "description": "missing or wrong API key"},
        403: {"model": ErrorDetail, "description": "ingest is disabled: no OKG_API_KEY on the server"},
        413: {"model": ErrorDetail, "description": f"body over {MAX_BODY_BYTES} bytes"},
        415: {"model": ErrorDetail, "description": "neither JSON nor multipart"},
        503: {"model": ErrorDetail, "description": "the store or the extractor is unavailable"},
    },
)
async def ingest(request: Request, store: StoreDep, ask: AskDep):
    body = await _read_request(request)
    extract: Extractor = request.app.state.extract or default_extractor

    def extract_all() -> list[Article]:
        with _extract_lock:
            try:
                return extract(body.text, source=body.source, engine=body.engine, home=body.home, date=body.date)
            except EngineUnavailable as e:
                raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"the extraction engine is unavailable: {e}") from e

    articles = await run_in_threadpool(extract_all)
    try:
        # in a thread: the embedded store may wait there for a CLI load's file lock and saves its
        # file; readers never see half an article (it is applied holding the store's lock)
        report = await ask.off_loop(store.load, articles)
    except LoadError as e:
        raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, f"loading failed, nothing of that article was written: {e}") from e
    return IngestResult(
        articles=[
            IngestedArticle(
                id=a.id,
                title=a.title,
                date=a.date,
                counts={
                    "persons": len(a.persons),
                    "positions": len(a.positions),
                    "organizations": len(a.organizations),
                    "places": len(a.places),
                    "events": len(a.events),
                },
            )
            for a in articles
        ],
        new_articles=report.new_articles,
        nodes=report.nodes,
        relationships=report.relationships,
    )
