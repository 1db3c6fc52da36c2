"""The whole graph as compact arrays, with its Louvain communities and degree centrality.

The maps' whole-graph analysis (`graphsvc.maps.analysis`) once built a networkx MultiDiGraph of
every node and link with all their properties, then ran networkx's pure-Python Louvain on it:
80 s and 450 MiB at 50,000 nodes, growing about ninefold per tenfold. Here each entity is a
number (its rank by id, so the same graph always numbers alike), its kind a small code, and the
links three integer arrays; communities come from igraph's multilevel (Louvain) method, in C,
with a fixed seed. Memory is a few dozen bytes per node and link besides the ids and names.
"""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import igraph
import numpy as np
import numpy.typing as npt

from graphsvc.maps.metrics import SEED
from graphsvc.store.map_outline import OutlineRow

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Outline:
    """Entities numbered 0..n-1 in the order of their ids; links as (source, type, target)."""

    ids: list[str]
    names: list[str]
    kind_names: list[str]
    kinds: Ints
    """Each entity's kind, as a position in `kind_names`."""
    latitude: Floats
    longitude: Floats
    """NaN where an entity has no coordinates."""
    type_names: list[str]
    source: Ints
    type: Ints
    """Each link's type, as a position in `type_names`."""
    target: Ints

    @property
    def size(self) -> int:
        return len(self.ids)

    def of_types(self, types: Iterable[str]) -> npt.NDArray[np.bool_]:
        """Which links are of one of `types`."""
        wanted = [number for number, name in enumerate(self.type_names) if name in set(types)]
        return np.isin(self.type, wanted)

    def kind_mask(self, *kinds: str) -> npt.NDArray[np.bool_]:
        """Which entities are of one of `kinds`."""
        wanted = [number for number, name in enumerate(self.kind_names) if name in kinds]
        return np.isin(self.kinds, wanted)


def build(rows: Iterable[OutlineRow]) -> Outline:
    """Number the entities by id and keep the links between two of them, sorted as (a, type, b).

    Links are kept as they arrive (source by arrival, type by code, target id) until every id is
    known, in flat arrays rather than a tuple per link.
    """
    ids: list[str] = []
    names: list[str] = []
    kind_of: list[str] = []
    latitude, longitude = array("d"), array("d")
    type_code: dict[str, int] = {}
    link_source, link_type = array("q"), array("q")
    link_target: list[str] = []
    for arrival, (node, kind, name, lat, lon, links) in enumerate(rows):
        ids.append(node)
        names.append(node if name is None else name)
        kind_of.append(kind)
        latitude.append(math.nan if lat is None else lat)
        longitude.append(math.nan if lon is None else lon)
        for rel_type, end in links:
            link_source.append(arrival)
            link_type.append(type_code.setdefault(rel_type, len(type_code)))
            link_target.append(end)
    order = sorted(range(len(ids)), key=ids.__getitem__)
    rank = np.empty(len(ids), dtype=np.int64)
    rank[order] = np.arange(len(ids))
    ids = [ids[i] for i in order]
    names = [names[i] for i in order]
    kind_names = sorted(set(kind_of))
    kind_code = {kind: code for code, kind in enumerate(kind_names)}
    kinds = np.fromiter((kind_code[kind_of[i]] for i in order), np.int64, len(order))
    number_of = {node: number for number, node in enumerate(ids)}
    target = np.fromiter((number_of.get(b, -1) for b in link_target), np.int64, len(link_target))
    del number_of, link_target
    source = rank[np.asarray(link_source, dtype=np.int64)]
    # types renumbered alphabetically, links sorted by (source, type, target): stable results
    type_names = sorted(type_code)
    renumber = np.array([type_names.index(name) for name in type_code] or [0], dtype=np.int64)
    types = renumber[np.asarray(link_type, dtype=np.int64)]
    known = target >= 0
    source, types, target = source[known], types[known], target[known]
    sorted_links = np.lexsort((target, types, source))
    return Outline(
        ids,
        names,
        kind_names,
        kinds,
        np.asarray(latitude, dtype=np.float64)[order],
        np.asarray(longitude, dtype=np.float64)[order],
        type_names,
        source[sorted_links],
        types[sorted_links],
        target[sorted_links],
    )


def simple_pairs(outline: Outline) -> tuple[Ints, Ints]:
    """The undirected simple projection's edges (low, high): no loops, one per linked pair."""
    low = np.minimum(outline.source, outline.target)
    high = np.maximum(outline.source, outline.target)
    keep = low != high
    keys = np.unique(low[keep] * outline.size + high[keep])
    return keys // max(outline.size, 1), keys % max(outline.size, 1)


def degree_scores(outline: Outline, low: Ints, high: Ints) -> Floats:
    """Degree centrality on the simple projection, as networkx defines it (degree / (n - 1))."""
    degree = np.bincount(low, minlength=outline.size) + np.bincount(high, minlength=outline.size)
    if outline.size <= 1:
        return np.zeros(outline.size)
    return degree / (outline.size - 1)


def communities(size: int, low: Ints, high: Ints) -> list[list[int]]:
    """Louvain communities of the simple projection, largest first, each sorted, ties by member.

    igraph's multilevel method draws from the random generator it is given; a generator seeded
    with SEED for this call alone makes the result repeatable (the module-wide one is restored).
    """
    if size == 0:
        return []
    graph = igraph.Graph(n=size, edges=np.column_stack((low, high)))
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        membership = graph.community_multilevel().membership
    finally:
        igraph.set_random_number_generator(random)
    labels = np.asarray(membership, dtype=np.int64)
    order = np.argsort(labels, kind="stable")  # members of each community stay in id order
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = [part.tolist() for part in np.split(order, bounds)]
    return sorted(groups, key=lambda members: (-len(members), members[0]))
