"""`okg demo`: the main job on the bundled fixtures. Extract fixtures/, load the embedded graph, serve the API.

    okg demo                 # then open http://127.0.0.1:8000/docs
    okg demo --no-serve      # extract and load only, print what was built

It ends with hints read from the graph it built: the web page of the person who chaired most, that
person's events and chaired events, a village someone inspected, and a search by name.
"""

from __future__ import annotations

import argparse
import calendar
import sys

from okg.config import ROOT, Settings
from okg.graph import dates

MAX_LOOKED_AT = 500  # people and places looked at for the hints (the fixtures have a few dozen)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default: 8000)")
    parser.add_argument("--fixtures", default=str(ROOT / "fixtures"), help="folder of news text to extract (default: fixtures/)")
    parser.add_argument("--no-serve", action="store_true", help="stop after loading the graph")


def _most_active(store, people):
    """The person of `people` with the most events (the first by name, id of those), or None."""
    totals = {p.id: store.person_events(p.id).total for p in people}
    ranked = sorted((p for p in people if totals[p.id]), key=lambda p: (-totals[p.id], p.name, p.id))
    return ranked[0] if ranked else None


def _inspected_village(store):
    villages = [p for p in store.find_places(None, MAX_LOOKED_AT, 0).items if p.kind == "village"]
    return next((v for v in villages if store.place_inspections(v.id, limit=1).total), None)


def _month_filter(store) -> tuple[str, str] | None:
    """`since`/`until` month-days (graph/dates.py) of the month of the first event with a month and day."""
    dated = [e.date for e in store.find_events(limit=1, offset=0, since="--01-01").items]
    if not dated:
        return None
    month = int(dated[0][-5:-3])
    return f"--{month:02d}-01", f"--{month:02d}-{calendar.monthrange(dates.LEAP_YEAR, month)[1]:02d}"


def hints(store, base: str) -> list[str]:
    """What to try, as lines: each URL answers with something on this graph."""
    everyone = store.find_people(None, MAX_LOOKED_AT, 0).items
    chairs = [p for p in everyone if store.person_events(p.id, role="CHAIRED").total]
    person = _most_active(store, chairs) or _most_active(store, everyone)
    lines = [f"  open {base}/docs for the interactive API"]
    if person is None:
        return lines
    lines.insert(0, f"  open {base}/ui/person/{person.id} for the web page of {person.name}")
    lines.append(f"  try  curl {base}/people/{person.id}/events    # {person.name}'s {store.person_events(person.id).total} events")
    if person in chairs:
        lines.append(f"  try  curl '{base}/people/{person.id}/events?role=CHAIRED'    # what {person.name} chaired")
    village = _inspected_village(store)
    if village is not None:
        lines.append(f"  try  curl {base}/places/{village.id}/inspections    # who inspected {village.name}")
    month = _month_filter(store)
    if month is not None:
        lines.append(f"  try  curl '{base}/events?since={month[0]}&until={month[1]}'    # that month of any year, or of none")
    lines.append(f"  try  curl -G {base}/people --data-urlencode q={person.name}")
    return lines


def run(args: argparse.Namespace) -> int:
    from okg.extract.stream import extract_paths
    from okg.graph.stores import open_store
    from okg.runreport import RunReport

    settings = Settings.from_env()
    articles = list(extract_paths([args.fixtures], on_problem=RunReport("okg demo").problem, progress=sys.stderr.isatty()))
    store = open_store("embedded", settings)
    report = store.load(articles, progress=sys.stderr.isatty())
    print(f"okg demo: extracted {len(articles)} articles from {args.fixtures}")
    print(f"okg demo: embedded graph in {settings.data_dir}/: {report.nodes} nodes, {report.relationships} relationships")
    base = f"http://{args.host}:{args.port}"
    if args.no_serve:
        store.close()
        return 0
    print(f"okg demo: serving the API on {base}  (Ctrl-C stops)")
    print("\n".join(hints(store, base)), flush=True)
    import uvicorn

    from okg.api.app import create_app

    uvicorn.run(create_app(store, settings, store_kind="embedded", close_store=True), host=args.host, port=args.port, log_level="warning")
    return 0
