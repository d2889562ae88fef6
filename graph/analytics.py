"""What researchers compute over the graph: the co-attendance network with its centralities and
communities, successions of posts, the events two people share, and a person's ego network.

Everything here is put together from questions of the `okg.graph.store.Store` interface, so both
stores give the same answers by construction (tests/test_analytics_parity.py checks it): the store
answers with the co-attendance edges (`co_attendance_edges`), the holders of a post
(`position_holders`) or who was at a person's events (`person_participations`), and networkx does
the rest in Python. The network is built in a fixed order (people by id, edges by their two ids),
so Louvain with its fixed seed and sampled betweenness give the same communities and figures for
the same graph, whichever store it came from.
"""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel, Field

from okg.graph.store import Store
from okg.graph.views import CoAttendanceEdge, EventSummary, PersonRef, PositionHolders, Tenure

LOUVAIN_SEED = 13
# Exact betweenness is O(nodes * edges); above this many people it is estimated from this many
# sources (seeded, so the figures stay the same from run to run).
BETWEENNESS_SOURCES = 500
DIGITS = 6  # figures are rounded so that answers read (and compare) the same everywhere
# The strongest role names an edge of the ego network (its style on the page).
ROLE_STRENGTH = ["CHAIRED", "SPOKE_AT", "GUIDED", "INSPECTED", "ACCOMPANIED", "ATTENDED"]
ALL_EVENTS = 2**31 - 1  # a limit that takes a person's events whole


class NetworkFilters(BaseModel):
    place: str | None = Field(default=None, description="only events held at this place (id) or inside it")
    since: str | None = None
    until: str | None = None
    role: str | None = Field(default=None, description="both had this role at the event (default ATTENDED)")


class PersonCentrality(PersonRef):
    degree: int = Field(description="number of people met")
    strength: int = Field(description="sum of the weights of their edges (shared events, counted per person met)")
    degree_centrality: float = Field(description="degree / (people - 1)")
    betweenness: float = Field(description="normalized betweenness (unweighted shortest paths)")
    pagerank: float = Field(description="PageRank over the weighted network")
    community: int = Field(description="index of the person's community in `communities`")


class Community(BaseModel):
    index: int
    size: int
    members: list[PersonRef] = Field(description="by name, id")


class NetworkAnalysis(BaseModel):
    filters: NetworkFilters
    people: int
    edges: int
    people_by_pagerank: list[PersonCentrality] = Field(description="by PageRank (highest first), name, id")
    communities: list[Community] = Field(description="Louvain communities, largest first (then by first member id)")


def network(edges: list[CoAttendanceEdge]) -> nx.Graph:
    """The weighted co-attendance graph, nodes and edges added in id order (see the module's note)."""
    g = nx.Graph()
    names = {p.id: p.name for e in edges for p in (e.a, e.b)}
    for pid in sorted(names):
        g.add_node(pid, name=names[pid])
    for e in sorted(edges, key=lambda e: (e.a.id, e.b.id)):
        g.add_edge(e.a.id, e.b.id, weight=e.weight)
    return g


def by_weight(edges: list[CoAttendanceEdge]) -> list[CoAttendanceEdge]:
    """The network's pairs as /analytics/co-attendance lists them: by weight (highest first), then the two ids."""
    return sorted(edges, key=lambda e: (-e.weight, e.a.id, e.b.id))


def _communities(g: nx.Graph) -> list[list[str]]:
    found = nx.community.louvain_communities(g, weight="weight", seed=LOUVAIN_SEED) if g else []
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def _betweenness(g: nx.Graph) -> dict[str, float]:
    if g.number_of_nodes() <= BETWEENNESS_SOURCES:
        return nx.betweenness_centrality(g, normalized=True)
    return nx.betweenness_centrality(g, k=BETWEENNESS_SOURCES, normalized=True, seed=LOUVAIN_SEED)


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 200) -> dict[str, float]:
    """Weighted PageRank by power iteration, in plain Python: networkx's own `pagerank` needs SciPy,
    a large dependency for this one sum. Every person here has an edge, so no rank dangles."""
    n = g.number_of_nodes()
    if not n:
        return {}
    strength = {v: g.degree(v, weight="weight") for v in g}
    rank = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        new = {v: (1.0 - alpha) / n + alpha * sum(rank[u] * d["weight"] / strength[u] for u, d in g.adj[v].items()) for v in g}
        done = sum(abs(new[v] - rank[v]) for v in g) < tol
        rank = new
        if done:
            break
    return rank


def analyze(edges: list[CoAttendanceEdge], filters: NetworkFilters | None = None) -> NetworkAnalysis:
    """Centralities and communities of the network the edges make."""
    g = network(edges)
    groups = _communities(g)
    community_of = {pid: i for i, members in enumerate(groups) for pid in members}
    degree = nx.degree_centrality(g) if g.number_of_nodes() > 1 else dict.fromkeys(g, 0.0)
    between = _betweenness(g)
    rank = pagerank(g)
    people = [
        PersonCentrality(
            id=pid, name=g.nodes[pid]["name"], degree=g.degree(pid), strength=g.degree(pid, weight="weight"),
            degree_centrality=round(degree[pid], DIGITS), betweenness=round(between[pid], DIGITS),
            pagerank=round(rank[pid], DIGITS), community=community_of[pid],
        )
        for pid in g
    ]
    people.sort(key=lambda p: (-p.pagerank, p.name, p.id))
    refs = lambda members: sorted((PersonRef(id=m, name=g.nodes[m]["name"]) for m in members), key=lambda p: (p.name, p.id))  # noqa: E731
    return NetworkAnalysis(
        filters=filters or NetworkFilters(), people=g.number_of_nodes(), edges=g.number_of_edges(),
        people_by_pagerank=people,
        communities=[Community(index=i, size=len(m), members=refs(m)) for i, m in enumerate(groups)],
    )


