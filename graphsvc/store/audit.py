"""The audit trail's storage: `AuditEntry` nodes, written in the transaction of the change.

The API appends one entry per root mutation and writes them just before its transaction commits
(`graphsvc.service.audit`), so a rolled-back request leaves no entry and a committed change always
has one.
"""

from __future__ import annotations

from typing import Any

from graphsvc.store.async_database import Read

AUDIT_LABEL = "AuditEntry"


async def append(
    read: Read, entries: list[dict[str, Any]], at: str, key_id: str | None, actor: str
) -> None:
    """Write `entries` ({operation, target, arguments}) as one change by `actor`, in order."""
    await read(
        f"""
        UNWIND $entries AS entry
        CREATE (:{AUDIT_LABEL} {{at: datetime($at), key_id: $key_id, actor: $actor,
                                 operation: entry.operation, target: entry.target,
                                 arguments: entry.arguments, sequence: entry.sequence}})
        """,
        entries=[{**entry, "sequence": index} for index, entry in enumerate(entries)],
        at=at,
        key_id=key_id,
        actor=actor,
    )


async def latest(read: Read, limit: int) -> list[dict[str, Any]]:
    """The most recent audit entries, newest first."""
    return await read(
        f"""
        MATCH (a:{AUDIT_LABEL})
        RETURN toString(a.at) AS at, a.actor AS actor, a.key_id AS key_id,
               a.operation AS operation, a.target AS target, a.arguments AS arguments
        ORDER BY a.at DESC, a.sequence DESC
        LIMIT $limit
        """,
        limit=limit,
    )


async def entries_about(read: Read, slug: str, limit: int) -> list[dict[str, Any]]:
    """The audit entries that concern the entity `slug`, newest first.

    An entry's `target` is the id of the entity it changed, or `TYPE from -> to` for a link
    (`graphsvc.service.changes`); ids are slugs without spaces, so the two ends match exactly.
    """
    return await read(
        f"""
        MATCH (a:{AUDIT_LABEL})
        WHERE a.target = $slug OR a.target ENDS WITH $as_target OR a.target CONTAINS $as_source
        RETURN toString(a.at) AS at, a.actor AS actor, a.key_id AS key_id,
               a.operation AS operation, a.target AS target, a.arguments AS arguments
        ORDER BY a.at DESC, a.sequence DESC
        LIMIT $limit
        """,
        slug=slug,
        as_target=f" -> {slug}",
        as_source=f" {slug} -> ",
        limit=limit,
    )
