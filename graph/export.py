"""Exports of the graph (from `store.to_networkx()`): GraphML, GEXF, node-link JSON, CSV for
`neo4j-admin database import`, a Cypher script that rebuilds the graph in an empty Neo4j, and the
appearance table (okg.graph.appearances) as CSV, xlsx or Parquet.

    G = store.to_networkx()
    write(G, "graphml", "out/okg.graphml")     # or gexf, json, csv (a folder), cypher, appearances-csv|xlsx|parquet
    G2 = read("out/okg.graphml", "graphml")    # back to the store's shape (lists, ints), for round trips
    for text in stream(store, "graphml"): ...  # graphml and json written as the store is read (STREAMED)

GraphML and node-link JSON are written an element at a time (`graphml_text`, `json_text`) from the
store's `export_nodes()` and `export_relationships()` or from a graph, so the API's /export holds
neither a copy of the graph nor the file; the other formats need the whole graph (`graph_of`).

GraphML and GEXF hold scalar attributes only: lists are written as JSON text, and the node's
labels as `:Place:Village` (`labels`). Each node's `label` is its name and each edge's its type (what
Gephi and yEd caption). GEXF reserves `type`, `start`, `end`, `id` and `label`, so there the
relationship type is `rel_type`, and provenance offsets are `span_start`/`span_end`. `read` undoes all
of that with the schema's types.

Every CSV starts with a UTF-8 BOM (so Excel reads it as UTF-8) and joins list cells with `；`
(LIST_SEPARATOR), which neo4j-admin is told as `--array-delimiter=U+FF1B`. A `；` inside a JSON list
item (an evidence sentence in `spans`) is written as its JSON escape `\\uff1b`, the same JSON value;
a plain list item holding one cannot be told apart from two items and is refused.

xlsx and Parquet need openpyxl and pyarrow: `pip install 'okg[tables]'`.
"""

from __future__ import annotations

import csv
import json
import re
from importlib import import_module
from pathlib import Path
from typing import Iterable, Iterator
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from okg.graph.appearances import COLUMNS, INT_COLUMNS, LIST_COLUMNS, appearance_rows
from okg.graph.schema import SCHEMA

APPEARANCE_FORMATS = ("appearances-csv", "appearances-xlsx", "appearances-parquet")
FORMATS = ("graphml", "gexf", "json", "csv", "cypher", *APPEARANCE_FORMATS)
LIST_SEPARATOR = "；"  # list cells of every CSV, and neo4j-admin's array delimiter (U+FF1B)
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a BOM: Excel on Windows reads Chinese right only with it
_ESCAPED_SEPARATOR = re.compile(r"(?<!\\)((?:\\\\)*)\\uff1b")  # \uff1b as a JSON escape, not after a backslash
TABLES_HINT = "pip install 'okg[tables]'"
GEXF_RENAME = {"type": "rel_type", "start": "span_start", "end": "span_end"}
STREAMED = ("graphml", "json")  # written as the store is read, with no copy of the graph

Nodes = Iterable[tuple[str, dict]]  # (id, {"labels": [...], **props}), as Store.export_nodes
Rels = Iterable[tuple[str, str, str, dict]]  # (start, end, key, {"type": T, **props}), as Store.export_relationships


def graph_of(store) -> nx.MultiDiGraph:
    """The whole graph of a store, from its export_nodes() and export_relationships() (Store.to_networkx)."""
    G = nx.MultiDiGraph()
    for n, d in store.export_nodes():
        G.add_node(n, **d)
    for s, e, k, d in store.export_relationships():
        G.add_edge(s, e, key=k)
        G.edges[s, e, k].update(d)
    return G


def _parts(G: nx.MultiDiGraph) -> tuple[Nodes, Rels]:
    return G.nodes(data=True), G.edges(keys=True, data=True)


def stream(store, fmt: str) -> Iterator[str]:
    """One of the STREAMED formats, written piece by piece as the store is read."""
    write_text = {"graphml": graphml_text, "json": json_text}[fmt]
    return write_text(store.export_nodes(), store.export_relationships())


# --- scalar attributes (GraphML, GEXF) ------------------------------------------------------------------


