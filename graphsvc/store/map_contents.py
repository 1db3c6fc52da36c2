"""What a map's chosen entities are: their nodes, the links among them, and the documents cited.

A view first chooses its ids (`graphsvc.store.map_views`); these three queries then read what it
draws, whatever the view, so a map costs the same few round trips however it was chosen. A
whole-graph view matches its nodes and links directly (`*_of_kinds`): sending every id back as a
parameter and `UNWIND`ing it twice cost millions of db hits at 250,000 nodes.

Each statement returns its rows collected into one (`_collected`): the async driver awaits every
record's chunks separately, each wait under the receive timeout Neo4j hints (a task and a timer
per wait). At 1,000,000 entities the 6,071 links of the biggest hub's ego map took 470-620 ms
to arrive as rows, and 120-250 ms as one row of the same maps.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.projections import LABELS

_NODES = f"""
UNWIND $ids AS id
MATCH (n:`{ENTITY_LABEL}` {{id: id}})
RETURN collect({{
    id: n.id, kind: [l IN labels(n) WHERE l IN $labels][0], properties: properties(n),
    sources: COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) RETURN s.id }}
}}) AS rows
"""


@cache
def _links(types: tuple[str, ...]) -> str:
    """Every link of `types` among the entities `$ids`.

    Each link is found from one end: from every entity's outgoing links, or from every entity's
    incoming ones, whichever are fewer in all (counts Neo4j keeps per node say so before the
    walk). The far end is compared with the nodes matched, never by reading its id, and the
    types are written into the pattern (`either` checks they are the model's; they never come
    from a request), so a hub's other links are never looked at.

    At 1,000,000 entities the 229 entities of the biggest hub's ego map (funders of thousands
    of programmes, and cities and networks thousands take part in) have 305,852 outgoing and
    165,898 incoming links of these types, 6,052 among themselves. Walking every outgoing link,
    of any type, and reading each far end's id took 1.2-1.3 s.
    """
    typed = either(types)
    pattern = f"(a)-[r:{typed}]->(b)"
    return f"""
UNWIND $ids AS id
MATCH (n:`{ENTITY_LABEL}` {{id: id}})
WITH collect(n) AS drawn,
     sum(COUNT {{ (n)-[:{typed}]->() }}) AS outgoing,
     sum(COUNT {{ (n)<-[:{typed}]-() }}) AS incoming
CALL (drawn, outgoing, incoming) {{
    UNWIND drawn AS a
    WITH drawn, a WHERE outgoing <= incoming
    MATCH {pattern}
    WHERE b IN drawn
    RETURN r
    UNION ALL
    UNWIND drawn AS b
    WITH drawn, b WHERE outgoing > incoming
    MATCH {pattern}
    WHERE a IN drawn
    RETURN r
}}
RETURN collect({{
    source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)
}}) AS rows
"""


_NODES_OF_KINDS = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
RETURN collect({{
    id: n.id, kind: [l IN labels(n) WHERE l IN $labels][0], properties: properties(n),
    sources: COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) RETURN s.id }}
}}) AS rows
"""

_LINKS_OF_KINDS = f"""
MATCH (a:`{ENTITY_LABEL}`)-[r]->(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types AND any(l IN labels(a) WHERE l IN $kinds)
  AND any(l IN labels(b) WHERE l IN $kinds)
RETURN collect({{source: a.id, target: b.id, type: type(r), properties: properties(r)}}) AS rows
"""

_SOURCES = f"""
MATCH (s:`{SOURCE.label}`) WHERE s.id IN $ids
RETURN collect({{
    id: s.id, name: s.name, file: s.file, category: s.category, title: s.title,
    publisher: s.publisher, published: s.published
}}) AS rows
"""


async def _collected(read: Read, statement: str, **parameters: Any) -> list[dict[str, Any]]:
    """The rows `statement` collected into its one row's `rows` (none when it found nothing)."""
    found = await read(statement, **parameters)
    return list(found[0]["rows"]) if found else []


async def entities(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """Each entity of `ids`: id, kind, properties and the ids of the Sources behind it."""
    return await _collected(read, _NODES, ids=ids, labels=LABELS)


async def links_among(read: Read, ids: list[str], types: Iterable[str]) -> list[dict[str, Any]]:
    """Every relationship of `types` whose two ends are both among `ids`."""
    return await _collected(read, _links(tuple(sorted(types))), ids=ids)


async def entities_of_kinds(read: Read, kinds: Iterable[str]) -> list[dict[str, Any]]:
    """Every entity of `kinds`, as `entities` gives them, matched directly."""
    return await _collected(read, _NODES_OF_KINDS, kinds=list(kinds), labels=LABELS)


async def links_of_kinds(
    read: Read, kinds: Iterable[str], types: Iterable[str]
) -> list[dict[str, Any]]:
    """Every relationship of `types` between two entities of `kinds`, matched directly."""
    return await _collected(read, _LINKS_OF_KINDS, kinds=list(kinds), types=list(types))


async def source_documents(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """Each Source in `ids`: name, file, category, title, publisher and publication date."""
    return await _collected(read, _SOURCES, ids=ids)
