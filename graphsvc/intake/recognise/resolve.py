"""The graph's knowledge first: a mention no step matched is looked up in the known names once more.

Steps that read names from the text by pattern or from the gazetteer (a "Municipality of X" rule,
a city after "à", a country's French name) say what the words are, not whether the graph holds
them. Before anything is proposed as new, every such mention is looked up among the known names
and aliases of its kind, by each form the text gives it ("Barcelone" kept as an alias of the
gazetteer's Barcelona), and a place by its gazetteer identity: the known city whose name or alias
the gazetteer gives the same GeoNames id ("Barcelone", "برشلونة" and "Barcelona" are one place;
so are "تونس" and Tunis) and the known country of the same ISO code. A known place is then never
proposed as a second, new one.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphsvc.intake.recognise import countries, places
from graphsvc.intake.recognise.known import KnownNames
from graphsvc.intake.recognise.mentions import Mention
from graphsvc.model.domain import CITY, COUNTRY
from graphsvc.model.names import KnownName, name_key


def resolve(mentions: Iterable[Mention], known: KnownNames) -> None:
    """Give every unmatched mention the known entities it names (in place: links follow)."""
    for mention in mentions:
        if mention.matches:
            continue
        found = _by_name(mention, known) or _by_place(mention, known)
        if not found:
            continue
        written = (mention.name, *mention.aliases)
        mention.matches = tuple(entity.id for entity in found)
        if len(found) == 1:
            mention.name = found[0].name
            mention.aliases = tuple(
                dict.fromkeys(w for w in written if name_key(w) != name_key(found[0].name))
            )


def _by_name(mention: Mention, known: KnownNames) -> tuple[KnownName, ...]:
    for written in (mention.name, *mention.aliases):
        found = tuple(e for e in known.named(written) if e.label == mention.label)
        if found:
            return found
    return ()


def _by_place(mention: Mention, known: KnownNames) -> tuple[KnownName, ...]:
    """The known places of the same gazetteer identity as the mention."""
    if mention.label == CITY.label:
        identity = mention.properties.get("geonames_id") or _city_id(mention)
        if identity is not None:
            return known.places(CITY.label, _city_key).get(str(identity), ())
    if mention.label == COUNTRY.label:
        identity = mention.properties.get("iso_code") or _country_code(mention)
        if identity is not None:
            return known.places(COUNTRY.label, _country_key).get(str(identity), ())
    return ()


def _city_id(mention: Mention) -> str | None:
    for written in (mention.name, *mention.aliases):
        city = places.lookup(written)
        if city is not None:
            return city.geonames_id
    return None


def _country_code(mention: Mention) -> str | None:
    for written in (mention.name, *mention.aliases):
        country = countries.lookup(written)
        if country is not None:
            return country.iso_code
    return None


def _city_key(key: str) -> str | None:
    city = places.gazetteer().get(key)
    return city.geonames_id if city is not None else None


def _country_key(key: str) -> str | None:
    country = countries.names().get(key)
    return country.iso_code if country is not None else None
