"""The audit trail: who changed what, when, written in the same transaction as the change.

Each root mutation appends a record to the request context; before the transaction commits, the
records become `AuditEntry` nodes (`graphsvc.store.audit`). A rolled-back request leaves no entry,
and a committed change always has one: the two cannot disagree.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from graphsvc.service.context import RequestContext
from graphsvc.store import audit


def note_mutation(
    context: RequestContext, operation: str, target: str, arguments: dict[str, Any]
) -> None:
    """Remember one change for the audit trail (written at commit)."""
    context.mutations.append(
        {
            "operation": operation,
            "target": target,
            "arguments": json.dumps(arguments, ensure_ascii=False, sort_keys=True, default=str),
        }
    )


async def record_mutations(context: RequestContext) -> None:
    """Write the request's audit entries into its transaction."""
    if not context.mutations:
        return
    principal = context.principal
    await audit.append(
        context.read,
        context.mutations,
        at=datetime.now(UTC).isoformat(),
        key_id=principal.key_id,
        actor=principal.name,
    )


async def audit_trail(context: RequestContext, limit: int) -> list[dict[str, Any]]:
    """The most recent audit entries, newest first."""
    return await audit.latest(context.read, limit)
