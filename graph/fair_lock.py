"""A reentrant lock handed to the threads that wait for it in the order they came (the embedded store's
`lock`).

The API's event loop takes the store's lock for every question (well under a millisecond), and the
threads that load, export or read the graph again take it a chunk at a time. With threading.RLock the
thread that releases the lock may take it straight back before a waiter has woken: the loop, which
holds the GIL and asks again a fraction of a millisecond later, did so over and over, and with 50
readers an export or an ingest waited minutes for its turn (bench/api.py --busy). Here a release hands
the lock to the first waiter: the loop then waits for that one chunk (milliseconds) and goes on.
"""

from __future__ import annotations

import threading
from collections import deque


class FairRLock:
    def __init__(self) -> None:
        self._state = threading.Lock()  # guards the three below
        self._owner: int | None = None
        self._depth = 0
        self._waiters: deque[tuple[int, threading.Lock]] = deque()  # (thread, held until its turn)

    def acquire(self) -> bool:
        me = threading.get_ident()
        with self._state:
            if self._owner == me:
                self._depth += 1
                return True
            if self._owner is None:  # free (a release with waiters hands it on, never frees it)
                self._owner, self._depth = me, 1
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append((me, turn))
        try:
            turn.acquire()  # released by the release that makes this thread the owner
        except BaseException:  # interrupted while waiting: leave the queue, or give back what was handed over
            with self._state:
                if (me, turn) in self._waiters:
                    self._waiters.remove((me, turn))
                    raise
            self.release()
            raise
        return True

    def release(self) -> None:
        with self._state:
            if self._owner != threading.get_ident():
                raise RuntimeError("cannot release a lock this thread does not hold")
            self._depth -= 1
            if self._depth:
                return
            if self._waiters:
                self._owner, turn = self._waiters.popleft()
                self._depth = 1
                turn.release()
            else:
                self._owner = None

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
