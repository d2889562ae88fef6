"""A corpus of bad inputs, with a few good ones among them, that `okg extract` and `okg load` both
run through (tests/test_bad_inputs.py). Each bad input or record must give exactly one line on
stderr naming it; the good ones must come out.

    python tests/bad_inputs/make_corpus.py DIR      # writes the corpus into DIR (for probing by hand)

The files are made, not checked in: some are large (a text over the 2 MiB limit), some cannot be
checked in (a symlink loop), and the rest are clearer as the bytes written here.
`EXPECTED[command]` lists where each complaint points: a path relative to DIR, with `:line` for a
JSONL line and `#i` for an item of a .json list. `GOOD_NAMES[command]`: people the good inputs name.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

NEWS = "本报讯 5月6日，全县安全生产工作会议召开。县委书记周建军出席并讲话，县长李翔主持会议。"
OTHER = "本报讯 6月1日，县委书记王海深入城关镇调研乡村振兴工作。"


def _facts(aid: str, body: str) -> str:
    return json.dumps({"id": aid, "body": body, "persons": [{"name": "赵明"}]}, ensure_ascii=False)


def make(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        "good.txt": NEWS.encode("utf-8"),
        "gb18030.txt": OTHER.encode("gb18030"),
        "empty.txt": b"",
        "blank.txt": b"  \n\n\t ",
        "binary.txt": b"\x00\x01\x02garbage\x00" * 10,
        "png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "control.txt": bytes(range(1, 32)) * 20,
        "invalid-utf8.txt": NEWS.encode("utf-8")[:-3] + b"\xff\xfe" + "会议。".encode("utf-8"),
        "undecodable.txt": bytes(range(0x80, 0x100)) * 4,
        "too-big.txt": NEWS.encode("utf-8") * (2 * 1024 * 1024 // len(NEWS.encode("utf-8")) + 1),
        "nested.json": b"[" * 100_000 + b"]" * 100_000,
        "not-json.json": b"{this is not json",
        "records.jsonl": "\n".join([
            json.dumps({"id": "r1", "text": NEWS}, ensure_ascii=False),
            '{"id": "r2", "text": "broken',
            "[1, 2, 3]",
            json.dumps({"id": "r4", "text": 42}),
            json.dumps({"id": "r5", "text": OTHER, "date": "2022-02-30"}, ensure_ascii=False),
            "[" * 100_000 + "]" * 100_000,
            json.dumps({"id": "r1", "text": OTHER}, ensure_ascii=False),  # r1 again, another text
        ]).encode("utf-8") + b"\n",
        "facts.jsonl": "\n".join([
            _facts("f1", "本报讯 县长赵明出席会议。"),
            "{not json",
            json.dumps({"id": "f3", "body": 7}),
            json.dumps({"body": "没有编号的文章。"}, ensure_ascii=False),
            _facts("f1", "本报讯 另一篇文章，编号相同。"),  # f1 again, another body
            _facts("f6", "本报讯 副县长赵明察看工地。"),
        ]).encode("utf-8") + b"\n",
        "folder/inside.txt": NEWS.replace("周建军", "孙立军").encode("utf-8"),
        "folder/bad.txt": b"\x00\x00\x00",
        "folder/sub/empty.txt": b"",
        "folder/sub/undecodable.txt": bytes(range(0x80, 0x100)) * 4,
    }
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    loop = folder / "loop.txt"
    if not loop.is_symlink():
        loop.symlink_to(loop.name)


# Given to both commands in this order ("missing.txt" is not made).
PATHS = [
    "good.txt", "gb18030.txt", "empty.txt", "blank.txt", "binary.txt", "png.txt", "control.txt",
    "invalid-utf8.txt", "undecodable.txt", "too-big.txt", "nested.json", "not-json.json",
    "records.jsonl", "facts.jsonl", "folder", "loop.txt", "missing.txt",
]
_TEXT_BAD = [
    "empty.txt", "blank.txt", "binary.txt", "png.txt", "control.txt", "invalid-utf8.txt",
    "undecodable.txt", "too-big.txt", "nested.json", "not-json.json",
    "folder/bad.txt", "folder/sub/empty.txt", "folder/sub/undecodable.txt", "loop.txt", "missing.txt",
]
EXPECTED = {
    # extract reads .json/.jsonl as input records {"id", "text", "date", "source"}
    "extract": _TEXT_BAD + [
        "records.jsonl:2", "records.jsonl:3", "records.jsonl:4", "records.jsonl:5", "records.jsonl:6",
        "records.jsonl:7", "facts.jsonl:1", "facts.jsonl:2", "facts.jsonl:3", "facts.jsonl:4",
        "facts.jsonl:5", "facts.jsonl:6",
    ],
    # load reads .json/.jsonl named on the command line as facts; input records are not facts
    "load": _TEXT_BAD + [
        "records.jsonl:1", "records.jsonl:2", "records.jsonl:3", "records.jsonl:4", "records.jsonl:5",
        "records.jsonl:6", "records.jsonl:7", "facts.jsonl:2", "facts.jsonl:3", "facts.jsonl:4",
        "facts.jsonl:5",
    ],
}
GOOD_NAMES = {
    "extract": {"周建军", "王海", "孙立军"},  # good.txt, gb18030.txt, records.jsonl:1, folder/inside.txt
    "load": {"周建军", "王海", "孙立军", "赵明"},  # and facts.jsonl:1 and :6
}


if __name__ == "__main__":
    make(Path(sys.argv[1]))
    print(f"{len(PATHS)} paths; {len(EXPECTED['extract'])} bad for extract, {len(EXPECTED['load'])} for load")
