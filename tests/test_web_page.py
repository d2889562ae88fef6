"""The web page in a real browser: Debian's headless Chromium driven by Playwright (the system
browser through `executable_path`; `playwright install` is never needed), over `okg serve` (a real
uvicorn on a free port) on the seed page extracted by the real pipeline into the embedded store.

It searches, opens 解芳 (her post on the timeline, her ego network drawn by cytoscape.js with as
many nodes as the API gives), follows a node of the network, opens the 3月28日 meeting (16
attendees, the evidence marked in the article), a place, and an address typed in directly.
Screenshots go to out/ui-*.png. Without chromium (or the page's JavaScript, `make ui`) the test is
skipped locally and fails under CI, which installs them (.ci/run, make install).
"""

from __future__ import annotations

import os
import shutil

import httpx
import pytest

from okg.api.webpage import VENDOR_HINT, vendor_missing
from test_api import ROOT, start_server, stop_server

MEETING = "全县抓党建促基层治理能力提升动员暨培训会议"
OUT = ROOT / "out"


def _needs(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"CI installs it, but {what}", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="module")
def server(seed_articles, tmp_path_factory):
    from okg.graph.embedded import EmbeddedStore

    data = tmp_path_factory.mktemp("web-page")
    store = EmbeddedStore(data_dir=data)
    store.load(seed_articles)
    store.close()
    proc, base = start_server("embedded", {"OKG_DATA_DIR": str(data)})
    yield base
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        _needs("no chromium on this machine (apt-get install chromium)")
    if vendor_missing():
        _needs(VENDOR_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []  # the page's own exceptions: there must be none
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = []  # what it logs as errors (a 404 it was asked for among them)
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == [], errors


def shot(page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"ui-{name}.png"), full_page=True)


def shown(page, view: str) -> None:
    page.wait_for_selector(f"body[data-view={view}]", timeout=20000)


def test_search_person_network_event_and_place(server, page):
    api = httpx.Client(base_url=server, timeout=30)
    page.goto(server + "/")
    shown(page, "homeView")
    assert page.url == server + "/ui/"
    assert page.locator("table a", has_text="解芳").count() == 1  # the most central person

    page.fill("#q", "解芳")
    page.press("#q", "Enter")
    shown(page, "searchView")
    assert page.url.endswith("/ui/search?q=%E8%A7%A3%E8%8A%B3")
    shot(page, "search")
    page.click("ul[data-kind=person] a >> text=解芳")
    shown(page, "personView")
    xie = page.url.rsplit("/", 1)[1]
    assert page.locator("h1").inner_text() == "解芳"
    # the timeline of posts: 绛县委书记, first and last seen
    assert page.locator("#timeline .tl-row .post").all_inner_texts() == ["绛县委书记"]
    assert page.locator("#timeline .tenure").count() == 1
    assert "2022-03-25 – 2022-03-31" in page.locator("#timeline .seen").inner_text()
    assert page.locator("#events tbody tr").count() == 3
    assert page.locator("#co-attendees tbody tr").count() == 17
    # the ego network: cytoscape drew it (into its canvas) with the nodes the API gives
    page.wait_for_function("window.okg.cy && window.okg.cy.nodes().length > 0")
    ego = api.get(f"/people/{xie}/ego-network", params={"people": 30}).json()
    assert page.evaluate("window.okg.cy.nodes().length") == len(ego["nodes"]) == 1 + 3 + 17
    assert page.evaluate("window.okg.cy.edges().length") == len(ego["edges"])
    assert page.evaluate("window.okg.cy.edges('[role = \"CHAIRED\"]').length") >= 1
    assert page.locator("#ego canvas").count() >= 1
    assert page.console_errors == []
    box = page.locator("#ego").bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    shot(page, "person")

    # click-through from the network: 李翔's node opens his page
    li = next(n["id"] for n in ego["nodes"] if n["name"] == "李翔")
    page.evaluate(f"window.okg.cy.getElementById('{li}').emit('tap')")
    shown(page, "personView")
    assert page.url.endswith(f"/ui/person/{li}") and page.locator("h1").inner_text() == "李翔"
    page.go_back()
    shown(page, "personView")
    assert page.locator("h1").inner_text() == "解芳"

    page.click(f"#events a >> text={MEETING}")
    shown(page, "eventView")
    assert page.locator("#attendee-count").inner_text() == "16"
    assert page.locator("#attendees tbody tr").count() == 16
    assert page.locator(".by-role .role-CHAIRED").count() == 1
    event_marks = page.locator("#article-text mark.hl-event")
    assert event_marks.count() >= 1 and MEETING in "".join(event_marks.all_inner_texts()).replace("\n", "")
    chair = page.locator("#article-text mark.hl-participant", has_text="李翔主持会议")
    assert chair.count() == 1 and "李翔" in chair.get_attribute("title")
    shot(page, "event")

    page.fill("#q", "西灌底村")
    page.press("#q", "Enter")
    shown(page, "searchView")
    page.click("ul[data-kind=place] a >> text=西灌底村")
    shown(page, "placeView")
    assert "横水镇" in page.locator("#hierarchy").inner_text()
    assert "赵晔" in page.locator("#place-inspections").inner_text()
    shot(page, "place")
    assert page.console_errors == []


def test_an_address_typed_in_opens_its_view(server, page):
    meeting = httpx.get(f"{server}/events", params={"q": MEETING}).json()["items"][0]["id"]
    page.goto(f"{server}/ui/event/{meeting}")
    shown(page, "eventView")
    assert page.locator("h1").inner_text() == MEETING
    page.goto(f"{server}/ui/person/person-nobody")
    shown(page, "error")
    assert "no person with id 'person-nobody'" in page.locator("#view").inner_text()
