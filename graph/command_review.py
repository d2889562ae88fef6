"""`okg review`: likely duplicates left apart and weak merges, ranked with their reasons
(graph/review.py); `--same A B`, `--different A B` and `--split PERSON ARTICLE` record a judgement
(graph/judgements.py) that the next `okg load` applies (it rebuilds what is loaded with it)."""

from __future__ import annotations

import json
import sys

from okg.graph.store import StoreUnavailable
from okg.graph.stores import KINDS, open_store


def add_arguments(parser) -> None:
    parser.add_argument("--store", choices=KINDS, default="embedded", help="which store (default: embedded, in OKG_DATA_DIR)")
    parser.add_argument("--limit", type=int, default=50, help="at most this many items (default 50)")
    parser.add_argument("--min-score", type=float, default=0.2, help="leave out items scored lower (default 0.2)")
    parser.add_argument("--json", action="store_true", help="the items as JSON, one a line")
    judge = parser.add_mutually_exclusive_group()
    judge.add_argument("--same", nargs=2, metavar=("PERSON", "PERSON"), help="judge two person nodes one person")
    judge.add_argument("--different", nargs=2, metavar=("PERSON", "PERSON"), help="judge two person nodes two people")
    judge.add_argument("--split", nargs=2, metavar=("PERSON", "ARTICLE"), help="judge the mention in ARTICLE not the person of the others")
    judge.add_argument("--forget", action="store_true", help="drop every judgement and rebuild the graph without them")
    parser.add_argument("--note", default="", help="why (kept with the judgement)")


def _judge(store, args) -> str:
    from okg.graph.judgements import Judgement, judgement_between, record, split_judgement

    if args.split:
        judgement: Judgement = split_judgement(store, *args.split, note=args.note)
    else:
        verdict = "same" if args.same else "different"
        judgement = judgement_between(store, *(args.same or args.different), verdict, args.note)
    record(store, judgement)
    return (f"okg review: judged {judgement.name} of {judgement.first} and {judgement.second} {judgement.verdict}; "
            "the next okg load applies it")


def run(args) -> int:
    from okg.graph.review import review

    try:
        store = open_store(args.store)
    except StoreUnavailable as e:
        print(f"okg review: {args.store} store unavailable: {e}", file=sys.stderr)
        return 3
    try:
        if args.forget:
            from okg.graph.judgements import forget

            print(f"okg review: forgot {forget(store)} judgements", file=sys.stderr)
            return 0
        if args.same or args.different or args.split:
            print(_judge(store, args), file=sys.stderr)
            return 0
        items, total = review(store, limit=args.limit, min_score=args.min_score)
    except ValueError as e:
        print(f"okg review: {e}", file=sys.stderr)
        return 2
    finally:
        store.close()
    for item in items:
        if args.json:
            print(json.dumps(item.model_dump(), ensure_ascii=False))
            continue
        who = "  |  ".join(f"{p.id} {'、'.join(p.titles) or '(no post)'} in {len(p.articles)} articles" for p in item.people)
        print(f"{item.score:.2f} {item.kind:10} {item.name}: {who}")
        for reason in item.reasons:
            print(f"     - {reason}")
        print(f"     > {item.judge}")
    print(f"okg review: {len(items)} of {total} items", file=sys.stderr)
    return 0
