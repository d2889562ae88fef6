"""Example answers shown in the OpenAPI document (shapes as the stores return them; ids are illustrative)."""

from __future__ import annotations

from okg.api.errors import NOT_FOUND, UNAVAILABLE

LI_XIANG = {"id": "person:5c1f0a9e", "name": "李翔"}
XIE_FANG = {"id": "person:8d27b311", "name": "解芳"}
ZHAO_YE = {"id": "person:0b6e4c52", "name": "赵晔"}
MEETING = {
    "id": "event:04f34b3896c38351:0",
    "name": "全县抓党建促基层治理能力提升动员暨培训会议",
    "type": "meeting",
    "date": "2024-03-28",
}
VILLAGE = {"id": "place:2a90f7d4", "name": "西灌底村", "kind": "village"}
COUNTY_PARTY = {"id": "agency:71c3e0aa", "name": "县委"}
SPAN = {"article": "04f34b3896c38351", "evidence": "县委副书记、县长李翔主持会议", "start": 112, "end": 126}


def listing(*items, total: int | None = None, limit: int = 50, offset: int = 0) -> dict:
    return {"items": list(items), "total": len(items) if total is None else total, "limit": limit, "offset": offset}


PEOPLE = listing({**LI_XIANG, "titles": ["县委副书记", "县长"]}, {**XIE_FANG, "titles": ["县委书记"]})
PERSON = {
    **LI_XIANG,
    "positions": [
        {
            "position_id": "position:19ab33c0",
            "title": "副书记",
            "agency": "县委",
            "agency_id": COUNTY_PARTY["id"],
            "first_seen": "2024-03-28",
            "last_seen": "2024-03-28",
            "sources": [SPAN],
        }
    ],
    "event_counts": {"ATTENDED": 1, "CHAIRED": 1},
}
PERSON_EVENTS = listing({**MEETING, "roles": ["ATTENDED", "CHAIRED"]})
NETWORK = listing({**XIE_FANG, "weight": 1}, {"id": "person:3e8c5d17", "name": "吉俊红", "weight": 1})
EVENTS = listing({**MEETING, "roles": []})
EVENT = {
    **MEETING,
    "roles": [],
    "participants": {"CHAIRED": [LI_XIANG], "SPOKE_AT": [XIE_FANG], "ATTENDED": [LI_XIANG, XIE_FANG]},
    "venues": [],
    "inspected": [],
    "article": "04f34b3896c38351",
    "evidence": [SPAN],
}
ATTENDEES = listing({**LI_XIANG, "roles": ["ATTENDED", "CHAIRED"]}, {**XIE_FANG, "roles": ["ATTENDED", "SPOKE_AT"]}, total=16)
AGENCIES = listing(COUNTY_PARTY)
AGENCY = {
    **COUNTY_PARTY,
    "parent": None,
    "parts": [],
    "place": None,
    "positions": [
        {"position_id": "position:6f0d2b9e", "title": "书记", "holders": [XIE_FANG]},
        {"position_id": "position:19ab33c0", "title": "副书记", "holders": [LI_XIANG]},
    ],
}
PLACES = listing(VILLAGE)
INSPECTION = {
    "person": ZHAO_YE,
    "target_id": VILLAGE["id"],
    "target": VILLAGE["name"],
    "target_kind": "village",
    "event_id": "event:04f34b3896c38351:2",
    "date": "2024-03-27",
    "sources": [{"article": "04f34b3896c38351", "evidence": "赵晔深入西灌底村调研", "start": 2210, "end": 2221}],
}
PLACE = {
    **VILLAGE,
    "parent": {"id": "place:77e1c0b2", "name": "横水镇", "kind": "town"},
    "places_inside": [],
    "events": [],
    "inspections": [INSPECTION],
}
ARTICLE = {
    "id": "04f34b3896c38351",
    "title": "我县召开抓党建促基层治理能力提升动员暨培训会议",
    "date": "2024-03-28",
    "source": "000_04f34b3896c38351.txt",
    "body": "本报讯 3月28日，全县抓党建促基层治理能力提升动员暨培训会议召开。……",
    "facts": {"id": "04f34b3896c38351", "persons": [{"name": "李翔", "evidence": [SPAN]}], "events": ["…"]},
}
SEARCH = listing(
    {"kind": "person", "id": LI_XIANG["id"], "name": "李翔", "score": 1.0},
    {"kind": "event", "id": MEETING["id"], "name": MEETING["name"], "score": 0.5},
)
HEALTH = {"status": "ok", "store": "embedded", "version": "0.1.0", "counts": {"nodes": 61, "relationships": 143}}
INGEST = {
    "articles": [
        {
            "id": "04f34b3896c38351",
            "title": "我县召开抓党建促基层治理能力提升动员暨培训会议",
            "date": "2024-03-28",
            "counts": {"persons": 20, "positions": 10, "organizations": 12, "places": 3, "events": 1},
        }
    ],
    "new_articles": 1,
    "nodes": 61,
    "relationships": 143,
}


def answers(example: dict, *, not_found: bool = False) -> dict:
    """The `responses=` of a route: its 200 example, and its error answers."""
    out: dict = {200: {"content": {"application/json": {"example": example}}}}
    if not_found:
        out.update(NOT_FOUND)
    out.update(UNAVAILABLE)
    return out
