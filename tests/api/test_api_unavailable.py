"""Neo4j going away and coming back, seen through the API; reads that need a key."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from conftest import Api, free_port, serve

from graphsvc.config import Settings
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database


class SwitchableProxy:
    """A loopback TCP relay to Neo4j that can be cut (connections dropped, port closed)."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):  # shutdown wakes the blocked accept() on Linux
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()


class TripwireProxy(SwitchableProxy):
    """A relay that cuts every connection when the client sends `trip` (e.g. a parameter of the
    statement a test wants to fail in flight): Neo4j going away in the middle of a request."""

    def __init__(self, target_port: int, trip: bytes) -> None:
        super().__init__(target_port)
        self.trip = trip
        self.tripped = threading.Event()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:  # type: ignore[override]
        try:
            while chunk := source.recv(65536):
                if self.trip in chunk:
                    self.tripped.set()
                    self.down()
                    return
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.close()


class BlackHole:
    """A loopback port that accepts connections and never answers, like a Neo4j still starting."""

    def __init__(self) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = int(self.listener.getsockname()[1])

    def close(self) -> None:
        self.listener.close()


def _managed_port(settings: Settings) -> tuple[int, str]:
    if not settings.uses_managed_server:
        pytest.skip("the proxy test needs the managed test instance (NEO4J_URI is set)")
    credentials = ManagedInstance(settings, "test").credentials()
    return int(credentials.uri.rsplit(":", 1)[1]), credentials.password


@pytest.fixture
def proxied(settings: Settings, seeded_once: Database) -> Iterator[tuple[Api, SwitchableProxy]]:
    target, password = _managed_port(settings)
    proxy = SwitchableProxy(target)
    proxy.up()
    through_proxy = replace(
        settings, neo4j_uri=f"bolt://127.0.0.1:{proxy.port}", neo4j_password=password
    )
    with serve(through_proxy) as served, httpx.Client(base_url=served.url, timeout=30) as client:
        yield Api(client), proxy
    proxy.down()


def test_neo4j_down_gives_unavailable_and_recovers(
    proxied: tuple[Api, SwitchableProxy],
) -> None:
    api, proxy = proxied
    query = "{ cities(first: 1) { totalCount } }"
    assert api.data(query) == {"cities": {"totalCount": 15}}
    proxy.down()
    ready = api.client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"
    errors = api.errors(query)
    assert errors[0]["extensions"]["code"] == "UNAVAILABLE"
    assert "not reachable" in errors[0]["message"]
    assert api.client.get("/healthz").status_code == 200
    proxy.up()
    assert api.client.get("/readyz").status_code == 200
    assert api.data(query) == {"cities": {"totalCount": 15}}


def test_reads_can_require_a_key(settings: Settings, seeded_once: Database) -> None:
    reader = create_key(seeded_once, "test reader", "reader")[1]
    with (
        serve(settings, ApiSettings(read_access="key")) as served,
        httpx.Client(base_url=served.url, timeout=30) as client,
    ):
        api = Api(client)
        anonymous = api.post("{ cities { totalCount } }")
        assert anonymous.status_code == 401
        assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert api.data("{ cities { totalCount } }", key=reader)["cities"]["totalCount"] == 15


CREATE = "mutation($input: InstitutionInput!) { createInstitution(input: $input) { slug } }"
MARKER = "cut-off-in-flight"


def test_a_mutation_cut_off_in_flight_gets_503_like_every_other_request(
    settings: Settings, seeded_once: Database
) -> None:
    editor = create_key(seeded_once, "test editor", "editor")[1]
    target, password = _managed_port(settings)
    proxy = TripwireProxy(target, MARKER.encode())
    proxy.up()
    through_proxy = replace(
        settings, neo4j_uri=f"bolt://127.0.0.1:{proxy.port}", neo4j_password=password
    )
    new = {
        "slug": MARKER,
        "name": "Cut Off",
        "category": "CITY_NETWORK",
        "sources": ["002_6b4a5633911ede0b.txt"],
    }
    try:
        with (
            serve(through_proxy) as served,
            httpx.Client(base_url=served.url, timeout=30) as client,
        ):
            response = Api(client).post(CREATE, {"input": new}, key=editor)
    finally:
        proxy.down()
    assert proxy.tripped.is_set(), "the mutation never reached Neo4j"
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAVAILABLE", body
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert body["data"] is None


def test_while_neo4j_does_not_answer_a_request_waits_at_most_the_query_timeout(
    settings: Settings,
) -> None:
    hole = BlackHole()
    silent = replace(settings, neo4j_uri=f"bolt://127.0.0.1:{hole.port}", neo4j_password="x")
    try:
        with (
            serve(silent, ApiSettings(query_timeout_s=1)) as served,
            httpx.Client(base_url=served.url, timeout=30) as client,
        ):
            response = Api(client).post("{ cities { totalCount } }")
            page = client.get("/maps/overview")
    finally:
        hole.close()
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAVAILABLE"
    # The request's own bound answered, not the driver's longer connection timeouts.
    assert "did not answer within 1 s (GRAPHSVC_QUERY_TIMEOUT)" in error["message"]
    assert page.status_code == 503 and "within 1 s" in page.text
