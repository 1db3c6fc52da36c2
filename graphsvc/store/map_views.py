"""Which entities a map view shows: the small queries that choose a view's ids.

A local view never scans the whole graph: it starts from its subject and walks out a step at a
time. Relationship types come from the domain model's meanings (where an undertaking is framed,
what lies in a country, what a theme classifies), labels from its kinds; ids and every other value
a request carries travel as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import (
    CITY,
    COUNTRY,
    ENTITY_LABEL,
    EVENT,
    FUNDS,
    PERSON,
    PROGRAMME,
    THEME,
)
from graphsvc.store.async_database import Read
from graphsvc.store.collaboration import FUNDING_TRACE, MAX_HOPS, path_query
from graphsvc.store.cypher import either
from graphsvc.store.projections import LABELS

FRAMING_DEPTH = 6
"""How many levels of framing (a project in a programme in a programme) a programme's units span."""

_KIND = f"""
MATCH (n:`{ENTITY_LABEL}` {{id: $id}})
RETURN [l IN labels(n) WHERE l IN $labels][0] AS kind
"""


_NEIGHBOURS = f"""
UNWIND $ids AS id
MATCH (:`{ENTITY_LABEL}` {{id: id}})-[r]-(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types AND any(l IN labels(b) WHERE l IN $kinds)
RETURN DISTINCT b.id AS id, any(l IN labels(b) WHERE l IN $hubs) AS hub
"""

_PROGRAMME_UNITS = f"""
MATCH (p:{PROGRAMME.label}:`{ENTITY_LABEL}` {{id: $id}})
OPTIONAL MATCH (part)-[:{either(MODEL.relationships_in("framing"))}]->{{1,{FRAMING_DEPTH}}}(p)
WITH p, collect(DISTINCT part.id) AS parts
RETURN [p.id] + parts AS ids
"""

_IN_COUNTRY = either(MODEL.relationships_in("place", targets=(COUNTRY.label,)))
"""What points at a country: a city lying in it, an institution based in it, a programme aimed at
it."""
_IN_CITY = either(MODEL.relationships_in("place", targets=(CITY.label,)))
"""What points at a city: based in, governing, meeting in or aimed at it."""
_CITY_IN_COUNTRY = either(
    MODEL.relationships_in("containment", sources=(CITY.label,), targets=(COUNTRY.label,))
)

_COUNTRY = f"""
MATCH (c:{COUNTRY.label}:`{ENTITY_LABEL}`) WHERE c.id = $country OR c.iso_code = $country
CALL (c) {{
    MATCH (x)-[:{_IN_COUNTRY}]->(c) RETURN x
    UNION
    MATCH (x)-[:{_IN_CITY}]->(:{CITY.label})-[:{_CITY_IN_COUNTRY}]->(c) RETURN x
    UNION
    MATCH (:{CITY.label})-[:{_CITY_IN_COUNTRY}]->(c) RETURN c AS x
}}
WITH c, collect(DISTINCT x) AS located
CALL (located) {{
    UNWIND located AS l
    MATCH (l)-[r]-(u)
    WHERE type(r) IN $types AND (u:{PROGRAMME.label} OR u:{EVENT.label} OR u:{PERSON.label})
    RETURN collect(DISTINCT u.id) AS involved
}}
RETURN [c.id] + [x IN located | x.id] + involved AS ids
"""

_THEME = f"""
MATCH (t:{THEME.label}:`{ENTITY_LABEL}` {{id: $id}})
OPTIONAL MATCH (u)-[:{either(MODEL.relationships_in("classification"))}]->(t)
WITH t, collect(DISTINCT u.id) AS undertakings
RETURN [t.id] + undertakings AS ids
"""


async def entity_kind(read: Read, entity_id: str) -> str | None:
    """The kind (node label) of the entity with `entity_id`, or None when there is none."""
    rows = await read(_KIND, id=entity_id, labels=LABELS)
    return str(rows[0]["kind"]) if rows else None


