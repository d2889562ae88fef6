"""What the web page shows that takes several store questions to put together: an event's article
with the spans its facts were read from, and what a person inspected.

Built from the `okg.graph.store.Store` interface only, so it reads the same over both stores.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from okg.graph.store import Store
from okg.graph.views import EventDetail, InspectionView

ALL = 2**31 - 1  # a limit that takes a list whole


class TextSpan(BaseModel):
    start: int = Field(description="offset into `text`")
    end: int = Field(description="offset into `text` (exclusive)")
    kind: str = Field(description="event (the sentence the event was read from), participant or inspection")
    label: str = Field(description="what was read there, e.g. 李翔 CHAIRED")
    person_id: str | None = None


class EventArticle(BaseModel):
    event_id: str
    article: str | None = Field(default=None, description="id of the article the event was read from")
    title: str | None = None
    date: str | None = None
    source: str | None = None
    text: str = Field(default="", description="the article as it stood in the input (OCR line breaks and all)")
    spans: list[TextSpan] = Field(default_factory=list, description="by start, end, kind, label")


def _same_span(evidence: list[dict], wanted: set[tuple[int, int]]) -> bool:
    return any((e.get("start"), e.get("end")) in wanted for e in evidence)


def _span(e: dict, base: int, size: int, kind: str, label: str, person_id: str | None = None) -> TextSpan | None:
    start, end = e.get("start"), e.get("end")
    if start is None or end is None or not (0 <= start - base <= end - base <= size):
        return None
    return TextSpan(start=start - base, end=end - base, kind=kind, label=label, person_id=person_id)


def _fact_spans(event: EventDetail, facts_event: dict, base: int, size: int) -> list[TextSpan]:
    ids = {p.name: p.id for people in event.participants.values() for p in people}
    spans = []
    for part in facts_event.get("participants", []):
        label = f"{part['person']} {' '.join(part['roles'])}"
        spans += [_span(e, base, size, "participant", label, ids.get(part["person"])) for e in part.get("evidence", [])]
    for ins in facts_event.get("inspected", []):
        label = f"{ins['person']} inspected {ins['target']}"
        spans += [_span(e, base, size, "inspection", label, ids.get(ins["person"])) for e in ins.get("evidence", [])]
    return [s for s in spans if s is not None]


def event_article(store: Store, event_id: str) -> EventArticle | None:
    """The event's article with the spans of the event and of its participants and inspections.

    The offsets the facts carry point into the original input (okg.facts.Evidence); the article's
    original text starts at the article's `start` there, so a span is moved by that much. The
    event's facts are the facts event read from the same sentence span as the graph's event."""
    event = store.event(event_id)
    if event is None:
        return None
    article = store.article(event.article) if event.article else None
    if article is None:
        return EventArticle(event_id=event_id, article=event.article)
    facts = article.facts
    text = facts.get("text") or article.body
    base = facts.get("start", 0) if facts.get("text") else 0
    wanted = {(s.start, s.end) for s in event.evidence if s.article == article.id}
    spans = [_span(s.model_dump(), base, len(text), "event", event.name) for s in event.evidence if s.article == article.id]
    for facts_event in facts.get("events", []):
        if _same_span(facts_event.get("evidence", []), wanted):
            spans += _fact_spans(event, facts_event, base, len(text))
    unique = {(s.start, s.end, s.kind, s.label): s for s in spans if s is not None}
    return EventArticle(event_id=event_id, article=article.id, title=article.title, date=article.date, source=article.source,
                        text=text, spans=[unique[k] for k in sorted(unique)])


def person_inspections(store: Store, person_id: str) -> list[InspectionView] | None:
    """What the person inspected, in inspection order (date, person, target, event)."""
    events = store.person_events(person_id, role="INSPECTED", limit=ALL)
    if events is None:
        return None
    found = []
    for e in events.items:
        detail = store.event(e.id)
        found += [i for i in detail.inspected if i.person.id == person_id]
    return sorted(found, key=lambda v: ((v.date is None, v.date or ""), v.target, v.target_id, v.event_id or ""))
