"""Bounds on a request's head (size, header count, time to arrive), enforced in the HTTP parser.

uvicorn's httptools protocol, which `graphsvc serve` uses, keeps every byte of an unfinished
request head in memory, accepts any number of headers and never times out a connection that has
not finished its first request: one anonymous client sent a 50 MB header (answered 200), four
sending 200 MiB each took the server from 355 to 1,262 MiB, and 3,000 half-sent requests were
still open after a minute. uvicorn's own options do not help here: `h11_max_incomplete_event_size`
applies to h11 only, `timeout_keep_alive` only between requests. So the protocol is subclassed:

- a head larger than `max_header_bytes` is answered 431 and the connection closed, as soon as
  that many bytes have arrived without the head ending (the parser's buffer stays bounded);
- more than `max_headers` header lines are answered 431;
- a head that has not arrived `header_timeout_s` seconds after the connection opened, or after
  the previous response on a kept-alive connection, is answered 408 and the connection closed.

The limits come from `ApiSettings` (GRAPHSVC_MAX_HEADER_BYTES, _MAX_HEADERS, _HEADER_TIMEOUT).
They are read from the environment in each worker, as `create_app` reads its settings, because
uvicorn builds the protocol itself and passes it nothing of ours.
"""

from __future__ import annotations

import asyncio
from functools import cache

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from graphsvc.service.settings import ApiSettings, ServerLimits


@cache
def _limits() -> ServerLimits:
    return ApiSettings.from_env().server


class _HeadRefused(Exception):
    """Raised from a parser callback to stop parsing a head past its limits."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with bounded request heads (see the module docstring)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first head as soon as the connection opens."""
        self._limits = _limits()
        self._head_bytes = 0
        self._header_count = 0
        self._awaiting_head = True
        self._head_begun = False
        self._refusal: int | None = None
        self._head_timer: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the head timer with the connection."""
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Parse, then refuse a head still unfinished after more bytes than allowed."""
        if self._awaiting_head:
            self._head_bytes += len(data)
        super().data_received(data)
        if (
            self._awaiting_head
            and self._head_bytes > self._limits.max_header_bytes
            and not self.transport.is_closing()
        ):
            self._refuse(431, "Request header fields too large")

    def on_message_begin(self) -> None:
        """A new head starts: count its bytes and headers afresh, and time it."""
        super().on_message_begin()
        self._head_begun = True
        if not self._awaiting_head:
            self._awaiting_head = True
            self._head_bytes = 0
            self._header_count = 0
            self._arm_head_timer()

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count header lines; past the limit, stop the parser (answered 431)."""
        self._header_count += 1
        if self._header_count > self._limits.max_headers:
            self._refusal = 431
            raise _HeadRefused
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        """The head arrived in time and within bounds: stop its clock."""
        self._awaiting_head = False
        self._head_begun = False
        self._cancel_head_timer()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        """Answer a head refused by a callback above 431; other parser errors stay 400."""
        if self._refusal is not None:
            self._refuse(self._refusal, "Too many request header fields")
            return
        super().send_400_response(msg)

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self._limits.header_timeout_s, self._head_late)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_late(self) -> None:
        self._head_timer = None
        if not self._awaiting_head or self.transport.is_closing():
            return
        if not self._head_begun:
            self.transport.close()  # nothing was asked: nothing to answer
        else:
            self._refuse(408, "Request head not received in time")

    def _refuse(self, status: int, message: str) -> None:
        body = message.encode("ascii")
        reason = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}[status]
        self.transport.write(
            b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (status, reason, len(body), body)
        )
        self.transport.close()
        self._cancel_head_timer()
        self._awaiting_head = False
