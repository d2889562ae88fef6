"""The Python API (okg.notebook, `import okg`): the REST API's answers on either store, as pydantic
models and pandas DataFrames, and the README's `## Python API` section run as printed.

The graph is the seed page (fixtures/) extracted by the real pipeline and HanLP (conftest's
`seed_articles`), loaded through `Graph.load` into the embedded store on a temporary folder and into
the real Neo4j of NEO4J_URI (conftest; skipped locally, failed under CI, when it is unreachable).
Each question is asked of the Python API and of the REST API over the same store, and the two
answers must be the same JSON.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

import okg
from okg.api.app import create_app

ROOT = Path(__file__).resolve().parent.parent
KINDS = ["embedded", "neo4j"]


@pytest.fixture(params=KINDS, ids=KINDS)
def graph(request, tmp_path, seed_articles):
    """okg.open_graph of each store, empty, then loaded with the seed's articles."""
    if request.param == "neo4j":
        request.getfixturevalue("neo4j_store")  # Neo4j reachable (else skip) and its database cleared
        opened = okg.open_graph("neo4j")
    else:
        opened = okg.open_graph("embedded", data_dir=tmp_path / "data")
    loaded = opened.load(seed_articles)
    assert loaded.new_articles == len(seed_articles) == 3
    yield opened
    opened.close()


@pytest.fixture
def rest(graph):
    with TestClient(create_app(graph.store, store_kind=graph.kind)) as client:
        yield client


def _json(model) -> dict:
    return model.model_dump(mode="json")


def test_import_okg_loads_no_engine_store_or_pandas():
    code = "import sys, okg; print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in ('jpype', 'pandas', 'networkx', 'neo4j', 'pydantic') or m.startswith('okg.'))))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []


def test_each_question_answers_what_its_route_answers(graph, rest):
    li_xiang = graph.people("李翔").items[0].id
    meeting = graph.person_events("李翔", role="CHAIRED").items[0].id
    asked = [
        (graph.people("李"), "/people?q=李"),
        (graph.search("西灌底"), "/search?q=西灌底"),
        (graph.person("李翔"), f"/people/{li_xiang}"),
        (graph.person_events(li_xiang, role="CHAIRED", since="2022-03-01", until="2022-03-31"),
         f"/people/{li_xiang}/events?role=CHAIRED&since=2022-03-01&until=2022-03-31"),
        (graph.co_attendance("解芳", limit=3), f"/people/{graph.person('解芳').id}/network?limit=3"),
        (graph.events(type="meeting", q="会议"), "/events?type=meeting&q=会议"),
        (graph.events(place="西灌底村"), f"/events?place={graph.search('西灌底村').items[0].id}"),
        (graph.event(meeting), f"/events/{meeting}"),
        (graph.event_attendees(meeting, role="SPOKE", limit=3, offset=1), f"/events/{meeting}/attendees?role=SPOKE&limit=3&offset=1"),
        (graph.network(role="SPOKE_AT", limit=5), "/analytics/co-attendance?role=SPOKE_AT&limit=5"),
        (graph.shared_events("解芳", li_xiang), f"/analytics/shared-events?a={graph.person('解芳').id}&b={li_xiang}"),
    ]
    for answer, path in asked:
        response = rest.get(path)
        assert response.status_code == 200, (path, response.text)
        assert _json(answer) == response.json(), path
    assert graph.person_events(li_xiang, role="CHAIRED").total == 1  # the seed's meeting, which 李翔 chaired


def test_frames_have_a_row_per_item_and_a_column_per_field(graph):
    people = graph.people("李", as_frame=True)
    assert isinstance(people, pd.DataFrame)
    assert list(people.columns) == ["id", "name", "titles"]
    assert people.to_dict("records") == [p.model_dump() for p in graph.people("李").items]
    assert "李翔" in set(people.name)
    pairs = graph.network(limit=None).to_frame()  # a model inside an item is spread over columns
    assert list(pairs.columns) == ["a_id", "a_name", "b_id", "b_name", "weight"]
    assert len(pairs) == graph.network(limit=None).total > 50
    attendees = graph.event_attendees(graph.person_events("李翔", role="CHAIRED").items[0].id, as_frame=True)
    assert attendees[attendees.name == "李翔"].roles.iloc[0] == ["ATTENDED", "CHAIRED", "SPOKE_AT"]


def test_an_empty_answer_still_has_its_columns(graph):
    assert list(graph.people("没有此人", as_frame=True).columns) == ["id", "name", "titles"]
    assert list(graph.events(since="2030-01-01", as_frame=True).columns) == ["id", "name", "type", "date", "roles"]


def test_who_attended_what_is_the_appearance_table(graph, rest):
    table = graph.appearances()
    chairs = table[table.role == "CHAIRED"]
    assert ("李翔", "全县抓党建促基层治理能力提升动员暨培训会议", "2022-03-28") in set(zip(chairs.person, chairs.event, chairs.date))
    exported = pd.read_csv(io.StringIO(rest.get("/export?format=appearances-csv").content.decode("utf-8-sig")))
    assert list(table.columns) == list(exported.columns)
    assert len(table) == len(exported)
    rows = graph.appearances(as_frame=False)
    assert [(r["person"], r["role"], r["event_id"]) for r in rows] == list(zip(table.person, table.role, table.event_id))


