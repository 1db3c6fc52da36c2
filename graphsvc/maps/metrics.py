"""What node size and community colour stand for, computed with networkx.

Both are computed on the view's undirected simple projection: who is linked to whom, whatever
the direction or the number of relationships between them. Betweenness is exact up to
`EXACT_BETWEENNESS_LIMIT` nodes and estimated from a fixed sample of sources above it (exact
betweenness is O(nodes x links), minutes at 20,000 nodes); the legend says which.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graphsvc.maps.parameters import SizeBy

EXACT_BETWEENNESS_LIMIT = 1000
BETWEENNESS_SAMPLE = 200
SEED = 7
"""Louvain and sampled betweenness are randomised; a fixed seed keeps rendered maps stable."""

COMMUNITY_COLOURS = (
    "#CC6677",
    "#332288",
    "#DDCC77",
    "#117733",
    "#88CCEE",
    "#882255",
    "#44AA99",
    "#999933",
    "#AA4499",
)
"""Paul Tol's "muted" scheme, made to stay apart for red-green colour-blind readers (one in
twelve men); tests/maps/test_community_palette.py checks it under a deuteranope's and a
protanope's simulated vision. The communities past the ninth share the pale grey below."""
OTHER_COMMUNITY_COLOUR = "#DDDDDD"


@dataclass(frozen=True)
class Centrality:
    """Each node's score in [0, 1], and the name the legend gives the measure."""

    scores: dict[str, float]
    name: str


@dataclass(frozen=True)
class Community:
    """A Louvain community, named after its most central member."""

    number: int
    name: str
    members: tuple[str, ...]
    colour: str


def simple_graph(graph: nx.MultiDiGraph[str]) -> nx.Graph[str]:
    """The undirected simple projection, its nodes and links in one order whatever their arrival.

    Louvain, sampled betweenness and the spring layout are seeded, but each also follows the
    order in which a graph yields its nodes and links: rows come from Neo4j in no fixed order, so
    without sorting here a map of more than `PHYSICS_LIMIT` nodes was drawn differently each time
    (2,204 of 566 entities' coordinates moved between two renders of the same data).
    """
    simple: nx.Graph[str] = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    simple.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in graph.edges() if a != b}))
    return simple


def centrality(simple: nx.Graph[str], measure: SizeBy) -> Centrality:
    if measure == "degree":
        return Centrality(
            nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0),
            "degree centrality",
        )
    if len(simple) <= EXACT_BETWEENNESS_LIMIT:
        return Centrality(nx.betweenness_centrality(simple), "betweenness centrality")
    scores = nx.betweenness_centrality(simple, k=BETWEENNESS_SAMPLE, seed=SEED)
    return Centrality(
        scores, f"betweenness centrality (estimated from {BETWEENNESS_SAMPLE} sampled sources)"
    )


class Louvain:
    """A view's Louvain communities, computed at most once and only when asked for.

    The server layout, community colours and community clusters all group by them; Louvain is
    the costliest step of a large map (about 4 s at 20,000 nodes), so it must not run twice.
    """

    def __init__(self, simple: nx.Graph[str]) -> None:
        self.simple = simple
        self._groups: list[list[str]] | None = None

    @property
    def groups(self) -> list[list[str]]:
        """Each community's members sorted, the communities largest first."""
        if self._groups is None:
            found = (
                nx.community.louvain_communities(self.simple, seed=SEED) if len(self.simple) else []
            )
            self._groups = sorted(
                (sorted(members) for members in found),
                key=lambda members: (-len(members), members[0]),
            )
        return self._groups


def communities(
    louvain: Louvain, scores: dict[str, float], names: dict[str, str]
) -> list[Community]:
    """Louvain communities, largest first, each named after its most central member."""
    result = []
    for number, members in enumerate(louvain.groups):
        leader = min(members, key=lambda node: (-scores.get(node, 0.0), names.get(node, node)))
        colour = (
            COMMUNITY_COLOURS[number] if number < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY_COLOUR
        )
        result.append(Community(number, names.get(leader, leader), tuple(members), colour))
    return result
