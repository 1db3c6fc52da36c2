"""The API under test: the real Starlette app served by uvicorn on loopback, over real HTTP.

The server runs in a thread of the test process (no daemon to leak), against the Neo4j test
instance. `api` serves the seeded graph and is shared by the read-only tests of a module; tests
that change the graph ask for `fresh_api`, which reloads the seeds first.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from graphsvc.api.app import create_app
from graphsvc.api.settings import ApiSettings
from graphsvc.config import Settings
from graphsvc.ingest.loader import load
from graphsvc.model import MODEL
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEST_INSTANCE = "test"


class ServedApp:
    """An ASGI app served by uvicorn in a background thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServedApp:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Api:
    """A client for one served app, with helpers that keep the tests short."""

    client: httpx.Client
    headers: dict[str, str] = field(default_factory=dict)

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        key: str | None = None,
        accept: str = "application/json",
    ) -> httpx.Response:
        headers = {"accept": accept, **self.headers}
        if key:
            headers["authorization"] = f"Bearer {key}"
        return self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    def data(
        self, query: str, variables: dict[str, Any] | None = None, key: str | None = None
    ) -> dict[str, Any]:
        """POST `query` and return its data, failing the test on any error."""
        response = self.post(query, variables, key=key)
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body["errors"]
        return dict(body["data"])

    def errors(
        self, query: str, variables: dict[str, Any] | None = None, key: str | None = None
    ) -> list[dict[str, Any]]:
        body = self.post(query, variables, key=key).json()
        assert body.get("errors"), body
        return list(body["errors"])


def round_trips(response: httpx.Response) -> int:
    """The number of Cypher round trips the server reports in Server-Timing."""
    timing = response.headers["server-timing"]
    return int(timing.split('desc="')[1].split(" ")[0])


def reseed(database: Database) -> None:
    wipe_test_database(database)
    load(SEEDS, MODEL, database)


def serve(settings: Settings, api_settings: ApiSettings | None = None) -> ServedApp:
    return ServedApp(create_app(settings, api_settings or ApiSettings(), TEST_INSTANCE))


@pytest.fixture(scope="module")
def api(seeded_once: Database, settings: Settings) -> Iterator[Api]:
    with serve(settings) as served, httpx.Client(base_url=served.url, timeout=30) as client:
        yield Api(client)


@pytest.fixture
def fresh_api(database: Database, settings: Settings) -> Iterator[Api]:
    reseed(database)
    with serve(settings) as served, httpx.Client(base_url=served.url, timeout=30) as client:
        yield Api(client)
