"""Divisions through time: former names and codes of county-level divisions, and the division that
carries on from each (户县 610125 -> 鄠邑区 610118 in 2016), read from graph/data/division_changes.csv
(built from the Ministry of Civil Affairs' yearly lists of changes; its header cites them).

The gazetteer (graph/resolve.py) indexes a former name and a former code as names of the current
division, so `--home 户县`, a record's `"home": "610125"` and 户县 in an item of 2013 all resolve to
the one jurisdiction of 鄠邑区. A given home that is neither current nor listed may still be a 县 that
became a 市 or 区 of the same stem (`renamed_stem`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CHANGES = Path(__file__).parent / "data" / "division_changes.csv"


@dataclass(frozen=True)
class Change:
    year: int
    old_name: str
    old_code: str
    new_name: str
    new_code: str
    change: str


@cache
def changes(path: Path = CHANGES) -> tuple[Change, ...]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return tuple(Change(int(r["year"]), r["old_name"], r["old_code"], r["new_name"], r["new_code"], r["change"]) for r in rows)


def former_names() -> dict[str, str]:
    """Former name -> the current code it resolves to (a name reused by its successor is left out)."""
    return {c.old_name: c.new_code for c in changes() if c.old_name != c.new_name}


def former_codes() -> dict[str, str]:
    """Former code -> the current code."""
    return {c.old_code: c.new_code for c in changes()}


COUNTY_SUFFIXES = ("县", "市", "区")


def renamed_stem(name: str, county_names: set[str]) -> str | None:
    """A 县 not in the dataset that is now a 市 or 区 of the same stem (X县 -> X市), when exactly one
    county-level name fits: the usual 撤县设市/撤县设区 keeps the stem. Stems under two characters are
    too common to tell."""
    if not name.endswith(COUNTY_SUFFIXES) or len(name) < 3:
        return None
    stem = name[:-1]
    fits = [stem + s for s in COUNTY_SUFFIXES if stem + s != name and stem + s in county_names]
    return fits[0] if len(fits) == 1 else None
