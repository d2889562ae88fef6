"""The embedded store's graph.json: read it, write it whole (temporary file + rename), and clear
what a writer that died left behind. See graph/embedded.py for the folder's files.

    read_graph(path) -> nx.MultiDiGraph        # StoreUnavailable: unreadable, or not a graph okg wrote
    write_graph(g, path)                       # StoreUnavailable: cannot write (disk full, read-only)
    remove_leftovers(folder)                   # .graph.PID.tmp of processes that are gone
    disk_signature(path) -> tuple | None       # changes whenever the file is rewritten; None: no file
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path

import networkx as nx

from okg.graph.store import StoreUnavailable

FORMAT_VERSION = 1
_DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def read_graph(path: Path) -> nx.MultiDiGraph:
    try:
        with open(path, encoding="utf-8") as f:
            data = _parsed(f.read())
        g = nx.MultiDiGraph()
        for n in data["nodes"]:
            g.add_node(n["id"], labels=n["labels"], **n["props"])
        for r in data["rels"]:
            g.add_edge(r["start"], r["end"], key=r["key"])
            g.edges[r["start"], r["end"], r["key"]].update(type=r["type"], **r["props"])
    except OSError as e:
        raise StoreUnavailable(f"cannot read {path}: {e.strerror}") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as e:
        raise StoreUnavailable(
            f"{path} is not a graph okg wrote ({type(e).__name__}: {str(e).splitlines()[0][:200]}); move it away to start a new graph"
        ) from None
    return g


def disk_signature(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of graph.json, or None when there is none: a save renames a new file over
    it, so one of the three changes with every save (a freed inode number may come back, but not
    with the same size and nanosecond mtime)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


_HEAD = re.compile(r'\s*\{\s*"version"\s*:\s*(\d+)\s*,\s*"nodes"\s*:\s*\[')
_RELS = re.compile(r'\s*,\s*"rels"\s*:\s*\[')
_TAIL = re.compile(r"\s*\}\s*\Z")
_SPACE = re.compile(r"\s*")


def _parsed(text: str) -> dict:
    """graph.json's data, decoded an element at a time when it has write_graph's layout: one
    json.loads of the whole text is one C call that holds the GIL for seconds on a large graph, and
    the API reads the file in a thread while its event loop must keep answering."""
    head = _HEAD.match(text)
    if head is None:
        return json.loads(text)
    decoder = json.JSONDecoder()
    nodes, i = _array(text, head.end(), decoder)
    rels_start = _RELS.match(text, i)
    if rels_start is None:
        return json.loads(text)
    rels, i = _array(text, rels_start.end(), decoder)
    if _TAIL.match(text, i) is None:
        return json.loads(text)  # raises, saying where
    return {"version": int(head.group(1)), "nodes": nodes, "rels": rels}


def _array(text: str, i: int, decoder: json.JSONDecoder) -> tuple[list, int]:
    """The items of the JSON array whose `[` ends before text[i], and the index after its `]`."""
    items = []
    i = _SPACE.match(text, i).end()
    if text[i] == "]":
        return items, i + 1
    while True:
        item, i = decoder.raw_decode(text, i)
        items.append(item)
        i = _SPACE.match(text, i).end()
        if text[i] == "]":
            return items, i + 1
        if text[i] != ",":
            raise ValueError(f"expected , or ] at character {i}")
        i = _SPACE.match(text, i + 1).end()


def _temporary(path: Path) -> Path:
    return path.with_name(f".graph.{os.getpid()}.tmp")


def write_graph(g: nx.MultiDiGraph, path: Path) -> None:
    """The same JSON as one json.dump of {"version", "nodes", "rels"}, written an element at a time
    with json.dumps (whose C encoder json.dump does not use), without the whole text in memory."""

    def dumps(x) -> str:
        return json.dumps(x, ensure_ascii=False, separators=(",", ":"))

    def without(d: dict, key: str) -> dict:
        out = dict(d)
        out.pop(key, None)
        return out

    tmp = _temporary(path)
    # Ctrl-C or SIGTERM half way would leave graph.json as it was and lose the load: they wait
    # until the new file is in place (Python runs their handlers once they are let through)
    blocked = _block_signals()
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(f'{{"version":{dumps(FORMAT_VERSION)},"nodes":[')
            for i, (n, d) in enumerate(g.nodes(data=True)):
                f.write(("," if i else "") + dumps({"id": n, "labels": d["labels"], "props": without(d, "labels")}))
            f.write('],"rels":[')
            for i, (s, e, k, d) in enumerate(g.edges(keys=True, data=True)):
                f.write(("," if i else "") + dumps({"type": d["type"], "start": s, "end": e, "key": k, "props": without(d, "type")}))
            f.write("]}")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise StoreUnavailable(f"cannot save {path}: {e.strerror or e}; it is left as it was") from None
    finally:
        _unblock_signals(blocked)


def remove_leftovers(folder: Path) -> None:
    """Temporary files of saves whose process died (a live process may still be saving)."""
    for tmp in folder.glob(".graph.*.tmp"):
        pid = tmp.name.split(".")[2]
        if pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
            tmp.unlink(missing_ok=True)


def _block_signals() -> set | None:
    """Hold Ctrl-C and SIGTERM back (in the main thread, where Python runs their handlers)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)


def _unblock_signals(blocked: set | None) -> None:
    if blocked is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
