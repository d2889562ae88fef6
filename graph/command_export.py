"""`okg export --format FORMAT -o PATH [--store embedded|neo4j]`.

csv writes a folder of neo4j-admin import files (with import.sh); the others write one file. The
appearances-* formats write the appearance table (okg.graph.appearances); xlsx and parquet need
`pip install 'okg[tables]'`.
"""

from __future__ import annotations

import sys

from okg.graph.export import FORMATS, MissingLibrary, require_library, write
from okg.graph.store import StoreUnavailable
from okg.graph.stores import KINDS, open_store


def add_arguments(parser) -> None:
    parser.add_argument("--store", choices=KINDS, default="embedded", help="the store to export (default: embedded)")
    parser.add_argument("--format", choices=FORMATS, required=True,
                        help="graphml, gexf, json, csv (neo4j-admin), cypher; appearances-csv|xlsx|parquet: one row "
                             "per person, event and role, with titles, date, place and evidence")
    parser.add_argument("-o", "--output", required=True, metavar="PATH", help="output file (a folder for csv)")


def run(args) -> int:
    try:
        require_library(args.format)  # before reading a whole graph
    except MissingLibrary as e:
        print(f"okg export: {e}", file=sys.stderr)
        return 2
    try:
        store = open_store(args.store)
        try:
            G = store.to_networkx()
        finally:
            store.close()
    except StoreUnavailable as e:
        print(f"okg export: {args.store} store unavailable: {e}", file=sys.stderr)
        return 3
    try:
        files = write(G, args.format, args.output)
    except ValueError as e:
        print(f"okg export: {e}", file=sys.stderr)
        return 2
    print(f"okg export: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships -> "
          f"{', '.join(str(f) for f in files)}", file=sys.stderr)
    return 0
