"""Country outlines under the geographic layout, from Natural Earth via the npm `world-atlas`.

The TopoJSON file is fetched once with `npm pack` (pinned by version, checked against the sha256
below) into graphsvc's cache, the way GraphiQL's scripts are (graphsvc.api.graphiql), and the
outlines a map needs are inlined into its JSON, so the file still asks nothing of the network.
Without npm or the cached file, maps are drawn without outlines.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from graphsvc.config import Settings
from graphsvc.pins import PINS

PACKAGE = "world-atlas@2.0.2"
FILE = "countries-110m.json"
SHA256 = PINS[FILE].sha256
"""Of package/countries-110m.json in world-atlas 2.0.2 (Natural Earth 1:110m, public domain),
recorded in `graphsvc.pins` with every other third-party file."""

Ring = list[tuple[float, float]]
"""A closed outline as (longitude, latitude) points."""


def atlas_path(cache_dir: Path) -> Path:
    return cache_dir / "world-atlas" / PACKAGE.split("@")[1] / FILE


def fetch_atlas(cache_dir: Path) -> Path | None:
    """The cached TopoJSON, fetched with `npm pack` when missing; None without npm."""
    target = atlas_path(cache_dir)
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", PACKAGE, "--silent"], cwd=tmp, check=True, capture_output=True)
        archive = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(archive) as packed:
            member = packed.extractfile(f"package/{FILE}")
            if member is None:
                raise RuntimeError(f"{PACKAGE} has no {FILE}")
            body = member.read()
    digest = hashlib.sha256(body).hexdigest()
    if digest != SHA256:
        raise RuntimeError(f"{PACKAGE}/{FILE} has sha256 {digest}, expected {SHA256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return target


@cache
def countries() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """Every country's name and outer rings, decoded from the cached TopoJSON (once)."""
    path = fetch_atlas(Settings.from_env().cache_dir)
    if path is None:
        return ()
    return decode(json.loads(path.read_text(encoding="utf-8")))


def decode(topology: dict[str, Any]) -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """TopoJSON's quantised, delta-encoded arcs back to rings (outer rings only: no holes)."""
    scale = topology["transform"]["scale"]
    shift = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + shift[0], y * scale[1] + shift[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry.get("type")
        polygons = (
            [geometry["arcs"]]
            if kind == "Polygon"
            else geometry["arcs"]
            if kind == "MultiPolygon"
            else []
        )
        rings = tuple(ring(polygon[0]) for polygon in polygons)
        found.append((str(geometry.get("properties", {}).get("name", "")), rings))
    return tuple(found)


def inside(point: tuple[float, float], ring: Ring) -> bool:
    """Whether `point` lies inside `ring` (even-odd rule), in whatever plane both are given."""
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit
