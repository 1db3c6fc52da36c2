"""`graphsvc maps refresh`: store what is derived from the whole graph, once per change of the data.

That is the maps' whole-graph analysis, big funders' traces and the first links of dense nodes.

Also run at the end of `graphsvc load` and `graphsvc import iati`. Other changes (API mutations,
accepted proposals, merges) bump the data version, and the overview then says that its clusters
come from an older version of the data until this runs again; the stored funding traces and
link pages are then not served, and `fundingTrace` and the lists of links are computed live.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from graphsvc.cli.context import AppContext, pass_app, say
from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

T = TypeVar("T")


@click.group("maps")
def maps_group() -> None:
    """What is derived from the whole graph and stored (map clusters, traces, link pages)."""


@maps_group.command("refresh")
@click.option(
    "--every",
    type=click.FloatRange(min=0.1),
    default=None,
    metavar="SECONDS",
    help="Keep running: look at the data version every SECONDS and refresh when it changed "
    "(run one such process per database).",
)
@pass_app
def refresh_command(app: AppContext, every: float | None) -> None:
    """Compute and store the overview's clusters, big funders' traces and dense nodes' links.

    A graph above the drawing limit (2,500 entities) is drawn as clusters; their analysis is
    computed here, once per change of the data, not per request. Below the limit the overview
    computes its own per request, and no analysis is stored. A funder whose trace counts 2,000
    links or more has its trace's first pages and totals stored, and a node with more than 1,000
    links of one type and direction its first links by name; the API reads them while the data
    is unchanged. With --every, edits through the API, accepted proposals and merges are
    followed by a refresh without anyone running this again.
    """
    with app.connect() as database:
        if every is None:
            run_refresh(app, database)
        else:
            watch(app, database, every)


def watch(app: AppContext, database: Database, every: float) -> None:
    """Refresh now, then whenever the data version has changed, until stopped.

    The version is read before each refresh: a write during one changes it, and the next look
    refreshes again. Stopped by Ctrl-C or SIGTERM between two looks or during a refresh, whose
    transactions then roll back and leave the previous results in place.
    """
    from graphsvc.store import data_version

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    refreshed: int | None = None
    try:
        while True:
            version = data_version.current_sync(database)
            if version != refreshed:
                run_refresh(app, database)
                refreshed = version
                say(f"Refreshed for data version {version}; looking again every {every:g} s.")
            time.sleep(every)
    except KeyboardInterrupt:
        say("Stopped watching the data version.")


def run_refresh(app: AppContext, database: Database) -> None:
    """Refresh everything derived and stored; shared by `maps refresh`, `load`, `import iati`."""
    clustered = refresh_analysis(app, database)
    refresh_stored_pages(database)
    warm_map_plans(app, clustered=clustered)


def refresh_analysis(app: AppContext, database: Database) -> bool:
    """Refresh the stored map analysis (clusters, positions) of a graph drawn as clusters.

    True when the graph is drawn as clusters.
    """
    from graphsvc.maps.aggregate import AGGREGATE_LIMIT
    from graphsvc.maps.analysis import compute
    from graphsvc.maps.parameters import MAP_KINDS
    from graphsvc.store import map_analysis, map_views

    started = time.monotonic()
    count = _with_async_reads(app, lambda read: map_views.count_of_kinds(read, MAP_KINDS))
    computed = compute(database) if count > AGGREGATE_LIMIT else None
    if computed is None:
        map_analysis.save(database, None, [])
        say(
            f"Maps: {count} entities, at most {AGGREGATE_LIMIT}: the overview draws each one and "
            "computes its communities per request; nothing to store."
        )
        return False
    totals, clusters = computed
    map_analysis.save(database, totals, clusters)
    say(
        f"Maps: analysed {totals['entities']} entities and {totals['links']} links "
        f"(data version {totals['version']}) into {len(clusters)} clusters "
        f"in {time.monotonic() - started:.1f} s."
    )
    return True


def refresh_stored_pages(database: Database) -> None:
    """Store big funders' traces and dense nodes' first links, with pages of the API's size."""
    from graphsvc.service.settings import ApiSettings
    from graphsvc.store import link_pages, stored_traces

    page = ApiSettings.from_env().limits.max_page_size
    started = time.monotonic()
    traces = stored_traces.refresh(database, page)
    say(
        f"Funding traces: {len(traces)} funder(s) with {stored_traces.BIG:,}+ links stored "
        f"(pages of {page}) in {time.monotonic() - started:.1f} s; the others are traced "
        "per request."
    )
    started = time.monotonic()
    pages = link_pages.refresh(database, page)
    say(
        f"Link pages: {len(pages)} list(s) of {link_pages.DENSE:,}+ links stored "
        f"(the first {page} by name) in {time.monotonic() - started:.1f} s; shorter lists are "
        "sorted per request."
    )


def warm_map_plans(app: AppContext, *, clustered: bool) -> None:
    """Build one map of each view: Neo4j has then planned the maps' statements.

    So the first reader of a map after a load does not pay for it (`graphsvc.maps.warm`).
    """
    from graphsvc.maps.warm import warm

    started = time.monotonic()
    warmed = _with_async_reads(app, lambda read: warm(read, clustered=clustered))
    built = ", ".join(f"{view} ({subject})" if subject else view for view, subject in warmed.views)
    say(
        f"Map plans: built {built or 'no map (the graph is empty)'} once in "
        f"{time.monotonic() - started:.1f} s, so that their first readers find Neo4j's plans made."
    )
    for failure in warmed.failed:
        say(f"Map plans: not built, {failure}")


def _with_async_reads(app: AppContext, work: Callable[[Read], Awaitable[T]]) -> T:
    """Run `work` with an async connection's reads (the maps' code is shared with the API)."""
    from graphsvc.store.async_database import AsyncDatabase

    async def run() -> T:
        reader = AsyncDatabase.create(app.settings, app.instance, 3600)
        try:
            return await work(reader.read)
        finally:
            await reader.close()

    return asyncio.run(run())
