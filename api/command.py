"""`okg serve`: the REST API over the embedded store or Neo4j, served by uvicorn."""

from __future__ import annotations

import argparse
import os
import sys

STORE_ENV = "OKG_SERVE_STORE"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded", help="which store to serve (default: embedded)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="uvicorn worker processes (default: 1); each opens its own store, so with the embedded "
        "store an ingest is seen only by the worker that took it",
    )
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])


def _open(kind: str):
    from okg.config import Settings
    from okg.graph.stores import open_store

    settings = Settings.from_env()
    return open_store(kind, settings), settings


def _freeze_heap() -> None:
    """The embedded store's whole graph out of the garbage collector's sight (okg/heap.py): scanning
    millions of graph objects on every full collection would stall requests for hundreds of milliseconds."""
    from okg.heap import keep_loaded

    keep_loaded()


def app_from_env():
    """The app factory uvicorn workers call (`--workers` > 1): the store kind comes from the environment."""
    from okg.api.app import create_app

    kind = os.environ.get(STORE_ENV, "embedded")
    store, settings = _open(kind)
    _freeze_heap()
    return create_app(store, settings, store_kind=kind, close_store=True)


def _trusting_bind_address(host: str) -> None:
    """Trust the address the server listens on as a Host too (`--host 192.168.1.5` is asked as
    that), through OKG_TRUSTED_HOSTS so that every worker reads it; not a wildcard address."""
    if host not in ("0.0.0.0", "::", ""):
        names = [n for n in os.environ.get("OKG_TRUSTED_HOSTS", "").split(",") if n.strip()]
        os.environ["OKG_TRUSTED_HOSTS"] = ",".join(dict.fromkeys([*names, host]))


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from okg.api import webpage
    from okg.api.app import create_app
    from okg.api.errors import OUTAGE_TYPES
    from okg.api.server import uvicorn_options

    if args.workers < 1:
        print("okg serve: --workers must be at least 1", file=sys.stderr)
        return 2
    _trusting_bind_address(args.host)
    try:
        store, settings = _open(args.store)
        store.counts()  # fail now, with a clear message, if the store cannot be reached
    except OUTAGE_TYPES as e:
        print(f"okg serve: the {args.store} store is unavailable: {e}", file=sys.stderr)
        return 1
    if not settings.api_key:
        print("okg serve: OKG_API_KEY is not set: POST /ingest is off (403)", file=sys.stderr)
    if webpage.vendor_missing():
        print(f"okg serve: the web page at /ui/ cannot draw networks: {webpage.VENDOR_HINT}", file=sys.stderr)

    _freeze_heap()
    if args.workers == 1:
        app = create_app(store, settings, store_kind=args.store, close_store=True)
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, **uvicorn_options())
        return 0

    store.close()
    if args.store == "embedded":
        print("okg serve: with the embedded store, each worker serves its own copy of the graph", file=sys.stderr)
    os.environ[STORE_ENV] = args.store
    uvicorn.run(
        "okg.api.command:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        **uvicorn_options(),
    )
    return 0
