"""Extraction on several cores: worker processes, each with one engine (one JVM) kept for all its
inputs, results given back in input order.

    extract_in_order(docs, jobs, pool, here, on_lost) -> Iterator[list[Article] | InputError]
    in_order(items, submit, window) -> Iterator    # results in input order, a bounded number in flight

At most IN_FLIGHT_PER_JOB × jobs inputs are in flight, so memory stays bounded however long the run. Workers are
started with `spawn`: a process forked from one that runs a JVM would inherit a broken JVM.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

from okg.extract.inputs import InputDoc, InputError
from okg.facts import Article

_settings: dict = {}


# inputs in flight per worker: enough that a worker never waits while the result before it, in input
# order, is still being made by another (pages differ in length), few enough to bound memory
IN_FLIGHT_PER_JOB = 8


def default_jobs() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _start_worker(engine: str, home: str | None, date: str | None, raise_errors: bool) -> None:
    from okg.extract.stream import _started

    _settings.update(engine=engine, home=home, date=date, raise_errors=raise_errors)
    _started(engine)  # the engine starts once per worker, before its first input


def work(doc: InputDoc) -> bytes:
    """A worker's result, pickled here: the pool's one thread in the parent that hands out the inputs
    also takes the results in, and unpickling thousands of facts there kept the workers waiting for
    their next input. The parent's reader unpickles them (`_wait`)."""
    from okg.extract.stream import _extract

    s = _settings
    return pickle.dumps(_extract(doc, s["engine"], s["home"], s["date"], s["raise_errors"]), protocol=pickle.HIGHEST_PROTOCOL)


class NoWorkers(RuntimeError):
    """Worker processes cannot be started here (no shared memory for their queues, say)."""


def start_pool(jobs: int, engine: str, home: str | None, date: str | None, raise_errors: bool) -> ProcessPoolExecutor:
    try:
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                                   initargs=(engine, home, date, raise_errors))
    except OSError as e:
        raise NoWorkers(f"worker processes cannot be started here ({e.strerror or e}); extracting in one process") from e


def extract_in_order(docs: Iterable[InputDoc | InputError], jobs: int, pool: ProcessPoolExecutor,
                     here: Callable[[InputDoc], list[Article] | InputError],
                     on_lost: Callable[[str], None]) -> Iterator[list[Article] | InputError]:
    """Each input's result, in input order, made by the pool's workers. If the workers die or cannot
    start (a worker killed, an interpreter this user may not run), `on_lost` is told once and every
    input not done yet, those in flight included, is extracted `here`, in this process: nothing lost.
    (A multiprocessing.Pool would start new workers for ever, each dying, and the run would hang.)"""
    workers = _Workers(pool, here, on_lost)
    try:
        yield from in_order(docs, workers.submit, lambda: IN_FLIGHT_PER_JOB * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Workers:
    def __init__(self, pool: ProcessPoolExecutor, here, on_lost) -> None:
        self.pool, self.here, self.on_lost, self.lost = pool, here, on_lost, False

    def submit(self, doc: InputDoc) -> Callable[[], list[Article] | InputError]:
        if not self.lost:
            try:
                future = self.pool.submit(work, doc)
            except BrokenProcessPool as e:
                self._lose(e)
            else:
                return lambda: self._wait(future, doc)
        return lambda: self.here(doc)

    def _wait(self, future, doc: InputDoc) -> list[Article] | InputError:
        try:
            return pickle.loads(future.result())
        except BrokenProcessPool as e:
            self._lose(e)
            return self.here(doc)

    def _lose(self, e: BrokenProcessPool) -> None:
        if not self.lost:
            self.lost = True
            self.on_lost(f"the worker processes stopped ({e}); the rest is extracted in one process")


def in_order(items: Iterable, submit: Callable[[object], Callable[[], object]], window: Callable[[], int]) -> Iterator:
    """Each item's result, in the order of the items: `submit(item)` starts its work and gives what
    waits for its result; an InputError item is its own result. At most `window()` items are in
    flight, so memory stays bounded however long the run (the pool here, a Dask cluster in
    extract/cluster.py, whose window grows as workers join)."""
    flight: deque = deque()
    for item in items:
        flight.append(item if isinstance(item, InputError) else submit(item))
        while len(flight) > window():
            yield _result(flight.popleft())
    while flight:
        yield _result(flight.popleft())


def _result(item):
    return item if isinstance(item, InputError) else item()
