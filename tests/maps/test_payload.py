"""The page data built from a view graph, its layouts and metrics, and the page's safety."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest
from browser_support import HOSTILE
from maps_support import hostile_graph, link, node

from graphsvc.maps.fetch import MapGraph, SourceDocument
from graphsvc.maps.layout import PHYSICS_LIMIT, _project, geographic_positions
from graphsvc.maps.metrics import Louvain, communities, simple_graph
from graphsvc.maps.page import policy as page_policy
from graphsvc.maps.page import render_page
from graphsvc.maps.payload import Focus, payload
from graphsvc.maps.request import ViewRequest


def small_graph() -> MapGraph:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    node(graph, "tunis", "City", "Tunis", latitude=36.8065, longitude=10.1815)
    node(graph, "malaga", "City", "Málaga", latitude=36.7213, longitude=-4.4214, aliases=["Malaga"])
    node(
        graph,
        "municipality-of-tunis",
        "Institution",
        "Municipality of Tunis",
        category="municipality",
    )
    node(graph, "eu", "Institution", "European Union", aliases=["EU"])
    node(graph, "mc2cm", "Programme", "MC2CM", start_date="2015")
    node(graph, "tunisia", "Country", "Tunisia", iso_code="TN")
    link(graph, "municipality-of-tunis", "tunis", "GOVERNS")
    link(graph, "eu", "mc2cm", "FUNDS")
    link(graph, "eu", "mc2cm", "MANAGES")
    link(graph, "municipality-of-tunis", "mc2cm", "PARTNER_IN")
    link(graph, "tunis", "tunisia", "IN_COUNTRY")
    return MapGraph(graph, {"doc": SourceDocument("doc", "A news text", "news.txt", None)})


def test_parallel_links_stay_apart_and_the_input_is_untouched() -> None:
    fetched = small_graph()
    before = nx.to_dict_of_dicts(fetched.graph)
    data = payload(fetched, ViewRequest("overview"), Focus(), "t", "s")
    between = [e for e in data["edges"] if {e["from"], e["to"]} == {"eu", "mc2cm"}]
    assert sorted(e["label"] for e in between) == ["funds", "manages"]
    assert len({json.dumps(e["smooth"], sort_keys=True) for e in between}) == 2
    assert nx.to_dict_of_dicts(fetched.graph) == before
    assert len(data["nodes"]) == 6 and len(data["edges"]) == 5
    assert data["physics"] is True  # a small view settles in the browser
    assert all("x" not in n for n in data["nodes"])


def test_legend_sizes_and_search_keys_come_from_the_model_and_names() -> None:
    data = payload(small_graph(), ViewRequest("overview"), Focus(), "t", "s")
    kinds = {entry["label"]: entry for entry in data["kinds"]}
    assert kinds["Institution"] == {
        "label": "Institution",
        "plural": "institutions",
        "colour": "#0072B2",
        "shape": "dot",
        "count": 2,
    }
    assert data["size"] == "degree centrality"
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id["malaga"]["search"] == "malaga"  # accents folded; the alias folds the same
    assert by_id["mc2cm"]["size"] > by_id["tunisia"]["size"]  # more links, bigger
    assert by_id["malaga"]["group"] == "City"
    assert data["options"]["groups"]["City"]["shape"] == "square"  # styles once per kind


def test_geographic_layout_places_cities_and_puts_institutions_beside_them() -> None:
    fetched = small_graph()
    at = geographic_positions(fetched.graph)
    assert at["tunis"] == _project(36.8065, 10.1815)
    assert at["malaga"][0] < at["tunis"][0]  # west is left
    gap = (
        (at["municipality-of-tunis"][0] - at["tunis"][0]) ** 2
        + (at["municipality-of-tunis"][1] - at["tunis"][1]) ** 2
    ) ** 0.5
    assert 0 < gap < 60
    assert set(at) == set(fetched.graph)  # everything has a place, even without coordinates


def test_large_views_get_server_side_positions_with_physics_off() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    count = PHYSICS_LIMIT + 50
    for i in range(count):
        node(graph, f"n{i}", "Institution", f"Institution {i}")
    for i in range(1, count):
        link(graph, f"n{i}", f"n{i // 3}", "AFFILIATED_WITH")
    data = payload(MapGraph(graph), ViewRequest("overview"), Focus(), "t", "s")
    assert data["physics"] is False
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "net" in n for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == count


def test_communities_are_named_after_their_most_central_member() -> None:
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from(nx.complete_graph(["hub-a", "a1", "a2", "a3"]).edges)
    graph.add_edges_from(nx.complete_graph(["hub-b", "b1", "b2", "b3", "b4"]).edges)
    graph.add_edges_from(
        [("hub-a", "a4"), ("hub-a", "a5"), ("hub-b", "b5"), ("hub-b", "b6"), ("a1", "b1")]
    )
    scores = nx.degree_centrality(graph)
    found = communities(Louvain(graph), scores, {n: n.upper() for n in graph})
    assert [c.name for c in found] == ["HUB-B", "HUB-A"]
    assert found[0].colour != found[1].colour


def test_simple_projection_is_linear_and_undirected() -> None:
    fetched = small_graph()
    simple = simple_graph(fetched.graph)
    assert simple.number_of_edges() == 4 and not simple.is_directed()


class _Blocks(HTMLParser):
    """Inline scripts and styles, and every src/href, as the browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.references: list[str] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data") and value:
                self.references.append(value)
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            tag, attrs = self._open
            if tag == "script":
                self.scripts.append((attrs, data))
            else:
                self.styles.append(data)
            self._open = None


