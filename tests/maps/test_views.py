"""Each view against the seeded graph in the real Neo4j test instance, checked against the
stored graph read independently (graphsvc.export's networkx copy of the whole graph)."""

from __future__ import annotations

from collections import deque

import networkx as nx
import pytest
from maps_support import build, edge_keys, node_ids

from graphsvc.config import Settings
from graphsvc.errors import MapSubjectNotFound
from graphsvc.export.graph import stored_graph
from graphsvc.maps.narrow import period
from graphsvc.maps.request import MAP_KINDS
from graphsvc.maps.select import HUB_KINDS, MAP_TYPES
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def whole(seeded_once: Database) -> nx.MultiDiGraph[str]:
    """The map-relevant part of the stored graph: map kinds and map relationship types."""
    graph = stored_graph(seeded_once)
    keep = [n for n, node in graph.nodes(data=True) if node["kind"] in MAP_KINDS]
    view: nx.MultiDiGraph[str] = nx.MultiDiGraph(graph.subgraph(keep))
    view.remove_edges_from([(a, b, k) for a, b, k in view.edges(keys=True) if k not in MAP_TYPES])
    return view


def within(graph: nx.MultiDiGraph[str], start: str, hops: int) -> set[str]:
    """Breadth-first with networkx, hubs reached but not walked through: the ego rule."""
    undirected = graph.to_undirected(as_view=True)
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        current, depth = queue.popleft()
        if depth == hops or (current != start and graph.nodes[current]["kind"] in HUB_KINDS):
            continue
        for neighbour in undirected.neighbors(current):
            if neighbour not in seen:
                seen.add(neighbour)
                queue.append((neighbour, depth + 1))
    return seen


def test_overview_draws_every_map_entity_and_link(
    settings: Settings, whole: nx.MultiDiGraph[str]
) -> None:
    rendered = build(settings, "overview")
    assert node_ids(rendered) == set(whole)
    assert edge_keys(rendered) == {(a, b, k) for a, b, k in whole.edges(keys=True)}
    assert rendered.node_count == 99 and rendered.edge_count == 185


@pytest.mark.parametrize(
    ("centre", "hops"), [("medcities", 1), ("medcities", 2), ("tunis", 2), ("mc2cm", 3)]
)
def test_ego_is_the_neighbourhood_without_walking_through_hubs(
    settings: Settings, whole: nx.MultiDiGraph[str], centre: str, hops: int
) -> None:
    rendered = build(settings, "ego", id=centre, hops=str(hops))
    assert node_ids(rendered) == within(whole, centre, hops)
    assert edge_keys(rendered) == {
        (a, b, k) for a, b, k in whole.subgraph(node_ids(rendered)).edges(keys=True)
    }
    (centre_node,) = [n for n in rendered.data["nodes"] if n["id"] == centre]
    assert centre_node.get("borderWidth") == 4


@pytest.mark.parametrize("programme", ["mc2cm", "mena-jwp", "nine-city-strategies-project"])
def test_programme_view_has_its_partners_funders_events_and_their_cities(
    settings: Settings, whole: nx.MultiDiGraph[str], programme: str
) -> None:
    ids = node_ids(build(settings, "programme", id=programme))
    part_of: nx.DiGraph[str] = nx.DiGraph(
        [(a, b) for a, b, k in whole.edges(keys=True) if k == "PART_OF"]
    )
    parts = nx.ancestors(part_of, programme)  # its events and projects, and their sessions
    assert parts, "the seeds hold parts of each of these"
    expected = {programme} | parts
    for unit in {programme} | parts:
        expected |= set(whole.predecessors(unit)) | set(whole.successors(unit))
    assert ids == expected
    held_in = {b for a, b, k in whole.edges(keys=True) if a in parts and k == "HELD_IN"}
    assert held_in <= ids
    if programme == "mena-jwp":
        assert {"tunis", "rome", "marseille"} <= held_in


def test_funder_view_draws_the_funding_trace_in_focus(
    settings: Settings, whole: nx.MultiDiGraph[str]
) -> None:
    rendered = build(settings, "funder", id="european-union")
    focused = {
        (e["from"], e["to"], e["type"]) for e in rendered.data["edges"] if e.get("width", 0) > 2
    }
    funds = {(a, b, k) for a, b, k in whole.edges("european-union", keys=True) if k == "FUNDS"}
    assert funds and funds <= focused
    assert node_ids(rendered) == {"european-union"} | {end for a, b, _ in focused for end in (a, b)}
    stages = {k for _, _, k in focused}
    assert {"FUNDS", "HELD_IN"} <= stages or {"FUNDS", "TARGETS"} <= stages


