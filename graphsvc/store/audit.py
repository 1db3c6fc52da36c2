"""The audit trail's storage: `AuditEntry` nodes, written in the transaction of the change.

The API appends one entry per root mutation and writes them just before its transaction commits
(`graphsvc.service.audit`), so a rolled-back request leaves no entry and a committed change always
has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from neo4j import ManagedTransaction

from graphsvc.store.async_database import Read

AUDIT_LABEL = "AuditEntry"
_APPEND = f"""
UNWIND $entries AS entry
CREATE (:{AUDIT_LABEL} {{at: datetime($at), key_id: $key_id, actor: $actor,
                         operation: entry.operation, target: entry.target,
                         arguments: entry.arguments, sequence: entry.sequence}})
"""


@dataclass(frozen=True)
class AuditNote:
    """One change's audit entry, for a change that commits in a transaction of its own.

    Intake's review writes in its own (synchronous) transactions: the entry travels with the
    change and is written by the very transaction that makes it (`write_note`), so a change that
    committed always has its entry and one rolled back (or timed out) never does.
    """

    operation: str
    target: str
    arguments: dict[str, Any]
    actor: str
    key_id: str | None

    def with_arguments(self, **more: Any) -> AuditNote:
        """The same note with what only the transaction knows (what it created) added."""
        return replace(self, arguments={**self.arguments, **more})


def write_note(tx: ManagedTransaction, note: AuditNote | None) -> None:
    """Write `note` (if any) in `tx`, in the shape `append` writes the API's entries."""
    if note is None:
        return
    arguments = json.dumps(note.arguments, ensure_ascii=False, sort_keys=True, default=str)
    tx.run(
        _APPEND,
        entries=[
            {
                "operation": note.operation,
                "target": note.target,
                "arguments": arguments,
                "sequence": 0,
            }
        ],
        at=datetime.now(UTC).isoformat(),
        key_id=note.key_id,
        actor=note.actor,
    ).consume()


async def append(
    read: Read, entries: list[dict[str, Any]], at: str, key_id: str | None, actor: str
) -> None:
    """Write `entries` ({operation, target, arguments}) as one change by `actor`, in order."""
    await read(
        _APPEND,
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
