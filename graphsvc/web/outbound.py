"""Fetching a URL a person typed into a form, without letting it reach this server's own network.

A form that makes the server fetch a URL would otherwise let anyone with an editor key read what
only the server can reach: Neo4j's HTTP port, a cloud's metadata service at 169.254.169.254, an
admin page on the local network (server-side request forgery). So every connection intake's reader
opens for a form, the first and each one after a redirect, goes through `GuardedBackend`: it
resolves the host name itself, refuses it if any of its addresses is loopback, private,
link-local or otherwise not public, and then connects to the address it checked, never resolving
again (a name that answers differently the second time gains nothing).

`GRAPHSVC_FETCH_PRIVATE=allow` lifts the rule, for tests and local development that serve
documents on loopback.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpcore
import httpx

from graphsvc.errors import ApiError, ErrorCode, UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read import read_url
from graphsvc.intake.read.fetch import OUT_OF_TIME, SCHEMES
from graphsvc.intake.read.limits import DEFAULT_LIMITS, ReadLimits

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class PrivateAddress(httpcore.ConnectError):
    """A connection refused before it was opened: the host is not on the public internet."""


NAT64 = ipaddress.ip_network("64:ff9b::/96")
"""The well-known NAT64 prefix: a gateway turns `64:ff9b::7f00:1` into 127.0.0.1 on its side."""


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries, which a network may reach on its behalf.

    IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`, deprecated but still routed
    by some stacks), NAT64 (`64:ff9b::a.b.c.d`), 6to4 (`2002:AABB:CCDD::`) and Teredo's client.
    """
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address.packed[:12] == bytes(12) or address in NAT64:
        return ipaddress.IPv4Address(address.packed[12:])
    return None


def is_public(address: Address) -> bool:
    """Whether an address is a public one (not loopback, private, link-local, reserved ...).

    An IPv6 address that embeds an IPv4 address is public only when that one is too.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = embedded_ipv4(address)
        if inner is not None and not is_public(inner):
            return False
    return address.is_global and not address.is_multicast


def addresses_of(host: str, port: int) -> list[Address]:
    """Every address `host` resolves to (an address given as such is itself)."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise httpcore.ConnectError(f"{host} cannot be resolved: {error}") from error
    return list(
        dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found)
    )


def checked(host: str, addresses: Iterable[Address]) -> Address:
    """The first address to connect to, after refusing the host if any address is not public."""
    found = list(addresses)
    refused = [a for a in found if not is_public(a)]
    if refused or not found:
        # What an internal name resolves to is not echoed: the message would map the network.
        raise PrivateAddress(
            f"{host} is not on the public internet; documents are fetched only from public "
            "addresses"
        )
    return found[0]


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits at most until one deadline.

    httpx's timeouts are per read: a server sending its headers one byte every few seconds
    never trips them. Capping each wait at the time left bounds the whole URL, headers included.
    """

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self.stream = stream
        self.deadline = deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout(OUT_OF_TIME)
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        try:
            return self.stream.read(max_bytes, self._left(timeout))
        except httpcore.ReadTimeout:
            self._left(None)  # OUT_OF_TIME when the wait was cut short by the deadline
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self._left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        started = self.stream.start_tls(ssl_context, server_hostname, self._left(timeout))
        return _DeadlineStream(started, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to public addresses unless allowed."""

    def __init__(self, allow_private: bool, deadline: float = float("inf")) -> None:
        self.allow_private = allow_private
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = addresses_of(host, port)
        target = addresses[0] if self.allow_private else checked(host, addresses)
        stream = super().connect_tcp(str(target), port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self.deadline)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `GuardedBackend` (TLS still checks the certificate's host name)."""

    def __init__(self, allow_private: bool, deadline: float = float("inf")) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(allow_private, deadline),
        )


def read_from_form(
    url: str, allow_private: bool, limits: ReadLimits = DEFAULT_LIMITS
) -> list[Document]:
    """The documents at an http(s) URL typed into a form (never a path on this server).

    The whole URL, redirects and a dripping server included, gets `limits.total_timeout`.
    Raises UnreadableDocuments naming the URL and what went wrong, a private host included.
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SCHEMES or "://" not in url:
        raise UnreadableDocuments.about(url, "is not an http or https URL")
    deadline = time.monotonic() + limits.total_timeout
    return read_url(url, limits, transport=GuardedTransport(allow_private, deadline))


class FetchPool:
    """The threads that fetch URLs for forms: their own few, never asyncio's default executor.

    Fetching waits on other people's servers; with the default executor six slow URLs took every
    thread that map building needs (`/maps/city` answered 503 after 30 s). Here at most
    `workers` URLs are fetched at once and as many more wait; beyond that a form is told to try
    again rather than queue without end.
    """

    def __init__(self, workers: int = 4) -> None:
        self.workers = workers
        self.executor = ThreadPoolExecutor(workers, thread_name_prefix="graphsvc-fetch")
        self.taken = 0

    async def read(self, url: str, allow_private: bool, limits: ReadLimits) -> list[Document]:
        """`read_from_form` on one of the pool's threads; UNAVAILABLE when the pool is full."""
        if self.taken >= 2 * self.workers:
            raise ApiError(
                ErrorCode.UNAVAILABLE,
                f"{self.taken} documents are being fetched already; try again in a minute",
            )
        self.taken += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self.executor, read_from_form, url, allow_private, limits
            )
        finally:
            self.taken -= 1


FETCH_POOL = FetchPool()
"""This process's fetching threads (made as they are first needed)."""
