"""How the embedded store writes one article's batch: every record checked first, then all applied
holding the store's lock (a reader in another thread never sees half an article), and undone if
applying fails half way. A mixin of `okg.graph.embedded.EmbeddedStore` (its `g`, `lock`, indexes and
counts); `index_node` / `index_rel` keep the store's lookups of people, homes and inspections.
"""

from __future__ import annotations

from okg.graph.records import GraphBatch
from okg.graph.schema import SCHEMA, merge_props


class BatchWriter:
    def write(self, batch: GraphBatch) -> None:
        """Write one article's records: everything is checked first, then applied (all or nothing)."""
        g = self.g
        nodes = g.nodes
        labels: dict[str, list[str]] = {}
        node_updates = []
        for rec in batch.nodes:
            label = rec.main_label(SCHEMA.nodes)
            cur = nodes[rec.id] if rec.id in nodes else None
            if cur is not None:
                if cur["labels"][0] != label:
                    raise ValueError(f"node {rec.id} is a {cur['labels'][0]}, not a {label}")
                old = dict(cur)
                del old["labels"]
                node_labels = list(cur["labels"])
                node_labels += [x for x in rec.labels if x not in node_labels]
            else:
                old, node_labels = {}, list(rec.labels)
            props = merge_props(old, rec.props, SCHEMA.node_props(label))
            node_updates.append((rec.id, cur, node_labels, props))
            labels[rec.id] = node_labels
        rel_updates = []
        for rel in batch.rels:
            spec = SCHEMA.rels.get(rel.type)
            if spec is None:
                raise ValueError(f"relationship {rel.key}: unknown type {rel.type}")
            for end, allowed in ((rel.start, spec.start), (rel.end, spec.end)):
                got = labels.get(end) or (nodes[end]["labels"] if end in nodes else None)
                if got is None:
                    raise ValueError(f"relationship {rel.key}: no node {end}")
                if got[0] not in allowed:
                    raise ValueError(f"relationship {rel.key}: {rel.type} cannot touch a {got[0]}")
            if "article" not in rel.props:
                raise ValueError(f"relationship {rel.key}: no provenance")
            cur = g.get_edge_data(rel.start, rel.end, rel.key)
            if cur:
                old = dict(cur)
                old.pop("type", None)
                props = merge_props(old, rel.props, spec.props) if old else dict(rel.props)
            else:
                props = dict(rel.props)
            rel_updates.append((rel, cur, props))
        with self.lock:  # a reader in another thread never sees half an article
            self._apply(node_updates, rel_updates)

    def _apply(self, node_updates: list, rel_updates: list) -> None:
        """Apply a checked batch, keeping what it replaces so that a failure half way can be undone."""
        g, nodes, counts = self.g, self.g.nodes, self._counts
        undo_nodes, undo_edges = [], []
        try:
            for nid, cur, node_labels, props in node_updates:
                undo_nodes.append((nid, dict(cur) if cur is not None else None))
                if cur is None:
                    g.add_node(nid)
                    cur = nodes[nid]
                    counts.add_node(node_labels)
                else:
                    counts.add_labels(cur["labels"], node_labels)
                cur.clear()
                cur["labels"] = node_labels
                cur.update(props)
            for rel, cur, props in rel_updates:
                k = (rel.start, rel.end, rel.key)
                undo_edges.append((k, dict(cur) if cur is not None else None))
                if cur is None:
                    g.add_edge(rel.start, rel.end, key=rel.key)
                    cur = g.get_edge_data(*k)
                    counts.add_rel(rel.type)
                cur.clear()
                cur["type"] = rel.type
                cur.update(props)
        except BaseException:
            for k, old in reversed(undo_edges):
                if old is None:
                    if g.has_edge(*k):
                        g.remove_edge(*k)
                else:
                    g.edges[k].clear()
                    g.edges[k].update(old)
            for nid, old in reversed(undo_nodes):
                if old is None:
                    if nid in g:
                        g.remove_node(nid)
                else:
                    g.nodes[nid].clear()
                    g.nodes[nid].update(old)
            self._index()
            raise
        for nid, _, _, _ in node_updates:
            index_node(self._names, self._homes, nid, nodes[nid])
        for rel, _, props in rel_updates:
            index_rel(self._inspections, rel.start, rel.end, rel.key, {"type": rel.type, **props})


def index_node(names: dict, homes: dict, nid: str, d: dict) -> None:
    label = d["labels"][0]
    if label == "Person":
        names.setdefault(d["name"], set()).add(nid)
    elif label == "Article" and d.get("source") and d.get("home"):
        homes.setdefault(d["source"], d["home"])


def index_rel(inspections: dict, start: str, end: str, key: str, d: dict) -> None:
    if d["type"] == "INSPECTED" and d.get("event"):
        inspections.setdefault(d["event"], set()).add((start, end, key))