@pytest.mark.parametrize(
    "ask, message",
    [
        (lambda g: g.person("没有此人"), "no person with id or name '没有此人'"),
        (lambda g: g.event("event-nope"), "no event with id 'event-nope'"),
        (lambda g: g.event_attendees("event-nope"), "no event with id 'event-nope'"),
        (lambda g: g.events(place="nowhere"), "no place with id or name 'nowhere'"),
        (lambda g: g.person_events("李翔", since="2022-02-30"), "'2022-02-30' is not a calendar date: YYYY-MM-DD, or --MM-DD (MM-DD) for a month and day of any year, the yearless ones included"),
        (lambda g: g.person_events("李翔", until="20220331"), "'20220331' is not a date: YYYY-MM-DD, or --MM-DD (MM-DD) for a month and day of any year, the yearless ones included"),
        (lambda g: g.person_events("李翔", role="HOLDS"), "'HOLDS' is no role at an event; one of ACCOMPANIED, ATTENDED, CHAIRED, GUIDED, INSPECTED, SPOKE_AT"),
        (lambda g: g.events(type="party"), "'party' is no event type; one of meeting, inspection, training, visit, other"),
        (lambda g: g.people(limit=0), "limit must be a whole number, 1 or more (None for all), not 0"),
        (lambda g: g.people(offset=-1), "offset must be a whole number, 0 or more, not -1"),
    ],
)
def test_bad_questions_say_what_is_wrong_in_one_line(graph, ask, message):
    with pytest.raises(ValueError) as raised:
        ask(graph)
    assert str(raised.value) == message


def test_unknown_is_what_names_nothing(graph):
    with pytest.raises(okg.Unknown):
        graph.co_attendance("person-nope")


def test_load_reads_folders_as_okg_load_and_again_changes_nothing(tmp_path, capfd):
    with okg.open_graph("embedded", data_dir=tmp_path / "data") as graph:
        first = graph.load(ROOT / "fixtures", date="2022-04-01")
        again = graph.load([str(ROOT / "fixtures")], date="2022-04-01")
        assert (first.new_articles, again.new_articles) == (3, 0)
        assert (again.nodes, again.relationships) == (first.nodes, first.relationships) == (graph.counts()["nodes"], graph.counts()["relationships"])
        assert graph.events(since="2022-03-01", until="2022-03-31").total == 3  # date= gave the yearless dates their year
    assert "000_04f34b3896c38351.txt: 绛县 (140826)" in capfd.readouterr().err  # the home chosen, as okg load says it
    with okg.open_graph("embedded", data_dir=tmp_path / "data") as reopened:  # the store persisted in data_dir
        assert reopened.counts()["nodes"] == first.nodes
    (tmp_path / "empty.txt").write_bytes(b"")
    with okg.open_graph("embedded", data_dir=tmp_path / "other") as graph:
        assert graph.load(tmp_path / "empty.txt").articles == []
    assert re.search(r"^okg: error: .*empty\.txt: ", capfd.readouterr().err, re.M)


def test_extract_text_gives_the_facts_as_models():
    text = "本报讯 3月28日，全县抓党建促基层治理能力提升动员暨培训会议召开。县委书记解芳出席并作动员讲话，县委副书记、县长李翔主持会议。"
    [article] = okg.extract_text(text, date="2022-04-01")
    assert isinstance(article, okg.Article)
    [meeting] = article.events
    assert (meeting.type.value, meeting.date) == ("meeting", "2022-03-28")
    assert {p.person: [r.value for r in p.roles] for p in meeting.participants} == {"解芳": ["ATTENDED", "SPOKE"], "李翔": ["ATTENDED", "CHAIRED"]}
    with pytest.raises(ValueError, match=r"^'2022-02-30' is not a calendar date"):
        okg.extract_text(text, date="2022-02-30")
    with pytest.raises(TypeError, match="extract_text takes the text as a str, not PosixPath"):
        okg.extract_text(ROOT / "fixtures")


def test_open_graph_refuses_what_it_cannot_open(tmp_path):
    with pytest.raises(ValueError, match="^unknown store 'sqlite'; one of embedded, neo4j$"):
        okg.open_graph("sqlite")
    with pytest.raises(okg.StoreUnavailable) as raised:
        okg.open_graph("neo4j", uri="bolt://127.0.0.1:1")
    assert "\n" not in str(raised.value) and "127.0.0.1:1" in str(raised.value)
    (tmp_path / "file").write_text("")
    with pytest.raises(okg.StoreUnavailable, match="is a file, not a folder"):
        okg.open_graph("embedded", data_dir=tmp_path / "file")


def test_without_pandas_a_frame_says_how_to_install_it(tmp_path):
    # pandas made unimportable (as when it is not installed); the models still answer
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import okg\n"
        f"graph = okg.open_graph('embedded', data_dir={str(tmp_path / 'data')!r})\n"
        "print(graph.people().total)\n"
        "graph.people(as_frame=True)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == "0\n"
    assert run.stderr.strip().splitlines()[-1] == "ImportError: pandas is needed for DataFrames: pip install 'okg[notebook]'"


# --- the README's section ------------------------------------------------------------------------


def readme_section(heading: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start: end if end != -1 else len(text)]


def blocks(section: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", section, re.S | re.M)


def test_readme_python_api_section_runs_and_prints_what_it_shows(tmp_path):
    section = readme_section("## Python API")
    code, shown = blocks(section, "python"), blocks(section, "text")
    assert code and shown
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")  # run as from the repository, writing into tmp_path
    env = {**os.environ, "COLUMNS": "80"}
    for attempt in ("first", "again"):  # a second run finds the articles loaded and prints the same
        run = subprocess.run([sys.executable, "-c", "\n".join(code)], cwd=tmp_path, capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        assert run.stdout == "".join(shown), attempt
    assert (tmp_path / "out" / "notebook" / "graph.json").is_file()
