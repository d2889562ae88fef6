"""The one interface both stores implement: the embedded networkx store and the Neo4j store.

The REST API and `okg load`/`okg export` talk only to this interface. Every question here has a
saved Cypher query in cypher/queries/ that the Neo4j store runs; the embedded store answers the same
question over its networkx graph, and the tests ask both and expect the same answers.

Lists take `limit`/`offset` and return a `Listing` with the `total` before paging.
Methods return None for an unknown id (the API turns that into a 404), or for an id of another label.

Shared semantics (both stores follow these words exactly; the tests compare answers field by field):
- Schema: graph/schema.toml. Roles are relationship types: ATTENDED, CHAIRED, SPOKE_AT, ACCOMPANIED,
  GUIDED (Person->Event) and INSPECTED (Person->Place|Agency whose `event` property is the event id).
  A person's roles at an event are the types of their relationships to it, plus INSPECTED when an
  INSPECTED relationship has `event` = that event. A `role` argument accepts a relationship type or a
  facts.Role name (SPOKE means SPOKE_AT); `roles` lists are sorted alphabetically, without repeats.
- Dates are the stored sortable strings (`YYYY-MM-DD`, `--MM-DD` without year, else as written).
  `since`/`until` are inclusive bounds, each `YYYY-MM-DD` (compared with the events whose year is
  known) or `--MM-DD` (compared with the month and day of any event that has them, yearless ones
  included), as graph/dates.py defines them; an event without a date never passes them.
- Text filters (`q`) are case-sensitive substring tests on `name` (for articles, `title`).
- Sort orders: events by (date, nulls last), then name, then id; people, agencies and places by
  name, then id; co-attendance by weight descending, then name, then id; inspections by (date, nulls
  last), person name, person id, target name, target id, event id; positions of a person by
  (first_seen, nulls last), title, position id; positions of an agency by title, position id;
  spans (`sources`) of a held position by article, start, end (missing start/end first).
- Where a view has one slot and the graph has several (an agency's parent or place, a place's parent,
  a held position's agency), the smallest by (name, id) is taken.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Protocol, runtime_checkable

from okg.facts import Article, text_digest
from okg.graph.records import PersonCandidate
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    CoAttendanceEdge,
    EventDetail,
    EventRef,
    EventSummary,
    InspectionView,
    Listing,
    LoadReport,
    Participation,
    PathStep,
    PersonDetail,
    PersonSummary,
    PlaceDetail,
    PlaceRef,
    PositionHolders,
    PositionSummary,
    SearchHit,
)


# The role co_attendance_edges counts when none is asked: everyone present at an event has it.
DEFAULT_NETWORK_ROLE = "ATTENDED"


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (e.g. Neo4j is down). The API answers 503.

    The message is one line, whatever the driver's reason spans (okg.runreport.one_line), so a
    notebook, a log or a 503 says it whole."""

    def __init__(self, message: str):
        from okg.runreport import one_line

        super().__init__(one_line(message))


class LoadError(RuntimeError):
    """Loading an article failed; nothing of that article was written. The message names the article."""


class Conflicts:
    """A load's articles whose id the store already holds with another text (see Store.load)."""

    def __init__(self, on_conflict: Callable[[Article], None] | None = None):
        self.ids: list[str] = []
        self.on_conflict = on_conflict

    def known(self, article: Article, node_id: str, stored: bytes, loaded: list[str]) -> None:
        """An article whose node exists, holding the text of digest `stored` (okg.facts.text_digest):
        listed in `loaded` when that is its text, else a conflict, kept and said."""
        if stored == text_digest(article.body):
            loaded.append(node_id)
            return
        self.ids.append(article.id)
        if self.on_conflict is not None:
            self.on_conflict(article)


