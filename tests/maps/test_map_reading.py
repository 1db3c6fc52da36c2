"""What a coordinator reads on a committed map: the side panel, the legend's lines, the keyboard.

Opened from file in headless Chromium with every network request refused, as the other browser
tests do; the texts checked are the seeds' own (a webinar dated "5 May" with no year, a
five-day workshop in March 2016, the European Union's funding trace).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from browser_support import REPO, WatchedPage, watch

from graphsvc.maps.catalogue import settings_form
from graphsvc.maps.page import render_page
from graphsvc.maps.request import ViewRequest
from graphsvc.model import MODEL

pytestmark = pytest.mark.browser
VISUALISATIONS = REPO / "visualisations"


def opened(browser: Any, name: str, viewport: tuple[int, int] = (1400, 900)) -> WatchedPage:
    page = watch(browser, viewport=viewport)
    page.page.goto((VISUALISATIONS / name).as_uri())
    page.wait_ready()
    return page


def panel_of(page: WatchedPage, node_id: str) -> str:
    page.page.evaluate("(id) => graphsvcMap.focusNode(id)", node_id)
    panel = page.page.locator("#panel")
    assert panel.is_visible()
    return str(panel.inner_text())


def test_panel_tells_dates_sources_and_links_in_words(browser: Any) -> None:
    page = opened(browser, "funder-european-union.html")
    text = panel_of(page, "migrant-participation-webinar")
    assert "5 May, year not given" in text
    assert "--05-05" not in text
    # The source by its title, not its file name; the file name is kept as a tooltip.
    assert "MedCities hosts a webinar on the participation of migrants" in text
    assert "002_6b4a5633911ede0b.txt" not in text
    # Links grouped by meaning, each heading once, with the roles the sources give.
    assert text.count("Participation: participants (") == 1
    assert "speaker" in text and "municipal representatives" in text
    assert "Framing: part of (1)" in text
    # The id is folded away until asked for.
    assert "migrant-participation-webinar" not in text
    page.page.locator("#panel details.more summary").click()
    assert "migrant-participation-webinar" in page.page.locator("#panel").inner_text()
    page.page.keyboard.press("Escape")
    assert page.page.locator("#panel").is_hidden()
    assert page.errors == []


def test_a_range_of_days_and_events_in_date_order(browser: Any) -> None:
    page = opened(browser, "overview.html")
    assert "22-26 March 2016" in panel_of(page, "ktc-awareness-sessions-2016")
    text = panel_of(page, "mena-jwp")
    # Its parts: the Tunis meeting (30 May 2012) before Rome (7 September), undated ones after.
    assert text.index("30 May 2012") < text.index("7 September 2012")
    assert text.index("7 September 2012") < text.index("Tunisia Country Project")
    assert page.errors == []


def test_an_empty_alias_list_shows_no_row(browser: Any) -> None:
    page = opened(browser, "overview.html")
    names = page.page.evaluate(
        """() => graphsvcMap.network.body.data.nodes.get()
              .filter((n) => !n.info || !n.info.aliases || !n.info.aliases.length)
              .map((n) => n.id)"""
    )
    assert names, "the seeds hold entities with no alias"
    assert "Also called" not in panel_of(page, names[0])
    assert page.errors == []


def test_funder_legend_tells_the_money_chain_from_who_took_part(browser: Any) -> None:
    page = opened(browser, "funder-european-union.html")
    lines = page.page.locator("#legend-lines").inner_text()
    assert "the money's own chain" in lines
    assert "who later took part" in lines
    data = page.page.evaluate("graphsvcMap.network.body.data.edges.get()")
    red = [e for e in data if e.get("color", {}).get("color") == "#D62728"]
    assert red and all(
        MODEL.is_a(e["type"], "financing") or MODEL.is_a(e["type"], "framing") for e in red
    )
    assert any(MODEL.is_a(e["type"], "participation") for e in data if e not in red)
    assert "dashed: the sources only suggest this link" in lines
    assert any(e.get("dashes") for e in data)
    assert page.errors == []


def test_arrow_keys_walk_the_search_results(browser: Any) -> None:
    page = opened(browser, "overview.html")
    page.page.fill("#search", "mal")
    page.page.locator("#search").press("ArrowDown")
    first = page.page.evaluate("document.activeElement.dataset.id")
    page.page.keyboard.press("ArrowDown")
    second = page.page.evaluate("document.activeElement.dataset.id")
    assert first and second and first != second
    page.page.keyboard.press("ArrowUp")
    assert page.page.evaluate("document.activeElement.dataset.id") == first
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("graphsvcMap.selected()") == [first]
    assert page.errors == []


def test_on_a_phone_the_legend_is_folded_and_the_panel_leaves_the_map_in_view(
    browser: Any,
) -> None:
    page = opened(browser, "overview.html", viewport=(390, 844))
    assert page.page.locator("#legend-body").is_hidden()
    legend = page.page.locator("#legend").bounding_box()
    assert legend["width"] * legend["height"] < 0.05 * 390 * 844
    panel_of(page, "medcities")
    box = page.page.locator("#panel").bounding_box()
    graph = page.page.locator("#graph").bounding_box()
    assert box["height"] <= 0.55 * 844 + 1  # a bottom sheet: the map stays in view above it
    assert box["y"] - graph["y"] >= 0.3 * graph["height"]
    page.screenshot("phone-panel-medcities")
    assert page.errors == []


def test_on_a_phone_the_settings_form_fits_the_screen(browser: Any, tmp_path: Any) -> None:
    text = (VISUALISATIONS / "overview.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', text, re.S)
    assert block is not None
    request = ViewRequest.parse("overview", {})
    page_file = tmp_path / "served.html"
    page_file.write_text(
        render_page(json.loads(block.group(1)), served=False, form=settings_form(request)),
        encoding="utf-8",
    )
    page = watch(browser, viewport=(390, 844))
    page.page.goto(page_file.as_uri())
    page.wait_ready()
    page.page.locator("#settings summary").click()
    box = page.page.locator("#settings form").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844
    page.screenshot("phone-settings-form")
    assert page.errors == []


def test_a_selected_entity_dims_all_but_its_neighbours(browser: Any) -> None:
    page = opened(browser, "overview.html")
    near, far = page.page.evaluate(
        """() => {
            const net = graphsvcMap.network;
            const near = net.getConnectedNodes("medcities");
            const far = net.body.data.nodes.getIds()
                .filter((id) => id !== "medcities" && !near.includes(id));
            return [near, far];
        }"""
    )
    assert near and far, "MedCities has neighbours and non-neighbours in the overview"
    box = page.page.evaluate(
        """() => {
            const net = graphsvcMap.network;
            const at = net.canvasToDOM(net.getPositions(["medcities"]).medcities);
            const rect = document.getElementById("graph").getBoundingClientRect();
            return [rect.left + at.x, rect.top + at.y];
        }"""
    )
    page.page.mouse.click(box[0], box[1])
    assert page.page.evaluate("() => graphsvcMap.focused()") == "medcities"

    def opacity(node_id: str) -> float:
        return float(page.page.evaluate("(id) => graphsvcMap.opacity(id)", node_id))

    assert opacity("medcities") == 1
    assert opacity(near[0]) == 1
    assert opacity(far[0]) < 0.5
    page.page.keyboard.press("Escape")
    assert page.page.evaluate("() => graphsvcMap.focused()") is None
    assert opacity(far[0]) == 1
    # A search pick focuses too, and a click on empty canvas restores.
    page.page.evaluate("() => graphsvcMap.focusNode('medcities')")
    assert opacity(far[0]) < 0.5
    page.page.evaluate("() => graphsvcMap.network.moveTo({position: {x: 1e6, y: 1e6}})")
    page.page.mouse.click(700, 450)
    assert opacity(far[0]) == 1
    assert page.errors == []


def test_a_shared_link_opens_the_same_view(browser: Any) -> None:
    page = watch(browser, viewport=(1400, 900))
    url = (VISUALISATIONS / "overview.html").as_uri()
    page.page.goto(url + "#hide=Theme&from=2012&to=2016&focus=medcities")
    page.wait_ready()
    page.page.wait_for_function("() => graphsvcMap.focused() === 'medcities'")
    assert page.page.evaluate("() => graphsvcMap.hiddenKinds()") == ["Theme"]
    assert page.page.evaluate("() => graphsvcMap.period()") == {"from": 20120101, "to": 20161231}
    assert (
        page.page.locator("#legend-kinds button[data-key='Theme']").get_attribute("aria-pressed")
        == "false"
    )
    assert page.page.locator("#period-from").input_value() == "2012"
    assert page.page.locator("#panel h2").inner_text() == "MedCities"
    # What the reader changes next goes into the link, for the next reader.
    page.page.locator("#legend-kinds button[data-key='Event']").click()
    assert page.page.evaluate("() => location.hash") == (
        "#hide=Event,Theme&from=2012&to=2016&focus=medcities"
    )
    page.page.keyboard.press("Escape")
    assert page.page.evaluate("() => location.hash") == "#hide=Event,Theme&from=2012&to=2016"
    page.page.locator("#period-clear").click()
    assert page.page.evaluate("() => location.hash") == "#hide=Event,Theme"
    # An unknown kind or entity in a hand-edited link is left out, not an error.
    page.page.goto(url + "#hide=Nonsense&focus=no-such-thing")
    page.page.reload()
    page.wait_ready()
    assert page.page.evaluate("() => graphsvcMap.hiddenKinds()") == []
    assert page.page.evaluate("() => graphsvcMap.focused()") is None
    assert page.errors == []


def test_communities_are_drawn_in_their_own_colours(browser: Any) -> None:
    page = opened(browser, "communities.html")
    drawn = page.page.evaluate(
        """() => {
            const data = JSON.parse(document.getElementById("map-data").textContent);
            const colour = new Map(data.communities.map((c) => [c.number, c.colour]));
            return data.nodes.filter((n) => n.community !== null).map((n) => [
                colour.get(n.community),
                graphsvcMap.network.body.nodes[n.id].options.color.background,
            ]);
        }"""
    )
    assert drawn
    assert all(wanted == shown for wanted, shown in drawn)
    assert page.errors == []


def test_a_table_view_tells_the_map_in_text(browser: Any) -> None:
    page = opened(browser, "overview.html")
    page.page.locator("#legend-kinds button[data-key='Theme']").click()
    page.page.locator("#show-table").click()
    section = page.page.locator("#table-view")
    assert section.is_visible()
    counts = page.page.evaluate("() => graphsvcMap.counts()")
    captions = section.locator("caption").all_inner_texts()
    assert captions == [f"Entities ({counts['nodes']})", f"Links ({counts['edges']})"]
    rows = section.locator("table").first.locator("tbody tr").all_inner_texts()
    assert any(row.startswith("MedCities\tInstitution") for row in rows)
    assert not any("\tTheme\t" in row for row in rows)
    page.page.locator("#show-table").click()
    assert section.is_hidden()
    assert page.errors == []
