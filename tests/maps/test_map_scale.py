"""Maps whose cost is bounded by what they draw: direct matches, a time budget, stored clusters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from browser_support import run_async
from maps_support import TEST_INSTANCE, served

from graphsvc.config import Settings
from graphsvc.errors import ConfigError
from graphsvc.maps.build import build_map
from graphsvc.maps.request import ViewRequest
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j


def overview_statements(settings: Settings) -> list[tuple[str, dict[str, Any]]]:
    """Every statement (with its parameters) the overview sends while it is built."""
    sent: list[tuple[str, dict[str, Any]]] = []

    async def go() -> None:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)

        async def read(statement: str, /, **parameters: Any) -> list[dict[str, Any]]:
            sent.append((statement, parameters))
            return await database.read(statement, **parameters)

        try:
            await build_map(read, ViewRequest.parse("overview", {}))
        finally:
            await database.close()

    run_async(go())
    return sent


def operators(plan: dict[str, Any]) -> Iterator[str]:
    """The operator of every step of an EXPLAIN plan (as the driver gives it, a dict)."""
    yield str(plan["operatorType"])
    for child in plan.get("children", []):
        yield from operators(child)


def test_the_overview_matches_its_nodes_and_links_without_sending_ids_back(
    settings: Settings, seeded_once: Database
) -> None:
    entities = seeded_once.read("MATCH (n:Entity) RETURN count(n) AS n")[0]["n"]
    sent = overview_statements(settings)
    assert sent
    for statement, parameters in sent:
        for name, value in parameters.items():
            # Labels, kinds and relationship types travel as lists; entity ids never do.
            assert not (isinstance(value, list) and len(value) >= entities / 2), (name, statement)
        with seeded_once.session() as session:
            plan = session.run("EXPLAIN " + statement, parameters).consume().plan
        assert isinstance(plan, dict)
        assert not any(op.startswith("Unwind") for op in operators(plan)), statement


def test_a_live_map_past_its_budget_says_so(settings: Settings, seeded_once: Database) -> None:
    budget = ApiSettings.from_env({"GRAPHSVC_MAP_BUDGET": "0.000001"})
    with served(settings, budget) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = client.get("/maps/overview", headers={"Accept": "text/html"})
        text = client.get("/maps/overview")
    assert page.status_code == 503
    assert "Map not drawn in time" in page.text
    assert "not drawn within its budget" in page.text
    assert "GRAPHSVC_MAP_BUDGET" in page.text and "graphsvc maps refresh" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert text.status_code == 503
    assert text.headers["content-type"].startswith("text/plain")
    assert "not drawn within its budget of 1e-06 s" in text.text


def test_a_malformed_budget_is_named() -> None:
    for written in ("soon", "0", "-3"):
        with pytest.raises(ConfigError, match=rf"GRAPHSVC_MAP_BUDGET='{written}'"):
            ApiSettings.from_env({"GRAPHSVC_MAP_BUDGET": written})
    assert ApiSettings.from_env({}).map_budget_s == 30.0
    assert ApiSettings.from_env({"GRAPHSVC_MAP_BUDGET": "2.5"}).map_budget_s == 2.5