@runtime_checkable
class Store(Protocol):
    # --- writing ---------------------------------------------------------------------------
    def load(self, articles: Iterable[Article], progress: bool = False,
             on_conflict: Callable[[Article], None] | None = None) -> LoadReport:
        """Load extracted articles: idempotent, incremental, atomic per article, batched.

        For each article: an article whose node already exists is skipped (so loading it again changes
        nothing); if that node holds another text (`okg.facts.text_digest` of its `body` differs), or an
        earlier article of this load had the id with another text, the article is not loaded either,
        but it is a conflict: its id goes to the report's `conflicts` (not to `articles`) and to
        `on_conflict`, so that the caller can say so. Otherwise `okg.graph.build.build_article(article, self, siblings)` makes its GraphBatch,
        resolving people against this store (`person_candidates`, `source_home`), and the batch is
        written in one transaction: nodes MERGEd by id, relationships MERGEd by `key`; on creation
        all properties are set, on match the schema's merge rules apply (`schema.merge_props`; in Cypher
        `SCHEMA.cypher_merge_set`); labels are added. `siblings` are the consecutive articles of the
        same source around it (at most 100), used only to infer an unknown home county.
        A failure raises LoadError naming the article; the articles before it stay loaded.
        `articles` in the report lists the node ids of all articles given, loaded now or before."""

    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]:
        """Resolution state: every Person whose `name` is one of `names`, with its `scopes`, `sources`
        and `titles` properties (empty lists when absent); sorted by name, then id."""

    def source_home(self, source: str | None) -> str | None:
        """Resolution state: the `home` of an Article with this `source` (the one with the smallest
        node id that has one), or None."""

    def counts(self) -> dict[str, int]:
        """{"nodes": n, "relationships": m} plus one entry per node label (kind labels such as
        Village count too) and per relationship type, leaving out those with no elements."""

    def clear(self) -> None:
        """Remove everything (tests and `okg load --replace`)."""

    def close(self) -> None: ...

    # --- people ------------------------------------------------------------------------------
    def find_people(self, q: str | None, limit: int, offset: int) -> Listing[PersonSummary]:
        """People whose name contains q (all when q is empty), by name, id. `titles`: the sorted,
        distinct names of the Positions they HOLD."""

    def person(self, person_id: str) -> PersonDetail | None:
        """The person with what they hold and their event counts.
        `positions`: one per HOLDS relationship: title of the Position, its agency via OF, first_seen
        and last_seen of the HOLDS relationship, `sources` parsed from its `spans` (JSON) list.
        `event_counts`: role -> number of distinct events with that role (roles with none left out),
        keys sorted. `merges`: the node's `merges` JSON strings parsed, in stored order."""

    def person_events(
        self,
        person_id: str,
        role: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Listing[EventSummary] | None:
        """Events the person took part in, with all their roles there; filtered by role (the person has
        it), type (Event.type) and date range."""

    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        """Who attended events with this person, and how often (co-attendance): for every other person,
        the number of distinct events both have an ATTENDED relationship to. Weight desc, name, id."""

    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        """Shortest path between two people over any relationships, ignoring direction; None if either
        is unknown, [] if no path, one step when both are the same. Among several shortest paths, the one
        whose sequence of node ids is smallest (compared element by element). Each step: the node's id,
        name, main label (first label), and `via`, the smallest relationship type between it and the step
        before (None for the first)."""

    # --- events ------------------------------------------------------------------------------
    def find_events(
        self,
        type: str | None = None,
        person: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Listing[EventRef]:
        """Events by type, by person (any role), by place (HELD_AT the place or a place LOCATED_IN it,
        directly or not), by date range and name (EventRef: no roles). Unknown person/place ids match nothing."""

    def event(self, event_id: str) -> EventDetail | None:
        """`participants`: role -> people (by name, id), roles as keys in sorted order,
        only roles someone has; `venues`: HELD_AT places by name, id; `inspected`: the INSPECTED
        relationships with `event` = this event, in inspection order; `article`: the Event's `article`
        property; `evidence`: its `spans` (JSON) parsed, in stored order."""

    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0) -> Listing[Attendee] | None:
        """People with any role at the event, with all their roles, by name, id; with `role`, only those
        who have that role."""

    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        """Who chaired what. With person_id: exactly person_events(person_id, role="CHAIRED") (an unknown
        id gives an empty listing). Without: every event someone CHAIRED, `roles` holding the sorted
        names of its chairs. Event order."""

    # --- agencies and places ---------------------------------------------------------------------
    def find_agencies(self, q: str | None, limit: int, offset: int) -> Listing[AgencyRef]:
        """Agencies whose name contains q, by name, id."""

    def agency(self, agency_id: str) -> AgencyDetail | None:
        """The agency with its positions and their holders. `parent`: PART_OF target; `parts`: agencies
        PART_OF it (name, id); `place`: LOCATED_IN target; `positions`: Positions OF it, each with the
        people who HOLD it (name, id)."""

    def find_places(self, q: str | None, limit: int, offset: int) -> Listing[PlaceRef]:
        """Places whose name contains q, by name, id; `kind` is the Place's `kind` property."""

    def place(self, place_id: str) -> PlaceDetail | None:
        """The place with the places inside it, events held there, inspections of it and of places inside it.
        `parent`: LOCATED_IN target; `places_inside`: Places LOCATED_IN it directly; `events`: events
        HELD_AT it directly; `inspections`: all of place_inspections, unpaged."""

    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None:
        """INSPECTED relationships whose target is the place or anything LOCATED_IN it, directly or not
        (places, and agencies located there): `(t)-[:LOCATED_IN*0..]->(place)<-...`. Each: the person,
        the target (`target_kind` = the Place's kind, or "agency"), `event_id` and `date` from the
        relationship, `sources` = one Span from its provenance."""

    # --- articles and search ---------------------------------------------------------------------
    def article(self, article_id: str) -> ArticleDetail | None:
        """`facts` is the Article node's `facts` JSON parsed; `date` is its sortable date."""

    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        """Names of people, events, agencies, places and article titles that contain q.
        `kind` is the label in lower case; `score` = 1.0 for an exact match, else len(q) / len(name)
        (float division); sorted by score desc, kind, name, id."""

    # --- the network, posts and participations (graph/analytics.py computes on these) ---------------
    def co_attendance_edges(
        self, place: str | None = None, since: str | None = None, until: str | None = None, role: str | None = None
    ) -> list[CoAttendanceEdge]:
        """Every pair of people who had `role` (default ATTENDED; a facts.Role name works) at the same
        events, with the number of such distinct events; only events that pass the filters count:
        `place` as in find_events (HELD_AT it or a place inside it; an unknown id matches nothing),
        `since`/`until` as everywhere. `a.id` < `b.id`; sorted by a.id, b.id."""

    def find_positions(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[PositionSummary]:
        """Positions whose name (agency name + title) contains q, by name, id; `agency` as for a held
        position (the smallest by name, id of its OF targets); `holders`: people who HOLD it."""

    def position_holders(self, position_id: str) -> PositionHolders | None:
        """The position with one Tenure per HOLDS relationship to it (first_seen, last_seen of the
        relationship), by first_seen (undated last), last_seen (undated last), name, id."""

    def person_participations(self, person_id: str) -> list[Participation] | None:
        """For every event the person took part in (any role, as person_events), every participant
        (the person too) with all their roles there, by event id, person name, person id."""

    # --- export ----------------------------------------------------------------------------------
    def export_nodes(self) -> Iterator[tuple[str, dict]]:
        """Every node, by id, as (id, {"labels": [main label first, ...], **properties}), read as the
        iteration goes (memory bounded whatever the graph's size)."""

    def export_relationships(self) -> Iterator[tuple[str, str, str, dict]]:
        """Every relationship as (start id, end id, key, {"type": T, **properties (with `key`)}),
        read as the iteration goes."""

    def to_networkx(self):
        """The whole graph as a networkx.MultiDiGraph in the shared schema (for exports): node key =
        id, node attributes `labels` (list, main label first) and the properties; edge key = the
        relationship's `key`, edge attributes `type` and the properties (including `key`). Made from
        export_nodes and export_relationships (okg.graph.export.graph_of)."""
