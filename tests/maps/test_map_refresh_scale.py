"""The refresh's compact outline groups and places entities as the drawn maps do, repeatably.

`graphsvc maps refresh` computes on integer arrays (`graphsvc.maps.outline*`) what the drawn maps
compute on a networkx graph (`graphsvc.maps.aggregate`, `graphsvc.maps.layout`). Both are given
the same power-law graph (bench/realistic.py's generator, 2,000 nodes) here and must agree on
every entity's country, programme, geographic position and degree centrality; Louvain must give
the same communities on every run. Pure logic: no server.
"""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from graphsvc.maps.aggregate import UNPLACED, groups_of
from graphsvc.maps.analysis import MAX_CLUSTERS, POOLED, clusters, grouped
from graphsvc.maps.layout import geographic_positions as drawn_positions
from graphsvc.maps.metrics import Louvain, simple_graph
from graphsvc.maps.outline import Outline, build, communities, degree_scores, simple_pairs
from graphsvc.maps.outline_geo import geographic_positions
from graphsvc.maps.outline_groups import country_of, programme_of
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.select import MAP_TYPES
from graphsvc.model.records import GraphData
from graphsvc.store.map_outline import OutlineRow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from realistic import generate


@pytest.fixture(scope="module")
def data() -> GraphData:
    return generate(2000, seed=5).data


def rows(data: GraphData) -> list[OutlineRow]:
    """What the store's outline query would stream for `data` (reversed, as a server may)."""
    links: dict[str, list[list[str]]] = {}
    for r in data.relationships:
        if r.type in MAP_TYPES:
            links.setdefault(r.source_id, []).append([r.type, r.target_id])
    found: list[OutlineRow] = [
        (
            n.id,
            n.label,
            n.properties.get("name"),
            n.properties.get("latitude"),
            n.properties.get("longitude"),
            links.get(n.id, []),
        )
        for n in data.nodes
        if n.label in MAP_KINDS
    ]
    return found[::-1]


def drawn_graph(data: GraphData) -> nx.MultiDiGraph[str]:
    """The graph as `graphsvc.maps.fetch` builds it for a drawn map."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in sorted(data.nodes, key=lambda n: n.id):
        if n.label in MAP_KINDS:
            properties = dict(n.properties)
            graph.add_node(n.id, kind=n.label, name=properties.pop("name"), properties=properties)
    links = sorted(data.relationships, key=lambda r: (r.source_id, r.type, r.target_id))
    for r in links:
        if r.type in MAP_TYPES and r.source_id in graph and r.target_id in graph:
            graph.add_edge(r.source_id, r.target_id, key=r.type, type=r.type)
    return graph


@pytest.fixture(scope="module")
def outline(data: GraphData) -> Outline:
    return build(rows(data))


def as_sets(groups: dict[str, list[str]]) -> dict[str, set[str]]:
    return {key: set(members) for key, members in groups.items()}


def test_entities_are_numbered_by_id_and_links_to_unknown_ones_dropped() -> None:
    found = build(
        [
            ("b", "City", "B", 1.0, 2.0, [["IN", "a"], ["IN", "gone"]]),
            ("a", "Country", None, None, None, [["X", "a"]]),
        ]
    )
    assert found.ids == ["a", "b"] and found.names == ["a", "B"]
    assert found.source.tolist() == [0, 1] and found.target.tolist() == [0, 0]
    assert found.type_names == ["IN", "X"] and found.type.tolist() == [1, 0]


@pytest.mark.parametrize("grouping", ["country", "programme"])
def test_groupings_agree_with_the_drawn_maps(
    data: GraphData, outline: Outline, grouping: str
) -> None:
    graph = drawn_graph(data)
    expected = as_sets(groups_of(graph, grouping, Louvain(simple_graph(graph))))
    owner = country_of(outline) if grouping == "country" else programme_of(outline)
    found = {key: {outline.ids[m] for m in members} for key, members in grouped(outline, owner)}
    assert found == expected
    assert len(found) > 10 and UNPLACED in found


def test_geographic_positions_agree_with_the_drawn_maps(data: GraphData, outline: Outline) -> None:
    expected = drawn_positions(drawn_graph(data))
    x, y = geographic_positions(outline)
    found = {node: (float(x[i]), float(y[i])) for i, node in enumerate(outline.ids)}
    assert found.keys() == expected.keys()
    worst = max(
        max(abs(found[n][0] - expected[n][0]), abs(found[n][1] - expected[n][1])) for n in found
    )
    assert worst < 0.11  # rounding to a tenth, done by numpy here and by Python there


def test_degree_centrality_agrees_with_networkx(data: GraphData, outline: Outline) -> None:
    expected = nx.degree_centrality(simple_graph(drawn_graph(data)))
    scores = degree_scores(outline, *simple_pairs(outline))
    assert np.allclose(scores, [expected[node] for node in outline.ids])


def test_communities_are_repeatable_and_cover_every_entity(outline: Outline) -> None:
    low, high = simple_pairs(outline)
    first = communities(outline.size, low, high)
    assert communities(outline.size, low, high) == first
    assert sorted(m for group in first for m in group) == list(range(outline.size))
    assert [len(g) for g in first] == sorted((len(g) for g in first), reverse=True)


def test_two_cliques_joined_by_one_link_are_two_communities() -> None:
    pairs = [(a, b) for a in range(6) for b in range(a + 1, 6)]
    pairs += [(a + 6, b + 6) for a, b in pairs] + [(0, 6)]
    low = np.array([a for a, _ in pairs])
    high = np.array([b for _, b in pairs])
    assert communities(12, low, high) == [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11]]


def test_clusters_list_members_most_central_first_and_cover_every_entity(
    data: GraphData, outline: Outline
) -> None:
    graph = drawn_graph(data)
    degree = nx.degree_centrality(simple_graph(graph))
    rows = clusters(outline)
    for grouping in ("community", "country", "programme"):
        found = [row for row in rows if row["grouping"] == grouping]
        assert [row["number"] for row in found] == list(range(len(found)))
        assert len(found) <= MAX_CLUSTERS + 1
        assert sorted(m for row in found for m in row["members"]) == sorted(graph)
        for row in found:
            expected = sorted(row["members"], key=lambda n: (-degree[n], graph.nodes[n]["name"]))
            assert row["members"] == expected and row["size"] == len(expected)
            assert row["leading"] == [graph.nodes[n]["name"] for n in expected[:5]]
            assert sum(row["kind_counts"]) == row["size"]
    communities_found = [row for row in rows if row["grouping"] == "community"]
    assert communities_found[-1]["key"] == POOLED  # the small communities, pooled
    assert communities_found[0]["name"] == graph.nodes[communities_found[0]["members"][0]]["name"]