def test_path_view_highlights_a_connected_path_in_context(settings: Settings) -> None:
    rendered = build(settings, "path", id="malaga", to="sfax")
    path_edges = [(e["from"], e["to"]) for e in rendered.data["edges"] if e.get("width", 0) > 2]
    on_path: nx.Graph[str] = nx.Graph(path_edges)
    assert nx.has_path(on_path, "malaga", "sfax")
    assert "Spain" not in {
        n["label"] for n in rendered.data["nodes"] if n.get("borderWidth") == 4
    }  # countries are never stepping stones
    assert rendered.node_count > on_path.number_of_nodes()  # neighbours give context
    assert rendered.data["title"] == "How Málaga is connected to Sfax"


def test_city_view_has_who_governs_meets_and_works_there(
    settings: Settings, whole: nx.MultiDiGraph[str]
) -> None:
    ids = node_ids(build(settings, "city", id="tunis"))
    local = {
        a
        for a, b, k in whole.edges(keys=True)
        if b == "tunis" and k in ("GOVERNS", "BASED_IN", "HELD_IN", "TARGETS")
    }
    assert local and local <= ids
    assert "tunisia" in ids
    sfax_only = {n for n in whole.predecessors("tunisia")} - within(whole, "tunis", 2)
    assert not (sfax_only & ids)


def test_country_filter_keeps_what_is_located_there(
    settings: Settings, whole: nx.MultiDiGraph[str]
) -> None:
    rendered = build(settings, "overview", country="TN")
    by_code = build(settings, "overview", country="tunisia")
    assert node_ids(rendered) == node_ids(by_code)
    for n in rendered.data["nodes"]:
        if n["kind"] == "City":
            assert "tunisia" in set(whole.successors(n["id"])), n["id"]
    assert "malaga" not in node_ids(rendered)
    assert {"tunis", "sfax"} <= node_ids(rendered)


def test_a_period_drops_what_falls_outside_it(
    settings: Settings, whole: nx.MultiDiGraph[str]
) -> None:
    rendered = build(settings, "overview", since="2016")
    ids = node_ids(rendered)
    dated_2012 = {
        n for n, data in whole.nodes(data=True) if (span := period(data)) and span[1] < 20160101
    }
    assert dated_2012 and not (dated_2012 & ids)
    undated_events = {
        n for n, data in whole.nodes(data=True) if data["kind"] == "Event" and period(data) is None
    }
    assert undated_events <= ids  # "--05-05" says nothing about the year: kept
    only_2012 = {
        n
        for n in whole
        if set(nx.all_neighbors(whole, n)) and set(nx.all_neighbors(whole, n)) <= dated_2012
    }
    assert not (only_2012 & ids)
    assert "as of 2016 to now" in rendered.data["subtitle"]


def test_kind_and_theme_filters(settings: Settings, whole: nx.MultiDiGraph[str]) -> None:
    rendered = build(settings, "ego", id="medcities", kinds="Institution,Programme")
    assert {n["kind"] for n in rendered.data["nodes"]} == {"Institution", "Programme"}
    theme = next(
        n
        for n, node in whole.nodes(data=True)
        if node["kind"] == "Theme" and whole.in_degree(n) >= 2
    )
    ids = node_ids(build(settings, "overview", theme=theme))
    addressing = {a for a, b, k in whole.edges(keys=True) if b == theme and k == "ADDRESSES"}
    assert {theme} | addressing <= ids
    assert all(
        n in addressing or n == theme or set(nx.all_neighbors(whole, n)) & addressing for n in ids
    )


def test_a_missing_or_wrong_subject_is_named(settings: Settings, seeded_once: Database) -> None:
    with pytest.raises(MapSubjectNotFound, match="parameter 'id': no Programme with id 'tunis'"):
        build(settings, "programme", id="tunis")
    with pytest.raises(MapSubjectNotFound, match="parameter 'to': no entity with id 'atlantis'"):
        build(settings, "path", id="malaga", to="atlantis")
    with pytest.raises(MapSubjectNotFound, match="parameter 'country'"):
        build(settings, "overview", country="XX")
