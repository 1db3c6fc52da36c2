"""`graphsvc maps refresh`: compute the maps' whole-graph analysis once and store it in Neo4j.

Also run at the end of `graphsvc load` and `graphsvc import iati`. Other changes (API mutations,
accepted proposals, merges) bump the data version, and the overview then says that its clusters
come from an older version of the data until this runs again.
"""

from __future__ import annotations

import asyncio
import time

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.store.database import Database


@click.group("maps")
def maps_group() -> None:
    """The maps' stored analysis (communities, clusters, positions)."""


@maps_group.command("refresh")
@pass_app
def refresh_command(app: AppContext) -> None:
    """Compute communities, clusters and their positions for the overview, and store them.

    A graph above the drawing limit (2,500 entities) is drawn as clusters; their analysis is
    computed here, once per change of the data, not per request. Below the limit the overview
    computes its own per request, and nothing is stored.
    """
    with app.connect() as database:
        run_refresh(app, database)


def run_refresh(app: AppContext, database: Database) -> None:
    """Refresh the stored map analysis; shared by `maps refresh`, `load` and `import iati`."""
    from graphsvc.maps.aggregate import AGGREGATE_LIMIT
    from graphsvc.maps.analysis import compute
    from graphsvc.maps.parameters import MAP_KINDS
    from graphsvc.store import map_analysis, map_views
    from graphsvc.store.async_database import AsyncDatabase

    started = time.monotonic()

    async def count_entities() -> int:
        reader = AsyncDatabase.create(app.settings, app.instance, 3600)
        try:
            return await map_views.count_of_kinds(reader.read, MAP_KINDS)
        finally:
            await reader.close()

    count = asyncio.run(count_entities())
    computed = compute(database) if count > AGGREGATE_LIMIT else None
    if computed is None:
        map_analysis.save(database, None, [])
        say(
            f"Maps: {count} entities, at most {AGGREGATE_LIMIT}: the overview draws each one and "
            "computes its communities per request; nothing to store."
        )
        return
    totals, clusters = computed
    map_analysis.save(database, totals, clusters)
    say(
        f"Maps: analysed {totals['entities']} entities and {totals['links']} links "
        f"(data version {totals['version']}) into {len(clusters)} clusters "
        f"in {time.monotonic() - started:.1f} s."
    )
