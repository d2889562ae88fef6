"""A request body size limit, enforced on the raw ASGI stream.

A declared `Content-Length` over the limit is refused before the app runs; a body sent without one
(chunked) is counted as it arrives and refused as soon as it passes the limit, so the server never
holds more than the limit in memory. Either way the answer is 413 with a JSON detail.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# 5 MiB: a whole newspaper page as text is a few tens of kilobytes.
MAX_BODY_BYTES = 5 * 1024 * 1024


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body passes the limit. Being an HTTPException, it becomes a 413
    wherever it surfaces (FastAPI re-raises HTTPExceptions met while parsing a body)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            status_code=413,
            detail=f"request body too large: the limit is {max_bytes} bytes",
            headers={"Connection": "close"},
        )


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

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

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge as exc:
            if not started:
                await self._refuse(send, 413, exc.detail)

    def _too_large(self) -> str:
        return BodyTooLarge(self.max_bytes).detail

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
