"""The map page's path, period and export tools in headless Chromium, on the committed maps.

A path is asked for as a reader would (typing a name in the panel, arrow key, Enter) and checked
against networkx's shortest path over the same data; the period is moved with its sliders and its
Play button and read back from the URL fragment; the exports are decoded (the PNG by the browser
itself, the SVG by an XML parser) and compared with what the page draws.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from browser_support import REPO, WatchedPage, watch
from test_maps_browser import counts, map_data, opened

pytestmark = pytest.mark.browser
VISUALISATIONS = REPO / "visualisations"
SVG = "{http://www.w3.org/2000/svg}"


def ask_path(page: WatchedPage, start: str, name: str) -> None:
    page.page.evaluate("(id) => graphsvcMap.focusNode(id)", start)
    page.page.fill("#path-to", name)
    page.page.locator("#path-results button").first.wait_for()
    page.page.press("#path-to", "ArrowDown")
    page.page.keyboard.press("Enter")


def test_path_between_two_entities_is_highlighted_and_written_out(browser: Any) -> None:
    path = VISUALISATIONS / "overview.html"
    data = map_data(path)
    graph: nx.Graph[str] = nx.Graph()
    graph.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    expected = nx.shortest_path_length(graph, "malaga", "sfax")
    page = opened(browser, path)
    ask_path(page, "malaga", "SFAX")  # case and accents do not matter
    lit = page.page.evaluate("graphsvcMap.highlighted()")
    assert {"malaga", "sfax"} <= set(lit["nodes"])
    assert len(lit["nodes"]) == expected + 1 and len(lit["edges"]) == expected
    text = page.page.locator("#path-result").inner_text()
    assert text.startswith(f"{expected} links: Málaga — ") and text.count(" → ") == expected
    assert "→ Sfax" in text
    off_path = next(n["id"] for n in data["nodes"] if n["id"] not in lit["nodes"])
    assert page.page.evaluate("(id) => graphsvcMap.opacity(id)", off_path) < 0.2
    assert page.page.evaluate("graphsvcMap.opacity('sfax')") == 1
    page.screenshot("path-malaga-sfax")
    page.page.click("#path-clear")
    assert page.page.evaluate("graphsvcMap.pathText()") == ""
    assert page.page.evaluate("graphsvcMap.focused()") == "malaga"  # back to the focus
    assert page.errors == []


def test_no_path_in_this_view_is_said(browser: Any, tmp_path: Path) -> None:
    from maps_support import link, node

    from graphsvc.maps.fetch import MapGraph
    from graphsvc.maps.page import render_page
    from graphsvc.maps.payload import Focus, payload
    from graphsvc.maps.request import ViewRequest

    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for key, name in (("a", "Alpha"), ("b", "Beta"), ("c", "Gamma"), ("d", "Delta")):
        node(graph, key, "Institution", name)
    link(graph, "a", "b", "AFFILIATED_WITH")
    link(graph, "c", "d", "AFFILIATED_WITH")
    data = payload(MapGraph(graph), ViewRequest("overview"), Focus(), "Two islands", "")
    file = tmp_path / "islands.html"
    file.write_text(render_page(data, served=False), encoding="utf-8")
    page = opened(browser, file)
    ask_path(page, "a", "gamma")
    assert "No path between Alpha and Gamma in this view" in page.page.inner_text("#path-result")
    assert page.page.evaluate("graphsvcMap.highlighted()")["nodes"] == ["a", "b"]  # the focus
    assert page.errors == []


def slide(page: WatchedPage, slider: str, index: int) -> None:
    page.page.evaluate(
        """([id, at]) => { const s = document.getElementById(id); s.value = String(at);
            s.dispatchEvent(new Event('input')); }""",
        [slider, index],
    )


def test_period_slider_steps_by_month_plays_and_keeps_the_fragment(browser: Any) -> None:
    path = VISUALISATIONS / "overview.html"
    page = opened(browser, path)
    everything = counts(page)
    steps = page.page.evaluate("graphsvcMap.steps()")
    assert len(steps) > 12 and all(len(step) == 7 for step in steps)  # months: 2012-05 ...
    slide(page, "period-to-slider", 3)
    assert page.page.evaluate("location.hash") == f"#to={steps[3]}"
    early = counts(page)
    assert early["nodes"] < everything["nodes"] and early["drawnNodes"] == early["nodes"]
    assert page.page.input_value("#period-to") == steps[3]
    page.page.click("#period-play")
    page.page.wait_for_function(
        "(to) => location.hash === '#to=' + to", arg=steps[5], timeout=120_000
    )
    page.page.click("#period-play")  # pause
    assert page.page.get_attribute("#period-play", "aria-pressed") == "false"
    shared = watch(browser)
    shared.page.goto(path.as_uri() + f"#from={steps[1]}&to={steps[4]}")
    shared.wait_ready()
    assert shared.page.input_value("#period-from-slider") == "1"
    assert shared.page.input_value("#period-to-slider") == "4"
    assert shared.page.evaluate("graphsvcMap.period()")["from"] == int(
        steps[1].replace("-", "") + "01"
    )
    assert page.errors == [] and shared.errors == []


def test_undated_items_are_drawn_pale_with_a_legend_entry(browser: Any) -> None:
    page = opened(browser, VISUALISATIONS / "overview.html")
    assert page.page.evaluate("graphsvcMap.undated()")["nodes"] == []  # no period: nothing pale
    assert page.page.locator("#period-undated").is_hidden()
    before = counts(page)
    page.page.fill("#period-from", "2016")
    pale = page.page.evaluate("graphsvcMap.undated()")
    assert pale["nodes"]
    drawn = page.page.evaluate("graphsvcMap.network.body.nodeIndices")
    for node_id in pale["nodes"]:
        assert node_id in drawn  # kept, not hidden silently
        assert page.page.evaluate("(id) => graphsvcMap.opacity(id)", node_id) == 0.35
    assert page.page.evaluate("graphsvcMap.opacity('medcities')") == 1
    entry = page.page.locator("#period-undated")
    assert entry.is_visible() and "undated" in entry.inner_text()
    assert counts(page)["nodes"] < before["nodes"]
    page.screenshot("overview-2016-undated-pale")
    assert page.errors == []


def png_size(url: str) -> tuple[int, int]:
    raw = base64.b64decode(url.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")


DARK_IN_BAND = """async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = 60;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, canvas.width, 60).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] < 128 && pixels[i + 1] < 128 && pixels[i + 2] < 128) { dark += 1; }
    }
    return dark;
}"""


def test_png_export_is_at_least_twice_the_map_and_stamped(browser: Any) -> None:
    page = opened(browser, VISUALISATIONS / "funder-european-union.html")
    assert page.page.evaluate("window.devicePixelRatio") == 1
    box = page.page.evaluate(
        "(() => { const g = document.getElementById('graph'); "
        "return [g.clientWidth, g.clientHeight]; })()"
    )
    twice = page.page.evaluate("graphsvcMap.png(2)")
    width, height = png_size(twice)
    assert width >= 2 * box[0] and height >= 2 * box[1]
    assert png_size(page.page.evaluate("graphsvcMap.png(3)"))[0] == width * 3 // 2
    assert page.page.evaluate(DARK_IN_BAND, twice) > 500  # the title, in the top band
    (REPO / "build" / "test-artifacts").mkdir(parents=True, exist_ok=True)
    (REPO / "build" / "test-artifacts" / "export-funder-eu.png").write_bytes(
        base64.b64decode(twice.split(",", 1)[1])
    )
    assert page.errors == []


def test_svg_export_draws_each_visible_node_with_title_and_filters(browser: Any) -> None:
    path = VISUALISATIONS / "geographic.html"
    data = map_data(path)
    page = opened(browser, path)
    page.page.click('#legend button[data-key="Theme"]')
    root = ET.fromstring(page.page.evaluate("graphsvcMap.svg()"))
    shown = counts(page)
    nodes = [e for e in root.iter() if e.get("class") == "node"]
    assert len(nodes) == shown["nodes"]
    assert {e.get("data-id") for e in nodes} == {
        n["id"] for n in data["nodes"] if n["kind"] != "Theme"
    }
    assert len([e for e in root.iter() if e.get("class") == "edge"]) == shown["edges"]
    assert [e for e in root.iter() if e.get("class") == "outline"]  # the countries, as shapes
    assert not [e for e in root.iter() if e.tag == SVG + "image"]  # no bitmap inside
    title = " ".join(e.text or "" for e in root.iter() if e.get("class") == "title")
    assert title == data["title"]
    filters = " ".join(e.text or "" for e in root.iter() if e.get("class") == "filters")
    assert "Hidden: themes" in filters
    assert page.errors == []


def test_legend_counts_follow_hidden_kinds(browser: Any) -> None:
    page = opened(browser, VISUALISATIONS / "overview.html")
    lines = page.page.locator("#legend-lines [data-line='0']")
    before = lines.inner_text()
    page.page.click('#legend button[data-key="Theme"]')
    theme = page.page.locator('#legend button[data-key="Theme"] .legend-text').inner_text()
    assert theme.startswith("themes (0 of ")
    assert lines.inner_text() != before and " of " in lines.inner_text()
    page.page.click('#legend button[data-key="Theme"]')
    assert lines.inner_text() == before
    assert page.errors == []


def test_phone_table_and_panel_fit_the_screen(browser: Any) -> None:
    page = watch(browser, viewport=(390, 844))
    page.page.goto((VISUALISATIONS / "overview.html").as_uri())
    page.wait_ready()
    assert page.page.locator("#legend-body").is_hidden()  # folded on a phone
    page.page.click("#show-table")
    assert page.page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.screenshot("phone-table")
    page.page.click("#show-table")
    page.page.evaluate("graphsvcMap.focusNode('medcities')")
    panel = page.page.locator("#panel").bounding_box()
    assert panel is not None and panel["height"] < 0.6 * 844
    assert page.page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.screenshot("phone-panel")
    page.page.click("#panel .close")
    assert page.page.locator("#panel").is_hidden()
    assert page.errors == []
