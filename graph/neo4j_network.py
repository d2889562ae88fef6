"""The Neo4j store's answers about the co-attendance network, posts and participations.

A mixin of `okg.graph.neo4j_store.Neo4jStore`: each question runs its saved query
(cypher/queries/co_attendance_edges.cypher, find_positions.cypher, position_holders.cypher,
person_participations.cypher) as the store's other questions do, so the API asks them on its event
loop too. The embedded store answers the same questions in graph/embedded_network.py.
"""

from __future__ import annotations

from okg.graph.neo4j_questions import ask_one, ask_rows, question
from okg.graph.schema import SCHEMA
from okg.graph.store import DEFAULT_NETWORK_ROLE
from okg.graph.views import CoAttendanceEdge, Listing, Participation, PersonRef, PositionHolders, PositionSummary, Tenure


class NetworkQuestions:
    @question
    def co_attendance_edges(self, place=None, since=None, until=None, role=None) -> list[CoAttendanceEdge]:
        rows = yield from ask_rows(
            "co_attendance_edges", role=SCHEMA.role_type(str(role)) if role else DEFAULT_NETWORK_ROLE,
            place=place, since=since, until=until,
        )
        return [CoAttendanceEdge(a=PersonRef(id=r["a_id"], name=r["a_name"]), b=PersonRef(id=r["b_id"], name=r["b_name"]),
                                 weight=r["weight"]) for r in rows]

    @question
    def find_positions(self, q: str | None, limit: int = 50, offset: int = 0) -> Listing[PositionSummary]:
        row = yield from ask_one("find_positions", q=q or None, limit=int(limit), offset=int(offset))
        return Listing[PositionSummary].model_validate({"items": row["items"], "total": row["total"], "limit": limit, "offset": offset})

    @question
    def position_holders(self, position_id: str) -> PositionHolders | None:
        row = yield from ask_one("position_holders", position_id=position_id)
        if row is None:
            return None
        tenures = [Tenure(person=PersonRef(id=h["id"], name=h["name"]), first_seen=h["first_seen"], last_seen=h["last_seen"])
                   for h in row["holders"]]
        return PositionHolders(id=row["id"], name=row["name"], title=row["title"], agency=row["agency"],
                               agency_id=row["agency_id"], holders=tenures)

    @question
    def person_participations(self, person_id: str) -> list[Participation] | None:
        row = yield from ask_one("person_participations", person_id=person_id)
        if row is None:
            return None
        return [Participation(event_id=r["event_id"], person=PersonRef(id=r["id"], name=r["name"]), roles=r["roles"])
                for r in row["rows"]]
