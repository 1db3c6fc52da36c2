"""From a view request to a finished page: select, fetch, narrow, measure, lay out, render.

The one entry point shared by `graphsvc render` and the API's `/maps/...` routes, so a file and a
permalink of the same view show the same map.

A live map has a time budget (`ApiSettings.map_budget_s`, GRAPHSVC_MAP_BUDGET): the database
round trips are awaited and the work in Python (measures, layout, rendering) runs in a worker
thread, so the budget can end the request while either is under way. A thread already running
finishes in the background; its result is dropped.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphsvc.errors import MapBudgetExceeded
from graphsvc.maps.aggregate import AGGREGATE_LIMIT
from graphsvc.maps.clustered import (
    check_cluster_request,
    cluster_link,
    first_view,
    opened_cluster,
    unfiltered,
)
from graphsvc.maps.fetch import fetch
from graphsvc.maps.narrow import narrow
from graphsvc.maps.page import policy, render_page
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.payload import Focus, clustered_payload, payload
from graphsvc.maps.request import ViewRequest
from graphsvc.maps.select import select
from graphsvc.store import map_views
from graphsvc.store.async_database import Read


@dataclass(frozen=True)
class RenderedMap:
    """A map page, the data it was drawn from, and the CSP header to serve it with."""

    html: str
    data: dict[str, Any]
    policy: str

    @property
    def node_count(self) -> int:
        return len(self.data["nodes"])

    @property
    def edge_count(self) -> int:
        return len(self.data["edges"])


async def build_map(
    read: Read,
    request: ViewRequest,
    *,
    served: bool = False,
    links: dict[str, str] | None = None,
    form: dict[str, Any] | None = None,
    budget_s: float | None = None,
) -> RenderedMap:
    """The page of `request`; past `budget_s` seconds (None: no budget) MapBudgetExceeded."""
    deadline = asyncio.timeout(budget_s)
    try:
        async with deadline:
            return await _build(read, request, served=served, links=links, form=form)
    except TimeoutError as error:
        if budget_s is not None and deadline.expired():
            raise MapBudgetExceeded(budget_s, request.view) from error
        raise


async def _build(
    read: Read,
    request: ViewRequest,
    *,
    served: bool,
    links: dict[str, str] | None,
    form: dict[str, Any] | None,
) -> RenderedMap:
    if unfiltered(request) or request.cluster is not None:
        entities = await map_views.count_of_kinds(read, MAP_KINDS)
        check_cluster_request(request, entities)
        if entities > AGGREGATE_LIMIT:
            return await _build_clustered(read, request, entities, served, links, form)
    selection = await select(read, request)
    fetched = await fetch(read, selection.ids)
    narrow(fetched.graph, request, selection.keep)
    title, subtitle = describe(request, fetched.graph)
    focus = Focus(frozenset(selection.focus & set(fetched.graph)), frozenset(selection.focus_edges))
    data = await asyncio.to_thread(
        payload, fetched, request, focus, title, subtitle, summaries=selection.summaries
    )
    html = await asyncio.to_thread(render_page, data, served=served, links=links, form=form)
    return RenderedMap(html, data, policy(served=True))


async def _build_clustered(
    read: Read,
    request: ViewRequest,
    entities: int,
    served: bool,
    links: dict[str, str] | None,
    form: dict[str, Any] | None,
) -> RenderedMap:
    """A whole-network view past the drawing limit, from the stored clusters."""
    if request.cluster is not None:
        fetched, title, about, stale = await opened_cluster(read, request, entities)
        _, subtitle = describe(request, fetched.graph)
        data = await asyncio.to_thread(
            payload, fetched, request, Focus(), title, f"{about} · {subtitle}"
        )
        data["notice"] = stale
    else:
        view = await first_view(read, request, entities, served=served)
        title, _ = describe(request, view.fetched.graph)
        data = await asyncio.to_thread(
            clustered_payload,
            view.fetched,
            view.stored,
            view.loaded,
            request,
            title,
            view.subtitle,
            cluster_href=cluster_link(request) if served else None,
            notice=view.notice,
        )
    html = await asyncio.to_thread(render_page, data, served=served, links=links, form=form)
    return RenderedMap(html, data, policy(served=True))


def describe(request: ViewRequest, graph: nx.MultiDiGraph[str]) -> tuple[str, str]:
    """The map's heading and a line saying what it shows and which filters apply."""

    def name(entity_id: str | None) -> str:
        if entity_id is None:
            return ""
        return str(graph.nodes[entity_id]["name"]) if entity_id in graph else entity_id

    subject = name(request.id)
    titles = {
        "overview": "Who works with whom: the whole network",
        "geographic": "Where the network works",
        "ego": f"{subject}: everything within {request.hops} "
        f"{'step' if request.hops == 1 else 'steps'}",
        "programme": f"{subject}: partners, funders, events and places",
        "funder": f"{subject}: what its funding reaches",
        "city": f"{subject}: who collaborates here",
        "path": f"How {subject} is connected to {name(request.to)}",
    }
    parts = [f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} links"]
    for label, value in (
        ("programme", request.programme),
        ("funder", request.funder),
        ("country", request.country),
        ("theme", request.theme),
    ):
        if value:
            parts.append(f"{label}: {name(value)}")
    if request.since or request.until:
        since = request.since.isoformat() if request.since else "the start"
        until = request.until.isoformat() if request.until else "now"
        parts.append(f"as of {since} to {until}")
    if len(request.kinds) < len(MAP_KINDS):
        parts.append("kinds: " + ", ".join(request.kinds))
    return titles[request.view], " · ".join(parts)
