"""From extracted facts to graph records: `build_article(article, state) -> GraphBatch`.

The builder reads what it needs of the existing graph through `state` (a Store: its
`person_candidates(names)` and `source_home(source)`), so articles can come one at a time and still
resolve to the nodes of earlier articles. Resolution rules: graph/resolve.py. Schema: graph/schema.toml.

Every person node carries `merges`: one JSON record per article that mentioned it, saying which
mention joined the node and by which rule (`explain(store, person_id)` prints them).
"""

from __future__ import annotations

import json
import re
from itertools import groupby, islice
from typing import Iterable, Iterator, Protocol

from okg.facts import Article, Evidence
from okg.graph.records import GraphBatch, NodeRecord, PersonCandidate, RelRecord
from okg.graph.dates import sortable_date
from okg.graph.folding import fold_name
from okg.graph.homes import find_home
from okg.graph.resolve import CN, RES, AgencyRes, Home, Mention, PlaceRes, Resolver, most_specific, resolve_person, short_hash
from okg.graph.schema import SCHEMA, merge_props, to_json


class ResolutionState(Protocol):
    def person_candidates(self, names: Iterable[str]) -> list[PersonCandidate]: ...

    def source_home(self, source: str | None) -> str | None: ...

    def judgements(self) -> list: ...


_SAFE_ID = re.compile(r"[A-Za-z0-9_.\-]{1,100}")


def article_node_id(article_id: str) -> str:
    """The node id of an article: its facts id when URL-safe, else a hash of it."""
    return article_id if _SAFE_ID.fullmatch(article_id) else f"article-{short_hash(article_id, n=16)}"


def event_node_id(event_fact_id: str) -> str:
    return f"event-{short_hash(event_fact_id, n=16)}"


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None and v != []}


class _Batch:
    def __init__(self, article_id: str):
        self.batch = GraphBatch(article=article_id)
        self.nodes: dict[str, NodeRecord] = {}
        self.rels: dict[str, RelRecord] = {}

    def node(self, nid: str, labels: list[str], props: dict) -> str:
        props = _clean(props)
        if nid in self.nodes:
            rec = self.nodes[nid]
            rec.props = merge_props(rec.props, props, SCHEMA.node_props(labels[0]))
        else:
            rec = self.nodes[nid] = NodeRecord(nid, labels, props)
            self.batch.nodes.append(rec)
        return nid

    def rel(self, rtype: str, start: str, end: str, props: dict, disc: str | None = None) -> None:
        key = "|".join([rtype, start, end] + ([disc] if disc else []))
        props = _clean(props)
        if key in self.rels:
            rec = self.rels[key]
            rec.props = merge_props(rec.props, props, SCHEMA.rel_props(rtype))
        else:
            rec = self.rels[key] = RelRecord(rtype, start, end, key, {"key": key, **props})
            self.batch.rels.append(rec)


def _place_key(p: PlaceRes) -> tuple:
    """Everything `ArticleBuilder.place` writes for a resolved place, its chain included."""
    return (p.id, p.name, p.kind, p.code, p.alias, p.basis, _place_key(p.parent) if p.parent is not None else None)


