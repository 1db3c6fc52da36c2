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

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from graphsvc.errors import UnreadableDocuments
from graphsvc.intake.document import Document
from graphsvc.intake.read import read_url
from graphsvc.intake.read.fetch import SCHEMES

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


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's network backend, connecting only to public addresses unless allowed."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

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
        return super().connect_tcp(str(target), port, timeout, local_address, socket_options)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `GuardedBackend` (TLS still checks the certificate's host name)."""

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=GuardedBackend(allow_private)
        )


def read_from_form(url: str, allow_private: bool) -> list[Document]:
    """The documents at an http(s) URL typed into a form (never a path on this server).

    Raises UnreadableDocuments naming the URL and what went wrong, a private host included.
    """
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SCHEMES or "://" not in url:
        raise UnreadableDocuments.about(url, "is not an http or https URL")
    return read_url(url, transport=GuardedTransport(allow_private))
