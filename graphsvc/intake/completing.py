"""What a new entity needs before it can be accepted, and the defaults its name and place allow.

Recognition hands over a name and a kind; the loader wants what the model requires of the kind
(an institution's category, a city's coordinates). Review asks here what a new entity would be
written with: the properties recognition or the curator gave, and, where they are missing, a
default inferred from the name (`category_cues`) or from the gazetteer (GeoNames), each marked
as inferred so that the page can say so. A kind that lies in a country by the model (a city) gets
its country as a link to the Country with that ISO code, not as a property.

The loader's validation stays the judge: `problems` runs it on the entry accepting would write,
so the page can say why a fact cannot be accepted before Accept is pressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphsvc.errors import SeedError
from graphsvc.ingest.validate import validate_single_node
from graphsvc.intake.category_cues import CATEGORY_CUES
from graphsvc.intake.facts import EntityFact
from graphsvc.intake.recognise import places
from graphsvc.model import MODEL
from graphsvc.model.domain import COMMON_NODE_PROPERTIES, COUNTRY, SOURCES_PROPERTY
from graphsvc.model.names import name_key
from graphsvc.model.records import Origin
from graphsvc.model.types import NodeKind, Property, PropertyType

COUNTRY_FIELD = "country_code"
"""A proposed entity's country, by ISO code: recognition's gazetteer sets it, the curator may."""
_SHOWN_ONLY = ("country",)
"""Recognition's country name, kept for the page: never a property of the written entity."""
_GIVEN_ELSEWHERE = {p.name for p in COMMON_NODE_PROPERTIES} | {SOURCES_PROPERTY.name}


@dataclass(frozen=True)
class Completion:
    """What a new entity would be written with, and which of it review inferred."""

    properties: dict[str, Any]
    """The model properties of the entry accepting writes (no id, name or sources)."""
    inferred: dict[str, str] = field(default_factory=dict)
    """Property (or `country_code`) -> where its value comes from, for the page."""
    country: str | None = None
    """ISO code of the country it lies in, when its kind lies in one (a city)."""


def needed(kind: NodeKind) -> tuple[Property, ...]:
    """The properties a curator must be able to give a new entity of `kind`.

    The required ones the model does not fill itself: id, name and sources come from the fact
    and the document.
    """
    return tuple(p for p in kind.properties if p.required and p.name not in _GIVEN_ELSEWHERE)


def country_link(label: str) -> str | None:
    """The relationship type that puts an entity of `label` in a country, when the model has one.

    Asked of the model by meaning: a city lies in a country (containment); an institution's
    country is where it is based, which a text rarely says, so it is not asked for here.
    """
    types = MODEL.relationships_in("containment", sources=(label,), targets=(COUNTRY.label,))
    return types[0] if types else None


def category_from_name(label: str, name: str, language: str | None) -> tuple[str, str] | None:
    """(category, the words that gave it) from the name, the document's language tried first."""
    tables = CATEGORY_CUES.get(label, {})
    order = ([language] if language in tables else []) + [k for k in tables if k != language]
    folded = f" {name_key(name)} "
    for lang in order:
        for words, category in tables[lang]:
            if f" {words} " in folded:
                return category, words
    return None


def complete(entity: EntityFact, language: str | None) -> Completion:
    """What `entity` would be written with if it is new, defaults marked as inferred."""
    kind = MODEL.node_kind(entity.label)
    given = {k: v for k, v in entity.properties.items() if k not in (COUNTRY_FIELD, *_SHOWN_ONLY)}
    inferred: dict[str, str] = {}
    country = entity.properties.get(COUNTRY_FIELD) or None
    if kind is None:
        return Completion(given)
    category = kind.property("category")
    if category is not None and category.required and "category" not in given:
        found = category_from_name(entity.label, entity.name, language)
        if found is not None and found[0] in category.choices:
            given["category"] = found[0]
            inferred["category"] = f"inferred from “{found[1]}” in the name"
    coordinates = [p for p in needed(kind) if p.name in ("latitude", "longitude")]
    if coordinates and any(p.name not in given for p in coordinates):
        city = places.lookup(entity.name)
        if city is not None:
            found_where = f"inferred from GeoNames {city.geonames_id} ({city.name})"
            for name, value in (
                ("latitude", city.latitude),
                ("longitude", city.longitude),
                ("geonames_id", city.geonames_id),
            ):
                if name not in given and kind.property(name) is not None:
                    given[name] = value
                    inferred[name] = found_where
            if country is None:
                country = city.country_code
                inferred[COUNTRY_FIELD] = found_where
    if country_link(entity.label) is None:
        country = None
    return Completion(given, inferred, country)


def entry(entity: EntityFact, completion: Completion, source_id: str) -> dict[str, Any]:
    """A new entity as a seed entry citing the document, with what completion gave it."""
    written: dict[str, Any] = {"id": entity.key, "name": entity.name, **completion.properties}
    if entity.uncertain:
        written["uncertain"] = True
    if entity.note:
        written["note"] = entity.note
    written["sources"] = [source_id]
    return written


def problems(
    entity: EntityFact, completion: Completion, source_id: str, countries: dict[str, str]
) -> list[str]:
    """Why accepting would refuse this new entity, in the loader's words; empty when it would not.

    `countries` maps the ISO codes of the graph's countries to their ids.
    """
    found: list[str] = []
    try:
        validate_single_node(
            entity.label,
            entry(entity, completion, source_id),
            Origin(f"fact {entity.number}", None),
            MODEL,
            {source_id: source_id},
        )
    except SeedError as error:
        found += [f"{p.field or 'it'}: {p.message}" for p in error.problems]
    if country_link(entity.label) is not None:
        if completion.country is None:
            found.append("country: say which country it lies in (its ISO code)")
        elif completion.country not in countries:
            found.append(f"country: no country with ISO code {completion.country} in the graph")
    return found


def form_value(prop: Property, value: Any) -> str:
    """A property's value as a form field shows it."""
    if value is None:
        return ""
    if prop.type is PropertyType.FLOAT:
        return f"{float(value):.6g}"
    return str(value)
