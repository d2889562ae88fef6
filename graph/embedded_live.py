"""What the embedded store offers besides its questions while the API serves it: counts kept as the
graph changes (so `counts()`, which /health asks, walks nothing), and the graph read a chunk of nodes
at a time for exports, so an export neither copies the whole graph nor holds the store's lock for
longer than a chunk takes.

A mixin of `okg.graph.embedded.EmbeddedStore` (it uses that store's `g` and `lock`).
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager
from itertools import islice
from typing import Iterable, Iterator

import networkx as nx

# Nodes read per hold of the lock: with their relationships, 8 ms on a graph of 30,000 nodes and
# 110,000 relationships (2,000 took 23 ms), which is how long a reader may wait for it.
EXPORT_CHUNK = 500


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


@contextmanager
def building_graph() -> Iterator[None]:
    """Around the building of a whole graph (graph.json read again, a rebuild): the garbage collector
    paused, since building makes objects fast enough to set off full collections one after another,
    each walking every object (1-2 s for a graph of 30,000 nodes, holding the GIL: a stall of the
    API's event loop whichever thread it runs in). In a process that keeps its heap frozen out of the
    collector's sight, as `okg serve` does once its graph is read (api/command.py), the new graph is
    frozen too. Frozen objects are still freed when nothing refers to them (see `let_go`); what a
    freeze catches of the cyclic garbage of the moment stays (little, once per graph read)."""
    freezing = gc.get_freeze_count() > 0
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freezing:
            gc.freeze()
        if was_enabled:
            gc.enable()


def let_go(g: nx.MultiDiGraph) -> None:
    """A graph swapped out, freed once its last reader (an export under way) is done: networkx's
    cached views (`g.edges`, `g.degree`) refer back to g, a cycle that only the collector frees,
    and it does not look at frozen objects. Views are made again if asked for."""
    for name in [k for k in vars(g) if k not in ("graph", "_node", "_adj", "_pred", "_succ")]:
        vars(g).pop(name, None)


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
            with self.lock:  # through `succ`, g.edges(chunk)'s order: its view would tie g in a cycle (see below)
                rows = [(s, e, k, _copied(d)) for s in chunk if s in g for e, keyed in g.succ[s].items() if e in listed
                        for k, d in keyed.items()]
            yield from rows

    def to_networkx(self) -> nx.MultiDiGraph:
        from okg.graph.export import graph_of  # noqa: PLC0415

        return graph_of(self)
