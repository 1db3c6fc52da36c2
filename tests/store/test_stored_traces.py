"""A stored funding trace answers exactly what the live trace answers, and only while current.

`graphsvc.store.stored_traces` keeps the trace pages of big funders, computed at refresh. Here
every seeded funder counts as big (`big=1`), so each one's stored trace is compared with the
trace computed now, for several `first`: every entity and step, in order, with its properties
and sources, and the totals. Then a write makes them stale: the stored traces are no longer
served, and the trace answers with what the write added.
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import run_async

from graphsvc.config import Settings
from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS
from graphsvc.model.records import GraphData, NodeRecord, Origin, RelationshipRecord
from graphsvc.store import funding, stored_traces
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database
from graphsvc.store.writer import write_graph

pytestmark = pytest.mark.neo4j

PAGE = 4
"""Stored pages this short are cut on seeded funders, so cutting and totals are both exercised."""


def answers(settings: Settings, asked: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """For each (funder, first): the stored trace (None unless current), the live one, and what
    `trace` serves."""

    async def go() -> list[dict[str, Any]]:
        database = AsyncDatabase.create(settings, "test", 60)
        read = database.read
        try:
            return [
                {
                    "stored": await stored_traces.stored(read, funder, first),
                    "live": await funding.trace(read, funder, first),
                    "served": await stored_traces.trace(read, funder, first),
                }
                for funder, first in asked
            ]
        finally:
            await database.close()

    return run_async(go())


def answer(settings: Settings, funder: str, first: int) -> dict[str, Any]:
    return answers(settings, [(funder, first)])[0]


def funders(database: Database) -> list[str]:
    rows = database.read(f"MATCH (f)-[:{FUNDS.type}]->() RETURN DISTINCT f.id AS id ORDER BY id")
    return [row["id"] for row in rows]


def test_stored_traces_equal_live_ones_until_the_data_changes(
    seeded: object, empty_db: Database, settings: Settings
) -> None:
    stored = stored_traces.refresh(empty_db, PAGE, big=1)
    assert [trace["funder"] for trace in stored] and {t["funder"] for t in stored} == set(
        funders(empty_db)
    )
    asked = [(t["funder"], first) for t in stored for first in (0, 1, 2, PAGE, PAGE + 1)]
    cut = 0
    for (funder, first), found in zip(asked, answers(settings, asked), strict=True):
        assert found["served"] == found["live"], (funder, first)
        if first > PAGE:  # a page longer than the stored one is computed live
            assert found["stored"] is None, (funder, first)
            continue
        assert found["stored"] is not None, (funder, first)
        assert found["stored"] == found["live"], (funder, first)
        cut += found["live"]["totals"]["steps"] > first
    assert cut, "no seeded trace was long enough to be cut"

    funder = stored[0]["funder"]
    before = answer(settings, funder, PAGE)["live"]["totals"]
    origin = Origin("test", None)
    grant = "stored-trace-new-grant"
    write_graph(
        empty_db,
        GraphData(
            (
                NodeRecord(
                    "Programme",
                    grant,
                    {"id": grant, "name": "A new grant", "aliases": []},
                    (),
                    origin,
                ),
            ),
            (RelationshipRecord(FUNDS.type, funder, grant, {}, (), origin),),
        ),
        MODEL,
    )
    after = answer(settings, funder, PAGE)
    assert after["stored"] is None, "a stored trace was served for data it was not computed from"
    assert after["served"] == after["live"]
    assert after["live"]["totals"]["programmes"] == before["programmes"] + 1

    restored = stored_traces.refresh(empty_db, PAGE, big=1)
    assert any(trace["funder"] == funder for trace in restored)
    again = answer(settings, funder, PAGE)
    assert again["stored"] == again["live"]


def test_only_funders_with_big_traces_are_stored(seeded: object, empty_db: Database) -> None:
    everyone = stored_traces.refresh(empty_db, PAGE, big=1)
    sizes = sorted({trace["links"] for trace in everyone})
    assert len(sizes) > 1, "the seeded funders' traces all have one size"
    big = sizes[-1]
    kept = stored_traces.refresh(empty_db, PAGE, big=big)
    assert {t["funder"] for t in kept} == {t["funder"] for t in everyone if t["links"] >= big}
    assert empty_db.read(f"MATCH (t:`{stored_traces.TRACE_LABEL}`) RETURN count(t) AS n")[0][
        "n"
    ] == len(kept)
