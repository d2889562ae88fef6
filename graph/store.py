"""The one interface both stores implement: the embedded networkx store and the Neo4j store.

The REST API and `okg load`/`okg export` talk only to this interface. Every question here has a
saved Cypher query in cypher/queries/ that the Neo4j store runs; the embedded store answers the same
question over its networkx graph, and the tests ask both and expect the same answers.

Lists take `limit`/`offset` and return a `Listing` with the `total` before paging.
Methods return None for an unknown id (the API turns that into a 404).
"""

from __future__ import annotations

from typing import Iterable, Protocol, runtime_checkable

from okg.facts import Article
from okg.graph.views import (
    AgencyDetail,
    AgencyRef,
    ArticleDetail,
    Attendee,
    CoAttendance,
    EventDetail,
    EventSummary,
    InspectionView,
    Listing,
    LoadReport,
    PathStep,
    PersonDetail,
    PersonSummary,
    PlaceDetail,
    PlaceRef,
    SearchHit,
)


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (e.g. Neo4j is down). The API answers 503."""


class LoadError(RuntimeError):
    """Loading an article failed; nothing of that article was written. The message names the article."""


@runtime_checkable
class Store(Protocol):
    # --- writing ---------------------------------------------------------------------------
    def load(self, articles: Iterable[Article], progress: bool = False) -> LoadReport:
        """Load extracted articles: idempotent, incremental, atomic per article, batched."""

    def counts(self) -> dict[str, int]:
        """{"nodes": n, "relationships": m} plus one entry per node label and relationship type."""

    def clear(self) -> None:
        """Remove everything (tests and `okg load --replace`)."""

    def close(self) -> None: ...

    # --- people ------------------------------------------------------------------------------
    def find_people(self, q: str | None, limit: int, offset: int) -> Listing[PersonSummary]: ...

    def person(self, person_id: str) -> PersonDetail | None: ...

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
        """Events the person took part in, with their roles; filtered by role, type and date range."""

    def person_network(self, person_id: str, limit: int = 50, offset: int = 0) -> Listing[CoAttendance] | None:
        """Who attended events with this person, and how often (co-attendance)."""

    def shortest_path(self, from_person: str, to_person: str) -> list[PathStep] | None:
        """Shortest path between two people over any relationships; None if either is unknown, [] if no path."""

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
    ) -> Listing[EventSummary]: ...

    def event(self, event_id: str) -> EventDetail | None: ...

    def event_attendees(self, event_id: str, role: str | None = None, limit: int = 100, offset: int = 0) -> Listing[Attendee] | None:
        """People at the event with their roles; with `role`, only those with that role."""

    def chaired(self, person_id: str | None = None, limit: int = 50, offset: int = 0) -> Listing[EventSummary]:
        """Who chaired what: events chaired (by one person, or by anyone; then `roles` holds the chair's name)."""

    # --- agencies and places ---------------------------------------------------------------------
    def find_agencies(self, q: str | None, limit: int, offset: int) -> Listing[AgencyRef]: ...

    def agency(self, agency_id: str) -> AgencyDetail | None:
        """The agency with its positions and their holders."""

    def find_places(self, q: str | None, limit: int, offset: int) -> Listing[PlaceRef]: ...

    def place(self, place_id: str) -> PlaceDetail | None:
        """The place with the places inside it, events held there, inspections of it and of places inside it."""

    def place_inspections(self, place_id: str, limit: int = 50, offset: int = 0) -> Listing[InspectionView] | None: ...

    # --- articles and search ---------------------------------------------------------------------
    def article(self, article_id: str) -> ArticleDetail | None: ...

    def search(self, q: str, limit: int = 20, offset: int = 0) -> Listing[SearchHit]:
        """Names of people, events, agencies, places and article titles that contain q."""

    # --- export ----------------------------------------------------------------------------------
    def to_networkx(self):
        """The whole graph as a networkx.MultiDiGraph in the shared schema (for exports)."""