class ArticleBuilder:
    def __init__(self, article: Article, state: ResolutionState, siblings: list[Article] = ()):
        self.a = article
        self.state = state
        self.aid = article_node_id(article.id)
        self.date = sortable_date(article.date)
        self.out = _Batch(self.aid)
        self.placed: set[tuple] = set()  # places written with their whole chain (see place)
        texts = [f"{article.title or ''}\n{article.body}"] + [f"{s.title or ''}\n{s.body}" for s in siblings if s.id != article.id]
        self.home: Home = find_home(article.home, state.source_home(article.source), texts, article.source, article.home_evidence)
        places = {p.name: (p.kind.value, p.parent) for p in article.places}
        self.r = Resolver(self.home, places)
        self.judgements = state.judgements()  # a user's same/different decisions (graph/judgements.py)

    # --- helpers ------------------------------------------------------------------------------
    def span(self, evidence: list[Evidence]) -> dict:
        e = evidence[0] if evidence else None
        return {
            "article": self.aid,
            "evidence": e.sentence if e else None,
            "start": e.start if e else None,
            "end": e.end if e else None,
            "rule": e.rule if e else None,
        }

    def span_json(self, evidence: list[Evidence]) -> str:
        return to_json(_clean(self.span(evidence)))

    def place(self, p: PlaceRes | None) -> str | None:
        """Write a place and the chain of places containing it."""
        if p is None:
            return None
        key = _place_key(p)
        if key in self.placed:  # written already, just so: writing it again would change nothing
            return p.id
        self.placed.add(key)
        labels = ["Place", SCHEMA.kind_labels.get(p.kind, "Venue")]
        aliases = [p.name] + ([p.alias] if p.alias and p.alias != p.name else [])
        self.out.node(p.id, labels, {"name": p.name, "kind": p.kind, "code": p.code, "aliases": aliases})
        parent = self.place(p.parent)
        if parent:
            self.out.rel("LOCATED_IN", p.id, parent, {"article": self.aid, "basis": p.basis})
        return p.id

    def agency(self, a: AgencyRes, kind: str | None = None, evidence: list[Evidence] = ()) -> str:
        self.out.node(a.id, ["Agency"], {"name": a.name, "kind": kind or a.kind, "jurisdiction": a.jurisdiction, "aliases": [a.alias]})
        place = self.place(a.place)
        prov = self.span(list(evidence))
        if place:
            self.out.rel("LOCATED_IN", a.id, place, {**prov, "basis": "dataset" if a.place and a.place.code else "text"})
        if a.parent is not None and a.parent.id != a.id:
            parent = self.agency(a.parent)
            self.out.rel("PART_OF", a.id, parent, prov)
        return a.id

    # --- the article -------------------------------------------------------------------------------
    def build(self) -> GraphBatch:
        a = self.a
        home_name = self.home.county.name if self.home.county else None
        self.out.node(self.aid, ["Article"], {
            "name": a.title or a.id, "title": a.title, "date": self.date, "date_text": a.date, "source": a.source,
            "home": self.home.county.code if self.home.county else None, "home_name": home_name,
            "home_basis": f"{self.home.basis}: {self.home.evidence}" if self.home.evidence else self.home.basis, "url": a.url,
            "body": a.body, "facts": a.model_dump_json(), "articles": [self.aid],
        })
        self.place(self.r.home_place())
        for p in a.places:
            self.place(self.r.place(p.name, p.kind.value, p.parent))
        org_ids = {}
        for o in a.organizations:
            res = self.r.agency(o.name, o.kind)
            org_ids[o.name] = self.agency(res, o.kind, o.evidence)
            if o.parent:
                parent = self.agency(self.r.agency(o.parent))
                if parent != res.id:
                    self.out.rel("PART_OF", res.id, parent, self.span(o.evidence))
            if o.place:
                place = self.place(self.r.place(o.place))
                self.out.rel("LOCATED_IN", res.id, place, {**self.span(o.evidence), "basis": "text"})
        self.org_names = set(org_ids)
        people = self.people()
        self.events(people)
        for rep in a.reporters:
            self.out.rel("WROTE", people[rep.name], self.aid, self.span(rep.evidence))
        return self.out.batch

    def positions(self) -> dict[str, list[tuple[str, str, str, list[Evidence], str]]]:
        """name -> [(position id, position name, jurisdiction key, evidence, title as written)]."""
        out: dict[str, list] = {}
        for pos in self.a.positions:
            title = pos.title.strip()
            org = pos.org or RES["implied_agency"].get(title)
            if org:
                ag = self.r.agency(org)
                agency_id = self.agency(ag, evidence=pos.evidence)
                pname = f"{ag.name}{title}" if pos.org else f"{ag.place.name if ag.place else ''}{title}"
                pid = f"position-{short_hash(agency_id, title)}"
                scope = self.r.scope_of_agency(ag)
                self.out.node(pid, ["Position"], {"name": pname, "title": title, "agency": ag.name, "articles": [self.aid]})
                self.out.rel("OF", pid, agency_id, self.span(pos.evidence))
            else:
                scope = CN if title in RES["national_titles"] else self.home.key
                pname = title
                pid = f"position-{short_hash(scope, title)}"
                self.out.node(pid, ["Position"], {"name": pname, "title": title, "articles": [self.aid]})
            out.setdefault(pos.person, []).append((pid, pname, scope, pos.evidence, f"{pos.org or ''}{title}"))
        return out

    def people(self) -> dict[str, str]:
        """Resolve every name of the article to a Person id; write the people and what they hold."""
        a = self.a
        held = self.positions()
        names: list[str] = []
        for n in [p.name for p in a.persons] + list(held) + [p.person for e in a.events for p in e.participants] \
                + [i.person for e in a.events for i in e.inspected] + [r.name for r in a.reporters]:
            if n and n not in names:
                names.append(n)
        folded = {n: fold_name(n) for n in names}  # 陸曉延 and 陆晓延 are one name (graph/folding.py)
        by_name: dict[str, list[PersonCandidate]] = {}
        for c in self.state.person_candidates(sorted(set(folded.values()))):
            by_name.setdefault(c.name, []).append(c)
        evidence = {p.name: p.evidence for p in a.persons}
        ids = {}
        for name in names:
            posts = held.get(name, [])
            scope = most_specific([p[2] for p in posts]) if posts else None
            titles = sorted({p[1] for p in posts})
            decision = resolve_person(Mention(folded[name], scope, titles), by_name.get(folded[name], []), self.home, a.source,
                                      self.aid, self.judgements)
            key = scope or self.home.key
            record = {"article": self.aid, "mention": name, "titles": titles, "scope": key,
                      "home_basis": self.home.basis, "rule": decision.rule, "joined": decision.candidate}
            self.out.node(decision.id, ["Person"], {
                "name": folded[name], "aliases": [name], "scope": key, "scopes": [key], "sources": [a.source] if a.source else [],
                "articles": [self.aid], "titles": titles, "merges": [to_json(record)],
            })
            ids[name] = decision.id
            for pid, pname, _, ev, written in posts:
                span = self.span(ev or evidence.get(name, []))
                self.out.rel("HOLDS", decision.id, pid, {
                    **span, "as_of": self.date, "first_seen": self.date, "last_seen": self.date,
                    "title_text": written, "articles": [self.aid], "spans": [to_json(_clean(span))],
                })
        return ids

    def target(self, name: str, kind: str | None) -> str:
        if kind == "agency" or (kind is None and (name in self.org_names or self._agency_like(name))):
            return self.agency(self.r.agency(name))
        return self.place(self.r.place(name, kind))

    def _agency_like(self, name: str) -> bool:
        if name in self.r.article_places:
            return False
        return any(name.endswith(s) for s in RES["agency_suffixes"])

    def events(self, people: dict[str, str]) -> None:
        for e in self.a.events:
            eid = event_node_id(e.id)
            date = sortable_date(e.date) or self.date
            self.out.node(eid, ["Event"], {
                "name": e.name or self.a.title or e.type.value, "type": e.type.value, "date": date,
                "date_text": e.date or self.a.date, "article": self.aid, "fact_id": e.id,
                "spans": [self.span_json([ev]) for ev in e.evidence], "articles": [self.aid],
            })
            self.out.rel("REPORTED_IN", eid, self.aid, self.span(e.evidence))
            venues = []
            for v in e.venues:
                vid = self.place(self.r.place(v, self.r.article_places.get(v, ("venue", None))[0]))
                venues.append(vid)
                self.out.rel("HELD_AT", eid, vid, self.span(e.evidence))
            inspectors = set()
            for ins in e.inspected:
                pid = people[ins.person]
                tid = self.target(ins.target, ins.target_kind)
                inspectors.add(ins.person)
                site = {"site": ins.target}  # the target as written (横水镇西灌底村卡口), whatever node it resolved to
                self.out.rel("INSPECTED", pid, tid, {**self.span(ins.evidence or e.evidence), "event": eid, "date": date, **site}, disc=eid)
                self.out.rel("ATTENDED", pid, eid, self.span(ins.evidence or e.evidence))
            for part in e.participants:
                pid = people[part.person]
                span = self.span(part.evidence or e.evidence)
                self.out.rel("ATTENDED", pid, eid, span)
                for role in part.roles:
                    rtype = SCHEMA.role_type(role.value)
                    if rtype == "INSPECTED":
                        if part.person not in inspectors:  # no targets named: the venues are its targets
                            for vid in venues:
                                self.out.rel("INSPECTED", pid, vid, {**span, "event": eid, "date": date}, disc=eid)
                    elif rtype != "ATTENDED":
                        self.out.rel(rtype, pid, eid, span)


SIBLING_WINDOW = 100  # articles of one source built together (home county inference)


def sibling_runs(articles: Iterable[Article]) -> Iterator[list[Article]]:
    """Consecutive articles of the same source, at most SIBLING_WINDOW at a time: what every load
    gives `build_article` as an article's siblings (home county inference)."""
    for source, run in groupby(articles, key=lambda a: a.source):
        if source is None:
            for a in run:
                yield [a]
            continue
        while chunk := list(islice(run, SIBLING_WINDOW)):
            yield chunk


def build_article(article: Article, state: ResolutionState, siblings: list[Article] = ()) -> GraphBatch:
    """The records one article adds to the graph, resolved against `state` (see the module doc)."""
    return ArticleBuilder(article, state, list(siblings)).build()


def explain(node_props: dict) -> list[dict]:
    """The merge records of a node (its `merges` property), oldest first."""
    return [json.loads(m) for m in node_props.get("merges", [])]
