"""Where nodes go: a network layout computed on the server for large views, and a geographic one.

Small views (up to `PHYSICS_LIMIT` nodes) keep vis-network's physics, which settles them in the
browser in a moment and lets a reader drag nodes about. Above that, physics makes the first draw
wait for thousands of simulation steps, so the server computes a Fruchterman-Reingold layout with
networkx and the browser draws it at once with physics off.

The geographic layout puts cities at their coordinates (Web-Mercator, like the maps people know),
institutions and events beside the city they are based, govern or take place in, countries and
regions at the middle of their cities, and everything else at the middle of its placed
neighbours. What has no place at all lines up below the map, rather than piling up at (0, 0).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable

import networkx as nx

from graphsvc.maps.atlas import countries
from graphsvc.maps.metrics import SEED, Louvain
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY

PHYSICS_LIMIT = 300
PIXELS_PER_DEGREE = 120.0
_BESIDE = frozenset(t for t in MODEL.relationship_types if MODEL.placement(t) == "beside")
"""Links whose source sits beside its city: based in, governing, held in."""
_WITHIN = frozenset(t for t in MODEL.relationship_types if MODEL.placement(t) == "within")
"""Links whose source lies within its target: a city in its country, a country in its region."""
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

Position = tuple[float, float]


def network_positions(simple: nx.Graph[str], louvain: Louvain) -> dict[str, Position] | None:
    """Server-side positions above PHYSICS_LIMIT nodes; None lets the browser's physics work.

    Two levels, because one spring layout of 2,500 nodes takes seconds (it is quadratic): Louvain
    communities are laid out against each other (weighted by the links between them), then each
    community on its own around its place. Communities also come out visibly grouped.
    """
    if len(simple) <= PHYSICS_LIMIT:
        return None
    return grouped_positions(simple, louvain.groups, lambda group: _spring(simple.subgraph(group)))


def grouped_positions(
    simple: nx.Graph[str],
    groups: list[list[str]],
    inner: Callable[[list[str]], dict[str, Position]],
) -> dict[str, Position]:
    """Lay the groups out against each other, then each group's members around its place.

    `inner` lays one group out at unit scale around the origin; it is scaled to the group's size.
    """
    centres = group_centres(simple, groups)
    placed: dict[str, Position] = {}
    for number, group in enumerate(groups):
        cx, cy = centres[number]
        radius = _radius(len(group))
        for node, (x, y) in inner(group).items():
            placed[node] = (round(cx + x * radius, 1), round(cy + y * radius, 1))
    return placed


def group_centres(simple: nx.Graph[str], groups: list[list[str]]) -> dict[int, Position]:
    """Where each group goes: a spring layout of the groups, spaced by their sizes."""
    group_of = {node: number for number, group in enumerate(groups) for node in group}
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for a, b in simple.edges():
        ga, gb = group_of[a], group_of[b]
        if ga != gb:
            weights[min(ga, gb), max(ga, gb)] += 1
    return centres_of([len(group) for group in groups], weights)


def centres_of(sizes: list[int], weights: dict[tuple[int, int], int]) -> dict[int, Position]:
    """Where groups of `sizes` go, given the number of links between each two (a spring layout)."""
    between: nx.Graph[int] = nx.Graph()
    between.add_nodes_from(range(len(sizes)))
    between.add_weighted_edges_from((a, b, weight) for (a, b), weight in weights.items())
    raw = nx.spring_layout(between, seed=SEED, weight="weight") if len(sizes) > 1 else {0: (0, 0)}
    spacing = 2.4 * max(_radius(size) for size in sizes) * math.sqrt(len(sizes))
    return {number: (float(x) * spacing, float(y) * spacing) for number, (x, y) in raw.items()}


def _radius(members: int) -> float:
    return 30.0 * math.sqrt(members)


def _spring(group: nx.Graph[str]) -> dict[str, Position]:
    """One group laid out at unit scale, the same way whatever order its nodes come in.

    A subgraph view yields its nodes in the order of the set it was cut with (which changes with
    Python's hash seed), and the layout's seeded start positions go to nodes in that order: the
    group is copied into sorted order first.
    """
    if len(group) == 1:
        return {next(iter(group)): (0.0, 0.0)}
    ordered: nx.Graph[str] = nx.Graph()
    ordered.add_nodes_from(sorted(group))
    ordered.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in group.edges()))
    raw = nx.spring_layout(ordered, seed=SEED, iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def spread(centre: Position, count: int, gap: float = 18.0) -> list[Position]:
    """`count` points in a sunflower spiral around `centre`, evenly spaced, never overlapping.

    Used for the satellites of a city and for the members of an opened cluster.
    """
    x0, y0 = centre
    return [
        (
            round(x0 + gap * math.sqrt(i + 1) * math.cos(i * _GOLDEN_ANGLE), 1),
            round(y0 + gap * math.sqrt(i + 1) * math.sin(i * _GOLDEN_ANGLE), 1),
        )
        for i in range(count)
    ]


def geographic_positions(graph: nx.MultiDiGraph[str]) -> dict[str, Position]:
    placed: dict[str, Position] = {}
    for node, data in graph.nodes(data=True):
        properties = data["properties"]
        if data["kind"] == CITY.label and "latitude" in properties and "longitude" in properties:
            placed[node] = _project(float(properties["latitude"]), float(properties["longitude"]))
    satellites: dict[str, list[str]] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        if data["type"] in _BESIDE and b in placed and a not in placed:
            satellites[b].append(a)
    for city, members in sorted(satellites.items()):
        fresh = sorted(set(members) - set(placed))
        placed.update(zip(fresh, spread(placed[city], len(fresh), gap=26.0), strict=True))
    for _ in range(2):  # countries from cities, then regions from countries
        _place_by_mean(graph, placed, lambda rel: rel in _WITHIN, incoming=True)
    for _ in range(6):
        if not _place_by_mean(graph, placed, lambda rel: True, incoming=None):
            break
    unplaced = sorted(set(graph) - set(placed))
    if unplaced:
        left = min((x for x, _ in placed.values()), default=0.0)
        bottom = max((y for _, y in placed.values()), default=0.0) + 160.0
        per_row = max(1, math.ceil(math.sqrt(len(unplaced) * 4)))
        for i, node in enumerate(unplaced):
            placed[node] = (
                round(left + 60.0 * (i % per_row), 1),
                round(bottom + 50.0 * (i // per_row), 1),
            )
    return placed


def outlines_around(placed: list[tuple[float, float]], margin: float = 4.0) -> list[list[float]]:
    """Country outlines near the (latitude, longitude) points, projected as the map is.

    Each outline is a flat [x0, y0, x1, y1, ...] list in whole map units (a unit is about 1 km
    here, finer than a pixel at the first zoom), consecutive repeats dropped to keep files small.
    """
    if not placed:
        return []
    south = min(lat for lat, _ in placed) - margin
    north = max(lat for lat, _ in placed) + margin
    west = min(lon for _, lon in placed) - margin
    east = max(lon for _, lon in placed) + margin
    found: list[list[float]] = []
    for _, rings in countries():
        for ring in rings:
            lons = [lon for lon, _ in ring]
            lats = [lat for _, lat in ring]
            if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            flat: list[float] = []
            for lon, lat in ring:
                x, y = _project(lat, lon)
                x, y = round(x), round(y)
                if not flat or (flat[-2], flat[-1]) != (x, y):
                    flat.extend((x, y))
            if len(flat) >= 6:
                found.append(flat)
    return found


def _project(latitude: float, longitude: float) -> Position:
    latitude = max(-85.0, min(85.0, latitude))
    y = math.degrees(math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)))
    return round(longitude * PIXELS_PER_DEGREE, 1), round(-y * PIXELS_PER_DEGREE, 1)


def _place_by_mean(
    graph: nx.MultiDiGraph[str],
    placed: dict[str, Position],
    walks: Callable[[str], bool],
    *,
    incoming: bool | None,
) -> bool:
    """Place every unplaced node at the mean of its placed neighbours (spread around it)."""
    sums: dict[str, list[Position]] = defaultdict(list)
    for a, b, data in graph.edges(data=True):
        if not walks(data["type"]):
            continue
        if incoming is not False and b not in placed and a in placed:
            sums[b].append(placed[a])
        if incoming is not True and a not in placed and b in placed:
            sums[a].append(placed[b])
    by_spot: dict[Position, list[str]] = defaultdict(list)
    for node, points in sorted(sums.items()):
        spot = (
            round(sum(x for x, _ in points) / len(points), 1),
            round(sum(y for _, y in points) / len(points), 1),
        )
        by_spot[spot].append(node)
    for spot, nodes in by_spot.items():
        offsets = spread(spot, len(nodes) + 1, gap=34.0)[1:]
        placed.update(zip(nodes, offsets, strict=True))
    return bool(by_spot)


def gridded(
    centres: dict[int, Position], boxes: dict[int, tuple[float, float]], aspect: float = 1.6
) -> dict[int, Position]:
    """Centres snapped to a grid of cells as big as the biggest box, keeping their arrangement.

    Stored cluster centres come from a spring layout of the clusters, which keeps linked ones
    near but piles a dense core into one blot (and can lay it out on a line). Cutting the clusters
    into rows by their height, then ordering each row by its width, keeps who is above, below
    and beside whom, while every cell holds one dot with its label: none can overlap.
    """
    keys = sorted(centres, key=lambda key: (centres[key][1], centres[key][0], key))
    if len(keys) < 2:
        return dict(centres)
    width = max(box[0] for box in boxes.values())
    height = max(box[1] for box in boxes.values())
    columns = max(1, round(math.sqrt(len(keys) * aspect * height / width)))
    placed: dict[int, Position] = {}
    rows = [keys[start : start + columns] for start in range(0, len(keys), columns)]
    for row_number, row in enumerate(rows):
        ordered = sorted(row, key=lambda key: (centres[key][0], key))
        indent = (columns - len(ordered)) * width / 2
        for column, key in enumerate(ordered):
            placed[key] = (
                round(indent + column * width - (columns - 1) * width / 2, 1),
                round(row_number * height - (len(rows) - 1) * height / 2, 1),
            )
    return placed
