"""The Python API, for notebooks: extract a text, load a folder, and ask either store the questions
the REST API answers, as pydantic models (okg.graph.views) or pandas DataFrames.

    import okg
    articles = okg.extract_text("本报讯 3月28日，…县委书记解芳出席…", date="2022-04-01")   # [okg.Article]
    graph = okg.open_graph("embedded", data_dir="out/graph")     # or okg.open_graph("neo4j", uri=...)
    graph.load("fixtures/", date="2022-04-01")                   # a LoadReport
    graph.people("李").to_frame()                                # GET /people?q=李, as a DataFrame
    graph.person_events("李翔", role="CHAIRED", as_frame=True)   # GET /people/{id}/events?role=CHAIRED

Every question calls what its REST route calls (the route is named in its docstring): the same
store method or okg.graph.analytics function, so the answers are the API's, field by field.
People are named by id or by a name that fits one person (okg.graph.lookup). An unknown id, a bad
date or role raises ValueError in one line (okg.Unknown for what names nothing). Lists take `limit`
(None: all) and `offset`, and answer a Listing, whose `.to_frame()` is the DataFrame that
`as_frame=True` returns (okg.frames; pandas is the extra `okg[notebook]`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Iterable

from okg.api.deps import DEFAULT_LIMIT  # the REST API's page size, so default answers are the same
from okg.config import Settings
from okg.facts import Article, EventType
from okg.graph import analytics
from okg.graph.lookup import Unknown, day, event_role, person_id, place_id
from okg.graph.store import Store
from okg.graph.stores import KINDS, open_store
from okg.graph.views import (
    Attendee,
    CoAttendance,
    CoAttendanceEdge,
    EventDetail,
    EventSummary,
    Listing,
    LoadReport,
    PersonDetail,
    PersonSummary,
    SearchHit,
)
from okg.runreport import RunReport

ALL = 2**31 - 1  # `limit=None`: everything (a number both stores take)


def extract_text(text: str, *, source: str | None = None, home: str | None = None, date: str | None = None,
            engine: str = "hanlp") -> list[Article]:
    """The articles of one text (a news item or a whole page) with their facts, as `okg extract`
    gives them. `home`: the county 我县/县委 refer to (inferred when None); `date` (YYYY-MM-DD) gives
    the year to dates written without one. The engine starts at the first call (HanLP: a JVM)."""
    from okg.extract import pipeline
    from okg.extract.inputs import check_date

    if not isinstance(text, str):
        raise TypeError(f"extract_text takes the text as a str, not {type(text).__name__}; to read files use Graph.load")
    return pipeline.extract_text(text, source=source, engine=engine, home=home, date=check_date(date, day_required=True) if date else None)


def open_graph(store: str = "embedded", *, data_dir: str | Path | None = None, uri: str | None = None,
               user: str | None = None, password: str | None = None, database: str | None = None) -> "Graph":
    """The graph in a store: "embedded" (networkx, in `data_dir`, else OKG_DATA_DIR, else data/) or
    "neo4j" (at `uri`, else NEO4J_URI; user, password and database likewise). Raises
    okg.StoreUnavailable when the store cannot be reached."""
    if store not in KINDS:
        raise ValueError(f"unknown store {store!r}; one of {', '.join(KINDS)}")
    given = {"data_dir": Path(data_dir) if data_dir is not None else None, "neo4j_uri": uri, "neo4j_user": user,
             "neo4j_password": password, "neo4j_database": database}
    settings = replace(Settings.from_env(), **{k: v for k, v in given.items() if v is not None})
    return Graph(open_store(store, settings), store)


def _paging(limit: int | None, offset: int) -> tuple[int, int]:
    if limit is not None and (not isinstance(limit, int) or limit < 1):
        raise ValueError(f"limit must be a whole number, 1 or more (None for all), not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise ValueError(f"offset must be a whole number, 0 or more, not {offset!r}")
    return (ALL if limit is None else limit), offset


def _event_type(text: str | None) -> str | None:
    if text is not None and text not in EventType.__members__:
        raise ValueError(f"{text!r} is no event type; one of {', '.join(EventType.__members__)}")
    return text


def _answer(listing: Listing, model: type, as_frame: bool):
    """The store's listing typed by its items' model (so an empty one still has its columns), or its frame."""
    typed = Listing[model].model_construct(items=listing.items, total=listing.total, limit=listing.limit, offset=listing.offset)
    return typed.to_frame() if as_frame else typed


def _found(answer, kind: str, ident: str):
    if answer is None:
        raise Unknown(f"no {kind} with id {ident!r}")
    return answer


class Graph:
    """One store, and the questions of the REST API on it. Close it (or use `with`) when done."""

    def __init__(self, store: Store, kind: str):
        self.store, self.kind = store, kind

    def __enter__(self) -> "Graph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        counts = self.store.counts()
        return f"<okg.Graph {self.kind}: {counts.get('nodes', 0)} nodes, {counts.get('relationships', 0)} relationships>"

    def counts(self) -> dict[str, int]:
        """Nodes and relationships, and one entry per label and relationship type (GET /health)."""
        return self.store.counts()

    # --- writing ------------------------------------------------------------------------------------
    def load(self, inputs: str | Path | Article | Iterable[str | Path | Article], *, home: str | None = None,
             date: str | None = None, engine: str = "hanlp", jobs: int = 1) -> LoadReport:
        """Load articles (from okg.extract_text) as they are, or files and folders as `okg load` does: text
        extracted (with `home`, `date`, `engine`, `jobs` worker processes), facts .json/.jsonl read.
        Each bad input is one line on stderr and passed over; loading again changes nothing."""
        from okg.extract.inputs import check_date
        from okg.graph.command_load import load_paths

        items = [inputs] if isinstance(inputs, (str, Path, Article)) else list(inputs)
        articles = [i for i in items if isinstance(i, Article)]
        if articles and len(articles) != len(items):
            raise TypeError("load takes articles or paths, not both at once")
        if articles:
            return self.store.load(articles)
        date = check_date(date, day_required=True) if date else None
        return load_paths(self.store, [str(p) for p in items], engine, home, date, jobs, report=RunReport("okg"))

    # --- people -------------------------------------------------------------------------------------
    def people(self, q: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """People whose name contains `q` (all without it), with their titles (GET /people)."""
        return _answer(self.store.find_people(q, *_paging(limit, offset)), PersonSummary, as_frame)

    def search(self, q: str, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """People, events, agencies, places and article titles containing `q` (GET /search)."""
        return _answer(self.store.search(q, *_paging(limit, offset)), SearchHit, as_frame)

    def person(self, person: str) -> PersonDetail:
        """The person (id or name) with posts held, first and last seen, and events by role (GET /people/{id})."""
        return self.store.person(person_id(self.store, person))

    def person_events(self, person: str, role: str | None = None, type: str | None = None, since: str | None = None,
                      until: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """Events the person took part in, with their roles there; by role, type, dates (GET /people/{id}/events)."""
        limit, offset = _paging(limit, offset)
        found = self.store.person_events(person_id(self.store, person), role=event_role(role), type=_event_type(type),
                                         since=day(since), until=day(until), limit=limit, offset=offset)
        return _answer(found, EventSummary, as_frame)

    def co_attendance(self, person: str, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """Who attended events with the person, `weight` = how many (GET /people/{id}/network)."""
        found = self.store.person_network(person_id(self.store, person), *_paging(limit, offset))
        return _answer(found, CoAttendance, as_frame)

    def shared_events(self, a: str, b: str, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """The events two people share, with the roles of each (GET /analytics/shared-events)."""
        limit, offset = _paging(limit, offset)
        found = analytics.shared_events(self.store, person_id(self.store, a), person_id(self.store, b))
        return _answer(Listing.page_of(found, limit, offset), analytics.SharedEvent, as_frame)

    # --- events -------------------------------------------------------------------------------------
    def events(self, type: str | None = None, person: str | None = None, place: str | None = None, since: str | None = None,
               until: str | None = None, q: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """Events by type, participant, place (or inside it), dates and part of the name (GET /events)."""
        limit, offset = _paging(limit, offset)
        found = self.store.find_events(type=_event_type(type), person=person_id(self.store, person) if person else None,
                                       place=place_id(self.store, place), since=day(since), until=day(until), q=q,
                                       limit=limit, offset=offset)
        return _answer(found, EventSummary, as_frame)

    def event(self, event_id: str) -> EventDetail:
        """The event with its participants by role, venues, inspections, article and evidence (GET /events/{id})."""
        return _found(self.store.event(event_id), "event", event_id)

    def event_attendees(self, event_id: str, role: str | None = None, limit: int | None = DEFAULT_LIMIT, offset: int = 0,
                        as_frame: bool = False):
        """Everyone at the event with their roles; with `role`, only who had it (GET /events/{id}/attendees)."""
        limit, offset = _paging(limit, offset)
        found = self.store.event_attendees(event_id, role=event_role(role), limit=limit, offset=offset)
        return _answer(_found(found, "event", event_id), Attendee, as_frame)

    # --- the network and the table ------------------------------------------------------------------
    def network(self, place: str | None = None, since: str | None = None, until: str | None = None, role: str | None = None,
                limit: int | None = DEFAULT_LIMIT, offset: int = 0, as_frame: bool = False):
        """Every pair of people at the same events and how many, heaviest first (GET /analytics/co-attendance)."""
        limit, offset = _paging(limit, offset)
        edges = self.store.co_attendance_edges(place=place_id(self.store, place), since=day(since), until=day(until), role=event_role(role))
        return _answer(Listing.page_of(analytics.by_weight(edges), limit, offset), CoAttendanceEdge, as_frame)

    def appearances(self, as_frame: bool = True):
        """Who attended what: one row per person, event and role, with posts, place, article and
        evidence (GET /export?format=appearances-csv; the columns: okg.graph.appearances.COLUMN_DOCS).
        A DataFrame, or with `as_frame=False` the rows as dicts."""
        from okg.graph.appearances import COLUMNS, appearance_rows
        from okg.frames import pandas

        rows = appearance_rows(self.store.to_networkx())
        return pandas().DataFrame(rows, columns=COLUMNS) if as_frame else rows
