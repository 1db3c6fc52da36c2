"""Views beyond AGGREGATE_LIMIT nodes drawn as clusters that open on a double-click.

A browser draws 20,000 nodes slowly and a reader sees nothing in them. Above the limit, the map
first shows one node per group (Louvain community, country, or programme), sized by its members
and linked by the number of links between the groups; every member and link still travels in the
file, positioned around its cluster, so opening a cluster needs no server and works offline.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graphsvc.maps.layout import Position, group_centres, spread
from graphsvc.maps.metrics import COMMUNITY_COLOURS, OTHER_COMMUNITY_COLOUR, Louvain
from graphsvc.maps.parameters import GroupBy
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY, COUNTRY

AGGREGATE_LIMIT = 2500
UNPLACED = "(none)"
_IN_COUNTRY = frozenset(MODEL.relationships_in("containment", targets=(COUNTRY.label,)))
"""A city's link to its country."""
_THROUGH = frozenset(
    MODEL.relationships_in("place", targets=(CITY.label, COUNTRY.label))
    + MODEL.relationships_in("representation")
)
"""What takes a node's country from its target: where it is based, meets or works (in a city or a
country), and, for a person, the institution it speaks for."""
_FRAMED_BY = frozenset(MODEL.relationships_in("framing"))
"""An undertaking's link to the broader one it is part of."""
_UNDERTAKINGS = frozenset(MODEL.kinds_in("undertaking"))
_INVOLVED = frozenset(MODEL.relationships_in("involvement", "framing"))
"""What makes a party (or a part) vote for a programme: financing, implementing, taking part, or
being framed by it."""


@dataclass(frozen=True)
class Cluster:
    """A group drawn as one node until opened.

    Named after its most central member, or after its country or programme.
    """

    id: str
    name: str
    members: tuple[str, ...]
    colour: str
    centre: Position


def clusters(
    graph: nx.MultiDiGraph[str],
    simple: nx.Graph[str],
    by: GroupBy,
    scores: dict[str, float],
    louvain: Louvain,
) -> tuple[list[Cluster], dict[str, Position]]:
    """The clusters of `graph` and every member's position around its cluster's centre."""
    names = {node: str(name) for node, name in graph.nodes(data="name")}
    keyed = groups_of(graph, by, louvain)
    ordered = sorted(keyed.items(), key=lambda item: (-len(item[1]), item[0]))
    groups = [
        sorted(members, key=lambda n: (-scores.get(n, 0.0), names[n])) for _, members in ordered
    ]
    centres = group_centres(simple, groups)
    found: list[Cluster] = []
    placed: dict[str, Position] = {}
    for number, ((key, _), members) in enumerate(zip(ordered, groups, strict=True)):
        name = names[members[0]] if by == "community" else names.get(key, key)
        colour = (
            COMMUNITY_COLOURS[number % len(COMMUNITY_COLOURS)]
            if key != UNPLACED
            else OTHER_COMMUNITY_COLOUR
        )
        centre = (round(centres[number][0], 1), round(centres[number][1], 1))
        found.append(Cluster(f"cluster:{number}", name, tuple(members), colour, centre))
        placed.update(zip(members, spread(centre, len(members), gap=22.0), strict=True))
    return found, placed


def cluster_size(members: int) -> float:
    return round(16.0 + 8.0 * math.log10(members + 1), 1)


def groups_of(graph: nx.MultiDiGraph[str], by: str, louvain: Louvain) -> dict[str, list[str]]:
    """Each group's key (its first member, its country, its programme) and its members."""
    if by == "community":
        return {group[0]: group for group in louvain.groups}
    owner = _country_of(graph) if by == "country" else _programme_of(graph)
    groups: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        groups[owner.get(node, UNPLACED)].append(node)
    return dict(groups)


def _country_of(graph: nx.MultiDiGraph[str]) -> dict[str, str]:
    """Each node's country: itself, its city's, or where it is based, meets or works."""
    kinds: dict[str, str] = {node: data["kind"] for node, data in graph.nodes(data=True)}
    owner = {node: node for node, kind in kinds.items() if kind == COUNTRY.label}
    for a, b, data in graph.edges(data=True):
        if data["type"] in _IN_COUNTRY:
            owner.setdefault(a, b)
    for _ in range(2):  # institutions and events through their city, then people through those
        for a, b, data in graph.edges(data=True):
            if a not in owner and b in owner and data["type"] in _THROUGH:
                owner[a] = owner[b]
    return owner


def _programme_of(graph: nx.MultiDiGraph[str]) -> dict[str, str]:
    """Each node's top-level programme: its own, its parent's, or the one it is most involved in."""
    kinds: dict[str, str] = {node: data["kind"] for node, data in graph.nodes(data=True)}
    parent = {a: b for a, b, data in graph.edges(data=True) if data["type"] in _FRAMED_BY}

    def root(node: str) -> str:
        seen = {node}
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        return node

    owner = {node: root(node) for node, kind in kinds.items() if kind in _UNDERTAKINGS}
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a, b, data in graph.edges(data=True):
        if data["type"] in _INVOLVED and a not in owner and b in owner:
            votes[a][owner[b]] += 1
    for node, tally in votes.items():
        owner[node] = min(tally, key=lambda key: (-tally[key], key))
    return owner
