"""Exports: GraphML, GEXF and node-link JSON re-imported with networkx, CSV parsed back, and the
Cypher script's escaping. (The Cypher script's round trip through Neo4j is tested with the Neo4j store.)"""

import csv
import json

import networkx as nx
import pytest

from factories import article, seed
from okg.cli import main
from okg.graph import export
from okg.graph.embedded import EmbeddedStore


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    s = EmbeddedStore(data_dir=tmp_path_factory.mktemp("data"))
    s.load(seed())
    # awkward text: quotes, backslashes, newlines, a semicolon inside a list value
    s.load([article("odd", title="It's a \"test\" \\ line\nbreak; 分号", home="绛县", people={"奇怪": ["书记@县委"]})])
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
    with open(tmp_path / "nodes_Place.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in header
    with open(tmp_path / "rels_HOLDS.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "start:int" in header and "spans:string[]" in header
    command = (tmp_path / "import.sh").read_text()
    assert "--array-delimiter=U+001F" in command and "--nodes=nodes_Person.csv" in command


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