def analyze_store(store: Store, filters: NetworkFilters) -> NetworkAnalysis:
    return analyze(store.co_attendance_edges(**filters.model_dump()), filters)


# --- posts ---------------------------------------------------------------------------------------------


class SuccessionStep(Tenure):
    predecessor: PersonRef | None = Field(default=None, description="the holder last seen latest on or before this one was first seen")
    successor: PersonRef | None = Field(default=None, description="the holder first seen earliest on or after this one was last seen")


class Succession(BaseModel):
    id: str
    name: str
    title: str
    agency: str | None = None
    agency_id: str | None = None
    holders: list[SuccessionStep] = Field(description="by first seen (undated last), last seen, name, id")


def _before(a: Tenure, b: Tenure) -> bool:
    """a's time in the post ended (as far as the articles show) before or when b's began."""
    return a.person.id != b.person.id and a.last_seen is not None and b.first_seen is not None and a.last_seen <= b.first_seen


def succession(post: PositionHolders) -> Succession:
    """Who came before and after each holder, read from when the articles show them in the post:
    holders whose sightings overlap (two 副书记 at one meeting) follow nobody, but two deputies seen
    on different days read as successive, since nothing says a post has several seats. Dates compare
    as the stored sortable strings."""
    steps = []
    for t in post.holders:
        earlier = [p for p in post.holders if _before(p, t)]
        later = [n for n in post.holders if _before(t, n)]
        pred = max(earlier, key=lambda p: (p.last_seen, p.first_seen or "", p.person.name, p.person.id), default=None)
        succ = min(later, key=lambda n: (n.first_seen, n.last_seen or "", n.person.name, n.person.id), default=None)
        steps.append(SuccessionStep(**t.model_dump(), predecessor=pred.person if pred else None, successor=succ.person if succ else None))
    return Succession(**post.model_dump(exclude={"holders"}), holders=steps)


def post_succession(store: Store, position_id: str) -> Succession | None:
    post = store.position_holders(position_id)
    return None if post is None else succession(post)


# --- two people, one person ------------------------------------------------------------------------


class SharedEvent(EventSummary):
    roles_of_b: list[str] = Field(default_factory=list, description="the second person's roles (`roles`: the first's)")


def shared_events(store: Store, a: str, b: str) -> list[SharedEvent] | None:
    """The events both took part in (any role), in event order; None if either person is unknown."""
    mine, theirs = store.person_events(a, limit=ALL_EVENTS), store.person_events(b, limit=ALL_EVENTS)
    if mine is None or theirs is None:
        return None
    roles_of_b = {e.id: e.roles for e in theirs.items}
    return [SharedEvent(**e.model_dump(), roles_of_b=roles_of_b[e.id]) for e in mine.items if e.id in roles_of_b]


class EgoNode(BaseModel):
    id: str
    name: str
    kind: str = Field(description="person or event")
    ego: bool = False
    type: str | None = Field(default=None, description="the event's type")
    date: str | None = None
    weight: int | None = Field(default=None, description="for a person: events shared with the ego")


class EgoEdge(BaseModel):
    source: str = Field(description="a person id")
    target: str = Field(description="an event id")
    roles: list[str]
    role: str = Field(description="the strongest of the roles, which styles the edge")


class EgoNetwork(BaseModel):
    person: PersonRef
    nodes: list[EgoNode] = Field(description="the person, their events (in event order), the people shown (by weight, name, id)")
    edges: list[EgoEdge]
    people_total: int = Field(description="everyone met at the person's events")
    people_shown: int


def ego_network(store: Store, person_id: str, people: int = 30) -> EgoNetwork | None:
    """The person, their events and the `people` others who share most events with them, each tied
    to the events by their roles there."""
    events = store.person_events(person_id, limit=ALL_EVENTS)
    seen = store.person_participations(person_id)
    if events is None or seen is None:
        return None
    me = next((p.person for p in seen if p.person.id == person_id), None)
    if me is None:  # someone at no event
        detail = store.person(person_id)
        me = PersonRef(id=detail.id, name=detail.name)
    shared: dict[str, int] = {}
    names = {}
    for p in seen:
        if p.person.id != person_id:
            shared[p.person.id] = shared.get(p.person.id, 0) + 1
            names[p.person.id] = p.person.name
    shown = sorted(shared, key=lambda pid: (-shared[pid], names[pid], pid))[: max(0, people)]
    keep = {person_id, *shown}
    nodes = [EgoNode(id=me.id, name=me.name, kind="person", ego=True)]
    nodes += [EgoNode(id=e.id, name=e.name, kind="event", type=e.type, date=e.date) for e in events.items]
    nodes += [EgoNode(id=pid, name=names[pid], kind="person", weight=shared[pid]) for pid in shown]
    edges = [EgoEdge(source=p.person.id, target=p.event_id, roles=p.roles, role=min(p.roles, key=_strength))
             for p in seen if p.person.id in keep]
    return EgoNetwork(person=me, nodes=nodes, edges=edges, people_total=len(shared), people_shown=len(shown))


def _strength(role: str) -> int:
    return ROLE_STRENGTH.index(role) if role in ROLE_STRENGTH else len(ROLE_STRENGTH)
