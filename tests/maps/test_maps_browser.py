"""The committed maps in headless Chromium, opened from file with every network request refused.

Each map must draw exactly its nodes and links, log no error (a CSP violation is one), and reach
for nothing outside the file. Screenshots go to build/test-artifacts/ for people to look at.
"""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser_support import REPO, WatchedPage, watch

from graphsvc.maps.catalogue import SEEDED_MAPS

pytestmark = pytest.mark.browser
VISUALISATIONS = REPO / "visualisations"


def map_data(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', text, re.S)
    assert block is not None
    return dict(json.loads(block.group(1)))


def opened(browser: Any, path: Path) -> WatchedPage:
    page = watch(browser)
    page.page.goto(path.as_uri())
    page.wait_ready()
    return page


def counts(page: WatchedPage) -> dict[str, int]:
    return dict(page.page.evaluate("graphsvcMap.counts()"))


@pytest.mark.parametrize("seeded", SEEDED_MAPS, ids=[m.file for m in SEEDED_MAPS])
def test_each_map_draws_its_nodes_and_links_offline(browser: Any, seeded: Any) -> None:
    path = VISUALISATIONS / seeded.file
    data = map_data(path)
    page = opened(browser, path)
    assert counts(page) == {
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
        "drawnNodes": len(data["nodes"]),
        "drawnEdges": len(data["edges"]),
    }
    assert page.page.locator("#map-title").inner_text() == data["title"]
    page.screenshot(f"map-{seeded.file[:-5]}")
    assert page.errors == []
    assert page.outside_requests == []


def test_legend_hides_and_shows_a_kind(browser: Any) -> None:
    path = VISUALISATIONS / "overview.html"
    data = map_data(path)
    themes = {n["id"] for n in data["nodes"] if n["kind"] == "Theme"}
    touching = [e for e in data["edges"] if e["from"] in themes or e["to"] in themes]
    page = opened(browser, path)
    before = counts(page)
    button = page.page.locator('#legend button[data-key="Theme"]')
    button.click()
    after = counts(page)
    assert after["nodes"] == before["nodes"] - len(themes) == after["drawnNodes"]
    assert after["edges"] == before["edges"] - len(touching) == after["drawnEdges"]
    assert button.get_attribute("aria-pressed") == "false"
    page.screenshot("legend-themes-hidden")
    button.click()
    assert counts(page) == before
    assert page.errors == []


def test_search_is_accent_and_case_insensitive_and_focuses_the_match(browser: Any) -> None:
    page = opened(browser, VISUALISATIONS / "overview.html")
    page.page.fill("#search", "MALAGA")
    first = page.page.locator("#search-results button").first
    assert first.get_attribute("data-id") == "malaga"  # the exact name ranks first
    assert page.page.locator("#search-results button").count() >= 2  # and the municipality
    first.click()
    assert page.page.evaluate("graphsvcMap.selected()") == ["malaga"]
    panel = page.page.locator("#panel")
    assert panel.is_visible()
    assert panel.locator("h2").inner_text() == "Málaga"
    assert "Sources" in panel.inner_text()
    # The view zooms onto the match (an animation: wait for where it ends, not for a time).
    page.page.wait_for_function(
        "() => Math.abs(graphsvcMap.network.getScale() - 1.4) < 0.01", timeout=10_000
    )
    centre = page.page.evaluate("graphsvcMap.network.getViewPosition()")
    at = page.page.evaluate("graphsvcMap.network.getPositions(['malaga']).malaga")
    assert (centre["x"], centre["y"]) == pytest.approx((at["x"], at["y"]), abs=2)
    page.screenshot("search-focus-malaga")
    assert page.errors == []


def test_geographic_toggle_moves_cities_to_their_coordinates(browser: Any) -> None:
    path = VISUALISATIONS / "overview.html"
    data = map_data(path)
    tunis = next(n for n in data["nodes"] if n["id"] == "tunis")
    page = opened(browser, path)
    page.page.click("#toggle-layout")
    assert page.page.evaluate("graphsvcMap.layout()") == "geographic"
    position = page.page.evaluate("graphsvcMap.network.getPositions(['tunis']).tunis")
    assert (position["x"], position["y"]) == pytest.approx(tuple(tunis["geo"]), abs=1)
    page.screenshot("overview-geographic-layout")
    assert page.errors == []


def test_exports_of_the_current_view(browser: Any) -> None:
    path = VISUALISATIONS / "programme-mena-jwp.html"
    data = map_data(path)
    page = opened(browser, path)
    gexf = nx.read_gexf(io.BytesIO(page.page.evaluate("graphsvcMap.gexf()").encode()))
    assert gexf.number_of_nodes() == len(data["nodes"])
    assert gexf.number_of_edges() == len(data["edges"])
    graphml = nx.read_graphml(io.BytesIO(page.page.evaluate("graphsvcMap.graphml()").encode()))
    assert graphml.number_of_nodes() == len(data["nodes"])
    assert {d["kind"] for _, d in graphml.nodes(data=True)} == {n["kind"] for n in data["nodes"]}
    page.page.click('#legend button[data-key="Theme"]')
    smaller = nx.read_gexf(io.BytesIO(page.page.evaluate("graphsvcMap.gexf()").encode()))
    assert smaller.number_of_nodes() == len([n for n in data["nodes"] if n["kind"] != "Theme"])
    png = page.page.evaluate("graphsvcMap.png()")
    raw = base64.b64decode(png.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(raw[16:20], "big")
    canvas = page.page.evaluate("document.querySelector('#graph canvas').width")
    assert width > canvas  # the legend is drawn beside the map
    page.page.click("#exports summary")
    with page.page.expect_download() as download:
        page.page.click("#export-gexf")
    assert download.value.suggested_filename == "programme-mena-jwp.gexf"
    (REPO / "build" / "test-artifacts").mkdir(parents=True, exist_ok=True)
    (REPO / "build" / "test-artifacts" / "export-mena-jwp.png").write_bytes(raw)
    assert page.errors == []


def generated_view(count: int) -> Any:
    """A synthetic view of `count` institutions in clustered, power-law shape."""
    from maps_support import link, node

    from graphsvc.maps.fetch import MapGraph

    shape = nx.powerlaw_cluster_graph(count, 2, 0.1, seed=3)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for i in shape:
        node(graph, f"org-{i}", "Institution", f"Organisation {i}")
    for a, b in shape.edges():
        link(graph, f"org-{a}", f"org-{b}", "AFFILIATED_WITH")
    return MapGraph(graph)


def test_large_views_open_as_clusters_that_open_on_double_click(
    browser: Any, tmp_path: Path
) -> None:
    from graphsvc.maps.aggregate import AGGREGATE_LIMIT
    from graphsvc.maps.page import render_page
    from graphsvc.maps.payload import Focus, payload
    from graphsvc.maps.request import ViewRequest

    data = payload(
        generated_view(AGGREGATE_LIMIT + 500), ViewRequest("overview"), Focus(), "Generated", ""
    )
    clusters = data["clusters"]
    assert 5 < len(clusters) < 200 and data["aggregated"] == "community"
    assert sum(c["members"] for c in clusters) == len(data["nodes"])
    path = tmp_path / "large.html"
    path.write_text(render_page(data, served=False), encoding="utf-8")
    page = opened(browser, path)
    first = counts(page)
    assert first["nodes"] == first["drawnNodes"] == len(clusters)
    assert 0 < first["edges"] == first["drawnEdges"] < len(data["edges"])
    biggest = clusters[0]
    x, y = page.page.evaluate(
        """(id) => {
            const net = graphsvcMap.network;
            const at = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }""",
        biggest["id"],
    )
    page.page.mouse.dblclick(x, y)
    # On a busy machine the renderer may handle the double click after `dblclick` returns: wait
    # for the cluster to open (a condition, not a time), then check what it opened into.
    page.page.wait_for_function(
        "(drawn) => graphsvcMap.counts().nodes !== drawn", arg=first["nodes"], timeout=60_000
    )
    opened_counts = counts(page)
    assert opened_counts["nodes"] == len(clusters) - 1 + biggest["members"]
    assert opened_counts["drawnNodes"] == opened_counts["nodes"]
    member_elsewhere = next(n for n in data["nodes"] if n["cluster"] == clusters[1]["id"])
    page.page.fill("#search", member_elsewhere["name"])
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("graphsvcMap.selected()") == [member_elsewhere["id"]]
    assert counts(page)["nodes"] == len(clusters) - 2 + biggest["members"] + clusters[1]["members"]
    page.wait_focused(member_elsewhere["id"])
    page.screenshot("large-clusters-opened")
    page.page.click("#close-clusters")
    assert counts(page) == first
    assert page.errors == []


@pytest.mark.neo4j
def test_the_period_fields_show_what_the_server_shows_for_that_period(
    browser: Any, settings: Any, seeded_once: Any
) -> None:
    from maps_support import build

    served = build(settings, "overview", since="2016")
    page = opened(browser, VISUALISATIONS / "overview.html")
    everything = counts(page)
    page.page.fill("#period-from", "2016")
    shown = counts(page)
    assert (shown["nodes"], shown["edges"]) == (served.node_count, served.edge_count)
    assert shown["nodes"] < everything["nodes"]
    assert shown["drawnNodes"] == shown["nodes"]
    assert "As of 2016 to now" in page.page.locator("#status").inner_text()
    page.screenshot("overview-as-of-2016")
    page.page.click("#period-clear")
    assert counts(page) == everything
    assert page.errors == []
