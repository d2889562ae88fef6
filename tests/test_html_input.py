"""News pages as input: `okg extract` (a real process, real HanLP) reads HTML files, text that is a
page, and JSONL records with "html" through trafilatura, and gives each article its text without
markup, and the page's title, date and URL. The pages are written here, with made-up names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from okg.config import ROOT

pytest.importorskip("trafilatura")

NEWS_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>云溪县召开安全生产工作会议_云溪新闻网</title>
<meta property="og:title" content="云溪县召开安全生产工作会议">
<meta property="og:url" content="http://news.yunxi.example/2022/0506/1234.html">
<meta name="publishdate" content="2022-05-06">
<link rel="canonical" href="http://news.yunxi.example/2022/0506/1234.html">
<style>.nav {{ color: red; }}</style>
<script>var pageViews = "<p>不是正文</p>";</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/xw">新闻</a> | <a href="/zw">政务公开</a> | <a href="/hd">互动交流</a></div>
<div class="article">
<h1>云溪县召开安全生产工作会议</h1>
<div class="info">发布时间：2022-05-06 来源：云溪县融媒体中心</div>
<div class="content">
<p>本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长韩立新主持会议。</p>
<p>周建军强调，要坚持人民至上、生命至上，压紧压实安全生产责任，全力防范化解重大安全风险。</p>
<p>县委副书记刘芳，副县长孙立军、钱学军出席会议。</p>
</div>
</div>
<div class="footer">版权所有 云溪县融媒体中心 备案号 12345 {extra}</div>
</body>
</html>
"""

LISTING_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>云溪新闻网_要闻</title>
<meta property="og:url" content="http://news.yunxi.example/yw/20220506.html"></head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/xw">新闻</a></div>
<div class="main">
<h2>云溪县召开安全生产工作会议</h2>
<p>本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长韩立新主持会议。</p>
<h2>县委书记周建军调研乡村振兴工作</h2>
<p>本报讯 5月7日，县委书记周建军深入东坡村调研乡村振兴工作，副县长孙立军陪同。</p>
<h2>县长韩立新主持召开政府常务会议</h2>
<p>本报讯 5月8日，县长韩立新主持召开政府常务会议，副县长钱学军、孙立军出席会议。</p>
</div>
<div class="footer">版权所有 云溪县融媒体中心</div>
</body></html>
"""

NO_ARTICLE = "<!doctype html><html><body><div class='nav'><a href='/'>首页</a></div></body></html>"
PEOPLE = {"周建军", "韩立新", "刘芳", "孙立军", "钱学军"}


def test_news_pages_give_their_text_title_date_and_url(tmp_path):
    (tmp_path / "news.html").write_text(NEWS_PAGE.format(extra=""), encoding="utf-8")
    (tmp_path / "listing.htm").write_text(LISTING_PAGE, encoding="gb18030")  # a county site's GB encoding
    (tmp_path / "saved-page.txt").write_text(NEWS_PAGE.format(extra="另存"), encoding="utf-8")  # sniffed: it starts as a page
    (tmp_path / "empty.html").write_text(NO_ARTICLE, encoding="utf-8")
    records = [
        {"id": "page-1", "html": NEWS_PAGE.format(extra="记录"), "title": "记录给的标题", "source": "云溪新闻网"},
        {"id": "page-2", "html": NO_ARTICLE},
        {"id": "page-3", "html": NEWS_PAGE.format(extra=""), "text": "两者都给"},
    ]
    (tmp_path / "pages.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    names = ["news.html", "listing.htm", "saved-page.txt", "empty.html", "pages.jsonl"]
    done = subprocess.run([sys.executable, "-m", "okg.cli", "extract", *names, "--format", "jsonl"], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert errors == ["okg extract: error: empty.html: HTML page with no article text in it",
                      "okg extract: error: pages.jsonl:2: HTML page with no article text in it",
                      'okg extract: error: pages.jsonl:3: give "text" or "html", not both']
    articles = [json.loads(line) for line in done.stdout.splitlines()]
    by_source = {}
    for a in articles:
        by_source.setdefault(a["source"], []).append(a)
        assert not any(c in a["body"] for c in "<>{}") and "首页" not in a["body"] and "版权所有" not in a["body"]
    for source, title in [("news.html", "云溪县召开安全生产工作会议"), ("saved-page.txt", "云溪县召开安全生产工作会议"),
                          ("云溪新闻网", "记录给的标题")]:
        (page,) = by_source[source]
        assert (page["title"], page["date"], page["url"]) == (title, "2022-05-06", "http://news.yunxi.example/2022/0506/1234.html")
        assert {p["name"] for p in page["persons"]} == PEOPLE
    assert by_source["云溪新闻网"][0]["id"] == "page-1"
    listing = by_source["listing.htm"]
    assert [a["title"] for a in listing] == ["云溪县召开安全生产工作会议", "县委书记周建军调研乡村振兴工作", "县长韩立新主持召开政府常务会议"]
    assert [a["url"] for a in listing] == ["http://news.yunxi.example/yw/20220506.html"] * 3
    assert [sorted(p["name"] for p in a["persons"]) for a in listing] == [["周建军", "韩立新"], ["周建军", "孙立军"], ["孙立军", "钱学军", "韩立新"]]