def _scalar(value):
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _flat_node(n: str, d: dict) -> dict:
    attrs = {k: _scalar(v) for k, v in d.items() if v is not None and k != "labels"}
    attrs["labels"] = ":" + ":".join(d["labels"])
    attrs["label"] = d.get("name", n)
    return attrs


def _flat_rel(k: str, d: dict, gexf: bool = False) -> dict:
    attrs = {k2: _scalar(v) for k2, v in d.items() if v is not None}
    if gexf:
        attrs = {GEXF_RENAME.get(k2, k2): v for k2, v in attrs.items()}
        attrs["id"] = k
    attrs["label"] = d["type"]
    return attrs


def flatten(G: nx.MultiDiGraph, gexf: bool = False) -> nx.MultiDiGraph:
    """A copy with scalar attributes only (see the module doc)."""
    F = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        F.add_node(n, **_flat_node(n, d))
    for s, e, k, d in G.edges(keys=True, data=True):
        F.add_edge(s, e, key=k)
        F.edges[s, e, k].update(_flat_rel(k, d, gexf))
    return F


# --- GraphML and node-link JSON, an element at a time ---------------------------------------------------

_GRAPHML_TYPES = {"int": "long", "float": "double", "boolean": "boolean"}  # the rest: string (lists as JSON)
_GRAPHML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_keys() -> dict[str, set[str]]:
    """`node` and `edge` -> the names of the attributes a flattened element may have: the schema's
    properties, plus labels and label (nodes), type and label (relationships)."""
    return {
        "node": {"labels", "label"} | {p for nt in SCHEMA.nodes.values() for p in nt.props},
        "edge": {"type", "label"} | {p for rt in SCHEMA.rels.values() for p in rt.props},
    }


