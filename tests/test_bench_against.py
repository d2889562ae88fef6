"""bench/extract_against.py: two versions of the extractor timed side by side on one core."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "extract_against.py"
FIXTURE = ROOT / "fixtures" / "000_04f34b3896c38351.txt"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and this repository's history")
def test_this_checkout_against_a_commit(tmp_path):
    """The installed okg against HEAD unpacked by git archive: both workers extract every page and
    the report gives each side's chars/cpu-s and their ratio with its interval."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for k in range(7):
        shutil.copy(FIXTURE, pages / f"page{k}.txt")
    # (no warm-up: the first page is timed too, its cost counted from when each worker was ready)
    r = _run("HEAD", "--corpus", str(pages), "--warmup", "0", "--block", "1", "--turn", "2", "--workdir", str(tmp_path / "against"))
    assert r.returncode == 0, r.stderr
    chars = 7 * len(FIXTURE.read_text(encoding="utf-8"))
    assert f"7 pages timed ({chars:,} chars) after 0 untimed" in r.stdout
    speeds = re.findall(r"^(this checkout|HEAD)\s+([\d,]+) chars/cpu-s$", r.stdout, re.M)
    assert [label for label, _ in speeds] == ["this checkout", "HEAD"]
    assert all(int(v.replace(",", "")) > 0 for _, v in speeds)
    ratio = re.search(r"^ratio\s+([\d.]+)  \(95% interval ([\d.]+)-([\d.]+) over 7 blocks of pages\)$", r.stdout, re.M)
    assert ratio, r.stdout
    assert float(ratio[2]) <= float(ratio[3])
    # the commit was unpacked as the okg package its pyproject lays out
    unpacked = next((tmp_path / "against").iterdir())
    assert (unpacked / "pkg" / "okg" / "extract" / "pipeline.py").is_file()


def test_not_a_commit_is_one_line(tmp_path):
    r = _run("no-such-commit-here", "--workdir", str(tmp_path))
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == ["extract_against: 'no-such-commit-here' is not a commit of this repository"]
