"""What okg's Cypher is made of, in one place for the Neo4j store's questions and writes: the schema's
names (the only strings ever spliced into a statement), the saved queries of cypher/queries/ and
cypher/schema.cypher, and property values as Neo4j stores them."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

# ---------------------------------------------------------------------------------------------------
# Schema names: the only strings ever spliced into a statement.
# ---------------------------------------------------------------------------------------------------


class _Schema:
    """Node labels (main and Place kind labels) and relationship types the store may write."""

    def __init__(self, main_labels: Iterable[str], kind_labels: Iterable[str], rel_types: Iterable[str]):
        self.main_labels = tuple(dict.fromkeys(main_labels))
        self.kind_labels = tuple(dict.fromkeys(kind_labels))
        self.rel_types = tuple(dict.fromkeys(rel_types))
        names = self.main_labels + self.kind_labels + self.rel_types
        for name in names:  # identifiers only: nothing else may reach a statement
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
                raise ValueError(f"not a schema name: {name!r}")

    def label(self, name: str) -> str:
        if name not in self.main_labels and name not in self.kind_labels:
            raise ValueError(f"label {name!r} is not in the graph schema")
        return f"`{name}`"

    def rel_type(self, name: str) -> str:
        if name not in self.rel_types:
            raise ValueError(f"relationship type {name!r} is not in the graph schema")
        return f"`{name}`"


@lru_cache(maxsize=1)
def schema() -> _Schema:
    """The labels and types declared in graph/schema.toml (okg.graph.schema)."""
    from okg.graph.schema import SCHEMA  # noqa: PLC0415

    return _Schema(SCHEMA.labels, SCHEMA.nodes["Place"].kinds, SCHEMA.rel_types)


# ---------------------------------------------------------------------------------------------------
# The saved Cypher
# ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def query(name: str) -> str:
    """The text of cypher/queries/<name>.cypher, as installed in the okg.cypher package."""
    return resources.files("okg.cypher").joinpath("queries", f"{name}.cypher").read_text(encoding="utf-8")


def query_names() -> list[str]:
    return sorted(
        p.name[: -len(".cypher")]
        for p in resources.files("okg.cypher").joinpath("queries").iterdir()
        if p.name.endswith(".cypher")
    )


def schema_statements() -> list[str]:
    """The statements of cypher/schema.cypher, comments dropped, one per `;`."""
    text = resources.files("okg.cypher").joinpath("schema.cypher").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _prop_value(value: Any) -> Any:
    """A Neo4j property value: primitives and lists of primitives stay, anything else is JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int, float, bool)) for v in value):
        if len({type(v) for v in value}) <= 1:
            return list(value)
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return json.dumps(value, ensure_ascii=False, default=str)


def neo4j_props(props: dict) -> dict:
    return {str(k): _prop_value(v) for k, v in props.items()}

