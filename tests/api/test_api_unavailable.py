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

from graphsvc.api.keys import create_key
from graphsvc.api.settings import ApiSettings
from graphsvc.config import Settings
from graphsvc.neo4j_server import ManagedInstance
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


@pytest.fixture
def proxied(settings: Settings, seeded_once: Database) -> Iterator[tuple[Api, SwitchableProxy]]:
    credentials = (
        ManagedInstance(settings, "test").credentials() if settings.uses_managed_server else None
    )
    if credentials is None:
        pytest.skip("the proxy test needs the managed test instance (NEO4J_URI is set)")
    target = int(credentials.uri.rsplit(":", 1)[1])
    proxy = SwitchableProxy(target)
    proxy.up()
    through_proxy = replace(
        settings, neo4j_uri=f"bolt://127.0.0.1:{proxy.port}", neo4j_password=credentials.password
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
