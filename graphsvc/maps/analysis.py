"""The whole graph's map analysis, computed once per change of the data (`graphsvc maps refresh`).

A request for the overview of a large graph reads this (`graphsvc.store.map_analysis`) and draws
one node per cluster; it never runs Louvain over the whole graph. Here the whole graph is read
once, and for each grouping (Louvain community, country, programme) every cluster gets its size,
its kinds, its members most central first, a position (network and geographic) and its number of
links to every other cluster. Past `MAX_CLUSTERS` the smallest groups are pooled into one, so the
first view stays bounded however many programmes the graph holds.

The graph is read as a compact outline (ids, kinds, names, city coordinates, links as number
pairs: `graphsvc.maps.outline`), never as a networkx graph with every property: at 50,000 nodes
that took 80 s and 450 MiB, half of it reading and building the graph and a third networkx's
Louvain; the outline takes 10 s and 170 MiB there, 25 s and 340 MiB at 250,000 (bench/refresh.py).
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import numpy as np

from graphsvc.maps.aggregate import UNPLACED
from graphsvc.maps.layout import centres_of
from graphsvc.maps.metrics import COMMUNITY_COLOURS, OTHER_COMMUNITY_COLOUR
from graphsvc.maps.outline import (
    Floats,
    Ints,
    Outline,
    build,
    communities,
    degree_scores,
    simple_pairs,
)
from graphsvc.maps.outline_geo import geographic_positions
from graphsvc.maps.outline_groups import country_of, programme_of
from graphsvc.maps.parameters import GROUP_CHOICES, MAP_KINDS
from graphsvc.maps.select import MAP_TYPES
from graphsvc.store import data_version, map_outline
from graphsvc.store.database import Database

MAX_CLUSTERS = 120
"""Clusters a first view draws; the smaller groups beyond are pooled into one more."""
MIN_SIZE = 3
"""A group smaller than this (an entity linked to nothing is a community of one) is pooled too."""
POOLED = "(others)"
LEADING = 5
"""Members named in a cluster's tooltip."""


def compute(database: Database) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The analysis of the graph now: (totals with the data version, cluster rows to store)."""
    started = time.perf_counter()
    version = data_version.current_sync(database)  # read first: a write meanwhile makes it stale
    outline = build(map_outline.entities_with_links(database, MAP_KINDS, MAP_TYPES))
    rows = clusters(outline)
    totals = {
        "version": version,
        "computed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "entities": outline.size,
        "links": len(outline.source),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return totals, rows


def clusters(outline: Outline) -> list[dict[str, Any]]:
    """The cluster rows of every grouping (community, country, programme) of `outline`."""
    low, high = simple_pairs(outline)
    scores = degree_scores(outline, low, high)
    by_name = np.empty(outline.size, dtype=np.int64)
    by_name[sorted(range(outline.size), key=outline.names.__getitem__)] = np.arange(outline.size)
    central = np.lexsort((by_name, -scores))  # most central first, ties by name
    geo = geographic_positions(outline)
    keyed: dict[str, list[tuple[str, list[int]]]] = {
        "community": [
            (outline.ids[group[0]], group) for group in communities(outline.size, low, high)
        ],
        "country": grouped(outline, country_of(outline)),
        "programme": grouped(outline, programme_of(outline)),
    }
    rows: list[dict[str, Any]] = []
    for grouping in GROUP_CHOICES:
        rows.extend(_clusters(outline, grouping, keyed[grouping], central, (low, high), geo))
    return rows


def grouped(outline: Outline, owner: Ints) -> list[tuple[str, list[int]]]:
    """Each owner's id (or UNPLACED) and its members in id order."""
    order = np.argsort(owner, kind="stable")
    ranked = owner[order]
    bounds = np.flatnonzero(np.diff(ranked)) + 1
    return [
        (
            UNPLACED if int(ranked[part[0]]) < 0 else outline.ids[int(ranked[part[0]])],
            order[part].tolist(),
        )
        for part in np.split(np.arange(len(order)), bounds)
        if len(part)
    ]


def _clusters(
    outline: Outline,
    grouping: str,
    found: Iterable[tuple[str, list[int]]],
    central: Ints,
    simple: tuple[Ints, Ints],
    geo: tuple[Floats, Floats],
) -> list[dict[str, Any]]:
    keyed = sorted(found, key=lambda item: (-len(item[1]), item[0]))
    kept = [
        item for item in keyed[:MAX_CLUSTERS] if len(item[1]) >= MIN_SIZE or item[0] == UNPLACED
    ]
    if len(kept) < len(keyed):
        chosen = {key for key, _ in kept}
        pooled = [m for key, members in keyed if key not in chosen for m in members]
        keyed = [*kept, (POOLED, pooled)]
    names = outline.names
    number_of = np.empty(outline.size, dtype=np.int64)
    for number, (_, members) in enumerate(keyed):
        number_of[members] = number
    count = len(keyed)
    grouped_central = central[np.argsort(number_of[central], kind="stable")]
    bounds = np.cumsum([len(members) for _, members in keyed])[:-1]
    groups = [part.tolist() for part in np.split(grouped_central, bounds)]
    centres = centres_of([len(g) for g in groups], _between(number_of, *simple, count))
    between = _between(number_of, outline.source, outline.target, count)
    links_of: dict[int, list[tuple[int, int]]] = {}
    for (a, b), total in sorted(between.items()):
        links_of.setdefault(a, []).append((b, total))
    sizes = np.bincount(number_of, minlength=count)
    geo_x = np.bincount(number_of, geo[0], count) / sizes
    geo_y = np.bincount(number_of, geo[1], count) / sizes
    kind_counts = np.bincount(
        number_of * len(outline.kind_names) + outline.kinds,
        minlength=count * len(outline.kind_names),
    ).reshape(count, len(outline.kind_names))
    rows = []
    for number, ((key, _), members) in enumerate(zip(keyed, groups, strict=True)):
        if key == POOLED:
            name = "entities in small groups"
        elif key == UNPLACED:
            name = f"no {grouping}"
        elif grouping == "community":
            name = names[members[0]]
        else:
            name = names[bisect_left(outline.ids, key)]  # the country's or programme's own
        kinds = {outline.kind_names[k]: int(c) for k, c in enumerate(kind_counts[number]) if c}
        links = links_of.get(number, [])
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
                "geo_x": round(float(geo_x[number]), 1),
                "geo_y": round(float(geo_y[number]), 1),
                "leading": [names[m] for m in members[:LEADING]],
                "kinds": sorted(kinds),
                "kind_counts": [kinds[k] for k in sorted(kinds)],
                "link_to": [other for other, _ in links],
                "link_counts": [total for _, total in links],
                "members": [outline.ids[m] for m in members],
            }
        )
    return rows


def _between(
    number_of: Ints, sources: Ints, targets: Ints, count: int
) -> dict[tuple[int, int], int]:
    """The number of links between each two groups (low, high), links within a group left out."""
    ga, gb = number_of[sources], number_of[targets]
    apart = ga != gb
    low, high = np.minimum(ga, gb)[apart], np.maximum(ga, gb)[apart]
    pairs, counts = np.unique(low * count + high, return_counts=True)
    return {
        (int(pair) // count, int(pair) % count): int(links)
        for pair, links in zip(pairs.tolist(), counts.tolist(), strict=True)
    }
