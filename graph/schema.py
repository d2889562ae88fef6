"""The graph schema, read from graph/schema.toml (the one declaration; see its header).

    from okg.graph.schema import SCHEMA
    SCHEMA.labels                  # ["Person", "Position", "Agency", "Place", "Event", "Article"]
    SCHEMA.node_props("Place")     # {"name": Prop(type="string", ...), ...}
    SCHEMA.rel_props("HOLDS")      # its own properties and the provenance ones
    SCHEMA.role_type("SPOKE")      # "SPOKE_AT"
    merge_props(old, new, SCHEMA.node_props("Person"))   # what a second write of a node does

Both stores apply `merge_props` semantics (the Neo4j store in Cypher, see `cypher_merge_set`).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("schema.toml")

SCALAR_TYPES = {"string", "int", "float", "boolean", "json"}
LIST_TYPES = {"string[]", "json[]"}
MERGE_RULES = {"first", "min", "max", "union"}


@dataclass(frozen=True)
class Prop:
    name: str
    type: str
    merge: str = "first"
    required: bool = False
    description: str = ""
    per_article: bool = False  # a union whose items each name their article (schema.toml)

    @property
    def is_list(self) -> bool:
        return self.type in LIST_TYPES


@dataclass(frozen=True)
class NodeType:
    label: str
    id_rule: str
    props: dict[str, Prop]
    fulltext: bool = False
    kinds: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RelType:
    type: str
    start: list[str]
    end: list[str]
    pair: bool  # one relationship per (start, end), updated by later articles
    props: dict[str, Prop]  # its own and the provenance properties


def _props(table: dict) -> dict[str, Prop]:
    out = {}
    for name, spec in table.items():
        prop = Prop(name=name, **spec)
        if prop.type not in SCALAR_TYPES | LIST_TYPES:
            raise ValueError(f"schema.toml: property {name} has unknown type {prop.type}")
        if prop.merge not in MERGE_RULES:
            raise ValueError(f"schema.toml: property {name} has unknown merge rule {prop.merge}")
        if prop.per_article and prop.merge != "union":
            raise ValueError(f"schema.toml: property {name} is per_article but not merged by union")
        out[name] = prop
    return out


class Schema:
    def __init__(self, data: dict):
        self.data = data
        self.version: int = data["version"]
        self.provenance = _props(data["provenance"])
        self.nodes: dict[str, NodeType] = {
            label: NodeType(
                label=label,
                id_rule=spec["id"],
                props=_props(spec.get("properties", {})),
                fulltext=spec.get("fulltext", False),
                kinds=list(spec.get("kinds", [])),
            )
            for label, spec in data["nodes"].items()
        }
        self.rels: dict[str, RelType] = {}
        for rtype, spec in data["relationships"].items():
            props = {"key": Prop("key", "string", required=True)}
            props.update(self.provenance)
            props.update(_props(spec.get("properties", {})))
            self.rels[rtype] = RelType(rtype, list(spec["from"]), list(spec["to"]), spec.get("merge") == "pair", props)
        self._node_props: dict[str, dict[str, Prop]] = {}
        self.roles: dict[str, str] = dict(data["roles"])
        self.resolution: dict = data["resolution"]

    # --- names --------------------------------------------------------------------------------------
    @property
    def labels(self) -> list[str]:
        return list(self.nodes)

    @cached_property
    def kind_labels(self) -> dict[str, str]:
        """Place kind value -> its second label: {"village": "Village", ...}."""
        return {k.lower(): k for k in self.nodes["Place"].kinds}

    @property
    def rel_types(self) -> list[str]:
        return list(self.rels)

    @cached_property
    def event_roles(self) -> list[str]:
        """Relationship types from a Person to an Event, plus INSPECTED: the roles of views."""
        return sorted({t for t, r in self.rels.items() if r.end == ["Event"]} | {"INSPECTED"})

    def role_type(self, role: str) -> str:
        """A facts.Role name or a relationship type -> the relationship type (SPOKE -> SPOKE_AT)."""
        role = role.upper()
        if role in self.roles:
            return self.roles[role]
        if role in self.rels:
            return role
        raise ValueError(f"unknown role {role!r}; one of {sorted(set(self.roles) | set(self.event_roles))}")

    def node_props(self, label: str) -> dict[str, Prop]:
        """`id` and the declared properties of a label (the same dict each time: do not change it)."""
        props = self._node_props.get(label)
        if props is None:
            props = {"id": Prop("id", "string", required=True)}
            props.update(self.nodes[label].props)
            self._node_props[label] = props
        return props

    def rel_props(self, rtype: str) -> dict[str, Prop]:
        return self.rels[rtype].props

    def prop_type(self, name: str) -> str:
        """The type of a property name anywhere in the schema (names have one type throughout)."""
        return self.all_prop_types.get(name, "string")

    @cached_property
    def all_prop_types(self) -> dict[str, str]:
        types: dict[str, str] = {"id": "string", "labels": "string[]", "type": "string"}
        for nt in self.nodes.values():
            for p in nt.props.values():
                if types.setdefault(p.name, p.type) != p.type:
                    raise ValueError(f"schema.toml: property {p.name} has two types")
        for rt in self.rels.values():
            for p in rt.props.values():
                if p.name == "type":
                    continue
                if types.setdefault(p.name, p.type) != p.type:
                    raise ValueError(f"schema.toml: property {p.name} has two types")
        return types

    # --- Neo4j schema ----------------------------------------------------------------------------------
    def constraint_statements(self) -> list[str]:
        """Cypher for schema.cypher: a unique id per node label, name indexes, and one fulltext index
        over the names of the labels marked `fulltext`.

        No index on relationship keys: a relationship is only ever found between its two endpoints,
        found first by their ids (MERGE expands the one with fewer relationships), and a key index
        cost an index entry per relationship written and tempted the planner into scanning it."""
        out = []
        for label in self.nodes:
            out.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE")
            out.append(f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
        fulltext = "|".join(label for label, nt in self.nodes.items() if nt.fulltext)
        out.append(f"CREATE FULLTEXT INDEX names IF NOT EXISTS FOR (n:{fulltext}) ON EACH [n.name, n.title]")
        return out

    def cypher_merge_set(self, var: str, props: dict[str, Prop], param: str) -> str:
        """The `ON MATCH SET` list that applies the merge rules of `props` to `var` from map `param`,
        e.g. `r.first_seen = CASE WHEN r.first_seen IS NULL OR $p.first_seen < r.first_seen ...`.
        Properties merged `first` are not listed (ON CREATE SET var = param sets them)."""
        parts = []
        for p in props.values():
            cur, new = f"{var}.{p.name}", f"{param}.{p.name}"
            if p.merge == "min":
                parts.append(f"{cur} = CASE WHEN {cur} IS NULL OR ({new} IS NOT NULL AND {new} < {cur}) THEN {new} ELSE {cur} END")
            elif p.merge == "max":
                parts.append(f"{cur} = CASE WHEN {cur} IS NULL OR ({new} IS NOT NULL AND {new} > {cur}) THEN {new} ELSE {cur} END")
            elif p.merge == "union":
                parts.append(f"{cur} = coalesce({cur}, []) + [x IN coalesce({new}, []) WHERE NOT x IN coalesce({cur}, [])]")
        return ", ".join(parts)


def merge_props(old: dict, new: dict, props: dict[str, Prop]) -> dict:
    """What writing `new` over an existing element with properties `old` leaves (the schema's rules).
    Properties absent from the schema are treated as `first`. `old` is left as it was."""
    out = {k: list(v) if isinstance(v, list) else v for k, v in old.items()}
    merge_into(out, new, props)
    return out


def merge_into(out: dict, new: dict, props: dict[str, Prop], members: dict[str, set] | None = None) -> None:
    """`merge_props` in place: `out` becomes what writing `new` over it leaves, its `union` lists
    extended where they are. `members` (property name -> the set of that list's items, kept by the
    caller beside `out`) makes a union cost the new items only, not the stored list's length: an
    element written by thousands of articles (a county's 县委书记) would otherwise cost their square."""
    for name, value in new.items():
        if value is None:
            continue
        cur = out.get(name)
        if cur is None:
            out[name] = list(value) if isinstance(value, list) else value
            continue
        prop = props.get(name)
        rule = prop.merge if prop is not None else "first"
        if rule == "first":
            continue
        if rule == "min":
            out[name] = value if value < cur else cur
        elif rule == "max":
            out[name] = value if value > cur else cur
        elif rule == "union":
            _union_into(cur, value, members, name)


def _union_into(cur: list, value: list, members: dict[str, set] | None, name: str) -> None:
    """Append to cur the items of value not in cur nor earlier in value."""
    try:
        seen = members.get(name) if members is not None else None
        if seen is None:
            seen = set(cur)
            if members is not None:
                members[name] = seen
        for v in value:
            if v not in seen:
                seen.add(v)
                cur.append(v)
    except TypeError:  # unhashable items: compare one by one
        if members is not None:
            members.pop(name, None)
        cur.extend([v for i, v in enumerate(value) if v not in cur and v not in value[:i]])


def to_json(value) -> str:
    """The JSON text of `json`/`json[]` properties: compact, keys sorted, non-ASCII kept."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    with open(path, "rb") as f:
        return Schema(tomllib.load(f))


SCHEMA = load_schema()


def retired_index_statements() -> list[str]:
    """Drops of the indexes earlier versions of okg made (the relationship key indexes): applied on
    connect after the schema, so a database made by an older okg loads as fast as a new one."""
    return [f"DROP INDEX rel_{rtype.lower()}_key IF EXISTS" for rtype in SCHEMA.rels]
