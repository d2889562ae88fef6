"""A corpus of bad inputs, with a few good ones among them, that `okg extract` and `okg load` both
run through (tests/test_bad_inputs.py). Each bad input or record must give exactly one line on
stderr naming it; the good ones must come out.

    python tests/bad_inputs/make_corpus.py DIR      # writes the corpus into DIR (for probing by hand)

The files are made, not checked in: some are large (a text over the 6 MiB limit, a page over
10 MiB), some cannot be checked in (a symlink loop, a named pipe), and the rest are clearer as the
bytes written here. The classes: no text (empty, blank, binary, compressed, control characters),
broken encodings, over a limit, unreadable paths (missing, a symlink loop or to nothing, a pipe),
news pages without an article, JSON that is broken, nested too deeply, empty or not records, and
records that are not what the command reads (no text, wrong types, impossible dates, an id given
to another text). `tally` counts how a run reported them (tests/test_bad_inputs.py and
bench/bad_inputs.py).
`EXPECTED[command]` lists where each complaint points: a path relative to DIR, with `:line` for a
JSONL line and `#i` for an item of a .json list. `GOOD_NAMES[command]`: people the good inputs name.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import sys
from pathlib import Path

from okg.extract.inputs import MAX_TEXT_BYTES

NEWS = "本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长李翔主持会议。"
OTHER = "本报讯 6月1日，县委书记王海深入城关镇调研乡村振兴工作。"


def _facts(aid: str, body: str) -> str:
    return json.dumps({"id": aid, "body": body, "persons": [{"name": "赵明"}]}, ensure_ascii=False)


def _record(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


NESTED = "[" * 100_000 + "]" * 100_000
NO_ARTICLE_PAGE = "<!DOCTYPE html><html><body><div class='nav'><a href='/'>首页</a> | <a href='/xw'>新闻</a></div></body></html>"
NEWS_PAGE = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>县长孙红军主持召开常务会议</title></head><body>"
             "<div class='nav'><a href='/'>首页</a></div><div class='content'><p>本报讯 6月3日，县长孙红军主持召开县政府常务会议，"
             "副县长陈立新、周海涛出席会议。会议研究了城乡环境整治等工作。</p></div><div class='footer'>版权所有</div></body></html>")
RECORD_LINES = [  # an input-record JSONL: line 1 is good, every other one is bad for okg extract
    _record(id="r1", text=NEWS),
    '{"id": "r2", "text": "broken',
    "[1, 2, 3]",
    json.dumps({"id": "r4", "text": 42}),
    _record(id="r5", text=OTHER, date="2022-02-30"),
    NESTED,
    _record(id="r1", text=OTHER),  # r1 again, another text
    _record(id="r8", text=""),
    _record(id="r9", text=OTHER, date="2022-13-01"),
    _record(id="r10", text=OTHER, date="yesterday"),
    '"just a string"',
    "null",
    json.dumps({"id": {"nested": 1}, "text": OTHER}, ensure_ascii=False),
    json.dumps({"id": "r14", "title": "没有正文"}, ensure_ascii=False),
    _record(id="r15", html=NO_ARTICLE_PAGE),
    _record(id="r16", html=NEWS_PAGE, text=OTHER),
    _record(id="r17", text=OTHER) + " trailing junk",
    '{"id": "r18", "text": "\xff\xfe"}',  # invalid UTF-8 bytes in the line (written as bytes below)
    _record(id="r19", text="县" * (MAX_TEXT_BYTES // 3 + 1)),  # one text over the limit
    _record(id="r20", html=NEWS_PAGE),  # good: a news page in a record
]
FACT_LINES = [  # a facts JSONL: lines 1 and 6 are good, every other one is bad for okg load
    _facts("f1", "本报讯 县长赵明出席会议。"),
    "{not json",
    json.dumps({"id": "f3", "body": 7}),
    json.dumps({"body": "没有编号的文章。"}, ensure_ascii=False),
    _facts("f1", "本报讯 另一篇文章，编号相同。"),  # f1 again, another body
    _facts("f6", "本报讯 副县长赵明察看工地。"),
    json.dumps({"id": "f7", "body": "本报讯 人员不是列表。", "persons": "赵明"}, ensure_ascii=False),
    json.dumps({"id": "f8", "body": "本报讯 没有名字的人。", "persons": [{"titles": []}]}, ensure_ascii=False),
    json.dumps({"id": "f9", "body": "本报讯 未知的事件类型。", "events": [{"id": "e1", "name": "会议", "type": "nope"}]}, ensure_ascii=False),
    "null",
    '"a string"',
    NESTED,
    json.dumps({"id": "f13", "body": "本报讯 日期不存在。", "date": "2022-02-30"}, ensure_ascii=False),
    json.dumps({"id": "f14", "body": "本报讯 会议日期不存在。", "events": [{"id": "e1", "type": "meeting", "date": "2022-13-01"}]},
               ensure_ascii=False),
]


def _bytes_lines(lines: list[str]) -> bytes:
    out = "\n".join(lines).encode("utf-8") + b"\n"
    return out.replace('"\xff\xfe"'.encode("utf-8"), b'"\xff\xfe"')  # the raw bytes, not their UTF-8 form


def make(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    news = NEWS.encode("utf-8")
    files: dict[str, bytes] = {
        "good.txt": news,
        "gb18030.txt": OTHER.encode("gb18030"),
        "page.html": NEWS_PAGE.encode("utf-8"),
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t ",
        "bom-only.txt": b"\xef\xbb\xbf",
        "binary.txt": b"\x00\x01\x02garbage\x00" * 10,
        "binary.bin": bytes(range(256)) * 8,
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "gzip.txt": gzip.compress(news * 20),
        "control.txt": bytes(range(1, 32)) * 20,
        "invalid-utf8.txt": news[:-3] + b"\xff\xfe" + "会议。".encode("utf-8"),
        "cut-utf8.txt": news + news[:-1],  # ends in the middle of a character
        "bad-utf16.txt": codecs.BOM_UTF16_LE + "县长".encode("utf-16-le") + b"\x00\xd8",  # a lone surrogate
        "undecodable.txt": bytes(range(0x80, 0x100)) * 4,
        "too-big.txt": news * (MAX_TEXT_BYTES // len(news) + 1),
        "too-big.html": b"<!DOCTYPE html><html><body><p>" + news * (10 * 1024 * 1024 // len(news) + 1) + b"</p></body></html>",
        "no-article.html": NO_ARTICLE_PAGE.encode("utf-8"),
        "nested.json": NESTED.encode(),
        "not-json.json": b"{this is not json",
        "empty.json": b"",
        "empty-list.json": b"[]",
        "scalar.json": b"42",
        "bad-utf8.json": b'{"id": "j1", "text": "\xff\xfe"}',
        "list.json": json.dumps([{"id": "l1", "text": NEWS.replace("周建军", "郑国强"), "body": NEWS.replace("周建军", "郑国强"),
                                  "persons": [{"name": "郑国强"}]}, 7, {"id": "l3", "text": None, "body": None}], ensure_ascii=False).encode(),
        "empty.jsonl": b"",
        "blank.jsonl": b"\n  \n\n",
        "records.jsonl": _bytes_lines(RECORD_LINES),
        "facts.jsonl": _bytes_lines(FACT_LINES),
        "folder/inside.txt": NEWS.replace("周建军", "孙立军").encode("utf-8"),
        "folder/bad.txt": b"\x00\x00\x00",
        "folder/sub/empty.txt": b"",
        "folder/sub/undecodable.txt": bytes(range(0x80, 0x100)) * 4,
        "folder/sub/no-article.htm": NO_ARTICLE_PAGE.encode("utf-8"),
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for link, target in (("loop.txt", "loop.txt"), ("dangling.txt", "no-such-target.txt")):
        if not (folder / link).is_symlink():
            (folder / link).symlink_to(target)
    if not (folder / "fifo.txt").exists():
        os.mkfifo(folder / "fifo.txt")


# Given to both commands in this order ("missing.txt" is not made).
PATHS = [
    "good.txt", "gb18030.txt", "page.html", "empty.txt", "blank.txt", "bom-only.txt", "binary.txt", "binary.bin", "png.txt",
    "gzip.txt", "control.txt", "invalid-utf8.txt", "cut-utf8.txt", "bad-utf16.txt", "undecodable.txt", "too-big.txt",
    "too-big.html", "no-article.html", "nested.json", "not-json.json", "empty.json", "empty-list.json", "scalar.json",
    "bad-utf8.json", "list.json", "empty.jsonl", "blank.jsonl", "records.jsonl", "facts.jsonl", "folder", "loop.txt",
    "dangling.txt", "fifo.txt", "missing.txt",
]
# Bad for both commands: files that are no text, and .json/.jsonl files that are no JSON at all
_BAD_FILES = [
    "empty.txt", "blank.txt", "bom-only.txt", "binary.txt", "binary.bin", "png.txt", "gzip.txt", "control.txt",
    "invalid-utf8.txt", "cut-utf8.txt", "bad-utf16.txt", "undecodable.txt", "too-big.txt", "too-big.html", "no-article.html",
    "nested.json", "not-json.json", "empty.json", "empty-list.json", "bad-utf8.json", "list.json#2", "empty.jsonl",
    "blank.jsonl", "folder/bad.txt", "folder/sub/empty.txt", "folder/sub/no-article.htm", "folder/sub/undecodable.txt",
    "loop.txt", "dangling.txt", "fifo.txt", "missing.txt",
]
EXPECTED = {
    # extract reads .json/.jsonl as input records {"id", "text" or "html", "date", "source", ...}
    "extract": _BAD_FILES + ["scalar.json", "list.json#3"] + [f"records.jsonl:{i}" for i in range(2, len(RECORD_LINES))]
    + [f"facts.jsonl:{i}" for i in range(1, len(FACT_LINES) + 1)],
    # load reads .json/.jsonl named on the command line as facts; input records are not facts
    "load": _BAD_FILES + ["scalar.json", "list.json#3"] + [f"records.jsonl:{i}" for i in range(1, len(RECORD_LINES) + 1)]
    + [f"facts.jsonl:{i}" for i in range(1, len(FACT_LINES) + 1) if i not in (1, 6)],
}
GOOD_NAMES = {
    # good.txt, gb18030.txt, page.html, list.json#1, records.jsonl:1 and :20, folder/inside.txt
    "extract": {"周建军", "王海", "孙红军", "郑国强", "孙立军"},
    "load": {"周建军", "王海", "孙红军", "郑国强", "孙立军", "赵明"},  # and facts.jsonl:1 and :6
}


def tally(stderr: str, command: str) -> dict:
    """How a run of `command` over the corpus reported it: the bad inputs named on exactly one line
    each, those named on none or on several, and the error lines that name none of them."""
    lines = [line for line in stderr.splitlines() if ": error: " in line]
    expected = EXPECTED[command]
    named = [next((w for w in expected if f": error: {w}: " in line), None) for line in lines]
    counts = {w: named.count(w) for w in expected}
    return {
        "bad": len(expected),
        "one_line_each": sum(1 for n in counts.values() if n == 1),
        "not_named": sorted(w for w, n in counts.items() if n == 0),
        "named_twice": sorted(w for w, n in counts.items() if n > 1),
        "stray_lines": [line for line, w in zip(lines, named) if w is None],
        "traceback": "Traceback" in stderr,
    }


if __name__ == "__main__":
    make(Path(sys.argv[1]))
    print(f"{len(PATHS)} paths; {len(EXPECTED['extract'])} bad for extract, {len(EXPECTED['load'])} for load")
