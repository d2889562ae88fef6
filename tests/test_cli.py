"""The `okg` command as a user runs it: real processes, real files, real HanLP."""

import json
import os
import subprocess
import sys

from okg.config import ROOT
from okg.facts import Page

SEED = ROOT / "fixtures" / "000_04f34b3896c38351.txt"


def okg(*args, env=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "okg.cli", *args],
        capture_output=True, text=True, input=stdin, cwd=ROOT, env={**os.environ, **(env or {})}, timeout=300,
    )


def test_extract_writes_the_facts_of_every_article_as_json(tmp_path):
    out = tmp_path / "seed.json"
    done = okg("extract", str(SEED), "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = Page.model_validate_json(out.read_text(encoding="utf-8"))
    assert [a.title for a in page.articles] == [
        "我县召开抓党建促基层治理能力提升动员暨培训会议",
        "赵晔到我县实地督导检查疫情防控工作",
        "全县领导干部学习贯党的十九届六中全会精神抓党建促基层治理能力提升暨全方位推动高质量发展培训班开班",
    ]
    assert "okg extract: 3 articles" in done.stderr


def test_jsonl_from_stdin():
    done = okg("extract", "-", "--format", "jsonl", stdin="本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话。")
    assert done.returncode == 0, done.stderr
    article = json.loads(done.stdout.splitlines()[0])
    assert article["persons"][0]["name"] == "周建军"


def test_bad_files_are_reported_one_line_each_and_the_rest_is_extracted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_empty.txt").write_bytes(b"")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01\x02garbage\x00" * 10)
    (folder / "c_english.txt").write_text("nothing Chinese here", encoding="utf-8")
    (folder / "d_seed.txt").write_bytes(SEED.read_bytes())
    (folder / "e_gb18030.txt").write_bytes("本报讯 5月6日，县委书记周建军出席会议并讲话。".encode("gb18030"))
    out = tmp_path / "out.jsonl"
    done = okg("extract", str(folder), "--format", "jsonl", "-o", str(out))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2 and "a_empty.txt" in errors[0] and "b_binary.txt" in errors[1]
    assert any("c_english.txt" in line and "warning" in line for line in done.stderr.splitlines())
    names = {p["name"] for line in out.read_text(encoding="utf-8").splitlines() for p in json.loads(line)["persons"]}
    assert {"解芳", "周建军"} <= names


def test_a_missing_file_and_a_bad_date_are_clear_errors(tmp_path):
    done = okg("extract", str(tmp_path / "nope.txt"))
    assert done.returncode == 1 and "nope.txt" in done.stderr and "Traceback" not in done.stderr
    done = okg("extract", str(SEED), "--date", "March")
    assert done.returncode == 2 and "2022-03-28" in done.stderr


def test_schema_prints_the_json_schema_of_the_facts():
    done = okg("schema")
    schema = json.loads(done.stdout)
    assert {"Article", "Event", "Evidence", "Position"} <= set(schema["$defs"])


def test_demo_extracts_the_fixtures_and_builds_the_embedded_graph(tmp_path):
    done = okg("demo", "--no-serve", env={"OKG_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    assert "extracted 3 articles" in done.stdout
    assert (tmp_path / "data" / "graph.json").is_file()


def test_the_published_json_schema_is_the_one_the_models_make():
    """okg/facts.schema.json is published for users; regenerate it with `okg schema -o okg/facts.schema.json`."""
    published = json.loads((ROOT / "okg" / "facts.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads(okg("schema").stdout)


def test_load_text_into_neo4j_and_export_it(neo4j_store, tmp_path):
    """okg load extracts text first; okg export writes what the store holds."""
    done = okg("load", str(SEED), "--store", "neo4j")
    assert done.returncode == 0, done.stderr
    counts = neo4j_store.counts()
    assert (counts["nodes"], counts["relationships"]) == (77, 125)
    out = tmp_path / "seed.graphml"
    assert okg("export", "--store", "neo4j", "--format", "graphml", "-o", str(out)).returncode == 0
    import networkx as nx

    graph = nx.read_graphml(out)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (77, 125)
