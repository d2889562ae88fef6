"""Export: the whole graph as GraphML, GEXF, node-link JSON, CSV (zipped, for neo4j-admin) or Cypher, and
the appearance table (one row per person, event and role) as CSV, xlsx or Parquet.

GraphML and JSON are written as the store is read (okg.graph.export.stream: the store's nodes a
chunk at a time, no copy of the graph) and sent in chunks (chunked transfer encoding), the same
bytes `okg export` writes; the first chunk is made before the answer starts, so a store outage is
still a clean 503. The other formats need the whole graph: it is read from the store (a chunk of
nodes at a time), written with okg.graph.export to a temporary file and the file streamed.
All of it runs in the thread pool, off the event loop. At most `max_exports` (create_app; default
MAX_EXPORTS) run at once in a process: the next gets 503 with Retry-After.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from itertools import chain
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator

import networkx as nx
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from okg.api.deps import AskDep, StoreDep
from okg.api.errors import ErrorDetail
from okg.api.limits import Slots
from okg.graph import export as graph_export
from okg.graph.appearances import COLUMN_DOCS

router = APIRouter(tags=["export"])

CHUNK = 64 * 1024
# Exports at once per process: each keeps a thread busy (and the GIL, which the event loop needs)
# for seconds to minutes on a large graph, and the non-streamed formats hold a copy of the graph.
MAX_EXPORTS = 2


class ExportFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    cypher = "cypher"
    appearances_csv = "appearances-csv"
    appearances_xlsx = "appearances-xlsx"
    appearances_parquet = "appearances-parquet"


MEDIA_TYPES = {
    ExportFormat.graphml: "application/graphml+xml; charset=utf-8",
    ExportFormat.gexf: "application/gexf+xml; charset=utf-8",
    ExportFormat.json: "application/json",
    ExportFormat.csv: "application/zip",
    ExportFormat.cypher: "text/plain; charset=utf-8",
    ExportFormat.appearances_csv: "text/csv; charset=utf-8",
    ExportFormat.appearances_xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.appearances_parquet: "application/vnd.apache.parquet",
}
FILE_NAMES = {
    ExportFormat.graphml: "okg.graphml",
    ExportFormat.gexf: "okg.gexf",
    ExportFormat.json: "okg.json",
    ExportFormat.csv: "okg-csv.zip",
    ExportFormat.cypher: "okg.cypher",
    ExportFormat.appearances_csv: "okg-appearances.csv",
    ExportFormat.appearances_xlsx: "okg-appearances.xlsx",
    ExportFormat.appearances_parquet: "okg-appearances.parquet",
}

EXPORT_SCHEMAS = {
    ExportFormat.json: {"type": "object", "description": "networkx node-link data: directed, multigraph, graph, nodes, edges"},
    ExportFormat.csv: {"type": "string", "format": "binary"},
    ExportFormat.appearances_xlsx: {"type": "string", "format": "binary"},
    ExportFormat.appearances_parquet: {"type": "string", "format": "binary"},
}
COLUMNS_DOC = "".join(f"`{name}` ({meaning}), " for name, meaning in COLUMN_DOCS).rstrip(", ")


def _encoded(pieces: Iterator[str]) -> Iterator[bytes]:
    """Text pieces as UTF-8 chunks of about CHUNK bytes."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _holding(slots: Slots, body: Iterator[bytes]) -> Iterator[bytes]:
    """`body`, giving its slot back when it ends, fails or is dropped (the client went away)."""
    try:
        yield from body
    finally:
        slots.give()


def _started(store, fmt: ExportFormat, slots: Slots) -> tuple[Iterator[bytes], BackgroundTask | None]:
    """The answer's chunks, the first one already made (a store outage raises here, before any byte)."""
    cleanup = None
    try:
        if fmt.value in graph_export.STREAMED:
            body = _encoded(graph_export.stream(store, fmt.value))
        else:
            body, cleanup = _written(store.to_networkx(), fmt)
    except BaseException:
        slots.give()
        raise
    held = _holding(slots, body)
    first = next(held, b"")  # when this raises, _holding has given the slot back
    return chain([first], held), cleanup


def _written(G: nx.MultiDiGraph, fmt: ExportFormat) -> tuple[Iterator[bytes], BackgroundTask]:
    """Write the export with okg.graph.export into a temporary folder (CSV files zipped), then stream the
    file from disk in chunks; the folder is removed once the answer is sent (or the client went away)."""
    folder = Path(tempfile.mkdtemp(prefix="okg-export-"))
    try:
        if fmt is ExportFormat.csv:
            graph_export.write(G, "csv", folder / "csv")
            path = folder / FILE_NAMES[fmt]
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for part in sorted((folder / "csv").iterdir()):
                    z.write(part, arcname=f"okg-csv/{part.name}")
        else:
            path = folder / FILE_NAMES[fmt]
            graph_export.write(G, fmt.value, path)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    def read() -> Iterator[bytes]:
        try:
            with open(path, "rb") as f:
                while chunk := f.read(CHUNK):
                    yield chunk
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return read(), BackgroundTask(shutil.rmtree, folder, ignore_errors=True)


@router.get(
    "/export",
    summary="Export the whole graph",
    description=(
        "The graph in one of these formats, streamed as a download:\n\n"
        "* `graphml`: GraphML (lists as JSON text, labels as `:Place:Village`), for yEd, Gephi, networkx;\n"
        "* `gexf`: GEXF for Gephi;\n"
        "* `json`: networkx node-link JSON;\n"
        "* `csv`: a zip of one CSV per label and relationship type plus `import.sh` for `neo4j-admin database import`;\n"
        "* `cypher`: a parameter-free Cypher script that rebuilds the graph in an empty Neo4j;\n"
        "* `appearances-csv`, `appearances-xlsx`, `appearances-parquet`: the appearance table, one row per person, "
        "event and role (per target for INSPECTED), for pandas, R and Stata; CSV in UTF-8 with a BOM, list cells "
        "joined by `；` (lists in Parquet). xlsx and Parquet need `okg[tables]` on the server (501 otherwise). "
        "Columns: " + COLUMNS_DOC + ".\n"
    ),
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "the export, as an attachment",
            "content": {
                MEDIA_TYPES[f].split(";")[0]: {"schema": EXPORT_SCHEMAS.get(f, {"type": "string"})} for f in ExportFormat
            },
        },
        501: {"model": ErrorDetail, "description": "the format's library is not installed on the server"},
        503: {
            "model": ErrorDetail,
            "description": "the graph store (Neo4j) is unreachable, or as many exports as the server runs at once are running (see Retry-After)",
        },
    },
)
async def export(
    request: Request,
    store: StoreDep,
    ask: AskDep,
    format: Annotated[ExportFormat, Query(description="the export format", examples=["graphml"])] = ExportFormat.json,  # noqa: A002
):
    try:
        graph_export.require_library(format.value)
    except graph_export.MissingLibrary as e:
        raise HTTPException(status_code=501, detail=str(e)) from None
    slots: Slots = request.app.state.export_slots
    if not slots.take():
        raise slots.refused()
    body, cleanup = await ask.off_loop(_started, store, format, slots)
    return StreamingResponse(
        body,
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAMES[format]}"'},
        background=cleanup,
    )
