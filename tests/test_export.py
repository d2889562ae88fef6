"""Exports: GraphML, GEXF and node-link JSON re-imported with networkx, CSV parsed back, the Cypher
script's escaping, and the appearance table (CSV, xlsx, Parquet) on the seed page as the real pipeline
extracts it, from both stores. (The Cypher script's round trip through Neo4j is tested with the Neo4j store.)"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

from pathlib import Path

import networkx as nx
import pytest

from factories import article, event, seed, synthetic_articles
from okg.cli import main
from okg.config import ROOT
from okg.graph import export
from okg.graph.appearances import COLUMNS, appearance_rows
from okg.graph.bulk import BulkGraph
from okg.graph.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    s = EmbeddedStore(data_dir=tmp_path_factory.mktemp("data"))
    s.load(seed())
    # awkward text: quotes, backslashes, newlines, a semicolon inside a list value
    s.load([article("odd", title="It's a \"test\" \\ line\nbreak; 分号", home="绛县", people={"奇怪": ["书记@县委"]})])
    # the CSV list separator inside a JSON list item (the event's spans) and a relationship's evidence
    s.load([article("semi", home="绛县", events=[event("meeting", name="分号会", sentence="会议强调；一要\\uff1b；二要",
                                                      participants={"奇怪": ["CHAIRED"]})])])
    return s.to_networkx()


@pytest.mark.parametrize("fmt,name", [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("json", "g.json"), ("csv", "csv")])
def test_round_trip_keeps_every_node_relationship_and_property(graph, tmp_path, fmt, name):
    path = tmp_path / name
    export.write(graph, fmt, path)
    back = export.read(path, fmt)
    assert (back.number_of_nodes(), back.number_of_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert export.same_graph(graph, back) == []


def test_graphml_and_gexf_open_in_plain_networkx_with_scalar_attributes(graph, tmp_path):
    export.write(graph, "graphml", tmp_path / "g.graphml")
    export.write(graph, "gexf", tmp_path / "g.gexf")
    for g in (nx.read_graphml(tmp_path / "g.graphml"), nx.read_gexf(tmp_path / "g.gexf")):
        assert g.number_of_nodes() == graph.number_of_nodes()
        for _, d in g.nodes(data=True):
            assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    person = next(d for _, d in gexf.nodes(data=True) if d["labels"] == ":Person" and d["label"] == "解芳")
    assert json.loads(person["articles"]) == ["seed-a", "seed-b", "seed-c"]


def test_csv_has_neo4j_admin_headers(graph, tmp_path):
    export.write(graph, "csv", tmp_path)
    with open(tmp_path / "nodes_Place.csv", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    assert header[:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in header
    with open(tmp_path / "rels_HOLDS.csv", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "start:int" in header and "spans:string[]" in header
    command = (tmp_path / "import.sh").read_text()
    assert 'database import full "$database" "$@"' in command  # the database before the options: 5.26 reads it so
    assert "--array-delimiter=U+FF1B" in command and "--nodes=nodes_Person.csv" in command


def test_import_sh_parses_as_multiline_only_the_files_with_a_line_break(graph, tmp_path):
    """neo4j-admin parses a multi-line file on one thread: import.sh names the files that need it
    (the articles, whose bodies have line breaks), and no other."""
    export.write(graph, "csv", tmp_path)
    broken = []
    for path in sorted(tmp_path.glob("*.csv")):
        with open(path, newline="", encoding="utf-8-sig") as f:
            if any("\n" in cell or "\r" in cell for row in csv.reader(f) for cell in row):
                broken.append(path.name)
    assert "nodes_Article.csv" in broken and "nodes_Place.csv" not in broken
    options = [line.strip().rstrip("\\").strip() for line in (tmp_path / "import.sh").read_text().splitlines()]
    assert "--multiline-fields-format=v2" in options
    listed = next(o for o in options if o.startswith("--multiline-fields=")).partition("=")[2].split(",")
    assert sorted(listed) == broken


def test_csv_starts_with_a_bom_and_joins_lists_with_the_fullwidth_semicolon(graph, tmp_path):
    export.write(graph, "csv", tmp_path)
    for path in tmp_path.glob("*.csv"):
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") and b"\x1f" not in data, path.name
    with open(tmp_path / "nodes_Person.csv", encoding="utf-8-sig") as f:
        person = next(row for row in csv.DictReader(f) if row["name"] == "解芳")
    assert person["articles:string[]"] == "seed-a；seed-b；seed-c"
    with open(tmp_path / "nodes_Event.csv", encoding="utf-8-sig") as f:
        spans = next(row for row in csv.DictReader(f) if row["name"] == "分号会")["spans:string[]"]
    assert "；" not in spans and json.loads(spans)["evidence"] == "会议强调；一要\\uff1b；二要"


def _neo4j_lib():
    """The folder of the Neo4j jars scripts/neo4j-local fetched (they hold neo4j-admin's import tool)."""
    jars = Path(os.environ.get("OKG_NEO4J_JARS", ROOT / ".jars" / "neo4j"))
    found = sorted(jars.glob("*/lib/neo4j-import-tool-*.jar"))
    if not found or not shutil.which("java"):
        if os.environ.get("CI"):
            pytest.fail(f"CI fetches the Neo4j jars, but there is no import tool under {jars} or no java")
        pytest.skip(f"no Neo4j jars under {jars} (scripts/neo4j-local fetch) or no java")
    return found[-1].parent


def test_neo4j_admin_imports_the_csv_export_with_every_property(graph, tmp_path):
    """The real `neo4j-admin database import full` (Neo4j's own import tool, run from its jars) takes
    the files and the command line of import.sh: BOM, `；` arrays and all."""
    lib = _neo4j_lib()
    export.write(graph, "csv", tmp_path / "csv")
    script = (tmp_path / "csv" / "import.sh").read_text(encoding="utf-8")
    assert 'database import full "$database" "$@"' in script
    options = [line.strip().rstrip("\\").strip() for line in script.splitlines() if line.strip().startswith("--")]
    command = ["neo4j-admin", "database", "import", "full", "neo4j", *options]
    home = tmp_path / "home"
    (home / "conf").mkdir(parents=True)
    r = subprocess.run(["java", "-Xmx256m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", *command[1:4], "neo4j", *command[5:],
                        "--max-off-heap-memory=64m", "--threads=1"],
                       cwd=tmp_path / "csv", capture_output=True, text=True, timeout=300,
                       env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")})
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    imported = dict((kind, int(n)) for n, kind in re.findall(r"^\s+(\d+) (nodes|relationships|properties)$", r.stdout, re.M))
    properties = (sum(1 + sum(k != "labels" and v is not None for k, v in d.items()) for _, d in graph.nodes(data=True))
                  + sum(sum(k != "type" and v is not None for k, v in d.items()) for _, _, d in graph.edges(data=True)))
    assert imported == {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(), "properties": properties}


def test_csv_refuses_a_list_item_holding_the_separator(graph, tmp_path):
    G = graph.copy()
    person = next(n for n, d in G.nodes(data=True) if d.get("name") == "解芳")
    G.nodes[person]["titles"] = ["绛县委书记；县长"]
    with pytest.raises(ValueError, match=f"{person}.titles has a list item with ；"):
        export.write(G, "csv", tmp_path)


def test_the_bulk_graph_writes_the_csv_of_the_embedded_stores_graph(tmp_path):
    """okg load --bulk builds its graph in plain dicts (okg.graph.bulk.BulkGraph), not in an embedded
    store: on a synthetic corpus of many sources, loaded twice (the second time changes nothing), its
    CSV holds the same graph as the export of the embedded store's, and the same lines."""
    articles = synthetic_articles(120, seed=4)
    store = EmbeddedStore(data_dir=tmp_path / "data")
    store.load(articles)
    export.write_csv(store.to_networkx(), tmp_path / "embedded")
    bulk = BulkGraph()
    report = bulk.load(articles + articles[:10])
    assert (report.new_articles, len(report.articles)) == (120, 130)
    bulk.write_csv(tmp_path / "bulk")
    embedded, built = export.read_csv(tmp_path / "embedded"), export.read_csv(tmp_path / "bulk")
    assert built.number_of_edges() > 2000
    assert export.same_graph(embedded, built) == []
    names = sorted(p.name for p in (tmp_path / "embedded").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "bulk").iterdir())
    for name in names:  # rows in another order (the articles', not sorted by id), else the same
        lines = (tmp_path / "embedded" / name).read_text(encoding="utf-8-sig").splitlines()
        assert sorted(lines) == sorted((tmp_path / "bulk" / name).read_text(encoding="utf-8-sig").splitlines()), name


def test_graphml_has_a_label_key_with_the_name(graph, tmp_path):
    export.write(graph, "graphml", tmp_path / "g.graphml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(tmp_path / "g.graphml").getroot()
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.findall("g:key", ns)}
    assert keys[("node", "label")] == "label" and keys[("edge", "label")] == "label"
    labels = {n.get("id"): n.find("g:data[@key='label']", ns).text for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    assert labels == {n: d["name"] for n, d in graph.nodes(data=True)}
    export.write(graph, "gexf", tmp_path / "g.gexf")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    assert {n: d["label"] for n, d in gexf.nodes(data=True)} == labels


def test_cypher_literals_are_escaped():
    assert export.cypher_literal("It's \\ a\nb") == "'It\\'s \\\\ a\\nb'"
    assert export.cypher_literal(["a'", 3, True]) == "['a\\'', 3, true]"
    assert export.cypher_literal("\x01") == "'\\u0001'"


def test_cypher_script_merges_every_node_and_relationship(graph):
    script = export.cypher_script(graph)
    lines = script.splitlines()
    assert sum(line.startswith("MERGE (n:") for line in lines) == graph.number_of_nodes()
    assert sum(line.startswith("MATCH (a:") for line in lines) == graph.number_of_edges()
    assert "CREATE CONSTRAINT person_id IF NOT EXISTS" in script
    assert "$" not in script.replace("$", "") and "SET n:`Village`" in script
    assert all(line.endswith(";") for line in lines[1:])


def test_okg_export_command(tmp_path, monkeypatch):
    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    report = EmbeddedStore(data_dir=tmp_path / "data").load(seed())
    assert main(["export", "--format", "graphml", "-o", str(tmp_path / "out.graphml")]) == 0
    exported = nx.read_graphml(tmp_path / "out.graphml")
    assert (exported.number_of_nodes(), exported.number_of_edges()) == (report.nodes, report.relationships) != (0, 0)


def test_okg_load_command_reads_facts_json_and_jsonl(tmp_path, monkeypatch):
    from okg.facts import Page

    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "page.json").write_text(Page(articles=seed(home=None)).model_dump_json(), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("\n".join(a.model_dump_json() for a in seed()), encoding="utf-8")
    assert main(["load", str(tmp_path / "page.json"), "--home", "绛县"]) == 0
    counts = EmbeddedStore(data_dir=tmp_path / "data").counts()
    assert main(["load", str(tmp_path / "lines.jsonl")]) == 0  # the same articles: nothing new
    assert EmbeddedStore(data_dir=tmp_path / "data").counts() == counts
    assert main(["load", str(tmp_path / "missing.json")]) == 1  # a bad input: named, skipped


# ---------------------------------------------------------------------------------------------------
# The appearance table, on the seed page as the real pipeline extracts it
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graph(seed_articles, tmp_path_factory):
    store = EmbeddedStore(data_dir=tmp_path_factory.mktemp("seed"))
    store.load(seed_articles)
    return store.to_networkx()


def _row(rows, person, role, **where):
    found = [r for r in rows if r["person"] == person and r["role"] == role and all(r[k] == v for k, v in where.items())]
    assert len(found) == 1, (person, role, where, found)
    return found[0]


def test_appearance_rows_on_the_seed(seed_graph):
    rows = appearance_rows(seed_graph)
    roles = {"ATTENDED", "CHAIRED", "SPOKE_AT", "ACCOMPANIED", "GUIDED", "INSPECTED"}
    assert len(rows) == sum(d["type"] in roles for _, _, d in seed_graph.edges(data=True))
    assert len({(r["person_id"], r["event_id"], r["role"], r["target_id"]) for r in rows}) == len(rows)
    meeting = "全县抓党建促基层治理能力提升动员暨培训会议"
    chair = _row(rows, "李翔", "CHAIRED", event=meeting)
    assert chair["titles"] == ["绛县县长", "绛县委副书记"] and chair["date"] == "2022-03-28"
    assert chair["event_type"] == "meeting" and "县宾馆餐厅二楼会议室" in chair["place"] and len(chair["place"]) == len(chair["place_id"])
    assert "李翔主持会议" in chair["evidence"] and chair["source"] == "000_04f34b3896c38351.txt"
    body = seed_graph.nodes[chair["article_id"]]["body"]
    assert chair["article_title"] == seed_graph.nodes[chair["article_id"]]["title"] and chair["evidence"].replace("\n", "") in body.replace("\n", "")
    assert len({r["person"] for r in rows if r["event"] == meeting and r["role"] == "ATTENDED"}) == 16
    village = _row(rows, "赵晔", "INSPECTED", target="西灌底村")
    assert village["site"] == "横水镇西灌底村卡口" and village["event_type"] == "inspection" and village["target_id"].startswith("place-")
    assert village["titles"] == ["运城市委常委", "运城市委组织部部长"] and village["evidence_start"] < village["evidence_end"]
    assert [r["target"] for r in rows if r["role"] != "INSPECTED"] == [None] * sum(r["role"] != "INSPECTED" for r in rows)
    assert rows == sorted(rows, key=lambda r: (r["person"], r["person_id"], r["date"] or "~", r["event_id"], r["role"], r["target_id"] or ""))


def test_titles_are_those_of_the_time(tmp_path):
    """A post seen in one article is not put on an event of another: titles are of the event's article,
    else of the posts whose sightings span its date."""
    store = EmbeddedStore(data_dir=tmp_path)
    store.load([article("a1", date="2022-01-10", home="绛县", people={"王五": ["副县长"]},
                        events=[event("meeting", name="一月会", participants={"王五": []})]),
                article("a2", date="2022-06-10", home="绛县", people={"王五": ["县长"]},
                        events=[event("meeting", name="六月会", participants={"王五": ["CHAIRED"]})]),
                article("a3", date="2022-06-20", home="绛县", people={},
                        events=[event("meeting", name="无头衔会", participants={"王五": []})])])
    rows = appearance_rows(store.to_networkx())
    assert _row(rows, "王五", "ATTENDED", event="一月会")["titles"] == ["绛县副县长"]
    assert _row(rows, "王五", "CHAIRED", event="六月会")["titles"] == ["绛县县长"]
    assert _row(rows, "王五", "ATTENDED", event="无头衔会")["titles"] == []  # 县长 was last seen on 06-10


def test_appearances_csv_xlsx_and_parquet_hold_the_same_table(seed_graph, tmp_path):
    import openpyxl
    import pyarrow.parquet as pq

    G = seed_graph.copy()
    s, e, k = next((s, e, k) for s, e, k, d in G.edges(keys=True, data=True) if d["type"] == "CHAIRED")
    G.edges[s, e, k]["evidence"] = "=HYPERLINK(\"http://x\")主持"  # text, never a formula
    rows = appearance_rows(G)
    for fmt in export.APPEARANCE_FORMATS:
        export.write(G, fmt, tmp_path / fmt.replace("-", "."))
    data = (tmp_path / "appearances.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\x1f" not in data
    with open(tmp_path / "appearances.csv", newline="", encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert table[0] == COLUMNS and len(table) == len(rows) + 1

    def joined(row):
        return ["；".join(row[c]) if isinstance(row[c], list) else "" if row[c] is None else str(row[c]) for c in COLUMNS]

    assert table[1:] == [joined(r) for r in rows]
    sheet = openpyxl.load_workbook(tmp_path / "appearances.xlsx").active
    cells = [[c.value for c in line] for line in sheet.iter_rows()]
    assert cells[0] == COLUMNS
    assert [["" if v is None else str(v) for v in line] for line in cells[1:]] == [joined(r) for r in rows]
    formula = next(c for line in sheet.iter_rows() for c in line if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"
    parquet = pq.read_table(tmp_path / "appearances.parquet")
    import pyarrow as pa

    assert parquet.column_names == COLUMNS and parquet.schema.field("titles").type == pa.list_(pa.string())
    assert parquet.schema.field("evidence_start").type == pa.int64()
    assert parquet.to_pylist() == rows


@pytest.mark.neo4j
def test_both_stores_give_the_same_appearance_table(seed_articles, seed_graph, neo4j_store):
    neo4j_store.load(seed_articles)
    assert appearance_rows(neo4j_store.to_networkx()) == appearance_rows(seed_graph)


def test_okg_export_appearances_csv(tmp_path, monkeypatch, seed_articles):
    monkeypatch.setenv("OKG_DATA_DIR", str(tmp_path / "data"))
    EmbeddedStore(data_dir=tmp_path / "data").load(seed_articles)
    assert main(["export", "--format", "appearances-csv", "-o", str(tmp_path / "a.csv")]) == 0
    with open(tmp_path / "a.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert {r["person"] for r in rows if r["role"] == "CHAIRED"} == {"李翔", "解伟龙"}


def test_okg_export_without_the_table_library_says_how_to_install_it(tmp_path):
    """In a Python where openpyxl cannot be imported, the export stops with one line naming the extra."""
    code = ("import sys; sys.modules['openpyxl'] = None; from okg.cli import main; "
            f"sys.exit(main(['export', '--format', 'appearances-xlsx', '-o', {str(tmp_path / 'a.xlsx')!r}]))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={"OKG_DATA_DIR": str(tmp_path / "none"), "PATH": ""})
    assert r.returncode == 2 and not (tmp_path / "a.xlsx").exists()
    assert r.stderr.strip().splitlines() == ["okg export: appearances-xlsx needs openpyxl, which is not installed: pip install 'okg[tables]'"]
