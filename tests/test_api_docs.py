"""/docs and /redoc work offline: every script, style sheet and icon their pages load is served by
okg itself (over real HTTP, from `okg serve`), none from a CDN."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from test_api import start_server, stop_server


class _Assets(HTMLParser):
    """The URLs a page loads: <script src>, <link href>, <img src>."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        url = a.get("src") if tag in ("script", "img") else a.get("href") if tag == "link" else None
        if url:
            self.urls.append(url)


def _assets(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, base = start_server("embedded", {"OKG_DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    yield base
    stop_server(proc)


@pytest.mark.parametrize("page,expected", [
    ("/docs", {"swagger-ui-bundle.js": "javascript", "swagger-ui.css": "text/css", "favicon.png": "image/png"}),
    ("/redoc", {"redoc.standalone.js": "javascript", "favicon.png": "image/png"}),
])
def test_docs_pages_load_only_local_assets(server, page, expected):
    with httpx.Client(base_url=server, timeout=30) as http:
        r = http.get(page)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        urls = _assets(r.text)
        assert {u.rsplit("/", 1)[-1] for u in urls} == set(expected), urls
        assert "fonts.googleapis" not in r.text and "cdn." not in r.text
        for url in urls:
            absolute = urljoin(server + page, url)
            assert urlsplit(absolute).netloc == urlsplit(server).netloc, f"{page} loads {url} from elsewhere"
            asset = http.get(absolute)
            assert asset.status_code == 200, url
            assert expected[url.rsplit("/", 1)[-1]] in asset.headers["content-type"], (url, asset.headers["content-type"])
            assert len(asset.content) > 1000, url
        assert http.get("/openapi.json").json()["info"]["title"] == "okg"  # what both pages render
