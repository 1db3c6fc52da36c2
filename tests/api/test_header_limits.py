"""Request heads are bounded in `graphsvc serve`: size, header count and time to arrive.

A real `graphsvc serve` process on loopback, spoken to over raw sockets, because the limits live
in the HTTP parser (graphsvc.api.header_guard), below anything an ASGI test client reaches. Small
limits are configured through the environment so that each case is quick.
"""

from __future__ import annotations

import select
import socket
from collections.abc import Iterator

import pytest
from served_app import free_port
from served_process import serve_process

MAX_HEADER_BYTES = 8_192
HEADER_TIMEOUT_S = 1


@pytest.fixture(scope="module")
def served() -> Iterator[int]:
    """`graphsvc serve` with small head limits; /healthz needs no database."""
    port = free_port()
    settings = {
        "GRAPHSVC_GRAPHIQL": "off",
        "GRAPHSVC_MAX_HEADER_BYTES": str(MAX_HEADER_BYTES),
        "GRAPHSVC_MAX_HEADERS": "20",
        "GRAPHSVC_HEADER_TIMEOUT": str(HEADER_TIMEOUT_S),
    }
    with serve_process(port, settings):
        yield port


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.settimeout(30)  # a safety net for a broken server, not a limit under test
    return sock


def answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return received


def send_all(sock: socket.socket, data: bytes) -> int:
    """Send in pieces until the server stops reading; how many bytes it took."""
    sent = 0
    try:
        for start in range(0, len(data), 4096):
            sock.sendall(data[start : start + 4096])
            sent = start + 4096
    except (BrokenPipeError, ConnectionResetError):
        pass
    return sent


def test_a_small_request_is_answered(served: int) -> None:
    with connect(served) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer(sock).startswith(b"HTTP/1.1 200")


def test_a_huge_header_is_refused_before_it_is_all_read(served: int) -> None:
    head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 4_000_000
    with connect(served) as sock:
        sent = send_all(sock, head)
        reply = answer(sock)
    assert reply.startswith(b"HTTP/1.1 431"), reply[:100]
    assert sent < len(head)


def test_too_many_headers_are_refused(served: int) -> None:
    lines = b"".join(b"X-N%d: v\r\n" % number for number in range(21))
    with connect(served) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + lines + b"\r\n")
        assert answer(sock).startswith(b"HTTP/1.1 431")


def test_a_half_sent_head_is_timed_out(served: int) -> None:
    with connect(served) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        assert answer(sock).startswith(b"HTTP/1.1 408")


def test_a_silent_connection_is_closed(served: int) -> None:
    with connect(served) as sock:
        assert answer(sock) == b""


def test_a_head_dripped_byte_by_byte_is_timed_out(served: int) -> None:
    """Each byte resets no clock: the whole head must arrive in time."""
    with connect(served) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nX-Drip: ")
        for _ in range(300):  # a safety net of 30 s for a server that never stops it
            if select.select([sock], [], [], 0.1)[0]:  # the server speaks
                break
            sock.sendall(b"x")
        assert answer(sock).startswith(b"HTTP/1.1 408")


def test_a_kept_alive_connection_times_its_next_head(served: int) -> None:
    with connect(served) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        first = b""
        while not first.endswith(b'"alive"}'):
            first += sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 200")
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        assert answer(sock).startswith(b"HTTP/1.1 408")
