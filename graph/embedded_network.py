"""The embedded store's answers about the co-attendance network, posts and participations.

A mixin of `okg.graph.embedded.EmbeddedStore` (it uses that store's graph and helpers), kept apart so
each module stays readable; the questions and their orders are those of graph/store.py, and the Neo4j
store answers them with cypher/queries/co_attendance_edges.cypher, find_positions.cypher,
position_holders.cypher and person_participations.cypher.

`co_attendance_edges` walks every event: the API asks it in a thread, so it takes the store's lock
itself, a chunk of events at a time (as exports do), never for the whole walk: the questions the
event loop asks meanwhile take the same lock, and a load in another thread changes the graph between
chunks (an article loaded meanwhile may so count in part).
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from okg.graph import dates
from okg.graph.embedded_live import chunks
from okg.graph.schema import SCHEMA
from okg.graph.store import DEFAULT_NETWORK_ROLE
from okg.graph.views import CoAttendanceEdge, Listing, Participation, PositionHolders, PositionSummary, Tenure

# Events (or people) read per hold of the store's lock: a millisecond or two.
NETWORK_CHUNK = 500


def _date_key(date: str | None):
    return (date is None, date or "")


class NetworkQuestions:
    def co_attendance_edges(self, place=None, since=None, until=None, role=None) -> list[CoAttendanceEdge]:
        want = SCHEMA.role_type(role) if role else DEFAULT_NETWORK_ROLE
        with self.lock:
            events = sorted(self._network_events(place))
        weights: Counter = Counter()
        for chunk in chunks(events, NETWORK_CHUNK):
            with self.lock:
                groups = [sorted(p for p, roles in self._event_roles(eid).items() if want in roles)
                          for eid in chunk if eid in self.g and dates.passes(self.g.nodes[eid].get("date"), since, until)]
            for people in groups:
                weights.update(combinations(people, 2))
        refs = {}
        for chunk in chunks(sorted({p for pair in weights for p in pair}), NETWORK_CHUNK):
            with self.lock:
                refs.update((p, self._pref(p)) for p in chunk if p in self.g)
        return [CoAttendanceEdge(a=refs[a], b=refs[b], weight=w) for (a, b), w in sorted(weights.items()) if a in refs and b in refs]

    def _network_events(self, place: str | None) -> set[str]:
        """The events of the network: all, or those held at `place` or inside it."""
        if place is None:
            return {n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Event"}
        inside = self._inside(place) if self._is(place, "Place") else set()
        return {s for p in inside if self._is(p, "Place") for s, _ in self._in(p, "HELD_AT")}

    def _position_summary(self, pos: str) -> PositionSummary:
        agencies = sorted(self._out(pos, "OF"), key=lambda x: (self._name(x[0]), x[0]))
        agency = agencies[0][0] if agencies else None
        d = self.g.nodes[pos]
        return PositionSummary(id=pos, name=d["name"], title=d["title"], agency=self._name(agency) if agency else None,
                               agency_id=agency, holders=len({s for s, _ in self._in(pos, "HOLDS")}))

    def find_positions(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[PositionSummary]:
        ids = [n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Position" and (not q or q in d["name"])]
        ids.sort(key=lambda n: (self._name(n), n))
        shown = ids[max(0, offset): max(0, offset) + max(0, limit)]
        return Listing(items=[self._position_summary(n) for n in shown], total=len(ids), limit=limit, offset=offset)

    def position_holders(self, position_id: str) -> PositionHolders | None:
        if not self._is(position_id, "Position"):
            return None
        tenures = [Tenure(person=self._pref(s), first_seen=h.get("first_seen"), last_seen=h.get("last_seen"))
                   for s, h in self._in(position_id, "HOLDS")]
        tenures.sort(key=lambda t: (*_date_key(t.first_seen), *_date_key(t.last_seen), t.person.name, t.person.id))
        summary = self._position_summary(position_id)
        return PositionHolders(**summary.model_dump(exclude={"holders"}), holders=tenures)

    def person_participations(self, person_id: str) -> list[Participation] | None:
        if not self._is(person_id, "Person"):
            return None
        out = []
        for eid in sorted(self._person_roles(person_id)):
            roles = self._event_roles(eid)
            for pid in sorted(roles, key=lambda p: (self._name(p), p)):
                out.append(Participation(event_id=eid, person=self._pref(pid), roles=sorted(roles[pid])))
        return out
