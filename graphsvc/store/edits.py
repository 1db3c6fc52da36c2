"""What the web application's edit pages ask before a change: an entity's links, what goes with it.

A delete removes the node and every relationship it has (`graphsvc.store.mutations.delete_node`);
the confirmation page says so with figures, and names the sources that would then support nothing
(they stay, as a seed file's unused source would).
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store.async_database import Read
from graphsvc.store.citations import citing_term_of
from graphsvc.store.constraints import CITATIONS_INDEX
from graphsvc.store.projections import LABELS, link_map


async def links_touching(read: Read, slug: str, limit: int) -> list[dict[str, Any]]:
    """The entity's relationships either way (provenance aside) as link maps, by type and name."""
    rows = await read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})-[r]-(m:`{ENTITY_LABEL}`)
        WHERE type(r) <> '{PROVENANCE_TYPE}'
        WITH r, m ORDER BY type(r), toLower(m.name), m.id
        LIMIT $limit
        RETURN {link_map("r")} AS link
        """,
        slug=slug,
        limit=limit,
        labels=LABELS,
    )
    return [dict(row["link"]) for row in rows]


async def links_by_kind(read: Read, slug: str) -> list[dict[str, Any]]:
    """How many relationships of each type the entity has, as source (`outgoing`) or target."""
    return await read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})-[r]-()
        WHERE type(r) <> '{PROVENANCE_TYPE}'
        RETURN type(r) AS type, startNode(r) = n AS outgoing, count(*) AS count
        ORDER BY count DESC, type
        """,
        slug=slug,
    )


async def sources_cited_only_by(read: Read, slug: str) -> list[dict[str, Any]]:
    """The sources that the entity and its relationships cite and nothing else does."""
    return await read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})
        OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(own:`{SOURCE.label}`)
        WITH n, collect(own.id) AS own
        OPTIONAL MATCH (n)-[r]-() WHERE type(r) <> '{PROVENANCE_TYPE}'
        WITH n, own, collect(r) AS links
        WITH n, links, own + reduce(cited = [], r IN links | cited + coalesce(r.sources, []))
             AS cited
        UNWIND cited AS source_id
        WITH DISTINCT n, links, source_id
        MATCH (s:`{SOURCE.label}` {{id: source_id}})
        WHERE NOT EXISTS {{ MATCH (other)-[:{PROVENANCE_TYPE}]->(s) WHERE other <> n }}
        CALL (source_id, links) {{
            CALL db.index.fulltext.queryRelationships(
                '{CITATIONS_INDEX}', {citing_term_of("source_id")}
            ) YIELD relationship AS r
            WITH r WHERE source_id IN r.sources AND NOT r IN links
            RETURN count(r) AS elsewhere
        }}
        WITH s, elsewhere WHERE elsewhere = 0
        RETURN s.id AS id, s.name AS name, s.title AS title
        ORDER BY toLower(s.name), s.id
        """,
        slug=slug,
    )
