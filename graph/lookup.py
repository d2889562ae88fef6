"""Questions' arguments as people type them, for `okg analyze` and the Python API (okg.notebook):
people and places by id or by name, dates, roles.

    person_id(store, "解芳") -> "person-91c702a59206"       # an id is taken as it is
    place_id(store, "横水镇") -> "place-590635da25bf"
    day("2022-03-01"), event_role("SPOKE")                  # checked, else ValueError in one line

A name must fit exactly one node: one that fits none or several raises Unknown, listing the
candidates so the caller can pick an id.
"""

from __future__ import annotations

from okg.graph.schema import SCHEMA
from okg.graph.store import Store

# a name is looked for among this many people or places whose names contain it
MAX_CANDIDATES = 500


class Unknown(ValueError):
    """A name or id that names nothing (or too much): reported in one line."""


def person_id(store: Store, text: str) -> str:
    if store.person(text) is not None:
        return text
    found = [p for p in store.find_people(text, MAX_CANDIDATES, 0).items if p.name == text]
    if not found:
        raise Unknown(f"no person with id or name {text!r}")
    if len(found) > 1:
        raise Unknown(f"{len(found)} people are named {text}: " + ", ".join(f"{p.id} ({'、'.join(p.titles) or 'no post'})" for p in found))
    return found[0].id


def place_id(store: Store, text: str | None) -> str | None:
    if text is None or store.place(text) is not None:
        return text
    found = [p for p in store.find_places(text, MAX_CANDIDATES, 0).items if p.name == text]
    if len(found) != 1:
        raise Unknown(f"no place with id or name {text!r}" if not found else f"{len(found)} places are named {text}: " + ", ".join(p.id for p in found))
    return found[0].id


def day(text: str | None) -> str | None:
    """A date filter (okg.graph.dates.filter_bound): `YYYY-MM-DD`, or a month-day `--MM-DD` / `MM-DD`
    that finds events of any year or of none; ValueError in one line otherwise."""
    from okg.graph.dates import filter_bound

    if text is not None and not isinstance(text, str):
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or --MM-DD)")
    return None if text is None else filter_bound(text)


def event_role(text: str | None) -> str | None:
    """A role at an event, as the graph names it (SPOKE_AT) or as the facts do (SPOKE)."""
    if text is not None and SCHEMA.role_type(text) not in SCHEMA.event_roles:
        raise ValueError(f"{text!r} is no role at an event; one of {', '.join(SCHEMA.event_roles)}")
    return text
