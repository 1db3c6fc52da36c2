"""Which countries an entity is in: the short "where" that tells two namesakes apart.

A suggestion list or a "did you mean" page shows each entity's name, kind and country, so that
"Tripoli (City, Lebanon)" and "Tripoli (City, Libya)" can be told apart at a glance. The country
is found the way a reader would: a city lies in it; an institution, event or municipality is
based, held or governing in it, directly or through a city.
"""

from __future__ import annotations

from graphsvc.model import MODEL
from graphsvc.model.domain import CITY, COUNTRY, ENTITY_LABEL, IN_COUNTRY
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either

_LOCATED = either(MODEL.relationships_in("location"))
_IN_COUNTRY = either((*MODEL.relationships_in("location"), IN_COUNTRY.type))

_COUNTRIES = f"""
UNWIND $slugs AS slug
MATCH (n:`{ENTITY_LABEL}` {{id: slug}})
RETURN slug, COLLECT {{
    MATCH (n)-[:{_IN_COUNTRY}]->(c:`{COUNTRY.label}`) RETURN c.name AS name
    UNION
    MATCH (n)-[:{_LOCATED}]->(:`{CITY.label}`)-[:{IN_COUNTRY.type}]->(c:`{COUNTRY.label}`)
    RETURN c.name AS name
}} AS countries
"""


async def countries_of(read: Read, slugs: list[str]) -> dict[str, list[str]]:
    """Each entity's countries by name, sorted; an entity placed nowhere is absent or empty."""
    if not slugs:
        return {}
    rows = await read(_COUNTRIES, slugs=slugs)
    return {row["slug"]: sorted(row["countries"]) for row in rows}
