"""Every entity's geographic position, on the compact outline (`graphsvc.maps.outline`).

The geographic layout of the drawn maps (`graphsvc.maps.layout.geographic_positions`) over
integer arrays, for the stored clusters' geographic centres: cities at their coordinates
(Web-Mercator), what sits beside a city spread around it, countries and regions at the middle of
what lies within them, everything else at the middle of its placed neighbours, and what has no
place at all in rows below the map. Each round places nodes from those placed before it.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from graphsvc.maps.layout import PIXELS_PER_DEGREE
from graphsvc.maps.outline import Floats, Ints, Outline
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY

_BESIDE = [t for t in MODEL.relationship_types if MODEL.placement(t) == "beside"]
_WITHIN = [t for t in MODEL.relationship_types if MODEL.placement(t) == "within"]
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def geographic_positions(outline: Outline) -> tuple[Floats, Floats]:
    """The x and y of every entity."""
    x = np.full(outline.size, np.nan)
    y = np.full(outline.size, np.nan)
    city = (
        outline.kind_mask(CITY.label) & ~np.isnan(outline.latitude) & ~np.isnan(outline.longitude)
    )
    latitude = np.clip(outline.latitude[city], -85.0, 85.0)
    x[city] = np.round(outline.longitude[city] * PIXELS_PER_DEGREE, 1)
    y[city] = np.round(
        -np.degrees(np.log(np.tan(np.pi / 4 + np.radians(latitude) / 2))) * PIXELS_PER_DEGREE, 1
    )
    a, b = outline.source, outline.target
    beside = outline.of_types(_BESIDE) & _placed(x)[b] & ~_placed(x)[a]
    if beside.any():  # each satellite around the first of its cities by id
        cities, satellites = b[beside], a[beside]
        order = np.lexsort((cities, satellites))
        satellites, cities = satellites[order], cities[order]
        first = np.unique(satellites, return_index=True)[1]
        around = cities[first]
        _spread(x, y, satellites[first], x[around], y[around], 26.0, groups=around)
    within = outline.of_types(_WITHIN)
    for _ in range(2):  # countries from cities, then regions from countries
        _place_by_mean(x, y, a[within], b[within])
    for _ in range(6):
        if not _place_by_mean(x, y, np.concatenate((a, b)), np.concatenate((b, a))):
            break
    unplaced = np.flatnonzero(~_placed(x))
    if len(unplaced):
        left = float(np.nanmin(x)) if _placed(x).any() else 0.0
        bottom = (float(np.nanmax(y)) if _placed(x).any() else 0.0) + 160.0
        per_row = max(1, math.ceil(math.sqrt(len(unplaced) * 4)))
        rank = np.arange(len(unplaced))
        x[unplaced] = np.round(left + 60.0 * (rank % per_row), 1)
        y[unplaced] = np.round(bottom + 50.0 * (rank // per_row), 1)
    return x, y


def _placed(x: Floats) -> npt.NDArray[np.bool_]:
    return ~np.isnan(x)


def _place_by_mean(x: Floats, y: Floats, sources: Ints, targets: Ints) -> bool:
    """Place each unplaced target at the mean of its placed sources, spread around that spot."""
    placed = _placed(x)
    step = placed[sources] & ~placed[targets]
    if not step.any():
        return False
    size = len(x)
    counts = np.bincount(targets[step], minlength=size)
    nodes = np.flatnonzero(counts)
    spot_x = np.round(np.bincount(targets[step], x[sources[step]], size)[nodes] / counts[nodes], 1)
    spot_y = np.round(np.bincount(targets[step], y[sources[step]], size)[nodes] / counts[nodes], 1)
    # nodes sharing a spot go around it in id order, the spot itself left free
    _spread(x, y, nodes, spot_x, spot_y, 34.0, skip_centre=True)
    return True


def _spread(
    x: Floats,
    y: Floats,
    nodes: Ints,
    centre_x: Floats,
    centre_y: Floats,
    gap: float,
    groups: Ints | None = None,
    *,
    skip_centre: bool = False,
) -> None:
    """Put `nodes` on a sunflower spiral around their centres (`layout.spread`), in node order.

    Nodes with the same group (by default: the same centre) share one spiral.
    """
    if groups is None:
        groups = np.unique(np.column_stack((centre_x, centre_y)), axis=0, return_inverse=True)[1]
        groups = groups.ravel()
    order = np.lexsort((nodes, groups))
    ranked = groups[order]
    starts = np.r_[0, np.flatnonzero(np.diff(ranked)) + 1]
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    i = rank + (1 if skip_centre else 0)
    x[nodes[order]] = np.round(
        centre_x[order] + gap * np.sqrt(i + 1) * np.cos(i * _GOLDEN_ANGLE), 1
    )
    y[nodes[order]] = np.round(
        centre_y[order] + gap * np.sqrt(i + 1) * np.sin(i * _GOLDEN_ANGLE), 1
    )
