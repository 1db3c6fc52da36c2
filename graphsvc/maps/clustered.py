"""The whole network past the drawing limit, from the stored analysis: bounded by what is drawn.

The first view is one node per stored cluster (`graphsvc.store.map_analysis`), linked by counts;
no member is read. A cluster opens at its own address (`?cluster=N`), which reads that cluster's
members only (its `OPEN_LIMIT` most central). A file cannot ask a server, so it carries the
members of a bounded few clusters (`FILE_CLUSTERS`, `FILE_MEMBERS` in all), the largest that
fit; the others say where to open them. So neither the time nor the size grows with the graph.

The analysis belongs to a data version; when the data has changed since, the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from graphsvc.errors import MapAnalysisMissing, MapParameterError
from graphsvc.maps.aggregate import AGGREGATE_LIMIT
from graphsvc.maps.fetch import MapGraph, fetch
from graphsvc.maps.narrow import narrow
from graphsvc.maps.parameters import MAP_KINDS, WHOLE_VIEWS
from graphsvc.maps.request import ViewRequest
from graphsvc.store import data_version, map_analysis
from graphsvc.store.async_database import Read

OPEN_LIMIT = AGGREGATE_LIMIT
"""Members an opened cluster draws, most central first."""
FILE_CLUSTERS = 8
FILE_MEMBERS = 2000
"""A file carries the members of at most this many clusters, this many members in all."""


@dataclass(frozen=True)
class ClusteredView:
    """What a clustered page is drawn from."""

    fetched: MapGraph
    stored: list[dict[str, Any]]
    loaded: dict[int, list[str]]
    subtitle: str
    notice: str | None


def unfiltered(request: ViewRequest) -> bool:
    """A whole-network view with no filter: the one the stored clusters describe."""
    return (
        request.view in WHOLE_VIEWS
        and request.kinds == MAP_KINDS
        and request.programme is None
        and request.funder is None
        and request.country is None
        and request.theme is None
        and request.since is None
        and request.until is None
    )


def check_cluster_request(request: ViewRequest, entities: int) -> None:
    """A `cluster` parameter needs the unfiltered view of a graph past the drawing limit."""
    if request.cluster is None:
        return
    if not unfiltered(request):
        raise MapParameterError(
            "cluster", "opens a cluster of the whole network; drop the filters to use it"
        )
    if entities <= AGGREGATE_LIMIT:
        raise MapParameterError(
            "cluster",
            f"the network has {entities} entities, few enough to draw each one: it has no "
            "clusters to open",
        )


async def notice(read: Read, entities: int) -> tuple[map_analysis.StoredAnalysis, str | None]:
    """The stored analysis, and what a page must say when it is older than the data."""
    analysis = await map_analysis.latest(read)
    if analysis is None:
        raise MapAnalysisMissing(entities, AGGREGATE_LIMIT)
    now = await data_version.current(read)
    if analysis.version == now:
        return analysis, None
    return analysis, (
        f"Analysis from an older version of the data (version {analysis.version}, computed "
        f"{analysis.computed_at}; the data is now at version {now}): the clusters may miss the "
        "latest changes. Run graphsvc maps refresh."
    )


async def opened_cluster(
    read: Read, request: ViewRequest, entities: int
) -> tuple[MapGraph, str, str, str | None]:
    """An opened cluster: its members, title, which cluster it is, and any notice."""
    assert request.cluster is not None
    _, stale = await notice(read, entities)
    found = await map_analysis.members(read, request.group, request.cluster, OPEN_LIMIT)
    if found is None:
        raise MapParameterError(
            "cluster", f"there is no cluster {request.cluster} among the {request.group} clusters"
        )
    fetched = await fetch(read, set(found.members))
    narrow(fetched.graph, request, set())
    about = f"cluster {request.cluster} of the whole network by {request.group}"
    if found.size > len(found.members):
        about += f"; its {len(found.members)} most central of {found.size} entities"
    return fetched, f"{found.name}: one cluster of the network", about, stale


async def first_view(
    read: Read, request: ViewRequest, entities: int, *, served: bool
) -> ClusteredView:
    """The stored clusters, with the members of a bounded few when the page is a file."""
    analysis, stale = await notice(read, entities)
    stored = await map_analysis.clusters(read, request.group)
    loaded: dict[int, list[str]] = {}
    if not served:
        total = 0
        for row in stored:
            if len(loaded) == FILE_CLUSTERS:
                break
            if total + row["size"] <= FILE_MEMBERS:
                found = await map_analysis.members(read, request.group, row["number"], FILE_MEMBERS)
                assert found is not None
                loaded[row["number"]] = found.members
                total += len(found.members)
    fetched = await fetch(read, {m for members in loaded.values() for m in members})
    subtitle = (
        f"{analysis.entities} entities, {analysis.links} links in {len(stored)} clusters by "
        f"{request.group}"
    )
    if served:
        subtitle += "; double-click a cluster for its own map"
    else:
        subtitle += (
            f"; this file carries the members of the {len(loaded)} largest clusters that fit "
            f"({FILE_MEMBERS} entities at most), the others open on a graphsvc server"
        )
    return ClusteredView(fetched, stored, loaded, subtitle, stale)


def cluster_link(request: ViewRequest) -> Callable[[int], str]:
    """The address of each cluster's own map, keeping the request's other parameters."""

    def href(number: int) -> str:
        return f"/maps/{request.view}?{urlencode({**request.params(), 'cluster': number})}"

    return href
