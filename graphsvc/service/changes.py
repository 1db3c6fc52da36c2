"""The changes to the graph, each validated, written and noted for the audit trail, in one place.

The GraphQL mutations (`graphsvc.api.schema.mutation`) and the web application's edit pages
(`graphsvc.web.editing`, `graphsvc.web.linking`, `graphsvc.web.deleting`) both call these, so a
change made in the browser is checked by the loader's rules, stored by the loader's statements and
audited exactly as the same change sent as GraphQL. `in_transaction` and `commit` are how either
caller runs its changes: one transaction, the audit entries written just before it commits.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from graphsvc.model.records import NodeRecord, RelationshipRecord
from graphsvc.service import writes
from graphsvc.service.audit import note_mutation, record_mutations
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import bad_input, not_found

T = TypeVar("T")


@asynccontextmanager
async def in_transaction(context: RequestContext) -> AsyncIterator[None]:
    """Run the block's reads and writes in one transaction, bounded by the query timeout.

    Nothing is kept unless the block calls `commit`; an error or an early return rolls back.
    """
    async with context.bounded(), context.database.transaction() as transaction:
        context.transaction = transaction
        try:
            yield
        finally:
            context.transaction = None


async def commit(context: RequestContext) -> None:
    """Write the block's audit entries, then commit them with the change."""
    assert context.transaction is not None, "commit outside in_transaction"
    await record_mutations(context)
    await context.transaction.commit()


async def apply(
    context: RequestContext, principal: Principal, change: Callable[[], Awaitable[T]]
) -> T:
    """Run `change` for `principal` in one transaction with its audit entries, all or nothing."""
    context.principal = principal
    async with in_transaction(context):
        value = await change()
        await commit(context)
    return value


async def create_entity(context: RequestContext, label: str, entry: dict[str, Any]) -> NodeRecord:
    """Add a `label` node from a seed-style entry; refused when its id is taken."""
    existing = await writes.stored_node(context, str(entry.get("id")))
    if existing is not None:
        raise bad_input(
            f"{entry['id']!r} already exists (a {existing['label']}); use "
            f"update{label} to change it or upsert{label} to replace it"
        )
    record = await writes.check_node(context, label, entry, f"create{label}")
    await writes.write_node(context, record)
    note_mutation(context, f"create{label}", record.id, entry)
    return record


async def update_entity(
    context: RequestContext, label: str, slug: str, changes: dict[str, Any], cleared: set[str]
) -> NodeRecord:
    """Change some fields of a stored `label` node (`cleared` ones removed), the rest kept."""
    stored = await writes.stored_node(context, slug)
    if stored is None or stored["label"] != label:
        raise not_found(f"no {label} has the id {slug!r}")
    entry = {**writes.stored_entry(label, stored), **changes}
    for name in cleared:
        entry.pop(name, None)
    record = await writes.check_node(context, label, entry, f"update{label}")
    await writes.write_node(context, record)
    note_mutation(context, f"update{label}", slug, {**changes, **{name: None for name in cleared}})
    return record


async def upsert_entity(context: RequestContext, label: str, entry: dict[str, Any]) -> NodeRecord:
    """Create a `label` node, or replace the stored one with its id whole."""
    record = await writes.check_node(context, label, entry, f"upsert{label}")
    await writes.write_node(context, record)
    note_mutation(context, f"upsert{label}", record.id, entry)
    return record


async def delete_entity(context: RequestContext, slug: str) -> tuple[str, int]:
    """Delete a node with its relationships: its label and how many relationships went."""
    label, removed = await writes.delete_node(context, slug)
    note_mutation(context, "deleteEntity", slug, {"slug": slug})
    return label, removed


async def add_link(context: RequestContext, entry: dict[str, Any]) -> RelationshipRecord:
    """Create a relationship from a seed-style entry (`type`, `from`, `to`, ...), or replace it."""
    record = await writes.check_link(context, entry, "link")
    await writes.write_link(context, record)
    note_mutation(context, "link", f"{record.type} {record.source_id} -> {record.target_id}", entry)
    return record


async def remove_link(context: RequestContext, rel_type: str, source: str, target: str) -> None:
    """Delete one relationship; NOT_FOUND when there is none."""
    await writes.delete_link(context, rel_type, source, target)
    note_mutation(
        context,
        "unlink",
        f"{rel_type} {source} -> {target}",
        {"type": rel_type, "from": source, "to": target},
    )
