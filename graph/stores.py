"""Choosing a store by name: `open_store("embedded" | "neo4j", settings)`.

The Neo4j store (okg.graph.neo4j_store.Neo4jStore) is imported only when asked for, so the embedded
store needs neither the driver nor a server.
"""

from __future__ import annotations

from okg.config import Settings
from okg.graph.store import Store

KINDS = ("embedded", "neo4j")


def open_store(kind: str = "embedded", settings: Settings | None = None) -> Store:
    settings = settings or Settings.from_env()
    if kind == "embedded":
        from okg.graph.embedded import EmbeddedStore

        return EmbeddedStore(settings)
    if kind == "neo4j":
        from okg.graph.neo4j_store import Neo4jStore

        return Neo4jStore(settings)
    raise ValueError(f"unknown store {kind!r}; one of {', '.join(KINDS)}")
