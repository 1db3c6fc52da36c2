"""Hostile text in ids, names, headings and "href" titles stays text, in a real browser.

pyvis 0.3.2's own template runs such text as script through the page heading, the node-id select
menu and every title once one contains "href"; the first test shows the payloads are live there.
graphsvc's pages are checked twice: with their CSP, and with the CSP bypassed, so that escaping
alone is shown to hold.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pyvis
from browser_support import HOSTILE, watch
from maps_support import hostile_graph
from playwright.sync_api import expect
from pyvis.network import Network

from graphsvc.maps.page import render_page
from graphsvc.maps.payload import Focus, payload
from graphsvc.maps.request import ViewRequest

pytestmark = pytest.mark.browser


def xss_fired(page: Any) -> Any:
    return page.evaluate("window.__xss === undefined ? null : window.__xss")


@pytest.mark.skipif(pyvis.__version__ != "0.3.2", reason="the known injections are 0.3.2's")
def test_the_payloads_run_in_plain_pyvis(browser: Any, tmp_path: Path) -> None:
    net = Network(heading=HOSTILE, select_menu=True, cdn_resources="in_line")
    net.add_node("plain", label="plain", title='<a href="x">link</a>')
    net.add_node(HOSTILE, label=HOSTILE, title=HOSTILE)
    net.add_edge(HOSTILE, "plain")
    path = tmp_path / "pyvis.html"
    path.write_text(net.generate_html(), encoding="utf-8")
    page = watch(browser)
    page.page.goto(path.as_uri())
    page.page.wait_for_function("() => window.__xss !== undefined", timeout=5_000)
    assert xss_fired(page.page) is not None


@pytest.mark.parametrize("csp", ["enforced", "bypassed"])
def test_hostile_text_stays_text(browser: Any, tmp_path: Path, csp: str) -> None:
    data = payload(hostile_graph(), ViewRequest("overview"), Focus(), HOSTILE, HOSTILE)
    path = tmp_path / "hostile.html"
    path.write_text(render_page(data, served=False), encoding="utf-8")
    page = watch(browser, bypass_csp=csp == "bypassed")
    page.page.goto(path.as_uri())
    page.wait_ready()
    assert page.page.locator("#map-title").inner_text() == HOSTILE
    # Hover each node so vis-network builds its tooltip, then open its side panel, which must show
    # the node's name, its description as the text it is (parsed as HTML, the link would leave
    # only "here" or the payload's text) and the other node as a link.
    panels = {
        HOSTILE: (HOSTILE, f'<a href="x">{HOSTILE}</a>', "Plain"),
        "plain": ("Plain", 'see <a href="javascript:window.__xss = 3">here</a>', HOSTILE),
    }
    for node_id, (name, description, partner) in panels.items():
        x, y = page.page.evaluate(
            """(id) => {
                const net = graphsvcMap.network;
                const at = net.canvasToDOM(net.getPositions([id])[id]);
                const box = document.getElementById('graph').getBoundingClientRect();
                return [box.left + at.x, box.top + at.y];
            }""",
            node_id,
        )
        page.page.mouse.move(x, y)
        tooltip = page.page.locator("div.vis-tooltip")
        tooltip.wait_for(state="visible", timeout=5_000)
        if node_id == HOSTILE:
            assert "<script>window.__xss = 1</script>" in tooltip.inner_text()
        page.page.mouse.click(x, y)
        panel = page.page.locator("#panel")
        expect(panel.locator("h2")).to_have_text(name)
        expect(panel.locator("p:not(.meta)")).to_have_text(description)
        expect(panel.locator("li button")).to_have_text(partner)
    page.page.fill("#search", "script xss")
    assert HOSTILE in page.page.locator("#search-results").inner_text()
    page.page.locator("#search-results button").first.click()
    assert page.page.evaluate("graphsvcMap.selected()") == [HOSTILE]
    page.wait_focused(HOSTILE)
    # An <img> made of the text would have run its onerror once it is complete (broken).
    page.page.wait_for_function("() => Array.from(document.images).every((i) => i.complete)")
    page.screenshot(f"xss-{csp}")
    assert xss_fired(page.page) is None
    assert page.dialogs == []
    assert page.page.locator("#panel script, #panel img, #legend img, header img").count() == 0
