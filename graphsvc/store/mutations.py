"""The changes the API's mutations make, and the reads they check them against.

Each function runs its statements through `read`, the request's own runner: inside a mutation
request that is the request's one transaction, so a change and its checks commit or roll back
together. The write statements are the loader's (`graphsvc.store.writer`), so a node created
through the API is stored exactly as the same entry in a seed file would be.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphsvc.errors import DatabaseError
from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store import data_version
from graphsvc.store.async_database import Read
from graphsvc.store.citations import CITING, citing_term
from graphsvc.store.projections import LABELS, link_map
from graphsvc.store.writer import FUNDER_LABELS, NODE_MERGE, PROVENANCE, relationship_merge


async def source_ids(read: Read) -> dict[str, str]:
    """Every way of citing a stored Source (its file name or its id) -> the Source's id."""
    rows = await read(f"MATCH (s:`{SOURCE.label}`) RETURN s.id AS id, s.file AS file")
    index: dict[str, str] = {}
    for row in rows:
        index[row["id"]] = row["id"]
        if row["file"]:
            index[row["file"]] = row["id"]
    return index


async def stored_node(read: Read, slug: str) -> dict[str, Any] | None:
    """`{label, properties, sources}` of the stored node, or None."""
    rows = await read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})
        OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`)
        RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS properties,
               collect(s.id) AS sources
        """,
        slug=slug,
        labels=LABELS,
    )
    return rows[0] if rows else None


async def labels_of(read: Read, slugs: list[Any]) -> dict[str, str]:
    """The model label of each stored node among `slugs` (absent ones left out)."""
    rows = await read(
        f"UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}}) "
        "RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label",
        ids=slugs,
        labels=LABELS,
    )
    return {row["id"]: row["label"] for row in rows}


async def merge_node(read: Read, row: dict[str, Any]) -> list[str]:
    """Upsert one node row and make its provenance links exactly its sources.

    `row` is `graphsvc.store.encode.node_row` plus the label. Returns the other kinds that already
    hold its id, if any (nothing more is written then: the caller refuses the change and rolls
    back).
    """
    for result in await read(NODE_MERGE, rows=[row], kinds=LABELS):
        if result["clashes"]:
            return list(result["clashes"])
    await read(PROVENANCE, rows=[row])
    await read(data_version.BUMP)
    return []


async def citations_of_source(read: Read, slug: str) -> int:
    """How many nodes and relationships cite the Source `slug`."""
    rows = await read(
        f"""
        OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(:`{SOURCE.label}` {{id: $slug}})
        WITH count(n) AS nodes
        CALL () {{
            {CITING}
            RETURN count(r) AS relationships
        }}
        RETURN nodes, relationships
        """,
        slug=slug,
        source=slug,
        citing_term=citing_term(slug),
    )
    return int(rows[0]["nodes"] + rows[0]["relationships"])


async def delete_node(read: Read, slug: str) -> int:
    """Delete the node `slug` with its relationships.

    Returns how many relationships it had (provenance links not counted).
    """
    rows = await read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})
        OPTIONAL MATCH (n)-[r]-() WHERE type(r) <> '{PROVENANCE_TYPE}'
        WITH n, count(r) AS relationships
        DETACH DELETE n
        RETURN relationships
        """,
        slug=slug,
    )
    await refresh_funders(read)
    return int(rows[0]["relationships"])


async def merge_relationship(read: Read, rel_type: str, row: dict[str, Any]) -> None:
    """Upsert one relationship row (`graphsvc.store.encode.relationship_row`) of `rel_type`."""
    if rel_type not in MODEL.relationship_types:
        raise DatabaseError(f"refusing to write unknown type {rel_type}")
    await read(relationship_merge(rel_type), rows=[row])
    await refresh_funders(read)


@cache
def _unlink_query(rel_type: str) -> str:
    if rel_type not in MODEL.relationship_types:
        raise DatabaseError(f"refusing to delete unknown type {rel_type}")
    return (
        f"MATCH (:`{ENTITY_LABEL}` {{id: $from}})-[r:`{rel_type}`]->"
        f"(:`{ENTITY_LABEL}` {{id: $to}}) DELETE r RETURN count(*) AS deleted"
    )


async def delete_relationship(read: Read, rel_type: str, source: str, target: str) -> bool:
    """Delete the `rel_type` relationship from `source` to `target`; False when there was none."""
    rows = await read(_unlink_query(rel_type), **{"from": source, "to": target})
    if not rows or not rows[0]["deleted"]:
        return False
    await refresh_funders(read)
    return True


async def relationship(read: Read, rel_type: str, source: str, target: str) -> dict[str, Any]:
    """The stored relationship as a link map (`graphsvc.store.projections.link_map`)."""
    if rel_type not in MODEL.relationship_types:
        raise DatabaseError(f"refusing to read unknown type {rel_type}")
    rows = await read(
        f"MATCH (:`{ENTITY_LABEL}` {{id: $from}})-[r:`{rel_type}`]->"
        f"(:`{ENTITY_LABEL}` {{id: $to}}) RETURN {link_map('r')} AS link",
        labels=LABELS,
        **{"from": source, "to": target},
    )
    return dict(rows[0]["link"])


async def refresh_funders(read: Read) -> None:
    """Label as Funder exactly the institutions that fund something."""
    for statement in FUNDER_LABELS:
        await read(statement)
    await read(data_version.BUMP)
