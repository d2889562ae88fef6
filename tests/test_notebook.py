"""examples/quickstart.ipynb, executed by nbclient in a real IPython kernel with the real HanLP
engine: on the embedded store (a temporary OKG_DATA_DIR, as every test), and its Neo4j part on the
real Neo4j of NEO4J_URI (conftest's `neo4j_store`: cleared first; skipped locally, failed under CI,
when it is unreachable). A cell that raises fails the test; the outputs are read by the cells' tags."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NOTEBOOK = EXAMPLES / "quickstart.ipynb"


def executed(monkeypatch, data_dir: Path) -> dict[str, str]:
    """Tag -> the text the cell printed and showed (stdout, stderr, text/plain), after running it all
    with its embedded store in `data_dir` (the kernel inherits the environment)."""
    monkeypatch.setenv("OKG_DATA_DIR", str(data_dir))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    out = {}
    for cell in nb.cells:
        for tag in cell.metadata.get("tags", []):
            out[tag] = "".join(o.get("text") or o.get("data", {}).get("text/plain", "") for o in cell.get("outputs", []))
    return out


def test_the_notebook_runs_on_the_embedded_store(monkeypatch, tmp_path):
    monkeypatch.delenv("NEO4J_URI", raising=False)  # its Neo4j part is skipped
    out = executed(monkeypatch, tmp_path)
    assert "{'解芳': ['ATTENDED', 'SPOKE'], '李翔': ['ATTENDED', 'CHAIRED']}" in out["extract"]
    assert "title='书记', org='县委'" in out["position"]
    assert "new_articles=3, conflicts=[], nodes=77, relationships=125" in out["load"]
    assert out["graph"] == "<okg.Graph embedded: 77 nodes, 125 relationships>"
    assert "person-7fbc97ee1521   李翔  [绛县县长, 绛县委副书记]" in out["people"]
    assert "2022-03-28     meeting  全县抓党建促基层治理能力提升动员暨培训会议" in out["person_events"]
    assert "李翔  [ATTENDED, CHAIRED, SPOKE_AT]" in out["attendees"]
    assert len(out["co_attendance"].splitlines()) == 1 + 5  # the header and the five people 解芳 meets most
    assert out["appearances"].splitlines()[2].split() == ["李翔", "1", "2", "1", "0", "0", "1"]
    assert out["neo4j"] == "NEO4J_URI is not set: the Neo4j part is skipped\n"


def test_the_notebooks_neo4j_part_gives_the_embedded_stores_answers(neo4j_store, monkeypatch, tmp_path):
    out = executed(monkeypatch, tmp_path)  # NEO4J_URI is set (conftest), and neo4j_store emptied its database
    assert ": 77 nodes, 125 relationships\nthe same answers as the embedded store: True\n" in out["neo4j"]
    assert "event-497a9f173065ac7e  全县抓党建促基层治理能力提升动员暨培训会议" in out["neo4j"]
    assert neo4j_store.counts()["nodes"] == 77
    assert (tmp_path / "graph.json").is_file()
