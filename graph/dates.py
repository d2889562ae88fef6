"""Dates in the graph, and the `since`/`until` filters on them: their one home.

Stored (graph/schema.toml): `YYYY-MM-DD` where the year is known, `--MM-DD` (ISO 8601 without a
year) for a date written 3月28日 with no year in the item (`okg extract --date` gives one), else as
written. Local news often leaves the year out, so a filter bound comes in two forms:

- a calendar date, `2022-03-01`: compared with the events whose year is known; an event without a
  year never passes it (its year may be any);
- a month-day, `--03-01` (or `03-01`): compared with the month and day of every event that has them,
  with a year or without: `since=--03-01&until=--03-31` finds March of any year, 3月28日 included.

Both stores follow this: the embedded store through `passes`, the Neo4j store in the same words in
the WHERE clauses of cypher/queries/find_events, person_events and co_attendance_edges.
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_MD = re.compile(r"(\d{1,2})月(\d{1,2})日")
_FULL_BOUND = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY_BOUND = re.compile(r"(?:--)?(\d{2})-(\d{2})")
_SORTABLE = re.compile(r"([0-9]{4}|-)-[0-9]{2}-[0-9]{2}")
LEAP_YEAR = 2000  # a month-day is checked against a year that has 29 February

# The month-days filter_bound takes, as a regular expression (for the OpenAPI document).
MONTH_DAY_PATTERN = (r"^(--)?((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
                     r"|02-(0[1-9]|[12][0-9]))$")
BOUND_HELP = "YYYY-MM-DD, or --MM-DD (MM-DD) for a month and day of any year, the yearless ones included"


def sortable_date(text: str | None) -> str | None:
    """`2022-03-28`, `2022年3月28日` -> `2022-03-28`; `3月28日` -> `--03-28`; else as written."""
    if not text:
        return None
    t = re.sub(r"\s+", "", text)
    m = _ISO.fullmatch(t)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _MD.fullmatch(t)
    if m:
        return f"--{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    return text


def filter_bound(text: str) -> str:
    """A `since`/`until` bound as the stores take it: `YYYY-MM-DD` or `--MM-DD`; ValueError otherwise
    (2022-02-30 and --02-30 are refused)."""
    full, month_day = _FULL_BOUND.fullmatch(text), _MONTH_DAY_BOUND.fullmatch(text)
    if not (full or month_day):
        raise ValueError(f"{text!r} is not a date: {BOUND_HELP}")
    year, month, day = (int(g) for g in full.groups()) if full else (LEAP_YEAR, *(int(g) for g in month_day.groups()))
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date: {BOUND_HELP}") from None
    return f"{year:04d}-{month:02d}-{day:02d}" if full else f"--{month:02d}-{day:02d}"


def _key(bound: str) -> str:
    return bound[-5:] if bound.startswith("--") else bound


def _compared(stored: str | None, bound: str) -> str | None:
    """The part of a stored date that `bound` is compared with, or None when it cannot be."""
    if stored is None or not _SORTABLE.fullmatch(stored):
        return None
    if bound.startswith("--"):
        return stored[-5:]
    return None if stored.startswith("--") else stored


def passes(stored: str | None, since: str | None, until: str | None) -> bool:
    """Whether an event dated `stored` passes the bounds (normalized by filter_bound), inclusive."""
    if since is not None:
        value = _compared(stored, since)
        if value is None or value < _key(since):
            return False
    if until is not None:
        value = _compared(stored, until)
        if value is None or value > _key(until):
            return False
    return True
