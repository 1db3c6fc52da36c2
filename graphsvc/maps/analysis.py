"""The whole graph's map analysis, computed once per change of the data (`graphsvc maps refresh`).

A request for the overview of a large graph reads this (`graphsvc.store.map_analysis`) and draws
one node per cluster; it never runs Louvain over the whole graph. Here the whole graph is read
once, and for each grouping (Louvain community, country, programme) every cluster gets its size,
its kinds, its members most central first, a position (network and geographic) and its number of
links to every other cluster. Past `MAX_CLUSTERS` the smallest groups are pooled into one, so the
first view stays bounded however many programmes the graph holds.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

import networkx as nx

from graphsvc.maps.aggregate import UNPLACED, groups_of
from graphsvc.maps.fetch import fetch
from graphsvc.maps.layout import geographic_positions, group_centres
from graphsvc.maps.metrics import (
    COMMUNITY_COLOURS,
    OTHER_COMMUNITY_COLOUR,
    Louvain,
    centrality,
    simple_graph,
)
from graphsvc.maps.parameters import GROUP_CHOICES
from graphsvc.store import data_version
from graphsvc.store.async_database import Read

MAX_CLUSTERS = 120
"""Clusters a first view draws; the smaller groups beyond are pooled into one more."""
MIN_SIZE = 3
"""A group smaller than this (an entity linked to nothing is a community of one) is pooled too."""
POOLED = "(others)"
LEADING = 5
"""Members named in a cluster's tooltip."""


async def compute(read: Read) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The analysis of the graph now: (totals with the data version, cluster rows to store)."""
    started = time.perf_counter()
    version = await data_version.current(read)  # read first: a write meanwhile makes it stale
    graph = (await fetch(read, None)).graph
    simple = simple_graph(graph)
    scores = centrality(simple, "degree").scores
    names = {node: str(name) for node, name in graph.nodes(data="name")}
    geo_at = geographic_positions(graph)
    louvain = Louvain(simple)
    rows: list[dict[str, Any]] = []
    for grouping in GROUP_CHOICES:
        rows.extend(_clusters(graph, simple, grouping, louvain, scores, names, geo_at))
    totals = {
        "version": version,
        "computed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "entities": graph.number_of_nodes(),
        "links": graph.number_of_edges(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return totals, rows


def _clusters(
    graph: nx.MultiDiGraph[str],
    simple: nx.Graph[str],
    grouping: str,
    louvain: Louvain,
    scores: dict[str, float],
    names: dict[str, str],
    geo_at: dict[str, tuple[float, float]],
) -> list[dict[str, Any]]:
    keyed = sorted(
        groups_of(graph, grouping, louvain).items(), key=lambda item: (-len(item[1]), item[0])
    )
    kept = [
        item for item in keyed[:MAX_CLUSTERS] if len(item[1]) >= MIN_SIZE or item[0] == UNPLACED
    ]
    if len(kept) < len(keyed):
        chosen = {key for key, _ in kept}
        pooled = [m for key, members in keyed if key not in chosen for m in members]
        keyed = [*kept, (POOLED, pooled)]
    groups = [
        sorted(members, key=lambda n: (-scores.get(n, 0.0), names[n])) for _, members in keyed
    ]
    centres = group_centres(simple, groups)
    number_of = {member: number for number, members in enumerate(groups) for member in members}
    between: dict[int, Counter[int]] = defaultdict(Counter)
    for a, b in graph.edges():
        ga, gb = number_of[a], number_of[b]
        if ga != gb:
            between[min(ga, gb)][max(ga, gb)] += 1
    rows = []
    for number, ((key, _), members) in enumerate(zip(keyed, groups, strict=True)):
        if key == POOLED:
            name = "entities in small groups"
        elif key == UNPLACED:
            name = f"no {grouping}"
        else:
            name = names[members[0]] if grouping == "community" else names.get(key, key)
        kinds = Counter(graph.nodes[m]["kind"] for m in members)
        links = sorted(between[number].items())
        rows.append(
            {
                "grouping": grouping,
                "number": number,
                "key": key,
                "name": name,
                "size": len(members),
                "colour": COMMUNITY_COLOURS[number % len(COMMUNITY_COLOURS)]
                if key not in (UNPLACED, POOLED)
                else OTHER_COMMUNITY_COLOUR,
                "x": round(centres[number][0], 1),
                "y": round(centres[number][1], 1),
                "geo_x": round(sum(geo_at[m][0] for m in members) / len(members), 1),
                "geo_y": round(sum(geo_at[m][1] for m in members) / len(members), 1),
                "leading": [names[m] for m in members[:LEADING]],
                "kinds": sorted(kinds),
                "kind_counts": [kinds[k] for k in sorted(kinds)],
                "link_to": [other for other, _ in links],
                "link_counts": [count for _, count in links],
                "members": members,
            }
        )
    return rows
