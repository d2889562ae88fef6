"""okg.graph.analytics on networks whose answer is known: two groups joined by one person, and the
successions of a post held in turn. The parity of the stores is in tests/test_store_parity.py."""

from __future__ import annotations

from itertools import combinations

from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from okg.graph import analytics
from okg.graph.views import CoAttendanceEdge, PersonRef, PositionHolders, Tenure


def person(n: str) -> PersonRef:
    return PersonRef(id=f"person-{n}", name=n)


def clique(names: str, weight: int = 3) -> list[CoAttendanceEdge]:
    return [CoAttendanceEdge(a=person(a), b=person(b), weight=weight) for a, b in combinations(sorted(names), 2)]


def two_groups() -> list[CoAttendanceEdge]:
    """a..e meet often, f..j meet often; e and f meet once: the bridge."""
    return clique("abcde") + clique("fghij") + [CoAttendanceEdge(a=person("e"), b=person("f"), weight=1)]


def test_two_groups_are_two_communities_and_the_bridge_is_between():
    result = analytics.analyze(two_groups())
    assert (result.people, result.edges) == (10, 21)
    assert [[m.name for m in c.members] for c in result.communities] == [list("abcde"), list("fghij")]
    by_name = {p.name: p for p in result.people_by_pagerank}
    assert {by_name[n].community for n in "abcde"} == {0} and {by_name[n].community for n in "fghij"} == {1}
    assert max(by_name.values(), key=lambda p: p.betweenness).name in ("e", "f")
    assert by_name["e"].betweenness == by_name["f"].betweenness > by_name["a"].betweenness == 0
    assert (by_name["e"].degree, by_name["e"].strength, by_name["a"].degree, by_name["a"].strength) == (5, 13, 4, 12)
    assert by_name["e"].degree_centrality == round(5 / 9, 6)


def test_pagerank_is_networkx_s_and_the_same_run_to_run():
    g = analytics.network(two_groups())
    ours, theirs = analytics.pagerank(g), _pagerank_python(g, weight="weight", tol=1e-12)
    assert max(abs(ours[v] - theirs[v]) for v in g) < 1e-9
    assert analytics.analyze(two_groups()) == analytics.analyze(list(reversed(two_groups())))


def test_an_empty_network():
    result = analytics.analyze([])
    assert (result.people, result.edges, result.people_by_pagerank, result.communities) == (0, 0, [], [])


def test_succession_of_a_post_held_in_turn_and_at_once():
    def tenure(n, first, last):
        return Tenure(person=person(n), first_seen=first, last_seen=last)

    post = PositionHolders(id="position-x", name="某县县长", title="县长", holders=[
        tenure("甲", "2019-01-01", "2020-06-01"), tenure("乙", "2020-07-01", "2022-01-01"),
        tenure("丙", "2020-08-01", "2021-01-01"), tenure("丁", "2022-03-01", None), tenure("戊", None, None)])
    steps = {h.person.name: (h.predecessor and h.predecessor.name, h.successor and h.successor.name) for h in analytics.succession(post).holders}
    assert steps == {
        "甲": (None, "乙"),   # 乙 is first seen first after 甲
        "乙": ("甲", "丁"),
        "丙": ("甲", "丁"),   # seen in it while 乙 was: they follow each other not
        "丁": ("乙", None),   # 乙 was last seen latest before 丁 came
        "戊": (None, None),   # undated
    }
