"""A hub's ego and funder maps are bounded by what they draw; a small hub's maps are unchanged.

The fixture is one funder of 3,000 programmes (some with partners, so degrees differ, and each
with a stated amount) and a small funder of five, loaded through graphsvc's loader; the maps are
asked for over real HTTP and checked against counts in Cypher.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from browser_support import run_async
from maps_support import TEST_INSTANCE, map_data
from served_app import ServedApps

from graphsvc.config import Settings
from graphsvc.ingest.loader import load
from graphsvc.maps import select as selecting
from graphsvc.maps.abridged import (
    DRAWN_LIMIT,
    FUNDED_LIMIT,
    GROUP_FLOOR,
    Centre,
    _shares,
    _summary,
)
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.request import ViewRequest
from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, PARTNER_IN
from graphsvc.store import map_hubs
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

pytestmark = pytest.mark.neo4j

PROGRAMMES = 3000
PARTNERED = 40
"""Programmes with a partner each (degree 2, the most connected of the hub's neighbours)."""


def hub_documents() -> dict[str, Any]:
    def entity(entity_id: str, name: str, **properties: Any) -> dict[str, Any]:
        return {"id": entity_id, "name": name, "sources": ["doc"], **properties}

    def link(rel_type: str, source: str, target: str, **properties: Any) -> dict[str, Any]:
        return {"type": rel_type, "from": source, "to": target, "sources": ["doc"], **properties}

    programmes = [f"programme-{i}" for i in range(PROGRAMMES)]
    small = [f"small-programme-{i}" for i in range(5)]
    return {
        "Source": [{"id": "doc", "name": "Document", "file": "doc.txt", "category": "reference"}],
        "Institution": [
            entity("hub", "Hub Fund", category="foundation"),
            entity("small", "Small Fund", category="foundation"),
            *(entity(f"partner-{i}", f"Partner {i}", category="ngo") for i in range(PARTNERED)),
        ],
        "Programme": [
            entity(p, f"Programme {p}", category="project") for p in (*programmes, *small)
        ],
        "relationships": [
            *(link(FUNDS.type, "hub", p, amount=float(i)) for i, p in enumerate(programmes)),
            *(link(PARTNER_IN.type, f"partner-{i}", f"programme-{i}") for i in range(PARTNERED)),
            *(link(FUNDS.type, "small", p) for p in small),
            *(link(PARTNER_IN.type, "partner-0", p) for p in small),
        ],
    }


@pytest.fixture(scope="module")
def hubs(database: Database) -> Database:
    wipe_test_database(database)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hubs.yaml"
        path.write_text(yaml.safe_dump(hub_documents()), encoding="utf-8")
        load(path, MODEL, database)
    return database


@pytest.fixture(scope="module")
def client(hubs: Database, served_apps: ServedApps) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served_apps.get().url, timeout=120) as http:
        yield http


def drawn_map(client: httpx.Client, view: str, **params: str) -> dict[str, Any]:
    response = client.get(f"/maps/{view}", params=params)
    assert response.status_code == 200, response.text
    return map_data(response.text)


def entities(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in data["nodes"] if not node.get("summary")]


