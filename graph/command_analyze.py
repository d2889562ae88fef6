"""`okg analyze`: the co-attendance network, successions of posts and shared events, in the terminal.

    okg analyze network [--place 绛县] [--since 03-01] [--until ...] [--role SPOKE_AT] [--top 20]
    okg analyze co-attendance 解芳            # who a person meets, how often
    okg analyze succession 绛县委书记         # holders of the posts whose name contains it, in order
    okg analyze shared 解芳 李翔              # the events two people share

People, places and posts are named by id or by name (a name that fits several is an error listing
them). `--json` prints the answer as the API gives it. The computation is okg.graph.analytics.
"""

from __future__ import annotations

import argparse
import json

from okg.graph import analytics, dates
from okg.graph.analytics import NetworkFilters
from okg.graph.lookup import Unknown, day, event_role, person_id, place_id
from okg.runreport import EXIT_OK, EXIT_USAGE, RunReport


def add_arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)  # the options of every question, given after it
    common.add_argument("--store", choices=["embedded", "neo4j"], default="embedded", help="which store (default: embedded)")
    common.add_argument("--json", action="store_true", help="print JSON, as the API answers")
    common.add_argument("--top", type=int, default=20, help="how many people or posts to list (default: 20)")
    sub = parser.add_subparsers(dest="question", metavar="QUESTION", required=True)
    add = lambda name, help: sub.add_parser(name, help=help, description=help, parents=[common])  # noqa: E731
    net = add("network", "centrality and communities of the co-attendance network")
    net.add_argument("--place", help="only events held at this place (id or name) or inside it")
    net.add_argument("--since", help="only events on or after this day: " + dates.BOUND_HELP)
    net.add_argument("--until", help="only events on or before this date")
    net.add_argument("--role", help="both had this role at the event (default ATTENDED), e.g. SPOKE_AT")
    co = add("co-attendance", "who a person meets at events, and how often")
    co.add_argument("person", help="id or name")
    post = add("succession", "holders of a post over time, with predecessors and successors")
    post.add_argument("post", help="position id, or part of a post's name (绛县委书记)")
    shared = add("shared", "the events two people share")
    shared.add_argument("a", help="id or name")
    shared.add_argument("b", help="id or name")


def _print(obj, as_json: bool, lines) -> None:
    if as_json:
        print(json.dumps(obj.model_dump() if hasattr(obj, "model_dump") else [x.model_dump() for x in obj], ensure_ascii=False, indent=1))
    else:
        for line in lines():
            print(line)


def _network(store, args) -> None:
    filters = NetworkFilters(place=place_id(store, args.place), since=day(args.since), until=day(args.until), role=event_role(args.role))
    result = analytics.analyze_store(store, filters)

    def lines():
        yield f"co-attendance network: {result.people} people, {result.edges} pairs, {len(result.communities)} communities"
        yield f"{'person':<10} {'id':<20} {'met':>4} {'shared':>6} {'degree':>7} {'between':>8} {'pagerank':>8} community"
        for p in result.people_by_pagerank[: args.top]:
            yield f"{p.name:<10} {p.id:<20} {p.degree:>4} {p.strength:>6} {p.degree_centrality:>7.3f} {p.betweenness:>8.4f} {p.pagerank:>8.4f} {p.community}"
        for c in result.communities[: args.top]:
            yield f"community {c.index} ({c.size}): " + "、".join(m.name for m in c.members[:30]) + ("…" if c.size > 30 else "")

    _print(result, args.json, lines)


def _co_attendance(store, args) -> None:
    pid = person_id(store, args.person)
    found = store.person_network(pid, limit=args.top)

    def lines():
        yield f"{found.total} people attended events with {args.person} ({pid}); by shared events:"
        for c in found.items:
            yield f"{c.weight:>4}  {c.name} ({c.id})"

    _print(found, args.json, lines)


def _succession(store, args) -> None:
    if store.position_holders(args.post) is not None:
        ids = [args.post]
    else:
        ids = [p.id for p in store.find_positions(args.post, args.top, 0).items]
        if not ids:
            raise Unknown(f"no post with id {args.post!r} or a name containing it")
    posts = [analytics.post_succession(store, pid) for pid in ids]

    def lines():
        for post in posts:
            yield f"{post.name} ({post.id}): {len(post.holders)} holders"
            for h in post.holders:
                before = f"after {h.predecessor.name}" if h.predecessor else "first known"
                after = f"before {h.successor.name}" if h.successor else "last known"
                yield f"  {h.person.name:<8} {h.first_seen or '?'} .. {h.last_seen or '?'}  ({before}; {after})"

    _print(posts, args.json, lines)


def _shared(store, args) -> None:
    a, b = person_id(store, args.a), person_id(store, args.b)
    events = analytics.shared_events(store, a, b)

    def lines():
        yield f"{args.a} and {args.b} share {len(events)} events:"
        for e in events:
            yield f"  {e.date or 'undated':<11} {e.name} ({e.type}): {'/'.join(e.roles)} | {'/'.join(e.roles_of_b)}"

    _print(events, args.json, lines)


QUESTIONS = {"network": _network, "co-attendance": _co_attendance, "succession": _succession, "shared": _shared}


def run(args: argparse.Namespace) -> int:
    from okg.api.errors import OUTAGE_TYPES
    from okg.graph.stores import open_store

    report = RunReport("okg analyze")
    try:
        store = open_store(args.store)
    except OUTAGE_TYPES as e:
        return report.stop(f"the {args.store} store is unavailable: {e}")
    try:
        QUESTIONS[args.question](store, args)
    except ValueError as e:  # Unknown, a bad date or role
        return report.stop(str(e), code=EXIT_USAGE)
    finally:
        store.close()
    return EXIT_OK
