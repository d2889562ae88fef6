"""The appearance table: one row per (person, event, role), a flat table for pandas, R and Stata.

    rows = appearance_rows(store.to_networkx())    # dicts with the keys of COLUMNS, in a stable order

An INSPECTED row is one per place or agency inspected (its `target`, and the `site` as written), as
each has its own evidence; the other roles have one row per person and event. `titles` are the
person's posts at the time: those the event's article shows the person holding, else those whose
first and last sightings span the event's date. List cells (`titles`, `place`, `place_id`) are lists
here; okg.graph.export joins them for CSV and xlsx and keeps them as lists in Parquet.
"""

from __future__ import annotations

import networkx as nx

from okg.graph.schema import SCHEMA

# (column, meaning): the one description of the table (okg export --help and the API cite it)
COLUMN_DOCS = [
    ("person_id", "node id of the Person"),
    ("person", "the person's name"),
    ("titles", "posts held at the time (Position names, e.g. 绛县委书记)"),
    ("role", "ATTENDED, CHAIRED, SPOKE_AT, ACCOMPANIED, GUIDED or INSPECTED"),
    ("event_id", "node id of the Event"),
    ("event", "the event's name"),
    ("event_type", "meeting, inspection, training, visit or other"),
    ("date", "sortable date: 2022-03-28, or --03-28 when the year is unknown"),
    ("date_text", "the date as written (3月28日)"),
    ("place", "where the event was held (HELD_AT place names)"),
    ("place_id", "node ids of those places"),
    ("target", "INSPECTED rows: the place or agency inspected"),
    ("target_id", "INSPECTED rows: its node id"),
    ("site", "INSPECTED rows: the target as written (横水镇西灌底村卡口)"),
    ("article_id", "node id of the Article the row was read from"),
    ("article_title", "its title"),
    ("source", "its source as loaded: a file name or URL"),
    ("evidence", "the sentence the row was read from"),
    ("evidence_start", "offset of the mention in the original input"),
    ("evidence_end", "end offset (exclusive)"),
]
COLUMNS = [name for name, _ in COLUMN_DOCS]
LIST_COLUMNS = ("titles", "place", "place_id")
INT_COLUMNS = ("evidence_start", "evidence_end")
EVENT_ROLES = [t for t in SCHEMA.event_roles if t != "INSPECTED"]  # the Person -> Event types


def appearance_rows(G: nx.MultiDiGraph) -> list[dict]:
    """The rows of the table for a graph in the stores' shape (Store.to_networkx), sorted by person
    name, person id, date (undated last), event id, role, target id."""
    nodes = G.nodes
    rows = []
    for person, end, d in G.edges(data=True):
        role = d["type"]
        if role in EVENT_ROLES:
            event, target = end, None
        elif role == "INSPECTED" and d.get("event") in nodes:
            event, target = d["event"], end
        else:
            continue
        rows.append(_row(G, person, event, role, target, d))
    rows.sort(key=lambda r: (r["person"], r["person_id"], r["date"] is None, r["date"] or "", r["event_id"], r["role"], r["target_id"] or ""))
    return rows


def _row(G: nx.MultiDiGraph, person: str, event: str, role: str, target: str | None, rel: dict) -> dict:
    p, e = G.nodes[person], G.nodes[event]
    article_id = rel.get("article")
    article = G.nodes[article_id] if article_id in G.nodes else {}
    venues = sorted((G.nodes[v]["name"], v) for _, v, d in G.out_edges(event, data=True) if d["type"] == "HELD_AT")
    return {
        "person_id": person,
        "person": p["name"],
        "titles": titles_at(G, person, e.get("article") or article_id, e.get("date")),
        "role": role,
        "event_id": event,
        "event": e["name"],
        "event_type": e.get("type"),
        "date": e.get("date"),
        "date_text": e.get("date_text"),
        "place": [name for name, _ in venues],
        "place_id": [v for _, v in venues],
        "target": G.nodes[target]["name"] if target else None,
        "target_id": target,
        "site": rel.get("site") if target else None,
        "article_id": article_id,
        "article_title": article.get("title"),
        "source": article.get("source"),
        "evidence": rel.get("evidence"),
        "evidence_start": rel.get("start"),
        "evidence_end": rel.get("end"),
    }


def titles_at(G: nx.MultiDiGraph, person: str, article: str | None, date: str | None) -> list[str]:
    """The person's posts (Position names) shown in `article`; when it shows none, those whose HOLDS
    first_seen..last_seen covers `date` (dates of the same form only: a yearless --03-28 is not
    compared with 2022-03-28). Sorted."""
    held = [(G.nodes[pos]["name"], d) for _, pos, d in G.out_edges(person, data=True) if d["type"] == "HOLDS"]
    in_article = {name for name, d in held if article in (d.get("articles") or [d.get("article")])}
    if in_article or not date:
        return sorted(in_article)
    return sorted({name for name, d in held if _covers(d.get("first_seen"), d.get("last_seen"), date)})


def _covers(first: str | None, last: str | None, date: str) -> bool:
    if not first or not last or first.startswith("--") != date.startswith("--"):
        return False
    return first <= date <= last
