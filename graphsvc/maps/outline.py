"""The whole graph as compact arrays, with its Louvain communities and degree centrality.

The maps' whole-graph analysis (`graphsvc.maps.analysis`) once built a networkx MultiDiGraph of
every node and link with all their properties, then ran networkx's pure-Python Louvain on it:
80 s and 450 MiB at 50,000 nodes, growing about ninefold per tenfold. Here each entity is a
number (its rank by id, so the same graph always numbers alike), its kind a small code, and the
links three integer arrays; communities come from igraph's multilevel (Louvain) method, in C,
with a fixed seed. Memory is a few dozen bytes per node and link besides the ids and names.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

import igraph
import numpy as np
import numpy.typing as npt

from graphsvc.maps.metrics import SEED
from graphsvc.store.map_outline import EntityRow, LinkRow

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


def build(entities: Iterable[EntityRow], links: Iterable[LinkRow]) -> Outline:
    """Number the entities by id and keep the links between two of them, sorted as (a, type, b)."""
    rows = sorted(entities)
    ids = [row[0] for row in rows]
    number_of = {node: number for number, node in enumerate(ids)}
    kind_names = sorted({row[1] for row in rows})
    kind_code = {kind: code for code, kind in enumerate(kind_names)}
    kinds = np.fromiter((kind_code[row[1]] for row in rows), np.int64, len(rows))
    names = [row[2] if row[2] is not None else row[0] for row in rows]
    latitude = np.fromiter((np.nan if r[3] is None else r[3] for r in rows), np.float64, len(rows))
    longitude = np.fromiter((np.nan if r[4] is None else r[4] for r in rows), np.float64, len(rows))
    del rows
    type_code: dict[str, int] = {}
    triples: list[int] = []
    for a, kind, b in links:
        na, nb = number_of.get(a), number_of.get(b)
        if na is not None and nb is not None:
            triples += (na, type_code.setdefault(kind, len(type_code)), nb)
    del number_of
    flat = np.array(triples, dtype=np.int64).reshape(-1, 3)
    del triples
    # types renumbered alphabetically, links sorted by (source, type, target): stable results
    type_names = sorted(type_code)
    renumber = np.array([type_names.index(name) for name in type_code] or [0], dtype=np.int64)
    flat[:, 1] = renumber[flat[:, 1]] if len(flat) else flat[:, 1]
    order = np.lexsort((flat[:, 2], flat[:, 1], flat[:, 0]))
    flat = flat[order]
    return Outline(
        ids,
        names,
        kind_names,
        kinds,
        latitude,
        longitude,
        type_names,
        flat[:, 0].copy(),
        flat[:, 1].copy(),
        flat[:, 2].copy(),
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
    graph = igraph.Graph(n=size, edges=np.column_stack((low, high)).tolist())
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
