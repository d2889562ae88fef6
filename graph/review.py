"""What a person should look at after resolution: likely duplicates the resolver left apart and merges
it made on weak evidence, ranked, each with its reasons (`okg review`, `GET /review`). A user's answer
is a judgement (graph/judgements.py) that the next load applies.

Likely duplicates: two Person nodes of one folded name. The score adds up what speaks for one person:
- a home unknown on one side (`?<source>`) +0.5; jurisdictions nested +0.6 (the resolver stayed apart
  because a name alone was ambiguous); the same city +0.4, else the same province +0.2;
- the same post title (县长, 副书记) +0.15 each, at most two;
- colleagues in common (others at their events, by name) +0.1 each, at most three.
Pairs a user judged different are left out.

Weak merges: a node joined by a rule that weighs less than a post in the same jurisdiction, the
score saying how weak: one source with a home unknown (0.8), several candidates to choose from (0.6),
nested jurisdictions (0.5), a mention without a post (0.4). Merges a user judged same are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations

from pydantic import BaseModel, Field

from okg.graph.folding import fold_name
from okg.graph.judgements import read as read_judgements
from okg.graph.resolve import CN, nested, scope_label

WEAK_RULES = {"same_source_unknown_home": 0.8, "nested_jurisdictions": 0.5, "untitled_in_home": 0.4}
CHOSEN_AMONG_SEVERAL = 0.6


class ReviewPerson(BaseModel):
    id: str
    name: str
    scopes: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)


class ReviewItem(BaseModel):
    kind: str = Field(description="apart (likely one person left as two nodes) or weak_merge")
    score: float = Field(description="how likely the resolver is wrong here, 0..1-ish; higher first")
    name: str
    people: list[ReviewPerson]
    reasons: list[str]
    judge: str = Field(description="the command that records a user's answer")


@dataclass
class _Person:
    id: str
    props: dict
    titles: set[str] = field(default_factory=set)  # bare post titles (县长), from the Positions held
    colleagues: set[str] = field(default_factory=set)  # folded names of others at its events

    def view(self) -> ReviewPerson:
        p = self.props
        return ReviewPerson(id=self.id, name=p["name"], scopes=list(p.get("scopes", [])), titles=list(p.get("titles", [])),
                            articles=list(p.get("articles", [])))


def _people(g) -> dict[str, _Person]:
    people = {n: _Person(n, d) for n, d in g.nodes(data=True) if "Person" in d.get("labels", [])}
    attendees: dict[str, set[str]] = {}
    for start, end, d in g.edges(data=True):
        if start not in people:
            continue
        if d.get("type") == "HOLDS" and g.nodes[end].get("title"):
            people[start].titles.add(g.nodes[end]["title"])
        elif d.get("type") == "ATTENDED":
            attendees.setdefault(end, set()).add(start)
    for group in attendees.values():
        for pid in group:
            people[pid].colleagues |= {fold_name(people[o].props["name"]) for o in group if o != pid}
    return people


def _place_reasons(a: _Person, b: _Person) -> tuple[float, list[str]]:
    sa, sb = a.props.get("scopes", []), b.props.get("scopes", [])
    if any(s.startswith("?") for s in sa + sb):
        return 0.5, ["the home is unknown on one side"]
    if any(nested(x, y) for x in sa for y in sb if CN not in (x, y)):
        return 0.6, ["their jurisdictions are nested"]
    codes = [(x, y) for x in sa for y in sb if CN not in (x, y)]
    if any(x[:4] == y[:4] for x, y in codes):
        x, y = next((x, y) for x, y in codes if x[:4] == y[:4])
        return 0.4, [f"both in {scope_label(x[:4])}: {scope_label(x)} and {scope_label(y)}"]
    if any(x[:2] == y[:2] for x, y in codes):
        x, y = next((x, y) for x, y in codes if x[:2] == y[:2])
        return 0.2, [f"both in {scope_label(x[:2])}: {scope_label(x)} and {scope_label(y)}"]
    return 0.0, [f"seen in {', '.join(scope_label(s) for s in sa)} and in {', '.join(scope_label(s) for s in sb)}"]


def _judged(judgements, a: _Person, b: _Person, verdict: str) -> bool:
    arts_a, arts_b = a.props.get("articles", []), b.props.get("articles", [])
    name = fold_name(a.props["name"])
    return any(j.verdict == verdict and j.name == name and ((j.first in arts_a and j.second in arts_b) or (j.first in arts_b and j.second in arts_a))
               for j in judgements)


def apart(people: dict[str, _Person], judgements) -> list[ReviewItem]:
    by_name: dict[str, list[_Person]] = {}
    for p in people.values():
        by_name.setdefault(fold_name(p.props["name"]), []).append(p)
    out = []
    for name, group in sorted(by_name.items()):
        for a, b in combinations(sorted(group, key=lambda p: p.id), 2):
            if _judged(judgements, a, b, "different"):
                continue
            score, reasons = _place_reasons(a, b)
            titles = sorted(a.titles & b.titles)[:2]
            colleagues = sorted(a.colleagues & b.colleagues)[:3]
            score += 0.15 * len(titles) + 0.1 * len(colleagues)
            if titles:
                reasons.append(f"both hold {'、'.join(titles)}")
            if colleagues:
                reasons.append(f"both seen with {'、'.join(colleagues)}")
            out.append(ReviewItem(kind="apart", score=round(score, 2), name=name, people=[a.view(), b.view()], reasons=reasons,
                                  judge=f"okg review --same {a.id} {b.id}   (or --different)"))
    return out


def _confirmed(judgements, p: _Person, article: str) -> bool:
    name = fold_name(p.props["name"])
    return any(j.verdict == "same" and j.name == name and article in (j.first, j.second) for j in judgements)


def weak_merges(people: dict[str, _Person], judgements) -> list[ReviewItem]:
    out = []
    for p in sorted(people.values(), key=lambda p: p.id):
        for record in (json.loads(m) for m in p.props.get("merges", [])):
            rule = record.get("rule", "")
            kind = rule.split(":", 1)[0]
            score = WEAK_RULES.get(kind, CHOSEN_AMONG_SEVERAL if "preferred over" in rule else 0.0)
            if not score or not record.get("joined") or _confirmed(judgements, p, record["article"]):
                continue
            out.append(ReviewItem(kind="weak_merge", score=score, name=p.props["name"], people=[p.view()],
                                  reasons=[f"{record['article']}: {rule}"],
                                  judge=f"okg review --split {p.id} {record['article']}"))
    return out


def review(store, limit: int = 50, offset: int = 0, min_score: float = 0.2) -> tuple[list[ReviewItem], int]:
    """The ranked list (score, then kind, name), paged, and its total before paging."""
    people = _people(store.to_networkx())
    judgements = read_judgements(store)
    items = [i for i in apart(people, judgements) + weak_merges(people, judgements) if i.score >= min_score]
    items.sort(key=lambda i: (-i.score, i.kind, i.name, [p.id for p in i.people]))
    return items[offset:offset + limit], len(items)
