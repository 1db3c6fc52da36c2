"""The changes mutations make, inside the request's one transaction.

Validation is the loader's own (`validate_single_node`, `validate_single_relationship`: same rules,
same messages), and so are the write statements (`graphsvc.store.writer`), so a node created
through the API is stored exactly as the same entry in a seed file would be.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphsvc.api.context import RequestContext
from graphsvc.api.errors import bad_input, not_found
from graphsvc.errors import DatabaseError
from graphsvc.ingest.validate import validate_single_node, validate_single_relationship
from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.model.records import NodeRecord, Origin, RelationshipRecord
from graphsvc.store.encode import node_row, relationship_row
from graphsvc.store.projections import LABELS, link_map
from graphsvc.store.writer import FUNDER_LABELS, NODE_MERGE, PROVENANCE, relationship_merge


async def citations(context: RequestContext) -> dict[str, str]:
    """Every way of citing a stored Source (its file name or its id) -> the Source's id."""
    rows = await context.read(f"MATCH (s:`{SOURCE.label}`) RETURN s.id AS id, s.file AS file")
    index: dict[str, str] = {}
    for row in rows:
        index[row["id"]] = row["id"]
        if row["file"]:
            index[row["file"]] = row["id"]
    return index


async def stored_node(context: RequestContext, slug: str) -> dict[str, Any] | None:
    """`{label, properties, sources}` of the stored node, or None."""
    rows = await context.read(
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


def stored_entry(label: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A stored node as the entry a seed file would hold (derived properties dropped)."""
    kind = MODEL.node_kind(label)
    assert kind is not None
    entry = {
        p.name: stored["properties"][p.name]
        for p in kind.properties
        if p.name in stored["properties"]
    }
    if label != SOURCE.label:
        entry["sources"] = list(stored["sources"])
    return entry


async def check_node(
    context: RequestContext, label: str, entry: dict[str, Any], operation: str
) -> NodeRecord:
    return validate_single_node(
        label, entry, Origin(operation, None), MODEL, await citations(context)
    )


async def write_node(context: RequestContext, record: NodeRecord) -> None:
    """Upsert one validated node and make its provenance links exactly its sources."""
    row = {**node_row(record), "label": record.label}
    for result in await context.read(NODE_MERGE, rows=[row], kinds=LABELS):
        if result["clashes"]:
            raise bad_input(
                f"the id {record.id!r} already belongs to another kind of node "
                f"({result['clashes'][0]}); choose another slug"
            )
    await context.read(PROVENANCE, rows=[row])


async def delete_node(context: RequestContext, slug: str) -> tuple[str, int]:
    """Delete a node and its relationships; a Source that still supports facts is refused."""
    stored = await stored_node(context, slug)
    if stored is None:
        raise not_found(f"no entity has the id {slug!r}")
    if stored["label"] == SOURCE.label:
        rows = await context.read(
            f"""
            OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(:`{SOURCE.label}` {{id: $slug}})
            WITH count(n) AS nodes
            OPTIONAL MATCH ()-[r]->() WHERE $slug IN r.sources
            RETURN nodes, count(r) AS relationships
            """,
            slug=slug,
        )
        cited = rows[0]["nodes"] + rows[0]["relationships"]
        if cited:
            raise bad_input(
                f"the source {slug!r} still supports {cited} entries and links; "
                "delete or re-cite them first"
            )
    rows = await context.read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $slug}})
        OPTIONAL MATCH (n)-[r]-() WHERE type(r) <> '{PROVENANCE_TYPE}'
        WITH n, count(r) AS relationships
        DETACH DELETE n
        RETURN relationships
        """,
        slug=slug,
    )
    await _refresh_funders(context)
    return stored["label"], int(rows[0]["relationships"])


async def check_link(
    context: RequestContext, entry: dict[str, Any], operation: str
) -> RelationshipRecord:
    ends = await context.read(
        f"UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}}) "
        "RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS label",
        ids=[entry.get("from"), entry.get("to")],
        labels=LABELS,
    )
    return validate_single_relationship(
        entry,
        Origin(operation, None),
        MODEL,
        {row["id"]: row["label"] for row in ends},
        await citations(context),
    )


async def write_link(context: RequestContext, record: RelationshipRecord) -> None:
    if record.type not in MODEL.relationship_types:
        raise DatabaseError(f"refusing to write unknown type {record.type}")
    await context.read(relationship_merge(record.type), rows=[relationship_row(record)])
    await _refresh_funders(context)


@cache
def _unlink_query(rel_type: str) -> str:
    assert rel_type in MODEL.relationship_types
    return (
        f"MATCH (:`{ENTITY_LABEL}` {{id: $from}})-[r:`{rel_type}`]->"
        f"(:`{ENTITY_LABEL}` {{id: $to}}) DELETE r RETURN count(*) AS deleted"
    )


async def delete_link(context: RequestContext, rel_type: str, source: str, target: str) -> None:
    rows = await context.read(_unlink_query(rel_type), **{"from": source, "to": target})
    if not rows or not rows[0]["deleted"]:
        raise not_found(f"there is no {rel_type} relationship from {source!r} to {target!r}")
    await _refresh_funders(context)


async def read_link(context: RequestContext, record: RelationshipRecord) -> dict[str, Any]:
    """The stored relationship as a link map, for the mutation's answer."""
    rows = await context.read(
        f"MATCH (:`{ENTITY_LABEL}` {{id: $from}})-[r:`{record.type}`]->"
        f"(:`{ENTITY_LABEL}` {{id: $to}}) RETURN {link_map('r')} AS link",
        labels=LABELS,
        **{"from": record.source_id, "to": record.target_id},
    )
    return dict(rows[0]["link"])


async def _refresh_funders(context: RequestContext) -> None:
    for statement in FUNDER_LABELS:
        await context.read(statement)
