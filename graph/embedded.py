"""The embedded store: the graph as a networkx MultiDiGraph, kept in `OKG_DATA_DIR` (default `data/`).

Files in the data folder:
  graph.json   the graph: {"version", "nodes": [{id, labels, props}], "rels": [{type, start, end, key, props}]},
               rewritten atomically (temporary file + rename) at the end of each load and after
               each article that fails;
  .lock        held (flock) while loading: one writer at a time. Readers (the API) read graph.json
               when they open the store; `refresh()` reads it again if it changed (its inode, size
               or mtime: `changed_on_disk()`, one stat).
  .graph.PID.tmp  the next graph.json while it is written; one left by a process that died is
               removed by the next load.
A data folder that cannot be read or written, or a graph.json that is not one okg wrote, raises
StoreUnavailable with a one-line message (the API answers 503, the commands print the line).

In memory a node is `G.nodes[id] = {"labels": [...], **props}` and a relationship is the edge
`(start, end, key)` with `{"type": T, **props}`: the same shape `to_networkx()` returns for exports.
Query semantics and sort orders are those written in graph/store.py; the Neo4j store follows them too.

Threads (the API): one load at a time per process (`_loading`); the graph changes in place, or is
swapped for the one a refresh read, only while `lock` is held, and readers that run while another
thread may load hold it too (the API's questions; the exports, a chunk of nodes at a time). The slow
parts of a load (waiting for the file lock, reading and saving graph.json, resolving) run outside it.
`lock` is handed to waiting threads in turn (graph/fair_lock.py), so the API's readers, which take
it hundreds of times a second, never keep a load or an export waiting for it. A graph read whole is
frozen out of the garbage collector's sight (embedded_live.building_graph), whose full collections
would otherwise walk it, stalling every thread, the event loop's too, for a second or two.
`counts()` comes from counters kept as the graph changes, not from a walk over it.
The questions about the co-attendance network and posts are in graph/embedded_network.py, the
writing of one article's batch in graph/embedded_write.py, counts and exports in graph/embedded_live.py.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from okg.facts import Article, text_digest
from okg.graph import dates
from okg.graph.build import article_node_id, build_article, sibling_runs
from okg.graph.embedded_file import disk_signature, read_graph, remove_leftovers, write_graph
from okg.graph.embedded_live import Counts, LiveExport, building_graph, let_go
from okg.graph.embedded_network import NetworkQuestions
from okg.graph.embedded_write import BatchWriter, index_node, index_rel
from okg.graph.fair_lock import FairRLock
from okg.graph.records import PersonCandidate
from okg.graph.schema import SCHEMA
from okg.graph.store import Conflicts, LoadError, StoreUnavailable
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    EventDetail,
    EventRef,
    EventSummary,
    HeldPosition,
    InspectionView,
    Listing,
    LoadReport,
    MergeNote,
    PathStep,
    PersonDetail,
    PersonRef,
    PersonSummary,
    PlaceDetail,
    PlaceRef,
    PositionHolder,
    SearchHit,
    Span,
)
from okg.progress import StatusLine

EVENT_ROLE_TYPES = [t for t in SCHEMA.event_roles if t != "INSPECTED"]  # Person -> Event types


def _page(items: list, limit: int, offset: int, make: Callable | None = None) -> Listing:
    """One page of `items`; `make` turns the items of that page (only) into their read models."""
    offset, limit = max(0, offset), max(0, limit)
    shown = items[offset: offset + limit]
    return Listing(items=[make(x) for x in shown] if make else shown, total=len(items), limit=limit, offset=offset)


def _date_key(date: str | None):
    return (date is None, date or "")


class EmbeddedStore(NetworkQuestions, LiveExport, BatchWriter):
    def __init__(self, settings=None, data_dir: str | Path | None = None, persist: bool = True, read: bool = True):
        """`persist=False`: graph.json is never written (a graph built for a bulk import, or aside);
        `read=False`: nor read: the store starts empty (a graph built aside, `replace_all`)."""
        self.persist = persist
        if data_dir is None:
            data_dir = settings.data_dir if settings is not None else os.environ.get("OKG_DATA_DIR", "data")
        self.dir = Path(data_dir)
        self.path = self.dir / "graph.json"
        self.g = nx.MultiDiGraph()
        self._signature = None  # graph.json as last read or written (disk_signature)
        self._judged = None  # the judgements, while a load runs
        self.lock = FairRLock()  # see the module doc: held while the graph changes
        self._loading = threading.Lock()
        if read:
            self.refresh(force=True)
        else:
            self._index()

    # --- persistence -------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        """Read graph.json again if another process rewrote it. The new graph and its indexes are made
        aside and swapped in at once, so a reader in another thread sees the old graph or the new one."""
        try:
            if self.dir.exists() and not self.dir.is_dir():
                raise StoreUnavailable(f"the data folder {self.dir} (OKG_DATA_DIR) is a file, not a folder")
            signature = disk_signature(self.path)
        except OSError as e:
            raise StoreUnavailable(f"cannot read {self.path}: {e.strerror}") from None
        if signature is None and not force:
            return
        if not force and signature == self._signature:
            return
        with building_graph():
            g = read_graph(self.path) if signature is not None else nx.MultiDiGraph()
            indexes = self._indexes(g)
            with self.lock:
                old, self.g, self._signature = self.g, g, signature
                self._names, self._homes, self._inspections, self._counts = indexes
            let_go(old)

    def changed_on_disk(self) -> bool:
        """Whether graph.json is not the one this store last read or wrote (one stat, no reading)."""
        try:
            return disk_signature(self.path) != self._signature
        except OSError:
            return False  # the next refresh says why

    def reload_if_changed(self) -> bool:
        """Read graph.json again if another process (`okg load`) rewrote it, waiting for a load of this
        process to finish first. For a thread other than the API's event loop: reading takes long."""
        if not self.changed_on_disk():
            return False
        with self._loading:
            self.refresh()
        return True

    def _index(self) -> None:
        self._names, self._homes, self._inspections, self._counts = self._indexes(self.g)

    def _indexes(self, g: nx.MultiDiGraph) -> tuple:
        names: dict[str, set[str]] = {}
        homes: dict[str, str] = {}
        # event id -> its INSPECTED relationships (start, end, key): an inspection points at its
        # event by a property, not an edge, and scanning every inspector's edges per question is slow
        inspections: dict[str, set[tuple[str, str, str]]] = {}
        counts = Counts()
        for nid, d in g.nodes(data=True):
            index_node(names, homes, nid, d)
            counts.add_node(d["labels"])
        for s, t, k, d in g.edges(keys=True, data=True):
            index_rel(inspections, s, t, k, d)
            counts.add_rel(d["type"])
        return names, homes, inspections, counts

    def save(self) -> None:
        if not self.persist:
            return
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreUnavailable(f"cannot write to the data folder {self.dir}: {e.strerror}") from None
        write_graph(self.g, self.path)
        self._signature = disk_signature(self.path)

    @contextmanager
    def _writer(self) -> Iterator[None]:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            lock = open(self.dir / ".lock", "w")
        except OSError as e:
            raise StoreUnavailable(f"cannot write to the data folder {self.dir}: {e.strerror}") from None
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self.refresh()
                remove_leftovers(self.dir)
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # --- resolution state (read by the builder) -------------------------------------------------------
    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        out = []
        for name in sorted(set(names)):
            for pid in sorted(self._names.get(name, ())):
                d = self.g.nodes[pid]
                out.append(PersonCandidate(pid, d["name"], list(d.get("scopes", [])), list(d.get("sources", [])), list(d.get("titles", [])),
                                           list(d.get("articles", []))))
        return out

    def judgements(self) -> list:
        """The user's judgements (graph/judgements.py), read once per load."""
        if self._judged is None:
            from okg.graph.judgements import read  # noqa: PLC0415

            self._judged = read(self)
        return self._judged

    def source_home(self, source: str | None) -> str | None:
        return self._homes.get(source) if source else None

    # --- writing --------------------------------------------------------------------------------------
    def load(self, articles: Iterable[Article], progress: bool = False,
             on_conflict: Callable[[Article], None] | None = None) -> LoadReport:
        with self.exclusive():
            return self._load_held(articles, progress, on_conflict)

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held while the store is written: one load of this process (`_loading`) and one writer of the
        folder (its file lock, taken with graph.json read again if another process saved it)."""
        self._judged = None
        with self._loading, self._writer():
            yield

    def _load_held(self, articles: Iterable[Article], progress: bool,
                   on_conflict: Callable[[Article], None] | None) -> LoadReport:
        loaded, new, conflicts = [], 0, Conflicts(on_conflict)
        status = StatusLine(progress)

        def line() -> str:
            return f"okg load: {len(loaded)} articles ({new} new), {self._counts.nodes} nodes, {self._counts.relationships} relationships"

        try:
            for group in sibling_runs(articles):
                for art in group:
                    aid = article_node_id(art.id)
                    if aid in self.g:  # idempotent: an article is loaded once (its id given to another text: a conflict)
                        conflicts.known(art, aid, text_digest(self.g.nodes[aid].get("body", "")), loaded)
                        continue
                    loaded.append(aid)
                    try:
                        batch = build_article(art, self, group)
                        self.write(batch)
                    except Exception as e:
                        raise LoadError(f"article {art.id}{f' ({art.title})' if art.title else ''}: nothing of it was loaded: {type(e).__name__}: {e}") from e
                    new += 1
                    if status.due():
                        status.show(line())
        finally:
            if new:
                self.save()
            if status.drawn:
                status.show(line())
            status.close()
        return LoadReport(articles=loaded, new_articles=new, conflicts=conflicts.ids, nodes=self._counts.nodes,
                          relationships=self._counts.relationships)

    def replace_all(self, articles: list[Article]) -> LoadReport:
        """With `exclusive()` held: the graph made again from `articles` (with the judgements beside
        it), built aside in a store of its own and swapped in at once holding `lock`, so a reader sees
        the old graph or the new one, never half of it; then saved."""
        with building_graph():
            aside = EmbeddedStore(data_dir=self.dir, persist=False, read=False)  # reads the same judgements
            report = aside._load_held(articles, False, None)
            with self.lock:
                old, self.g = self.g, aside.g
                self._names, self._homes, self._inspections, self._counts = aside._names, aside._homes, aside._inspections, aside._counts
            let_go(old)
        self.save()
        return report

    def counts(self) -> dict[str, int]:
        return self._counts.as_dict()

    def clear(self) -> None:
        with self._loading, self._writer():
            g = nx.MultiDiGraph()
            indexes = self._indexes(g)
            with self.lock:
                self.g = g
                self._names, self._homes, self._inspections, self._counts = indexes
            self.save()

    def close(self) -> None:
        pass

    # --- helpers ---------------------------------------------------------------------------------------
    def _is(self, nid: str, label: str) -> bool:
        return nid in self.g and self.g.nodes[nid]["labels"][0] == label

    def _name(self, nid: str) -> str:
        return self.g.nodes[nid]["name"]

    def _pref(self, nid: str) -> PersonRef:
        return PersonRef(id=nid, name=self._name(nid))

    def _place_ref(self, nid: str) -> PlaceRef:
        return PlaceRef(id=nid, name=self._name(nid), kind=self.g.nodes[nid]["kind"])

    def _agency_ref(self, nid: str) -> AgencyRef:
        return AgencyRef(id=nid, name=self._name(nid))

    def _event_ref(self, eid: str) -> EventRef:
        d = self.g.nodes[eid]
        return EventRef(id=eid, name=d["name"], type=d["type"], date=d.get("date"))

    def _summary(self, eid: str, roles: Iterable[str]) -> EventSummary:
        return EventSummary(**self._event_ref(eid).model_dump(), roles=sorted(set(roles)))

    def _event_sort(self, eid: str):
        d = self.g.nodes[eid]
        return (*_date_key(d.get("date")), d["name"], eid)

    def _by_name(self, ids: Iterable[str]) -> list[str]:
        return sorted(set(ids), key=lambda n: (self._name(n), n))

    # The adjacency is read through `succ`/`pred` (neighbour -> key -> data) rather than the
    # out_edges/in_edges views: these run on every API request, and the views cost twice as much.
    def _out(self, nid: str, rtype: str) -> list[tuple[str, dict]]:
        return [(t, d) for t, keyed in self.g.succ[nid].items() for d in keyed.values() if d["type"] == rtype]

    def _in(self, nid: str, rtype: str) -> list[tuple[str, dict]]:
        return [(s, d) for s, keyed in self.g.pred[nid].items() for d in keyed.values() if d["type"] == rtype]

    def _person_roles(self, pid: str) -> dict[str, set[str]]:
        """event id -> the person's roles there (relationship types; INSPECTED via its `event`)."""
        roles: dict[str, set[str]] = {}
        for t, keyed in self.g.succ[pid].items():
            for d in keyed.values():
                if d["type"] in EVENT_ROLE_TYPES:
                    roles.setdefault(t, set()).add(d["type"])
                elif d["type"] == "INSPECTED" and d.get("event") in self.g:
                    roles.setdefault(d["event"], set()).add("INSPECTED")
        return roles

    def _event_roles(self, eid: str) -> dict[str, set[str]]:
        """person id -> roles at the event."""
        roles: dict[str, set[str]] = {}
        for s, keyed in self.g.pred[eid].items():
            for d in keyed.values():
                if d["type"] in EVENT_ROLE_TYPES:
                    roles.setdefault(s, set()).add(d["type"])
        for s, _, _ in self._inspections_of_event(eid):
            roles.setdefault(s, set()).add("INSPECTED")
        return roles

    def _inspections_of_event(self, eid: str):
        """The INSPECTED relationships whose `event` is eid: (inspector, target, properties)."""
        for s, t, k in sorted(self._inspections.get(eid, ())):
            yield s, t, self.g.succ[s][t][k]

    def _inspection(self, pid: str, tid: str, r: dict) -> InspectionView:
        t = self.g.nodes[tid]
        kind = t["kind"] if t["labels"][0] == "Place" else "agency"
        span = Span(article=r["article"], evidence=r.get("evidence"), start=r.get("start"), end=r.get("end"), rule=r.get("rule"))
        return InspectionView(person=self._pref(pid), target_id=tid, target=t["name"], target_kind=kind,
                              event_id=r.get("event"), date=r.get("date"), sources=[span])

    def _inspection_sort(self, v: InspectionView):
        return (*_date_key(v.date), v.person.name, v.person.id, v.target, v.target_id, v.event_id or "")

    def _inside(self, place_id: str) -> set[str]:
        """The place and everything LOCATED_IN it, directly or not (places and agencies)."""
        seen, todo = {place_id}, [place_id]
        while todo:
            for s, _ in self._in(todo.pop(), "LOCATED_IN"):
                if s not in seen:
                    seen.add(s)
                    todo.append(s)
        return seen

    # --- people --------------------------------------------------------------------------------------------
    def find_people(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[PersonSummary]:
        ids = [n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Person" and (not q or q in d["name"])]
        items = [PersonSummary(id=n, name=self._name(n), titles=sorted({self._name(p) for p, _ in self._out(n, "HOLDS")})) for n in self._by_name(ids)]
        return _page(items, limit, offset)

    def person(self, person_id: str) -> PersonDetail | None:
        if not self._is(person_id, "Person"):
            return None
        positions = []
        for pos, h in self._out(person_id, "HOLDS"):
            agencies = sorted(self._out(pos, "OF"), key=lambda x: (self._name(x[0]), x[0]))
            agency = agencies[0][0] if agencies else None
            spans = [Span(**json.loads(s)) for s in h.get("spans", [])]
            spans.sort(key=lambda s: (s.article, s.start if s.start is not None else -1, s.end if s.end is not None else -1))
            positions.append(HeldPosition(position_id=pos, title=self.g.nodes[pos]["title"], agency=self._name(agency) if agency else None,
                                          agency_id=agency, first_seen=h.get("first_seen"), last_seen=h.get("last_seen"), sources=spans))
        positions.sort(key=lambda p: (*_date_key(p.first_seen), p.title, p.position_id))
        counts = Counter(role for roles in self._person_roles(person_id).values() for role in roles)
        merges = [MergeNote(**json.loads(m)) for m in self.g.nodes[person_id].get("merges", [])]
        return PersonDetail(id=person_id, name=self._name(person_id), positions=positions, event_counts=dict(sorted(counts.items())), merges=merges)

    def person_events(self, person_id, role=None, type=None, since=None, until=None, limit=50, offset=0):
        if not self._is(person_id, "Person"):
            return None
        want = SCHEMA.role_type(role) if role else None
        items = []
        roles = self._person_roles(person_id)
        for eid, its_roles in roles.items():
            d = self.g.nodes[eid]
            if want and want not in its_roles:
                continue
            if type and d["type"] != type:
                continue
            if not dates.passes(d.get("date"), since, until):
                continue
            items.append(eid)
        items.sort(key=self._event_sort)
        return _page(items, limit, offset, lambda e: self._summary(e, roles[e]))

    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        if not self._is(person_id, "Person"):
            return None
        weights: Counter = Counter()
        for eid, _ in self._out(person_id, "ATTENDED"):
            for other in {s for s, _ in self._in(eid, "ATTENDED")} - {person_id}:
                weights[other] += 1
        ids = sorted(weights, key=lambda n: (-weights[n], self._name(n), n))
        return _page([CoAttendance(id=n, name=self._name(n), weight=weights[n]) for n in ids], limit, offset)

    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        if not (self._is(from_person, "Person") and self._is(to_person, "Person")):
            return None
        u = self.g.to_undirected(as_view=True)
        if from_person == to_person:
            return [PathStep(id=from_person, name=self._name(from_person), label="Person")]
        dist = nx.single_source_shortest_path_length(u, to_person)
        if from_person not in dist:
            return []
        path, cur = [from_person], from_person
        while cur != to_person:
            cur = min(n for n in u.neighbors(cur) if dist.get(n) == dist[cur] - 1)
            path.append(cur)
        steps = []
        for i, n in enumerate(path):
            via = None
            if i:
                a, b = path[i - 1], n
                types = [d["type"] for d in (self.g.get_edge_data(a, b) or {}).values()] + [d["type"] for d in (self.g.get_edge_data(b, a) or {}).values()]
                via = min(types)
            steps.append(PathStep(id=n, name=self._name(n), label=self.g.nodes[n]["labels"][0], via=via))
        return steps

    # --- events ----------------------------------------------------------------------------------------------
    def find_events(self, type=None, person=None, place=None, since=None, until=None, q=None, limit=50, offset=0) -> Listing[EventRef]:
        if person is not None:
            pool = set(self._person_roles(person)) if self._is(person, "Person") else set()
        else:
            pool = {n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Event"}
        if place is not None:
            inside = self._inside(place) if self._is(place, "Place") else set()
            pool &= {s for p in inside if self._is(p, "Place") for s, _ in self._in(p, "HELD_AT")}
        items = []
        for eid in pool:
            d = self.g.nodes[eid]
            if (type and d["type"] != type) or (q and q not in d["name"]):
                continue
            if not dates.passes(d.get("date"), since, until):
                continue
            items.append(eid)
        items.sort(key=self._event_sort)
        return _page([self._event_ref(e) for e in items], limit, offset)

    def event(self, event_id: str) -> EventDetail | None:
        if not self._is(event_id, "Event"):
            return None
        d = self.g.nodes[event_id]
        participants: dict[str, list[str]] = {}
        for pid, roles in self._event_roles(event_id).items():
            for role in roles:
                participants.setdefault(role, []).append(pid)
        inspected = sorted((self._inspection(s, t, r) for s, t, r in self._inspections_of_event(event_id)), key=self._inspection_sort)
        return EventDetail(
            id=event_id, name=d["name"], type=d["type"], date=d.get("date"),
            participants={role: [self._pref(p) for p in self._by_name(ids)] for role, ids in sorted(participants.items())},
            venues=[self._place_ref(v) for v in self._by_name(t for t, _ in self._out(event_id, "HELD_AT"))],
            inspected=inspected, article=d.get("article"),
            evidence=[Span(**json.loads(s)) for s in d.get("spans", [])],
        )

    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0) -> Listing[Attendee] | None:
        if not self._is(event_id, "Event"):
            return None
        want = SCHEMA.role_type(role) if role else None
        roles = self._event_roles(event_id)
        ids = [p for p in self._by_name(roles) if not want or want in roles[p]]
        return _page(ids, limit, offset, lambda p: Attendee(id=p, name=self._name(p), roles=sorted(roles[p])))

    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        if person_id is not None:
            return self.person_events(person_id, role="CHAIRED", limit=limit, offset=offset) or _page([], limit, offset)
        chairs: dict[str, list[str]] = {}
        for s, t, d in self.g.edges(data=True):
            if d["type"] == "CHAIRED":
                chairs.setdefault(t, []).append(self._name(s))
        items = [self._summary(e, chairs[e]) for e in sorted(chairs, key=self._event_sort)]
        return _page(items, limit, offset)

    # --- agencies and places --------------------------------------------------------------------------------------
    def find_agencies(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[AgencyRef]:
        ids = [n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Agency" and (not q or q in d["name"])]
        return _page([self._agency_ref(n) for n in self._by_name(ids)], limit, offset)

    def agency(self, agency_id: str) -> AgencyDetail | None:
        if not self._is(agency_id, "Agency"):
            return None
        parents = self._by_name(t for t, _ in self._out(agency_id, "PART_OF"))
        places = self._by_name(t for t, _ in self._out(agency_id, "LOCATED_IN"))
        positions = []
        for pos, _ in self._in(agency_id, "OF"):
            holders = self._by_name(s for s, _ in self._in(pos, "HOLDS"))
            positions.append(PositionHolder(position_id=pos, title=self.g.nodes[pos]["title"], holders=[self._pref(h) for h in holders]))
        positions.sort(key=lambda p: (p.title, p.position_id))
        return AgencyDetail(
            id=agency_id, name=self._name(agency_id),
            parent=self._agency_ref(parents[0]) if parents else None,
            parts=[self._agency_ref(s) for s in self._by_name(s for s, _ in self._in(agency_id, "PART_OF"))],
            place=self._place_ref(places[0]) if places else None,
            positions=positions,
        )

    def find_places(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[PlaceRef]:
        ids = [n for n, d in self.g.nodes(data=True) if d["labels"][0] == "Place" and (not q or q in d["name"])]
        return _page([self._place_ref(n) for n in self._by_name(ids)], limit, offset)

    def place(self, place_id: str) -> PlaceDetail | None:
        if not self._is(place_id, "Place"):
            return None
        parents = self._by_name(t for t, _ in self._out(place_id, "LOCATED_IN"))
        inside = self._by_name(s for s, _ in self._in(place_id, "LOCATED_IN") if self._is(s, "Place"))
        events = sorted({s for s, _ in self._in(place_id, "HELD_AT")}, key=self._event_sort)
        ref = self._place_ref(place_id)
        return PlaceDetail(
            **ref.model_dump(), parent=self._place_ref(parents[0]) if parents else None,
            places_inside=[self._place_ref(p) for p in inside], events=[self._event_ref(e) for e in events],
            inspections=self._place_inspections(place_id),
        )

    def _place_inspections(self, place_id: str) -> list[InspectionView]:
        views = [self._inspection(s, t, d) for t in self._inside(place_id) for s, d in self._in(t, "INSPECTED")]
        return sorted(views, key=self._inspection_sort)

    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None:
        if not self._is(place_id, "Place"):
            return None
        return _page(self._place_inspections(place_id), limit, offset)

    # --- articles and search -----------------------------------------------------------------------------------------
    def article(self, article_id: str) -> ArticleDetail | None:
        if not self._is(article_id, "Article"):
            return None
        d = self.g.nodes[article_id]
        return ArticleDetail(id=article_id, title=d.get("title"), date=d.get("date"), source=d.get("source"), body=d["body"],
                             facts=json.loads(d["facts"]) if d.get("facts") else {})

    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        hits = []
        for n, d in self.g.nodes(data=True):
            label = d["labels"][0]
            name = d.get("title") if label == "Article" else d["name"]
            if name and q in name and label in ("Person", "Event", "Agency", "Place", "Article"):
                score = 1.0 if name == q else len(q) / len(name)
                hits.append(SearchHit(kind=label.lower(), id=n, name=name, score=score))
        hits.sort(key=lambda h: (-h.score, h.kind, h.name, h.id))
        return _page(hits, limit, offset)
