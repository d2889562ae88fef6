"""Questions to Neo4j written once, asked through the driver's blocking API or its asyncio API.

A question of the Neo4j store (`Neo4jStore.person_events`, ...) is written as a generator: it yields
`Ask(name, params)` for each saved query (cypher/queries/<name>.cypher) it needs, receives that
query's rows, and returns the answer. `@question` makes a plain method of it, so the store keeps the
blocking `okg.graph.store.Store` interface (the CLI, the exports, the tests); `answer_async` runs the
very same generator over the async driver, which is how the API asks: on the event loop, with no
thread hand-over per request. Both run every query the same way, as an auto-commit read in a READ
session (see `Neo4jStore._run`).

    @question
    def event_attendees(self, event_id, ...):
        row = yield from ask_one("event_attendees", event_id=event_id, ...)
        return None if row is None else ...
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Generator

Rows = list[dict]
Steps = Generator["Ask", Rows, Any]


@dataclass(frozen=True)
class Ask:
    """One saved query to run and the parameters to run it with."""

    name: str
    params: dict = field(default_factory=dict)


def ask_rows(name: str, **params) -> Generator[Ask, Rows, Rows]:
    """All the rows of a saved query (use with `yield from`)."""
    return (yield Ask(name, params))


def ask_one(name: str, **params) -> Generator[Ask, Rows, dict | None]:
    """The first row of a saved query, or None (use with `yield from`)."""
    found = yield Ask(name, params)
    return found[0] if found else None


def question(steps: Callable[..., Steps]) -> Callable[..., Any]:
    """A store method from a question generator: called, it runs each query with `self._read`.
    The generator stays reachable as `.steps` for `answer_async`."""

    @functools.wraps(steps)
    def ask(self, *args, **kwargs):
        gen = steps(self, *args, **kwargs)
        found: Rows | None = None
        try:
            while True:
                step = gen.send(found)
                found = self._read(step.name, **step.params)
        except StopIteration as done:
            return done.value

    ask.steps = steps
    return ask


def is_question(method: Callable) -> bool:
    return callable(getattr(method, "steps", None))


async def answer_async(method: Callable, read: Callable[[str, dict], Awaitable[Rows]], *args, **kwargs) -> Any:
    """What the bound question `method` answers, each query run by `await read(name, params)`."""
    gen = method.steps(method.__self__, *args, **kwargs)
    found: Rows | None = None
    try:
        while True:
            step = gen.send(found)
            found = await read(step.name, step.params)
    except StopIteration as done:
        return done.value
