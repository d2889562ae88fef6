"""`okg analyze` as a user runs it: a real process over the embedded store loaded with the seed page
(extracted by the real pipeline, with the year of the page)."""

from __future__ import annotations

import json

import pytest

from test_cli import okg


@pytest.fixture(scope="module")
def data(seed_articles, tmp_path_factory):
    from okg.graph.embedded import EmbeddedStore

    folder = tmp_path_factory.mktemp("analyze")
    EmbeddedStore(data_dir=folder).load(seed_articles)
    return {"OKG_DATA_DIR": str(folder)}


def test_network_co_attendance_succession_and_shared_events(data):
    done = okg("analyze", "network", "--top", "3", env=data)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "co-attendance network: 18 people, 131 pairs, 2 communities"
    assert lines[2].startswith("解芳")  # the highest PageRank
    co = json.loads(okg("analyze", "co-attendance", "解芳", "--json", env=data).stdout)
    assert co["total"] == 17 and {c["name"]: c["weight"] for c in co["items"]}["李翔"] == 2
    posts = okg("analyze", "succession", "绛县委书记", env=data).stdout
    assert "绛县委书记" in posts and "解芳" in posts and "2022-03-25 .. 2022-03-31" in posts
    shared = okg("analyze", "shared", "解芳", "李翔", env=data).stdout
    assert shared.splitlines()[0] == "解芳 and 李翔 share 2 events:"
    spoke = okg("analyze", "network", "--role", "SPOKE", "--since", "2022-03-28", env=data).stdout
    assert spoke.splitlines()[0].startswith("co-attendance network: 6 people")


def test_bad_input_is_one_line_and_exit_2(data):
    for args, message in [
        (["co-attendance", "无此人"], "okg analyze: no person with id or name '无此人'"),
        (["network", "--role", "HOLDS"], "okg analyze: 'HOLDS' is no role at an event"),
        (["network", "--since", "2022-02-30"], "okg analyze: '2022-02-30' is not a calendar date"),
        (["network", "--since", "March"], "okg analyze: 'March' is not a date: YYYY-MM-DD, or --MM-DD"),
        (["network", "--place", "无此地"], "okg analyze: no place with id or name '无此地'"),
        (["succession", "无此职"], "okg analyze: no post with id '无此职' or a name containing it"),
    ]:
        done = okg("analyze", *args, env=data)
        assert done.returncode == 2 and done.stderr.startswith(message) and len(done.stderr.splitlines()) == 1, (args, done.stderr)


def test_an_unavailable_store_stops_with_one_line_and_exit_3(data, tmp_path):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = okg("analyze", "network", "--store", "neo4j", env={**data, "NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "x"})
    assert done.returncode == 3 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("okg analyze: the neo4j store is unavailable: ")