def boxes(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [node for node in data["nodes"] if node.get("summary")]


def funded_by(database: Database, funder: str) -> int:
    rows = database.read(
        f"MATCH (:Entity {{id: $id}})-[:{FUNDS.type}]->(p:Programme) RETURN count(p) AS n",
        id=funder,
    )
    return int(rows[0]["n"])


def test_a_hubs_ego_map_draws_a_bounded_few_and_counts_the_rest(
    hubs: Database, client: httpx.Client
) -> None:
    data = drawn_map(client, "ego", id="hub", hops="1")
    drawn = entities(data)
    assert len(drawn) <= DRAWN_LIMIT
    programmes = {n["id"] for n in drawn if n["kind"] == "Programme"}
    # The most connected neighbours are drawn: every programme with a partner.
    assert {f"programme-{i}" for i in range(PARTNERED)} <= programmes
    (box,) = boxes(data)
    assert box["count"] == funded_by(hubs, "hub") - len(programmes) > 0
    assert box["label"].startswith(f"{box['count']:,} more programmes")
    assert box["shape"] == "box"
    assert box["href"] == "/list/Programme?funder=hub"
    assert data["notice"].startswith("Abridged:")
    assert {(e["from"], e["to"], e["type"]) for e in data["edges"] if e.get("summary")} == {
        ("hub", box["id"], FUNDS.type)
    }


def test_the_second_step_of_a_hubs_ego_map_starts_from_what_is_drawn(
    client: httpx.Client,
) -> None:
    data = drawn_map(client, "ego", id="hub", hops="2")
    assert len(entities(data)) <= DRAWN_LIMIT
    assert boxes(data) and data["notice"].startswith("Abridged:")


def test_a_big_funders_map_draws_its_largest_grants_and_counts_the_rest(
    hubs: Database, client: httpx.Client
) -> None:
    data = drawn_map(client, "funder", id="hub")
    drawn = entities(data)
    programmes = {n["id"] for n in drawn if n["kind"] == "Programme"}
    assert len(programmes) == FUNDED_LIMIT
    assert len(drawn) <= DRAWN_LIMIT
    # The largest stated amounts first (programme-i was given i).
    assert programmes == {f"programme-{i}" for i in range(PROGRAMMES - FUNDED_LIMIT, PROGRAMMES)}
    (box,) = [b for b in boxes(data) if b["id"].startswith("more:1:")]
    assert box["count"] == funded_by(hubs, "hub") - FUNDED_LIMIT
    hidden = sum(range(PROGRAMMES - FUNDED_LIMIT))
    assert f"{hidden:,}" in box["about"]
    assert box["href"] == "/list/Programme?funder=hub"
    assert data["notice"].startswith("Abridged:")
    money = {(e["from"], e["to"]) for e in data["edges"] if e["type"] == FUNDS.type}
    assert {("hub", p) for p in programmes} <= money


@pytest.mark.parametrize(
    ("totals", "room"),
    [([3000], 249), ([3000, 5, 40], 249), ([900] * 40, 100), ([2, 3], 10), ([50] * 9, 0)],
)
def test_shares_never_pass_the_room_and_keep_small_groups_whole(
    totals: list[int], room: int
) -> None:
    shares = _shares(totals, room)
    assert sum(shares) <= max(room, sum(totals) if sum(totals) <= room else room)
    for total, share in zip(totals, shares, strict=True):
        assert 0 <= share <= total
        if total <= GROUP_FLOOR and room >= GROUP_FLOOR * len(totals):
            assert share == total


def selections(settings: Settings, entity: str) -> dict[str, Any]:
    """The small funder's views as drawn now, and as the unbounded walk selects them."""

    async def go() -> dict[str, Any]:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        read = database.read
        try:
            return {
                "funder": await selecting._funder(read, entity, "id", bounded=True),
                "funder whole": await selecting._funder(read, entity, "id"),
                "ego": await selecting._view(
                    read, ViewRequest.parse("ego", {"id": entity, "hops": "2"})
                ),
                "ego whole": await selecting._reach(read, {entity}, 2, selecting.MAP_TYPES),
            }
        finally:
            await database.close()

    return run_async(go())


def test_a_small_hubs_maps_are_unchanged(
    hubs: Database, client: httpx.Client, settings: Settings
) -> None:
    chosen = selections(settings, "small")
    assert chosen["funder"].ids == chosen["funder whole"].ids
    assert chosen["funder"].focus_edges == chosen["funder whole"].focus_edges
    assert chosen["ego"].ids == chosen["ego whole"]
    assert not chosen["funder"].summaries and not chosen["ego"].summaries
    for view in ("ego", "funder"):
        data = drawn_map(client, view, id="small")
        assert not boxes(data) and data["notice"] is None
        assert {n["id"] for n in data["nodes"]} >= {f"small-programme-{i}" for i in range(5)}


def test_a_step_looks_at_a_bounded_number_of_links_and_says_its_counts_are_floors(
    hubs: Database, settings: Settings
) -> None:
    """Past `walk_limit` links a step stops looking: its totals are lower bounds, and say so."""

    async def go(walk_limit: int) -> list[map_hubs.Group]:
        database = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        try:
            return await map_hubs.step_groups(
                database.read,
                {"hub", "small"},
                selecting.MAP_TYPES,
                MAP_KINDS,
                (),
                {"hub", "small"},
                10,
                walk_limit=walk_limit,
            )
        finally:
            await database.close()

    whole = {(g.kind, g.type, g.outward): g for g in run_async(go(map_hubs.WALK_LIMIT))}
    cut = {(g.kind, g.type, g.outward): g for g in run_async(go(1_000))}
    programmes = ("Programme", FUNDS.type, True)
    assert whole[programmes].total == PROGRAMMES + 5 and not whole[programmes].at_least
    # 500 links for each start: all of the small funder's five, 500 of the hub's 3,000.
    assert cut[programmes].total == 500 + 5 and cut[programmes].at_least
    assert len(cut[programmes].kept) == 10
    label = _summary(
        Centre("hub", "Institution", "Hub Fund"), "Hub Fund", *programmes, 1, 495, at_least=True
    ).label
    assert label == "495+ more programmes"
