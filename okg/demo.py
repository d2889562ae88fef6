"""`okg demo`: the main job on the bundled fixtures. Extract fixtures/, load the embedded graph, serve the API.

    okg demo                 # then open http://127.0.0.1:8000/docs
    okg demo --no-serve      # extract and load only, print what was built
"""

from __future__ import annotations

import argparse
import sys

from okg.config import ROOT, Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    parser.add_argument("--fixtures", default=str(ROOT / "fixtures"), help="folder of news text to extract (default: fixtures/)")
    parser.add_argument("--no-serve", action="store_true", help="stop after loading the graph")


def run(args: argparse.Namespace) -> int:
    from okg.extract.stream import extract_paths
    from okg.graph.stores import open_store
    from okg.runreport import RunReport

    settings = Settings.from_env()
    articles = list(extract_paths([args.fixtures], on_problem=RunReport("okg demo").problem, progress=True))
    store = open_store("embedded", settings)
    report = store.load(articles, progress=sys.stderr.isatty())
    print(f"okg demo: extracted {len(articles)} articles from {args.fixtures}")
    print(f"okg demo: embedded graph in {settings.data_dir}/: {report.nodes} nodes, {report.relationships} relationships")
    people = store.find_people(None, limit=1, offset=0).items
    base = f"http://{args.host}:{args.port}"
    if args.no_serve:
        store.close()
        return 0
    print(f"okg demo: serving the API on {base}  (Ctrl-C stops)")
    print(f"  open {base}/ui/ for the web page, {base}/docs for the interactive API")
    print(f"  try  curl -G {base}/people --data-urlencode q=解芳")
    if people:
        print(f"  try  curl {base}/people/{people[0].id}/events")
    import uvicorn

    from okg.api.app import create_app

    uvicorn.run(create_app(store, settings, store_kind="embedded", close_store=True), host=args.host, port=args.port, log_level="warning")
    return 0
