"""Building a Neo4j load's groups off the writer's critical path: a builder process.

Resolution and row building (okg.graph.build, `Neo4jStore._build_group`, the rows' write plan) are
Python from end to end, and in the writing process they hold the interpreter while the writer
thread sends the group before. So `Neo4jStore.load` builds its first group itself and, when a
second follows, hands the resolution state over to one builder process (spawned, as the `--jobs`
workers are), which builds every later group, in input order, while this process writes. The
builder asks Neo4j what the store would (the article ids already there, the candidates of names new
to the load, the judgements) over a connection of its own; what the load built before is in the
state it was handed and keeps, so every article resolves as it would in one process.

At most AHEAD groups are given to the builder before the first of them is written, so memory stays
bounded. Where a process cannot be started, or it dies before its first group (a script that
starts a load at import time, without `if __name__ == "__main__":`, cannot be spawned), the groups
are built here, one after the other; a builder that dies later fails the load with a LoadError.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from itertools import chain
from queue import Empty
from typing import TYPE_CHECKING, Iterable, Iterator

from okg.facts import Article
from okg.graph.store import LoadError

if TYPE_CHECKING:
    from okg.graph.neo4j_store import Neo4jStore, _Resolution, _Rows

AHEAD = 2  # groups handed to the builder and not yet written


def _serve(settings, people: dict, homes: dict, judged, seen: set[str], inbox, outbox) -> None:
    """The builder process: the state handed over, then one group after another from `inbox` (None
    ends it), each answered on `outbox` with its ids, rows and failure, or the error it raised."""
    from okg.graph.neo4j_store import Neo4jStore, _Resolution  # noqa: PLC0415

    store = Neo4jStore(settings, apply_schema=False)  # the loading process applied it
    state = _Resolution(store)
    state.people, state.homes, state._judged = people, homes, judged
    try:
        while (runs := inbox.get()) is not None:
            loaded: list[str] = []
            try:
                rows, failure = store._build_group(runs, state, loaded, seen)
            except Exception as e:  # noqa: BLE001 - raised again in the loading process
                outbox.put(("error", e))
                return
            if failure is None:
                rows.seal()
            outbox.put((loaded, rows, failure))
    finally:
        store.close()


class _Builder:
    """The builder process and its two queues, as the loading process sees them."""

    def __init__(self, store: "Neo4jStore", state: "_Resolution", seen: set[str]):
        ctx = multiprocessing.get_context("spawn")  # never fork a process that may run a JVM or driver threads
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        self.proc = ctx.Process(target=_serve, name="okg-neo4j-builder", daemon=True, args=(
            store.settings, state.people, state.homes, state.judgements(), seen, self.inbox, self.outbox))
        self.proc.start()
        self.answered = 0

    def give(self, runs: list[list[Article]]) -> None:
        self.inbox.put(runs)

    def take(self, loaded: list[str]) -> tuple["_Rows", LoadError | None] | None:
        """The next group's rows and failure; None when the builder died before answering any."""
        while True:
            try:
                answer = self.outbox.get(timeout=1)
                break
            except Empty:
                if not self.proc.is_alive():
                    if self.answered == 0:
                        return None
                    raise LoadError(f"the builder process of the load died (exit {self.proc.exitcode}); "
                                    "the groups written before it stay loaded") from None
        self.answered += 1
        if answer[0] == "error":
            raise answer[1]
        ids, rows, failure = answer
        loaded.extend(ids)
        return rows, failure

    def close(self) -> None:
        if self.proc.is_alive():  # done: told to stop; after a failure or an error: stopped
            self.inbox.put(None)
            self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join()
        self.inbox.close()
        self.outbox.close()
        self.inbox.cancel_join_thread()  # groups never taken (after a failure) are dropped, not waited for
        self.outbox.cancel_join_thread()


def built_groups(store: "Neo4jStore", chunks: Iterable[list[list[Article]]], state: "_Resolution",
                 loaded: list[str], seen: set[str]) -> Iterator[tuple["_Rows", LoadError | None]]:
    """The rows of each group of `chunks` and the failure that stopped its build (None): the first
    built here, the others by a builder process while the caller writes (see the module doc).
    `loaded` gets the ids of the articles of each group yielded. After a failure nothing follows."""
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return
    rows, failure = store._build_group(first, state, loaded, seen)
    second = next(chunks, None) if failure is None else None
    if second is None:
        yield rows, failure
        return
    try:
        builder = _Builder(store, state, seen)
    except OSError:  # no shared memory for the queues, say
        builder = None
    if builder is None:
        yield rows, failure
        yield from _built_here(store, chain([second], chunks), state, loaded, seen)
        return
    try:
        flight = deque([second])  # the groups given to the builder and not taken yet
        builder.give(second)
        yield rows, failure
        for runs in chain(chunks, [None]):
            if runs is not None:
                flight.append(runs)
                builder.give(runs)
            while flight and (runs is None or len(flight) > AHEAD):
                built = builder.take(loaded)
                if built is None:  # died before its first answer: all it was given is built here
                    yield from _built_here(store, chain(list(flight), chunks), state, loaded, seen)
                    return
                flight.popleft()
                yield built
                if built[1] is not None:
                    return
    finally:
        builder.close()


def _built_here(store: "Neo4jStore", chunks: Iterable[list[list[Article]]], state: "_Resolution",
                loaded: list[str], seen: set[str]) -> Iterator[tuple["_Rows", LoadError | None]]:
    """Groups built in this process, one after the other, up to and with the first failure."""
    for runs in chunks:
        rows, failure = store._build_group(runs, state, loaded, seen)
        yield rows, failure
        if failure is not None:
            return
