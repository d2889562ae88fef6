"""okg/heap.py: an extracting process, once its first text is done, keeps what it loaded out of the
collector's sight and collects less often (bench/extract.py measures what that is worth)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "000_04f34b3896c38351.txt"

PROBE = """
import gc, sys
from okg.extract.stream import extract_paths
from okg.heap import EXTRACTION_THRESHOLDS
before = gc.get_threshold()
articles = list(extract_paths([sys.argv[1]]))
print(before != EXTRACTION_THRESHOLDS, gc.get_threshold() == EXTRACTION_THRESHOLDS, gc.get_freeze_count() > 10_000, len(articles))
"""


def test_an_extracting_process_freezes_what_it_loaded_and_collects_less_often():
    done = subprocess.run([sys.executable, "-c", PROBE, str(SEED)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True", "3"]
