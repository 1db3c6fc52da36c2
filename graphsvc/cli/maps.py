"""`graphsvc maps refresh`: store the maps' whole-graph analysis and big funders' traces in Neo4j.

Also run at the end of `graphsvc load` and `graphsvc import iati`. Other changes (API mutations,
accepted proposals, merges) bump the data version, and the overview then says that its clusters
come from an older version of the data until this runs again; the stored funding traces are then
not served, and `fundingTrace` walks the money live.
"""

from __future__ import annotations

import asyncio
import time

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.store.database import Database


@click.group("maps")
def maps_group() -> None:
    """The maps' stored analysis (communities, clusters, positions, big funders' traces)."""


@maps_group.command("refresh")
@pass_app
def refresh_command(app: AppContext) -> None:
    """Compute and store the overview's clusters and positions, and big funders' traces.

    A graph above the drawing limit (2,500 entities) is drawn as clusters; their analysis is
    computed here, once per change of the data, not per request. Below the limit the overview
    computes its own per request, and no analysis is stored. A funder whose trace counts 2,000
    links or more has its trace's first pages and totals stored, and `fundingTrace` reads them
    while the data is unchanged.
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
    refresh_traces(database)
    refresh_link_pages(database)
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


def refresh_traces(database: Database) -> None:
    """Store the funding traces of big funders (`graphsvc.store.stored_traces`)."""
    from graphsvc.api.settings import ApiSettings
    from graphsvc.store import stored_traces

    started = time.monotonic()
    page = ApiSettings.from_env().limits.max_page_size
    traces = stored_traces.refresh(database, page)
    say(
        f"Funding traces: {len(traces)} funder(s) with {stored_traces.BIG:,}+ links stored "
        f"(pages of {page}) in {time.monotonic() - started:.1f} s; the others are traced "
        "per request."
    )


def refresh_link_pages(database: Database) -> None:
    """Store the first links of dense nodes (`graphsvc.store.link_pages`)."""
    from graphsvc.api.settings import ApiSettings
    from graphsvc.store import link_pages

    started = time.monotonic()
    page = ApiSettings.from_env().limits.max_page_size
    pages = link_pages.refresh(database, page)
    say(
        f"Link pages: {len(pages)} list(s) of {link_pages.DENSE:,}+ links stored "
        f"(the first {page} by name) in {time.monotonic() - started:.1f} s; shorter lists are "
        "sorted per request."
    )
