"""What `/readyz` asks the database: which constraints and indexes are in place and online."""

from __future__ import annotations

from typing import Any

from graphsvc.store.async_database import Read


async def online_schema(read: Read) -> list[dict[str, Any]]:
    """A `{name}` row for every constraint and every online index.

    Two round trips: SHOW cannot be combined with another SHOW in one statement.
    """
    rows = await read("SHOW CONSTRAINTS YIELD name RETURN name")
    rows += await read("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name")
    return rows
