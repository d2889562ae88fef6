"""Reading inputs: text files in UTF-8 or GB18030, folders, stdin, JSONL; bad input is a one-line
InputError, never an exception."""

import io
import json
import sys

import pytest

from okg.extract import inputs
from okg.extract.inputs import InputDoc, InputError, read_inputs

TEXT = "本报讯 3月28日，县委书记解芳出席会议并讲话。"


def one(path):
    (item,) = list(read_inputs([str(path)]))
    return item


def test_utf8_with_and_without_bom_and_gb18030_files_are_detected(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(TEXT.encode("gb18030"))
    docs = [one(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert [d.text for d in docs] == [TEXT] * 3
    assert [d.encoding for d in docs] == ["utf-8", "utf-8-sig", "gb18030"]
    assert docs[2].source == str(tmp_path / "c.txt")


def test_a_folder_is_read_recursively_in_sorted_order_and_a_bad_file_does_not_stop_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "sub" / "c.txt").write_text("县长李翔主持会议。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(TEXT, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["InputError", "InputDoc", "InputDoc"]
    assert items[0].source.endswith("a.txt") and "empty" in items[0].message
    assert items[2].text == "县长李翔主持会议。"


def test_jsonl_records_carry_id_date_and_source_and_a_bad_line_is_reported_by_number(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "text": TEXT, "date": "2022-03-28", "source": "http://example.cn/1"}, ensure_ascii=False)
        + "\n{not json\n\n"
        + json.dumps({"id": 7, "text": "县长李翔主持会议。"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "x3"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], InputDoc)
    assert (items[0].id, items[0].date, items[0].source, items[0].text) == ("x1", "2022-03-28", "http://example.cn/1", TEXT)
    assert isinstance(items[1], InputError) and items[1].source == f"{path}:2" and "invalid JSON" in items[1].message
    assert isinstance(items[2], InputDoc) and items[2].id == "7" and items[2].source == f"{path}:4"
    assert isinstance(items[3], InputError) and items[3].source == f"{path}:5" and '"text"' in items[3].message


def test_a_json_file_may_hold_a_list_of_records(tmp_path):
    path = tmp_path / "news.json"
    path.write_text(json.dumps([{"text": TEXT}, {"text": "县长李翔主持会议。", "id": "b"}], ensure_ascii=False), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [i.text for i in items] == [TEXT, "县长李翔主持会议。"]


def test_stdin_is_read_with_a_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("gb18030"))))
    (doc,) = list(read_inputs(["-"]))
    assert doc.source == "<stdin>" and doc.text == TEXT


def test_stdin_may_be_jsonl(monkeypatch):
    data = (json.dumps({"id": "s1", "text": TEXT}, ensure_ascii=False) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (doc,) = list(read_inputs(["-"]))
    assert doc.id == "s1" and doc.text == TEXT


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (TEXT.encode("utf-8")[:-3] + b"\xff\xfe" + "会议。".encode(), "invalid UTF-8"),
        (bytes(range(0x80, 0x100)) * 4, "undecodable"),
    ],
)
def test_bad_files_give_a_one_line_error(tmp_path, content, words):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = one(path)
    assert isinstance(err, InputError) and not err.warning
    assert words in err.message
    assert "\n" not in str(err) and str(err).startswith(str(path))


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_bytes(TEXT.encode() * 100)
    err = one(path)
    assert isinstance(err, InputError) and "too large" in err.message and "limit for one text" in err.message


def test_the_real_limit_of_one_text_is_said_in_the_error(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(TEXT.encode() * (6 * 1024 * 1024 // len(TEXT.encode()) + 1))
    err = one(path)
    assert isinstance(err, InputError) and "too large (6.0 MiB; the limit for one text is 6 MiB" in err.message


def test_jsonl_lines_over_the_limits_are_skipped_and_the_next_lines_read(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_TEXT_BYTES", 200)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    path = tmp_path / "news.jsonl"
    records = [{"text": TEXT * 2}, {"text": TEXT * 5}, {"text": "x" * 2000}, {"text": TEXT}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["InputDoc", "InputError", "InputError", "InputDoc"]
    assert items[1].source == f"{path}:2" and "limit for one text is" in items[1].message
    assert items[2].source == f"{path}:3" and "limit for one JSONL line is" in items[2].message


@pytest.mark.parametrize("date, ok", [("2022-03-28", True), ("2022-02-30", False), ("2022-13-01", False), ("2022", True), ("March", False)])
def test_jsonl_dates_must_be_calendar_dates(tmp_path, date, ok):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": TEXT, "date": date}, ensure_ascii=False) + "\n", encoding="utf-8")
    item = one(path)
    assert isinstance(item, InputDoc) == ok
    if not ok:
        assert item.source == f"{path}:1" and '"date"' in item.message and date in item.message


def test_deeply_nested_json_is_one_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    err = one(path)
    assert isinstance(err, InputError) and "nested too deeply" in err.message


def test_a_symlink_loop_is_said_to_be_one(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    err = one(tmp_path / "loop.txt")
    assert isinstance(err, InputError) and "symlink loop" in err.message


def test_closed_stdin_is_one_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    (err,) = list(read_inputs(["-"]))
    assert isinstance(err, InputError) and err.source == "<stdin>" and "closed" in err.message


def test_a_stdin_jsonl_stream_with_a_bad_line_keeps_the_good_ones(monkeypatch):
    data = "\n".join([json.dumps({"text": TEXT}, ensure_ascii=False), "{broken", "not json", json.dumps({"text": "县长李翔主持会议。"}, ensure_ascii=False)])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    items = list(read_inputs(["-"]))
    assert [type(i).__name__ for i in items] == ["InputDoc", "InputError", "InputError", "InputDoc"]
    assert [i.source for i in items[1:3]] == ["<stdin>:2", "<stdin>:3"]


def test_text_without_chinese_is_a_warning_not_a_failure(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text("The county held a meeting on March 28.", encoding="utf-8")
    err = one(path)
    assert isinstance(err, InputError) and err.warning and "no Chinese" in err.message


def test_missing_paths_are_errors(tmp_path):
    err = one(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in err.message


def test_the_seed_page_reads_as_utf8():
    doc = one("fixtures/000_04f34b3896c38351.txt")
    assert doc.encoding == "utf-8" and doc.text.lstrip().startswith("我县召开")
