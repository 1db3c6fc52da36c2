"""The changes mutations make, inside the request's one transaction.

Validation is the loader's own (`validate_single_node`, `validate_single_relationship`: same rules,
same messages), and so are the write statements (`graphsvc.store.mutations` runs the loader's), so
a node created through the API is stored exactly as the same entry in a seed file would be. This
module turns what the store finds into the errors a client can act on.
"""

from __future__ import annotations

from typing import Any

from graphsvc.ingest.validate import validate_single_node, validate_single_relationship
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.model.records import NodeRecord, Origin, RelationshipRecord
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import bad_input, not_found
from graphsvc.store import mutations
from graphsvc.store.encode import node_row, relationship_row


async def stored_node(context: RequestContext, slug: str) -> dict[str, Any] | None:
    """`{label, properties, sources}` of the stored node, or None."""
    return await mutations.stored_node(context.read, slug)


def stored_entry(label: str, stored: dict[str, Any]) -> dict[str, Any]:
    """A stored node as the entry a seed file would hold (derived properties dropped)."""
    kind = MODEL.node_kind(label)
    if kind is None:
        raise ValueError(f"{label!r} is not a node kind of the model")
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
        label, entry, Origin(operation, None), MODEL, await mutations.source_ids(context.read)
    )


async def write_node(context: RequestContext, record: NodeRecord) -> None:
    """Upsert one validated node and make its provenance links exactly its sources."""
    clashes = await mutations.merge_node(context.read, {**node_row(record), "label": record.label})
    if clashes:
        raise bad_input(
            f"the id {record.id!r} already belongs to another kind of node "
            f"({clashes[0]}); choose another slug"
        )


async def delete_node(context: RequestContext, slug: str) -> tuple[str, int]:
    """Delete a node and its relationships; a Source that still supports facts is refused."""
    stored = await mutations.stored_node(context.read, slug)
    if stored is None:
        raise not_found(f"no entity has the id {slug!r}")
    if stored["label"] == SOURCE.label:
        cited = await mutations.citations_of_source(context.read, slug)
        if cited:
            raise bad_input(
                f"the source {slug!r} still supports {cited} entries and links; "
                "delete or re-cite them first"
            )
    return stored["label"], await mutations.delete_node(context.read, slug)


async def check_link(
    context: RequestContext, entry: dict[str, Any], operation: str
) -> RelationshipRecord:
    labels = await mutations.labels_of(context.read, [entry.get("from"), entry.get("to")])
    return validate_single_relationship(
        entry,
        Origin(operation, None),
        MODEL,
        labels,
        await mutations.source_ids(context.read),
    )


async def write_link(context: RequestContext, record: RelationshipRecord) -> None:
    await mutations.merge_relationship(context.read, record.type, relationship_row(record))


async def delete_link(context: RequestContext, rel_type: str, source: str, target: str) -> None:
    if not await mutations.delete_relationship(context.read, rel_type, source, target):
        raise not_found(f"there is no {rel_type} relationship from {source!r} to {target!r}")


async def read_link(context: RequestContext, record: RelationshipRecord) -> dict[str, Any]:
    """The stored relationship as a link map, for the mutation's answer."""
    return await mutations.relationship(
        context.read, record.type, record.source_id, record.target_id
    )
