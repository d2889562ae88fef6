"""What the embedded store offers besides its questions while the API serves it: counts kept as the
graph changes (so `counts()`, which /health asks, walks nothing), and the graph read a chunk of nodes
at a time for exports, so an export neither copies the whole graph nor holds the store's lock for
longer than a chunk takes.

A mixin of `okg.graph.embedded.EmbeddedStore` (it uses that store's `g` and `lock`).
"""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Iterable, Iterator

import networkx as nx

# Nodes read per hold of the lock: a few milliseconds at most, so readers waiting for it barely notice.
EXPORT_CHUNK = 2000


class Counts:
    """Nodes and relationships, per label and per relationship type (Store.counts)."""

    def __init__(self) -> None:
        self.nodes = 0
        self.relationships = 0
        self.labels: Counter = Counter()
        self.types: Counter = Counter()

    def add_node(self, labels: Iterable[str]) -> None:
        self.nodes += 1
        self.labels.update(labels)

    def add_labels(self, before: Iterable[str], after: Iterable[str]) -> None:
        """A node's labels changed from `before` to `after` (a load adds labels, never removes any)."""
        self.labels.update(set(after) - set(before))

    def add_rel(self, rel_type: str) -> None:
        self.relationships += 1
        self.types[rel_type] += 1

    def as_dict(self) -> dict[str, int]:
        out = {"nodes": self.nodes, "relationships": self.relationships}
        out.update(sorted((k, n) for k, n in self.labels.items() if n))
        out.update(sorted((k, n) for k, n in self.types.items() if n))
        return out


def _copied(d: dict) -> dict:
    """A node's or relationship's attributes as they are now: the lists copied, since a later load
    changes them in place."""
    return {k: list(v) if isinstance(v, list) else v for k, v in d.items()}


def chunks(items: list, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class LiveExport:
    """Store.export_nodes / export_relationships / to_networkx over the live graph.

    The nodes are those of the graph when the export starts, in id order; each chunk of them is read
    as it is at that moment, with the relationships going out of them to nodes of the export. An
    article loaded while an export runs may so be in it in part; a graph read again from disk (a CLI
    load) is not seen by an export already running, which goes on over the graph it started on."""

    def export_nodes(self) -> Iterator[tuple[str, dict]]:
        with self.lock:
            g = self.g
            ids = sorted(g.nodes)
        for chunk in chunks(ids, EXPORT_CHUNK):
            with self.lock:
                rows = [(n, _copied(g.nodes[n])) for n in chunk if n in g]
            yield from rows

    def export_relationships(self) -> Iterator[tuple[str, str, str, dict]]:
        with self.lock:
            g = self.g
            ids = sorted(g.nodes)
        listed = set(ids)
        for chunk in chunks(ids, EXPORT_CHUNK):
            with self.lock:
                rows = [(s, e, k, _copied(d)) for s, e, k, d in g.edges(chunk, keys=True, data=True) if e in listed]
            yield from rows

    def to_networkx(self) -> nx.MultiDiGraph:
        from okg.graph.export import graph_of  # noqa: PLC0415

        return graph_of(self)
