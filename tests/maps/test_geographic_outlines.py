"""The geographic map's country outlines (Natural Earth, inlined): cities fall inside their own
country, in the committed file itself, in the projection the nodes are drawn in."""

from __future__ import annotations

import json
import re

from browser_support import REPO

from graphsvc.maps.atlas import inside

GEOGRAPHIC = REPO / "visualisations" / "geographic.html"


def test_cities_lie_inside_their_countrys_outline() -> None:
    text = GEOGRAPHIC.read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', text, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    outlines = [list(zip(flat[::2], flat[1::2], strict=True)) for flat in data["outlines"]]
    assert outlines, "the geographic map carries country outlines"
    at = {node["id"]: tuple(node["geo"]) for node in data["nodes"]}
    for city in ("tunis", "barcelona"):
        holding = [ring for ring in outlines if inside(at[city], ring)]
        assert len(holding) == 1, city
    tunis_ring = next(ring for ring in outlines if inside(at["tunis"], ring))
    assert not inside(at["barcelona"], tunis_ring)  # different countries
    assert "http" not in json.dumps(data["outlines"])