def _count_query(kinds: tuple[str, ...]) -> str:
    """One count per label, each answered from Neo4j's count store without touching a node."""
    for kind in kinds:
        if kind not in LABELS:
            raise ValueError(f"the model declares no node kind {kind!r}")
    parts = " UNION ALL ".join(f"MATCH (n:`{kind}`) RETURN count(n) AS count" for kind in kinds)
    return f"CALL () {{ {parts} }} RETURN sum(count) AS count"


async def count_of_kinds(read: Read, kinds: Iterable[str]) -> int:
    """How many entities of `kinds` there are, in constant time (labels are the model's)."""
    rows = await read(_count_query(tuple(kinds)))
    return int(rows[0]["count"]) if rows else 0


async def neighbours(
    read: Read, ids: set[str], types: Iterable[str], kinds: Iterable[str], hubs: Iterable[str]
) -> dict[str, bool]:
    """Every neighbour of `ids` of `kinds` over `types`, each with whether it is of `hubs`."""
    rows = await read(
        _NEIGHBOURS, ids=sorted(ids), types=list(types), kinds=list(kinds), hubs=list(hubs)
    )
    return {row["id"]: bool(row["hub"]) for row in rows}


async def programme_units(read: Read, programme: str) -> set[str]:
    """A programme and every undertaking it frames, up to `FRAMING_DEPTH` levels down."""
    rows = await read(_PROGRAMME_UNITS, id=programme)
    return set(rows[0]["ids"]) if rows else set()


async def country_reach(read: Read, country: str, types: Iterable[str]) -> set[str] | None:
    """A country (id or ISO code), what lies in it, and what those take part in over `types`.

    "In it" is directly or through one of its cities; None when there is no such country.
    """
    rows = await read(_COUNTRY, country=country, types=list(types))
    return set(rows[0]["ids"]) if rows else None


async def theme_undertakings(read: Read, theme: str) -> set[str]:
    """A theme and the programmes and events that address it."""
    rows = await read(_THEME, id=theme)
    return set(rows[0]["ids"]) if rows else set()


async def funding_links(read: Read, funder: str) -> list[dict[str, Any]]:
    """The links of everything a funder's money reaches (`FUNDING_TRACE`), as link maps."""
    rows = await read(FUNDING_TRACE, funder=funder, labels=LABELS)
    return list(rows[0]["links"]) if rows else []


async def shortest_paths(
    read: Read, source: str, target: str, types: Iterable[str], limit: int
) -> list[dict[str, Any]]:
    """Up to `limit` shortest paths over `types` between two entities, as nodes and links."""
    return await read(
        path_query(MAX_HOPS),
        types=list(types),
        limit=limit,
        labels=LABELS,
        **{"from": source, "to": target},
    )


_MOST_LINKED = f"""
CALL () {{
    MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
    RETURN n.id AS ego ORDER BY COUNT {{ (n)--() }} DESC, n.id LIMIT 1
}}
CALL () {{
    OPTIONAL MATCH (n:`{ENTITY_LABEL}`)
    WHERE any(l IN labels(n) WHERE l IN $funders) AND (n)-[:{FUNDS.type}]->()
    RETURN n.id AS funder ORDER BY COUNT {{ (n)-[:{FUNDS.type}]->() }} DESC, n.id LIMIT 1
}}
CALL () {{
    OPTIONAL MATCH (n:`{PROGRAMME.label}`)
    RETURN n.id AS programme ORDER BY COUNT {{ (n)--() }} DESC, n.id LIMIT 1
}}
CALL () {{
    OPTIONAL MATCH (n:`{CITY.label}`)
    RETURN n.id AS city ORDER BY COUNT {{ (n)--() }} DESC, n.id LIMIT 1
}}
RETURN ego, funder, programme, city
"""


async def most_linked(read: Read, kinds: Iterable[str]) -> dict[str, str]:
    """The most linked subject of each view that has one, by view.

    An entity of `kinds` (ego), a funder, a programme and a city; a view whose kind the graph
    lacks is left out. Ranked by the degrees Neo4j keeps per node: 3-4 s at 1,000,000 entities.
    """
    rows = await read(_MOST_LINKED, kinds=list(kinds), funders=list(FUNDS.sources))
    return {view: str(subject) for view, subject in (rows[0] if rows else {}).items() if subject}
