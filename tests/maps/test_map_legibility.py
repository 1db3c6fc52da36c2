"""What a coordinator sees at first sight, measured on every committed map at 1400x900.

The page's own canvas calls are recorded (a wrapper round `fillText`, installed before the map's
scripts run), so the figures are what vis-network really drew, not what the page says it drew:
the smallest label in CSS pixels at the default zoom, the share of drawn labels whose box
overlaps another's, and the positions of two separate loads, which must be the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser_support import ARTIFACTS, REPO, WatchedPage, watch

from graphsvc.maps.catalogue import SEEDED_MAPS

pytestmark = pytest.mark.browser
VISUALISATIONS = REPO / "visualisations"
LEGIBLE_PX = 11.0
"""The smallest label a reader can read without zooming, in CSS pixels."""
RECORD_TEXT = """
(() => {
  const LEFT = { left: 0, start: 0, center: -0.5, right: -1, end: -1 };
  const TOP = { top: 0, hanging: 0, middle: -0.5, alphabetic: -0.8, ideographic: -1, bottom: -1 };
  const original = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
    if (window.__labels && String(text).trim()) {
      const m = this.getTransform();
      const ratio = window.devicePixelRatio;
      const px = Number((/([0-9.]+)px/.exec(this.font) || [0, 0])[1]);
      const width = this.measureText(String(text)).width;
      const x0 = x + (LEFT[this.textAlign] || 0) * width;
      const y0 = y + (this.textBaseline in TOP ? TOP[this.textBaseline] : -0.8) * px;
      const corners = [[x0, y0], [x0 + width, y0], [x0, y0 + px], [x0 + width, y0 + px]]
        .map(([cx, cy]) => [(m.a * cx + m.c * cy + m.e) / ratio,
                            (m.b * cx + m.d * cy + m.f) / ratio]);
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      window.__labels.push({
        text: String(text),
        size: px * Math.hypot(m.a, m.b) / ratio,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      });
    }
    return original.call(this, text, x, y, maxWidth);
  };
})();
"""


def loaded(browser: Any, path: Path) -> WatchedPage:
    page = watch(browser)
    page.page.add_init_script(RECORD_TEXT)
    page.page.goto(path.as_uri())
    page.wait_ready()
    return page


def drawn_labels(page: WatchedPage) -> list[dict[str, Any]]:
    """Every text vis-network draws in one full redraw of the current view, with its box."""
    page.page.evaluate("window.__labels = []; graphsvcMap.network.redraw()")
    page.page.evaluate("new Promise((done) => requestAnimationFrame(() => done(1)))")
    records: list[dict[str, Any]] = page.page.evaluate(
        "(() => { const r = window.__labels; window.__labels = null; return r; })()"
    )
    return records


def overlap_share(labels: list[dict[str, Any]]) -> float:
    """The share of labels whose box overlaps another's by more than a pixel each way."""
    if not labels:
        return 0.0
    boxes = [label["box"] for label in labels]
    crossing = 0
    for i, (ax0, ay0, ax1, ay1) in enumerate(boxes):
        if any(
            min(ax1, bx1) - max(ax0, bx0) > 1 and min(ay1, by1) - max(ay0, by0) > 1
            for j, (bx0, by0, bx1, by1) in enumerate(boxes)
            if j != i
        ):
            crossing += 1
    return crossing / len(boxes)


def positions(page: WatchedPage) -> dict[str, list[float]]:
    return dict(
        page.page.evaluate(
            """(() => { const at = graphsvcMap.network.getPositions();
              const out = {};
              Object.keys(at).forEach((id) => { out[id] = [Math.round(at[id].x),
                                                          Math.round(at[id].y)]; });
              return out; })()"""
        )
    )


def figures(browser: Any, path: Path) -> dict[str, Any]:
    first = loaded(browser, path)
    labels = drawn_labels(first)
    where = positions(first)
    first.page.context.close()
    second = loaded(browser, path)
    again = positions(second)
    second.page.context.close()
    moved = sorted(node for node in where if where[node] != again.get(node))
    return {
        "labels": len(labels),
        "smallest_px": round(min((label["size"] for label in labels), default=0.0), 1),
        "overlap_share": round(overlap_share(labels), 3),
        "moved_between_loads": len(moved),
        "nodes": len(where),
    }


@pytest.mark.parametrize("seeded", SEEDED_MAPS, ids=[m.file for m in SEEDED_MAPS])
def test_first_view_is_legible_and_the_same_on_every_load(browser: Any, seeded: Any) -> None:
    measured = figures(browser, VISUALISATIONS / seeded.file)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"legibility-{seeded.file[:-5]}.json").write_text(json.dumps(measured))
    assert measured["labels"] > 0, "a first view with no label at all tells nothing"
    assert measured["smallest_px"] >= LEGIBLE_PX, measured
    assert measured["overlap_share"] == 0.0, measured
    assert measured["moved_between_loads"] == 0, measured
