"""The API under test: the real Starlette app served by uvicorn on loopback, over real HTTP.

The server runs in a thread of the test process (no daemon to leak), against the Neo4j test
instance. `api` serves the seeded graph and is shared by the read-only tests of a module; tests
that change the graph ask for `fresh_api`, which reloads the seeds first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graph_state import ensure_seeds
from served_app import ServedApp, ServedApps, free_port, serve

from graphsvc.store.database import Database


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
    """Exactly the seeds in the database (reloaded only if something wrote, see graph_state)."""
    ensure_seeds(database)


@pytest.fixture(scope="module")
def api(seeded_once: Database, served_apps: ServedApps) -> Iterator[Api]:
    with httpx.Client(base_url=served_apps.get().url, timeout=30) as client:
        yield Api(client)


@pytest.fixture
def fresh_api(database: Database, served_apps: ServedApps) -> Iterator[Api]:
    reseed(database)
    with httpx.Client(base_url=served_apps.get().url, timeout=30) as client:
        yield Api(client)


__all__ = ["Api", "ServedApp", "free_port", "reseed", "round_trips", "serve"]
