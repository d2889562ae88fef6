"""How uvicorn serves the API: the limits on a request's head that uvicorn does not set itself.

uvicorn's httptools protocol (the fast one, from uvicorn[standard]) takes headers of any size and
waits forever for a request that never ends its headers: `h11_max_incomplete_event_size` applies to
its h11 protocol only, and `timeout_keep_alive` only runs between requests. `GuardedHttpToolsProtocol`
adds both: a head over MAX_HEAD_BYTES is answered 431, one not complete HEAD_TIMEOUT_SECONDS after the
connection opened (or after the first byte of the next request on a kept-alive one) 408, and the
connection closed. The body's limits are the app's (api/limits.py).

    uvicorn.run(app, **uvicorn_options())
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from okg.api.limits import HEAD_TIMEOUT_SECONDS, KEEP_ALIVE_SECONDS, MAX_HEAD_BYTES


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    max_head_bytes = MAX_HEAD_BYTES
    head_timeout = HEAD_TIMEOUT_SECONDS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_bytes = 0
        self._await_head()

    def _await_head(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout, self._head_too_slow)
        self._head_bytes = -1  # the chunk a head begins in is not counted: it may end a body before

    def _head_done(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._await_head()
        self._head_size = 0  # of the request line's target and the headers, as the parser gives them

    def on_url(self, url: bytes) -> None:
        self._head_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_size += len(name) + len(value) + 4
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._head_done()
        if self._head_size > self.max_head_bytes:
            # raising stops the parser; uvicorn then answers with send_400_response, made a 431 here
            self._head_too_large = True
            raise ValueError("request head too large")
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if getattr(self, "_head_too_large", False):
            self._refuse(b"431 Request Header Fields Too Large", f"request head over {self.max_head_bytes} bytes")
        else:
            super().send_400_response(msg)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._head_timer is None or self.transport.is_closing():
            return
        # still reading a head: count what came after the chunk it began in (the parser keeps a
        # header it has not seen the end of, so this bounds memory to the limit and one read; a
        # complete head is measured exactly in on_headers_complete)
        self._head_bytes = 0 if self._head_bytes < 0 else self._head_bytes + len(data)
        if self._head_bytes > self.max_head_bytes:
            self._refuse(b"431 Request Header Fields Too Large", f"request head over {self.max_head_bytes} bytes")

    def connection_lost(self, exc: Exception | None) -> None:
        self._head_done()
        super().connection_lost(exc)

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self._refuse(b"408 Request Timeout", f"request headers not received within {self.head_timeout:g} s")

    def _refuse(self, status: bytes, detail: str) -> None:
        self._head_done()
        body = ('{"detail": "%s"}' % detail).encode()
        self.transport.write(
            b"HTTP/1.1 " + status + b"\r\ncontent-type: application/json\r\ncontent-length: "
            + str(len(body)).encode() + b"\r\nconnection: close\r\n\r\n" + body
        )
        self.transport.close()


def uvicorn_options() -> dict:
    """The options `okg serve` (and the tests' servers) give uvicorn.run / uvicorn.Config."""
    return {"http": GuardedHttpToolsProtocol, "timeout_keep_alive": KEEP_ALIVE_SECONDS}
