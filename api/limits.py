"""Request limits: the size of a request's head (api/server.py) and of its body, the time each may
take to arrive, and how many long jobs (exports, whole-network analyses) run at once (`Slots`).

The body's are enforced here on the raw ASGI stream. A declared `Content-Length` over the limit is
refused before the app runs; a body sent without one (chunked) is counted as it arrives and refused
as soon as it passes the limit, so the server never holds more than the limit in memory: 413 with a
JSON detail. A body that has not all arrived BODY_TIMEOUT_SECONDS after the app first asked for it
is refused with 408, so a client that sends a few bytes now and then does not hold a request open.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 5 MiB: a whole newspaper page as text is a few tens of kilobytes.
MAX_BODY_BYTES = 5 * 1024 * 1024
# The request line and headers: browsers and curl send well under 8 KiB.
MAX_HEAD_BYTES = 64 * 1024
# From a connection's opening (or the first byte of its next request) to the end of the headers.
HEAD_TIMEOUT_SECONDS = 10.0
# 5 MiB in 30 s is 170 KiB/s, slower than any real uploader.
BODY_TIMEOUT_SECONDS = 30.0
# An idle kept-alive connection is closed after this (uvicorn's timeout_keep_alive).
KEEP_ALIVE_SECONDS = 5
# What a request refused because all the slots of its kind are taken is told to wait.
RETRY_AFTER_SECONDS = 10


class Slots:
    """At most `n` jobs of one kind at once per process (each keeps a thread, and the GIL the event
    loop needs, busy for seconds on a large graph): `take()` is False when all are running (it never
    waits), and `refused()` is the 503 with Retry-After to answer then."""

    def __init__(self, n: int, what: str):
        self.n = n
        self.what = what  # plural: "exports"
        self._free = threading.BoundedSemaphore(n)

    def take(self) -> bool:
        return self._free.acquire(blocking=False)

    def give(self) -> None:
        self._free.release()

    def refused(self) -> HTTPException:
        return HTTPException(
            status_code=503,
            detail=f"{self.n} {self.what} are running, as many as this server runs at once; try again later",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )


class BodyRefused(HTTPException):
    """Raised from `receive` when the body passes the size limit (413) or its time (408). Being an
    HTTPException, it becomes that answer wherever it surfaces (FastAPI re-raises HTTPExceptions met
    while parsing a body)."""

    def __init__(self, status_code: int, detail: str) -> None:
        super().__init__(status_code=status_code, detail=detail, headers={"Connection": "close"})


class BodyLimits:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES, timeout: float = BODY_TIMEOUT_SECONDS) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        has_body = False
        for name, raw in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(raw)
                except ValueError:
                    await self._refuse(send, 400, "invalid Content-Length header")
                    return
                if declared > self.max_bytes:
                    await self._refuse(send, 413, self._too_large())
                    return
                has_body = declared > 0
            elif name == b"transfer-encoding":
                has_body = True
        if not has_body:
            # HTTP/1.1 has a body only with one of those two headers: the GETs, nearly every request,
            # go straight through without the counting wrappers
            await self.app(scope, receive, send)
            return

        received = 0
        started = False
        deadline: float | None = None

        async def limited_receive() -> Message:
            nonlocal received, deadline
            if deadline is None:
                deadline = time.monotonic() + self.timeout
            try:
                message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise BodyRefused(408, f"request body not received within {self.timeout:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyRefused(413, self._too_large())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyRefused as exc:
            if not started:
                await self._refuse(send, exc.status_code, exc.detail)

    def _too_large(self) -> str:
        return f"request body too large: the limit is {self.max_bytes} bytes"

    @staticmethod
    async def _refuse(send: Send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
