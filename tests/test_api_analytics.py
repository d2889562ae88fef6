"""The analytics routes, the routes the web page adds (/people/{id}/inspections, /ego-network,
/events/{id}/article) and the page's own addresses, over both stores loaded with the seed page as
the real pipeline extracts it (conftest's `seed_articles`); the answers of the two stores are
compared too."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from okg.api.app import create_app
from okg.api.webpage import vendor_missing

MEETING = "全县抓党建促基层治理能力提升动员暨培训会议"


@pytest.fixture(scope="module")
def clients(request, seed_articles, tmp_path_factory):
    """{"embedded": client, "neo4j": client (when Neo4j is reachable)} over the seed."""
    from okg.graph.embedded import EmbeddedStore

    embedded = EmbeddedStore(data_dir=tmp_path_factory.mktemp("analytics-api"))
    embedded.load(seed_articles)
    out = {"embedded": TestClient(create_app(embedded, store_kind="embedded"))}
    neo4j = request.getfixturevalue("neo4j_session_store")
    neo4j.clear()
    neo4j.load(seed_articles)
    out["neo4j"] = TestClient(create_app(neo4j, store_kind="neo4j"))
    with out["embedded"], out["neo4j"]:
        yield out


@pytest.fixture(params=["embedded", "neo4j"])
def api(request, clients):
    return clients[request.param]


def get(api, url, status=200, **params):
    r = api.get(url, params=params)
    assert r.status_code == status, (url, r.text)
    return r.json()


def ids(api):
    xie = get(api, "/people", q="解芳")["items"][0]["id"]
    li = get(api, "/people", q="李翔")["items"][0]["id"]
    meeting = get(api, "/events", q=MEETING)["items"][0]["id"]
    return xie, li, meeting


def test_network_centrality_and_communities(api):
    xie, li, _ = ids(api)
    edges = get(api, "/analytics/co-attendance", limit=500)
    pair = [e for e in edges["items"] if {e["a"]["id"], e["b"]["id"]} == {xie, li}]
    assert [e["weight"] for e in pair] == [2]  # the inspection and the meeting
    central = get(api, "/analytics/centrality", limit=500)
    assert central["items"][0]["name"] == "解芳" and central["total"] == 18
    by_betweenness = get(api, "/analytics/centrality", order="betweenness", limit=3)["items"]
    assert by_betweenness[0]["betweenness"] >= by_betweenness[-1]["betweenness"]
    communities = get(api, "/analytics/communities")
    assert sum(c["size"] for c in communities["items"]) == 18
    spoke = get(api, "/analytics/centrality", role="SPOKE", limit=500)
    assert {p["name"] for p in spoke["items"]} == {"解芳", "李翔", "吉俊红", "苏文芸", "李政", "许学惠"}
    assert get(api, "/analytics/centrality", since="2022-03-29")["total"] == 2  # the training: 解芳, 解伟龙
    get(api, "/analytics/centrality", 422, role="HOLDER")
    get(api, "/analytics/centrality", 422, since="2022-02-30")
    assert get(api, "/analytics/co-attendance", place="place-unknown")["total"] == 0


def test_posts_succession_and_shared_events(api):
    xie, li, meeting = ids(api)
    [secretary] = [p for p in get(api, "/analytics/posts", q="绛县委书记")["items"] if p["name"] == "绛县委书记"]
    post = get(api, f"/analytics/posts/{secretary['id']}/succession")
    assert [(h["person"]["name"], h["first_seen"], h["last_seen"], h["predecessor"], h["successor"]) for h in post["holders"]] == [
        ("解芳", "2022-03-25", "2022-03-31", None, None)]
    get(api, "/analytics/posts/position-unknown/succession", 404)
    shared = get(api, "/analytics/shared-events", a=xie, b=li)
    assert [e["date"] for e in shared["items"]] == ["2022-03-25", "2022-03-28"]
    assert [e["roles_of_b"] for e in shared["items"] if e["id"] == meeting] == [["ATTENDED", "CHAIRED", "SPOKE_AT"]]
    assert get(api, "/analytics/shared-events", 404, a=xie, b="person-nobody")["detail"] == "no person with id 'person-nobody'"


def test_what_the_person_and_event_pages_ask(api):
    xie, li, meeting = ids(api)
    ego = get(api, f"/people/{xie}/ego-network", people=5)
    assert (ego["people_shown"], ego["people_total"]) == (5, 17)
    assert len([n for n in ego["nodes"] if n["kind"] == "event"]) == 3
    assert {e["role"] for e in ego["edges"] if e["source"] == li} == {"ACCOMPANIED", "CHAIRED"}
    get(api, "/people/nobody/ego-network", 404)
    zhao = get(api, "/people", q="赵晔")["items"][0]["id"]
    assert {i["target"] for i in get(api, f"/people/{zhao}/inspections")} >= {"西灌底村", "菏宝高速闻垣段绛县西高速卡口"}
    assert get(api, f"/people/{xie}/inspections") == []
    art = get(api, f"/events/{meeting}/article")
    text = art["text"]
    [event_span] = [s for s in art["spans"] if s["kind"] == "event"]
    assert text[event_span["start"]:event_span["end"]].replace("\n", "") == MEETING
    chair = [s for s in art["spans"] if s["kind"] == "participant" and s["person_id"] == li and "CHAIRED" in s["label"]]
    assert any("李翔主持会议" in text[s["start"]:s["end"]].replace("\n", "") for s in chair)
    get(api, "/events/nothing/article", 404)


def test_same_answers_on_both_stores(clients):
    embedded, neo4j = clients["embedded"], clients["neo4j"]
    xie, li, meeting = ids(embedded)
    urls = ["/analytics/co-attendance?limit=500", "/analytics/centrality?limit=500", "/analytics/communities",
            "/analytics/centrality?role=SPOKE_AT", "/analytics/posts?limit=500", f"/people/{xie}/ego-network",
            f"/analytics/shared-events?a={xie}&b={li}", f"/events/{meeting}/article"]
    urls += [f"/analytics/posts/{p['id']}/succession" for p in get(embedded, "/analytics/posts", limit=500)["items"]]
    for url in urls:
        assert neo4j.get(url).json() == embedded.get(url).json(), url


def test_the_page_has_an_address_for_each_view(clients):
    api = clients["embedded"]
    xie, _, meeting = ids(api)
    r = api.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/ui/"
    for url in ["/ui/", f"/ui/person/{xie}", f"/ui/event/{meeting}", "/ui/place/any-id", "/ui/agency/any-id", "/ui/search?q=解芳"]:
        r = api.get(url)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and '<main id="view"' in r.text, url
    assert api.get("/ui/nothing/x").status_code == 404
    assert "function personView" in api.get("/ui/static/app.js").text
    if not vendor_missing():  # `make ui` copies it; the browser test needs it and says so
        assert api.get("/ui/static/vendor/cytoscape.min.js").status_code == 200
    assert "/ui/" not in str(api.get("/openapi.json").json()["paths"])  # the page is no API route
