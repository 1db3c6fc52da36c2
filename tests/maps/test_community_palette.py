"""Community colours stay distinct for red-green colour-blind readers.

Each colour is passed through Machado, Oliveira and Fernandes' (2009) simulation of full
deuteranopia and protanopia (a matrix on linear sRGB), and every pair must stay at least
`DISTINCT` apart in CIEDE2000, where about 2 is a just-noticeable difference and 10 is two
colours no reader would take for one. The old palette (matplotlib's tab10 and two more) failed
this: orange and olive came out 3.3 apart for a deuteranope, brown and dark red 0.5 for a
protanope.
"""

from __future__ import annotations

import math
from itertools import combinations

import pytest

from graphsvc.maps.metrics import COMMUNITY_COLOURS, OTHER_COMMUNITY_COLOUR

Matrix = tuple[tuple[float, float, float], ...]
Triple = tuple[float, float, float]

DEUTERANOPIA: Matrix = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA: Matrix = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
IDENTITY: Matrix = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
DISTINCT = 10.0
PALETTE = (*COMMUNITY_COLOURS, OTHER_COMMUNITY_COLOUR)


def linear_rgb(hex_colour: str) -> Triple:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return r, g, b


def seen(colour: Triple, matrix: Matrix) -> Triple:
    r, g, b = (min(1.0, max(0.0, sum(row[k] * colour[k] for k in range(3)))) for row in matrix)
    return r, g, b


def lab(colour: Triple) -> Triple:
    """CIELAB under D65 from linear sRGB."""
    r, g, b = colour
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(first: Triple, second: Triple) -> float:
    """Sharma, Wu and Dalal's (2005) formulation, with kL = kC = kH = 1."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    c1, c2 = math.hypot((1 + g) * a1, b1), math.hypot((1 + g) * a2, b2)
    h1 = math.degrees(math.atan2(b1, (1 + g) * a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, (1 + g) * a2)) % 360 if c2 else 0.0
    if c1 * c2 == 0:
        dh, mean_h = 0.0, h1 + h2
    else:
        dh = h2 - h1 if abs(h2 - h1) <= 180 else h2 - h1 - math.copysign(360, h2 - h1)
        mean_h = (h1 + h2) / 2 if abs(h1 - h2) <= 180 else (h1 + h2 + 360) / 2 % 360
    big_dh = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    mean_l, mean_cp = (l1 + l2) / 2, (c1 + c2) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = 30 * math.exp(-(((mean_h - 275) / 25) ** 2))
    rc = 2 * math.sqrt(mean_cp**7 / (mean_cp**7 + 25**7))
    sl = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    sc, sh = 1 + 0.045 * mean_cp, 1 + 0.015 * mean_cp * t
    rt = -math.sin(math.radians(2 * rotation)) * rc
    dl, dc = (l2 - l1) / sl, (c2 - c1) / sc
    return math.sqrt(dl**2 + dc**2 + (big_dh / sh) ** 2 + rt * dc * (big_dh / sh))


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [  # Sharma, Wu and Dalal's published test pairs 1, 7, 17 and 25
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ],
)
def test_the_distance_is_ciede2000(first: Triple, second: Triple, expected: float) -> None:
    assert ciede2000(first, second) == pytest.approx(expected, abs=1e-4)


def closest_pair(matrix: Matrix) -> tuple[float, str, str]:
    seen_as = {colour: lab(seen(linear_rgb(colour), matrix)) for colour in PALETTE}
    return min((ciede2000(seen_as[a], seen_as[b]), a, b) for a, b in combinations(PALETTE, 2))


@pytest.mark.parametrize(
    "matrix", [IDENTITY, DEUTERANOPIA, PROTANOPIA], ids=["trichromat", "deuteranope", "protanope"]
)
def test_no_two_community_colours_look_alike(matrix: Matrix) -> None:
    distance, first, second = closest_pair(matrix)
    assert distance >= DISTINCT, f"{first} and {second} are {distance:.1f} apart"
