"""A refresh plans the maps' statements: the maps it built make Neo4j plan nothing new after it.

Neo4j's `db.clearQueryCaches()` says how many plans it dropped, so the plans a map adds are
counted. Neo4j keeps a plan per statement and per size bucket of each list parameter, so the
maps counted are those of the subjects the warm-up picks (the biggest of each view, whose lists
are the longest); from empty caches the same maps plan several statements.
"""

from __future__ import annotations

import re

from browser_support import run_async
from maps_support import TEST_INSTANCE, build

from graphsvc.config import Settings
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.warm import warm
from graphsvc.store import map_views
from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.database import Database


def cleared(database: Database) -> int:
    """Drop every plan Neo4j keeps and say how many there were."""
    message = str(database.read("CALL db.clearQueryCaches()")[0]["value"])
    found = re.search(r"(\d+) quer", message)
    return int(found.group(1)) if found else 0


def warmed(settings: Settings) -> list[tuple[str, str | None]]:
    async def go() -> list[tuple[str, str | None]]:
        reader = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
        try:
            result = await warm(reader.read, clustered=False)
            assert result.failed == []
            return result.views
        finally:
            await reader.close()

    return run_async(go())


def build_all(maps: list[tuple[str, str | None]], settings: Settings) -> None:
    for view, subject in maps:
        build(settings, view, **({"id": subject} if subject else {}))


def test_the_warm_up_builds_each_view_about_its_most_linked_subject(
    seeded_once: Database, settings: Settings
) -> None:
    subjects = dict(warmed(settings))
    assert set(subjects) == {"ego", "funder", "programme", "city"}  # seeds: below the limit
    most = seeded_once.read(
        "MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $kinds) "
        "RETURN n.id AS id, COUNT { (n)--() } AS degree ORDER BY degree DESC, id",
        kinds=list(MAP_KINDS),
    )
    assert subjects["ego"] == most[0]["id"]
    assert most[0]["degree"] > most[-1]["degree"]
    funders = seeded_once.read(
        "MATCH (n:Entity)-[:FUNDS]->() RETURN n.id AS id, count(*) AS funds "
        "ORDER BY funds DESC, id LIMIT 1"
    )
    assert subjects["funder"] == funders[0]["id"]
    cities = seeded_once.read(
        "MATCH (n:City) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, id LIMIT 1"
    )
    assert subjects["city"] == cities[0]["id"]
    assert run_async(_most_linked(settings)) == subjects


async def _most_linked(settings: Settings) -> dict[str, str]:
    reader = AsyncDatabase.create(settings, TEST_INSTANCE, 60)
    try:
        return await map_views.most_linked(reader.read, MAP_KINDS)
    finally:
        await reader.close()


def test_after_the_warm_up_its_maps_make_neo4j_plan_nothing_new(
    seeded_once: Database, settings: Settings
) -> None:
    cleared(seeded_once)
    maps = warmed(settings)
    warm_up_alone = cleared(seeded_once)

    build_all(maps, settings)
    cold = cleared(seeded_once)
    assert cold >= len(maps)  # from empty caches, each view plans statements of its own

    warmed(settings)
    build_all(maps, settings)
    assert cleared(seeded_once) == warm_up_alone, "a map planned what the warm-up had not"
