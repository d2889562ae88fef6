"""The graph as plain records: what the builder makes from facts and what both stores write.

`okg.graph.build` turns extracted articles into a `GraphBatch`; the embedded store and the Neo4j store
each write a batch in their own way (networkx edges, UNWIND/MERGE). Labels, relationship types and
their properties are those declared in graph/schema.toml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class NodeRecord:
    id: str  # stable across reloads
    labels: list[str]  # first is the main label (Person, Place, ...); Place adds its kind (Village, ...)
    props: dict  # always has "name"; never holds None (left out instead); `id` is not repeated here

    def main_label(self, known: Iterable[str]) -> str:
        """The record's main label; ValueError for a label not in `known` (the schema's) or no name."""
        label = self.labels[0] if self.labels else None
        if label not in known:
            raise ValueError(f"node {self.id}: unknown label {label}")
        if not self.props.get("name"):
            raise ValueError(f"node {self.id}: no name")
        return label


@dataclass
class RelRecord:
    type: str
    start: str  # node id
    end: str  # node id
    key: str  # stable id of the relationship, so loading twice writes nothing new
    props: dict  # always has provenance: article, evidence, start, end


@dataclass
class GraphBatch:
    """Everything one article adds to the graph."""

    article: str
    nodes: list[NodeRecord] = field(default_factory=list)
    rels: list[RelRecord] = field(default_factory=list)


@dataclass
class PersonCandidate:
    """An existing Person the resolver may join a mention to: what `Store.person_candidates` returns
    (the node's id, name, scopes, sources, titles and articles properties)."""

    id: str
    name: str
    scopes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # the article node ids it was seen in (for judgements)