@pytest.mark.parametrize("served", [False, True])
def test_page_is_self_contained_and_every_inline_block_is_hashed(served: bool) -> None:
    data = payload(hostile_graph(), ViewRequest("overview"), Focus(), HOSTILE, HOSTILE)
    html = render_page(
        data, served=served, links={"permalink": "/maps/overview"} if served else None
    )
    blocks = _Blocks()
    blocks.feed(html)
    external = [r for r in blocks.references if re.match(r"^(?:[a-z]+:)?//|^[a-z]+:", r, re.I)]
    assert external == []
    assert not re.search(r"url\((?!\s*[\"']?data:)", "".join(blocks.styles))
    assert "@import" not in "".join(blocks.styles)
    executable = [text for attrs, text in blocks.scripts if attrs.get("type") is None]
    policy = page_policy(served=served)
    for text in executable:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    for text in blocks.styles:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe" not in policy
    assert ("Content-Security-Policy" in html) is not served  # files carry it in a meta element
    # The hostile text is data: escaped in the heading, inert JSON in the data block.
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    (data_block,) = [
        text for attrs, text in blocks.scripts if attrs.get("type") == "application/json"
    ]
    assert json.loads(data_block)["title"] == HOSTILE


def test_clusters_by_country_and_by_programme() -> None:
    from graphsvc.maps.aggregate import clusters

    fetched = small_graph()
    graph = fetched.graph
    node(graph, "webinar", "Event", "Webinar")
    link(graph, "webinar", "mc2cm", "PART_OF")
    link(graph, "webinar", "tunis", "HELD_IN")
    simple = simple_graph(graph)
    scores = nx.degree_centrality(simple)
    by_country, placed = clusters(graph, simple, "country", scores, Louvain(simple))
    members = {c.name: set(c.members) for c in by_country}
    assert members["Tunisia"] == {"tunisia", "tunis", "municipality-of-tunis", "webinar"}
    assert members["(none)"] == {"malaga", "eu", "mc2cm"}  # no IN_COUNTRY for Málaga here
    assert set(placed) == set(graph)
    by_programme, _ = clusters(graph, simple, "programme", scores, Louvain(simple))
    members = {c.name: set(c.members) for c in by_programme}
    assert members["MC2CM"] == {"mc2cm", "webinar", "eu", "municipality-of-tunis"}