def _graphml_value(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else escape(str(value))


def _graphml_data(attrs: dict, keys: set[str], where: str) -> str:
    for name in attrs:
        if name not in keys:
            raise ValueError(f"cannot write GraphML: {where} has the property {name!r}, which graph/schema.toml does not declare")
    return "".join(f'<data key={quoteattr(name)}>{_graphml_value(v)}</data>' for name, v in attrs.items())


def graphml_text(nodes: Nodes, rels: Rels) -> Iterator[str]:
    """GraphML, an element at a time, with the attributes `flatten` makes; each key is named as its
    attribute, for nodes and for edges, as networkx writes them with `named_key_ids` (a name has
    one type throughout the schema)."""
    keys = _graphml_keys()
    yield _GRAPHML_HEAD
    for scope, names in keys.items():
        for name in sorted(names):
            kind = _GRAPHML_TYPES.get(SCHEMA.prop_type(name), "string")
            yield f'<key id={quoteattr(name)} for="{scope}" attr.name={quoteattr(name)} attr.type="{kind}"/>\n'
    yield '<graph edgedefault="directed">\n'
    for n, d in nodes:
        yield f"<node id={quoteattr(n)}>{_graphml_data(_flat_node(n, d), keys['node'], n)}</node>\n"
    for s, e, k, d in rels:
        data = _graphml_data(_flat_rel(k, d), keys["edge"], k)
        yield f"<edge source={quoteattr(s)} target={quoteattr(e)} id={quoteattr(k)}>{data}</edge>\n"
    yield "</graph>\n</graphml>\n"


def json_text(nodes: Nodes, rels: Rels) -> Iterator[str]:
    """networkx node-link JSON (`node_link_data(G, edges="edges")`), one node or edge a line."""

    def dumps(x) -> str:
        return json.dumps(x, ensure_ascii=False)

    yield '{"directed": true, "multigraph": true, "graph": {}, "nodes": ['
    for i, (n, d) in enumerate(nodes):
        yield ("," if i else "") + "\n" + dumps({**d, "id": n})
    yield '\n], "edges": ['
    for i, (s, e, k, d) in enumerate(rels):
        yield ("," if i else "") + "\n" + dumps({**d, "source": s, "target": e, "key": k})
    yield "\n]}\n"


def _typed(name: str, value):
    t = SCHEMA.prop_type(name)
    if value is None:
        return None
    if t in ("string[]", "json[]"):
        return json.loads(value) if isinstance(value, str) else list(value)
    if t == "int":
        return int(value)
    if t == "float":
        return float(value)
    if t == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return str(value)


def unflatten(F: nx.MultiGraph, gexf: bool = False) -> nx.MultiDiGraph:
    """The store's shape back from a flattened graph read from a file."""
    G = nx.MultiDiGraph()
    back = {v: k for k, v in GEXF_RENAME.items()}
    for n, d in F.nodes(data=True):
        d = dict(d)
        labels = [x for x in str(d.pop("labels", "")).split(":") if x]
        d.pop("label", None)
        G.add_node(str(n), labels=labels, **{k: _typed(k, v) for k, v in d.items()})
    for s, e, k, d in F.edges(keys=True, data=True):
        d = dict(d)
        d.pop("label", None)
        if gexf:
            d.pop("id", None)
            d = {back.get(x, x): v for x, v in d.items()}
        key = d.setdefault("key", k)  # GEXF keeps it as the edge id only
        G.add_edge(str(s), str(e), key=key)
        G.edges[str(s), str(e), key].update({x: _typed(x, v) for x, v in d.items()})
    return G


# --- node-link JSON ---------------------------------------------------------------------------------------


def from_json(data: dict) -> nx.MultiDiGraph:
    G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    for _, _, k, d in G.edges(keys=True, data=True):
        d.setdefault("key", k)  # node-link uses the `key` field for the edge key itself
    return G


# --- CSV for neo4j-admin ----------------------------------------------------------------------------------------

_CSV_TYPES = {"string": "", "json": "", "int": ":int", "float": ":float", "boolean": ":boolean", "string[]": ":string[]", "json[]": ":string[]"}


def _csv_list(items: list[str], t: str) -> str:
    """A list cell: items joined by LIST_SEPARATOR (a `；` in a JSON item written as its escape)."""
    joined = LIST_SEPARATOR.join(items)
    if joined.count(LIST_SEPARATOR) == len(items) - 1 or not items:  # no item holds one (the usual case)
        return joined
    if t == "json[]":
        return LIST_SEPARATOR.join(x.replace(LIST_SEPARATOR, "\\uff1b") for x in items)
    bad = next(x for x in items if LIST_SEPARATOR in x)
    raise ValueError(f"has a list item with {LIST_SEPARATOR}, the list separator: {bad!r}")


def _csv_cell(t: str):
    """The function that writes a value of schema type `t` as a CSV cell ("" for none)."""
    if t in ("string[]", "json[]"):
        return lambda v: "" if v is None else _csv_list(v, t)
    if t == "boolean":
        return lambda v: "" if v is None else ("true" if v else "false")
    return lambda v: "" if v is None else str(v)


def _csv_columns(props) -> list[tuple[str, object]]:
    """(property name, cell writer) of each schema property of a file."""
    return [(p.name, _csv_cell(p.type)) for p in props]


def write_csv(G: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """nodes_<Label>.csv per main label and rels_<TYPE>.csv per type, plus import.sh with the
    neo4j-admin command that imports them; nodes by id, relationships by key. Returns the CSV files
    written."""
    by_label: dict[str, list] = {}  # one pass over the graph, not one per label and type
    for n, d in G.nodes(data=True):
        by_label.setdefault(d["labels"][0], []).append((n, d["labels"], d))
    by_type: dict[str, list] = {}
    for s, e, d in G.edges(data=True):
        by_type.setdefault(d["type"], []).append((s, e, d))
    for rows in by_label.values():
        rows.sort(key=lambda x: x[0])
    for rows in by_type.values():
        rows.sort(key=lambda x: x[2]["key"])
    return write_csv_rows(folder, by_label, by_type)


def write_csv_rows(folder: str | Path, nodes: dict[str, Iterable[tuple]], rels: dict[str, Iterable[tuple]]) -> list[Path]:
    """write_csv's files from rows, written as they come: `nodes` maps a main label to
    (id, labels, props) rows, `rels` a type to (start, end, props) rows (props with `key`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, node_files, rel_files, multiline = [], [], [], []
    for label in SCHEMA.labels:
        if label not in nodes:
            continue
        columns = _csv_columns(p for p in SCHEMA.node_props(label).values() if p.name != "id")
        path = folder / f"nodes_{label}.csv"
        header = ["id:ID", ":LABEL"] + [p.name + _CSV_TYPES[p.type] for p in SCHEMA.node_props(label).values() if p.name != "id"]
        rows, lines = _write_file(path, header, ((n, LIST_SEPARATOR.join(labels), d) for n, labels, d in nodes[label]), columns)
        if rows:
            written.append(path)
            node_files.append(path.name)
            multiline += [path.name] if lines else []
    for rtype in SCHEMA.rel_types:
        if rtype not in rels:
            continue
        props = list(SCHEMA.rel_props(rtype).values())
        path = folder / f"rels_{rtype}.csv"
        header = [":START_ID", ":END_ID", ":TYPE"] + [p.name + _CSV_TYPES[p.type] for p in props]
        rows, lines = _write_file(path, header, ((s, e, rtype, d) for s, e, d in rels[rtype]), _csv_columns(props), rel=True)
        if rows:
            written.append(path)
            rel_files.append(path.name)
            multiline += [path.name] if lines else []
    (folder / "import.sh").write_text(import_script(node_files, rel_files, multiline), encoding="utf-8")
    return written


def _fails(cell, value) -> bool:
    try:
        cell(value)
    except ValueError:
        return True
    return False


class _LineWatch:
    """The file a csv.writer writes to, noting whether a row spans lines (a cell with a line break):
    csv.writer writes each row with one write() ending in its line terminator, so one look per row tells."""

    def __init__(self, f):
        self.f = f
        self.multiline = False

    def write(self, line: str) -> int:
        if not self.multiline and (line.find("\n", 0, len(line) - 2) >= 0 or line.find("\r", 0, len(line) - 2) >= 0):
            self.multiline = True
        return self.f.write(line)


def _write_file(path: Path, header: list[str], rows: Iterable[tuple], columns: list, rel: bool = False) -> tuple[int, bool]:
    """One CSV file: the header, then per row its leading cells and its properties' cells (the last
    item of the row). A file that would have no rows is not written. Returns its rows, and whether a
    cell of it holds a line break (neo4j-admin must then parse that file as multi-line)."""
    with open(path, "w", newline="", encoding=CSV_ENCODING) as f:
        watch = _LineWatch(f)
        w = csv.writer(watch)
        w.writerow(header)
        n = 0
        for n, row in enumerate(rows, 1):
            d = row[-1]
            try:
                cells = [cell(d.get(name)) for name, cell in columns]
            except ValueError as e:
                name = next(name for name, cell in columns if _fails(cell, d.get(name)))
                raise ValueError(f"cannot write CSV: {d['key'] if rel else row[0]}.{name} {e}") from None
            w.writerow([*row[:-1], *cells])
    if not n:
        path.unlink()
    return n, watch.multiline


IMPORT_SCRIPT = """#!/bin/sh
# Import these files into a stopped Neo4j 5: sh import.sh [DATABASE [NEO4J-ADMIN OPTION...]]
# (database neo4j by default). neo4j-admin refuses a database that exists: add
# --overwrite-destination=true to replace one, which deletes all it holds.
# NEO4J_ADMIN is the neo4j-admin to run (default: the one on PATH; for okg's local Neo4j: scripts/neo4j-admin).
cd "$(dirname "$0")" || exit 1
database="${1:-neo4j}"
[ "$#" -gt 0 ] && shift
exec "${NEO4J_ADMIN:-neo4j-admin}" database import full "$database" "$@" \\
"""


def import_script(node_files: list[str], rel_files: list[str], multiline: list[str] = ()) -> str:
    """import.sh: runs `neo4j-admin database import full` on the files written by write_csv. The
    database name comes first: after the files, neo4j-admin would take it for one more file."""
    options = neo4j_admin_import_options(node_files, rel_files, multiline)
    return IMPORT_SCRIPT + "".join(f"  {o} \\\n" for o in options[:-1]) + f"  {options[-1]}\n"


def neo4j_admin_import_options(node_files: list[str], rel_files: list[str], multiline: list[str] = ()) -> list[str]:
    """The options of `neo4j-admin database import full DATABASE` for files written by write_csv.
    Only the files in `multiline` (those with a line break in a cell: articles' bodies) are parsed as
    multi-line (the v2 format of the option, Neo4j 5.26): that parse runs on one thread, the others
    are split among all of them."""
    lines = ["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"] if multiline else []
    return ([f"--array-delimiter=U+{ord(LIST_SEPARATOR):04X}", *lines]
            + [f"--nodes={n}" for n in node_files] + [f"--relationships={r}" for r in rel_files])


def read_csv(folder: str | Path) -> nx.MultiDiGraph:
    """Parse CSV files written by write_csv back into the store's shape (for round-trip tests)."""
    folder = Path(folder)
    G = nx.MultiDiGraph()

    def parse(header: str, value: str):
        name, _, t = header.partition(":")
        if value == "":
            return name, None
        if t == "string[]":
            items = value.split(LIST_SEPARATOR)
            return name, [_ESCAPED_SEPARATOR.sub(r"\1" + LIST_SEPARATOR, x) for x in items] if SCHEMA.prop_type(name) == "json[]" else items
        if t == "int":
            return name, int(value)
        if t == "float":
            return name, float(value)
        if t == "boolean":
            return name, value == "true"
        return name, value

    for path in sorted(folder.glob("nodes_*.csv")):
        with open(path, newline="", encoding=CSV_ENCODING) as f:
            r = csv.reader(f)
            header = next(r)
            for row in r:
                G.add_node(row[0], labels=row[1].split(LIST_SEPARATOR))
                for h, v in zip(header[2:], row[2:]):
                    name, value = parse(h, v)
                    if value is not None:
                        G.nodes[row[0]][name] = value
    for path in sorted(folder.glob("rels_*.csv")):
        with open(path, newline="", encoding=CSV_ENCODING) as f:
            r = csv.reader(f)
            header = next(r)
            for row in r:
                props = dict(parse(h, v) for h, v in zip(header[3:], row[3:]))
                props = {k: v for k, v in props.items() if v is not None}
                G.add_edge(row[0], row[1], key=props["key"])
                G.edges[row[0], row[1], props["key"]].update(type=row[2], **props)
    return G


# --- Cypher script ------------------------------------------------------------------------------------------


def cypher_literal(value) -> str:
    """A Cypher literal: strings single-quoted with backslash escapes, lists, numbers, booleans."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    s = str(value)
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or 0xD800 <= ord(ch) <= 0xDFFF or ord(ch) in (0x2028, 0x2029):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _name(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _map(props: dict) -> str:
    return "{" + ", ".join(f"{_name(k)}: {cypher_literal(v)}" for k, v in props.items() if v is not None) + "}"


def cypher_script(G: nx.MultiDiGraph, constraints: bool = True) -> str:
    """A parameter-free Cypher script that rebuilds G in an empty Neo4j (e.g. `cypher-shell -f`):
    the schema's constraints and indexes, then one MERGE per node (by id) and per relationship (by key),
    in a stable order. Running it twice changes nothing."""
    lines = [f"// okg graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships; schema version {SCHEMA.version}"]
    if constraints:
        lines += [s + ";" for s in SCHEMA.constraint_statements()]
    for n, d in sorted(G.nodes(data=True), key=lambda x: x[0]):
        labels = d["labels"]
        props = {k: v for k, v in d.items() if k != "labels"}
        extra = "".join(f"n:{_name(x)}, " for x in labels[1:])
        lines.append(f"MERGE (n:{_name(labels[0])} {{id: {cypher_literal(n)}}}) SET {extra}n += {_map(props)};")
    main = {n: d["labels"][0] for n, d in G.nodes(data=True)}
    for s, e, k, d in sorted(G.edges(keys=True, data=True), key=lambda x: x[2]):
        props = {x: v for x, v in d.items() if x != "type"}
        lines.append(
            f"MATCH (a:{_name(main[s])} {{id: {cypher_literal(s)}}}) MATCH (b:{_name(main[e])} {{id: {cypher_literal(e)}}}) "
            f"MERGE (a)-[r:{_name(d['type'])} {{key: {cypher_literal(k)}}}]->(b) SET r += {_map(props)};")
    return "\n".join(lines) + "\n"


# --- the appearance table: CSV, xlsx, Parquet ---------------------------------------------------------------

TABLE_LIBRARIES = {"appearances-xlsx": "openpyxl", "appearances-parquet": "pyarrow"}


class MissingLibrary(RuntimeError):
    """An export format whose library is not installed (the message says how to install it)."""


def require_library(fmt: str):
    """The module `fmt` is written with (None when it needs none), or MissingLibrary."""
    name = TABLE_LIBRARIES.get(fmt)
    if name is None:
        return None
    try:
        return import_module(name)
    except ImportError:
        raise MissingLibrary(f"{fmt} needs {name}, which is not installed: {TABLES_HINT}") from None


def _cells(row: dict) -> list:
    """A row for CSV and xlsx: lists joined by LIST_SEPARATOR, None as empty."""
    return [LIST_SEPARATOR.join(row[c]) if c in LIST_COLUMNS else row[c] for c in COLUMNS]


def write_appearances_csv(rows: list[dict], path: Path) -> None:
    with open(path, "w", newline="", encoding=CSV_ENCODING) as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        w.writerows(["" if v is None else v for v in _cells(row)] for row in rows)


def write_appearances_xlsx(rows: list[dict], path: Path) -> None:
    openpyxl = require_library("appearances-xlsx")
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("appearances")
    sheet.freeze_panes = "A2"
    sheet.append(COLUMNS)

    def cell(value):
        if not isinstance(value, str):
            return value
        c = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        c.data_type = "s"  # text as text: a cell starting with "=" is no formula
        return c

    for row in rows:
        sheet.append([cell(v) for v in _cells(row)])
    book.save(path)


def write_appearances_parquet(rows: list[dict], path: Path) -> None:
    pa = require_library("appearances-parquet")
    import pyarrow.parquet as pq  # noqa: PLC0415

    def column_type(name: str):
        return pa.list_(pa.string()) if name in LIST_COLUMNS else pa.int64() if name in INT_COLUMNS else pa.string()

    schema = pa.schema([(c, column_type(c)) for c in COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)


APPEARANCE_WRITERS = {
    "appearances-csv": write_appearances_csv,
    "appearances-xlsx": write_appearances_xlsx,
    "appearances-parquet": write_appearances_parquet,
}


# --- files ------------------------------------------------------------------------------------------------------


def write(G: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write G in `fmt` to `path` (a folder for csv). Returns the files written. MissingLibrary when
    the format's library is not installed."""
    path = Path(path)
    if fmt == "csv":
        return write_csv(G, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in APPEARANCE_WRITERS:
        APPEARANCE_WRITERS[fmt](appearance_rows(G), path)
    elif fmt in STREAMED:
        write_text = graphml_text if fmt == "graphml" else json_text
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(write_text(*_parts(G)))
    elif fmt == "gexf":
        nx.write_gexf(flatten(G, gexf=True), path)
    elif fmt == "cypher":
        path.write_text(cypher_script(G), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return [path]


def read(path: str | Path, fmt: str) -> nx.MultiDiGraph:
    """Read an export back into the store's shape (graphml, gexf, json, csv)."""
    path = Path(path)
    if fmt == "graphml":
        return unflatten(nx.read_graphml(path, force_multigraph=True))
    if fmt == "gexf":
        return unflatten(nx.read_gexf(path), gexf=True)
    if fmt == "json":
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    if fmt == "csv":
        return read_csv(path)
    raise ValueError(f"cannot read {fmt!r} back")


def same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> list[str]:
    """Differences between two graphs in the store's shape (empty when equal): for round-trip tests."""
    diffs = []
    if set(a.nodes) != set(b.nodes):
        diffs.append(f"nodes differ: {sorted(set(a.nodes) ^ set(b.nodes))[:5]}")
    for n in set(a.nodes) & set(b.nodes):
        if dict(a.nodes[n]) != dict(b.nodes[n]):
            da, db = dict(a.nodes[n]), dict(b.nodes[n])
            diffs.append(f"node {n}: {[k for k in set(da) | set(db) if da.get(k) != db.get(k)]}")
    ea = {(s, e, k): d for s, e, k, d in a.edges(keys=True, data=True)}
    eb = {(s, e, k): d for s, e, k, d in b.edges(keys=True, data=True)}
    if set(ea) != set(eb):
        diffs.append(f"relationships differ: {sorted(set(ea) ^ set(eb))[:5]}")
    for k in set(ea) & set(eb):
        if dict(ea[k]) != dict(eb[k]):
            diffs.append(f"relationship {k}: {[x for x in set(ea[k]) | set(eb[k]) if ea[k].get(x) != eb[k].get(x)]}")
    return diffs


