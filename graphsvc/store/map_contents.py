"""What a map's chosen entities are: their nodes, the links among them, and the documents cited.

A view first chooses its ids (`graphsvc.store.map_views`); these three queries then read what it
draws, whatever the view, so a map costs the same few round trips however it was chosen. A
whole-graph view matches its nodes and links directly (`*_of_kinds`): sending every id back as a
parameter and `UNWIND`ing it twice cost millions of db hits at 250,000 nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store.async_database import Read
from graphsvc.store.projections import LABELS

_NODES = f"""
UNWIND $ids AS id
MATCH (n:`{ENTITY_LABEL}` {{id: id}})
RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS kind, properties(n) AS properties,
       COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) RETURN s.id }} AS sources
"""

_LINKS = f"""
UNWIND $ids AS id
MATCH (a:`{ENTITY_LABEL}` {{id: id}})-[r]->(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS properties
"""

_NODES_OF_KINDS = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS kind, properties(n) AS properties,
       COLLECT {{ MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`) RETURN s.id }} AS sources
"""

_LINKS_OF_KINDS = f"""
MATCH (a:`{ENTITY_LABEL}`)-[r]->(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types AND any(l IN labels(a) WHERE l IN $kinds)
  AND any(l IN labels(b) WHERE l IN $kinds)
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS properties
"""

_SOURCES = f"""
MATCH (s:`{SOURCE.label}`) WHERE s.id IN $ids
RETURN s.id AS id, s.name AS name, s.file AS file, s.category AS category, s.title AS title,
       s.publisher AS publisher, s.published AS published
"""


async def entities(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """Each entity of `ids`: id, kind, properties and the ids of the Sources behind it."""
    return await read(_NODES, ids=ids, labels=LABELS)


async def links_among(read: Read, ids: list[str], types: Iterable[str]) -> list[dict[str, Any]]:
    """Every relationship of `types` whose two ends are both among `ids`."""
    return await read(_LINKS, ids=ids, types=list(types))


async def entities_of_kinds(read: Read, kinds: Iterable[str]) -> list[dict[str, Any]]:
    """Every entity of `kinds`, as `entities` gives them, matched directly."""
    return await read(_NODES_OF_KINDS, kinds=list(kinds), labels=LABELS)


async def links_of_kinds(
    read: Read, kinds: Iterable[str], types: Iterable[str]
) -> list[dict[str, Any]]:
    """Every relationship of `types` between two entities of `kinds`, matched directly."""
    return await read(_LINKS_OF_KINDS, kinds=list(kinds), types=list(types))


async def source_documents(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """Each Source in `ids`: name, file, category, title, publisher and publication date."""
    return await read(_SOURCES, ids=ids)
