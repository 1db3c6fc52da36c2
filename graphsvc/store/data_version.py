"""The data version: one counter node, bumped in the same transaction by every write path.

What is derived from the whole graph and stored (the maps' communities, clusters and positions,
`graphsvc.store.map_analysis`) records the version it was computed from; comparing the two tells
a reader whether it is current, on every replica, without asking what changed. Each write path
runs `BUMP` once inside its own transaction, so a version never counts a change that rolled back.
"""

from __future__ import annotations

from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

DATA_VERSION_LABEL = "DataVersion"

BUMP = (
    f"MERGE (v:`{DATA_VERSION_LABEL}` {{id: 'graph'}}) "
    "SET v.number = coalesce(v.number, 0) + 1, v.changed_at = datetime()"
)
"""Run inside a write transaction: the graph changed."""


def current_version(name: str) -> str:
    """Cypher that binds `name` to the version node, if any: `version_number(name)` reads it.

    Shared by every statement that serves a stored result only while it is current.
    """
    return f"OPTIONAL MATCH ({name}:`{DATA_VERSION_LABEL}` {{id: 'graph'}})"


def version_number(name: str) -> str:
    """The version `current_version(name)` bound, as a number (0 before any write)."""
    return f"coalesce({name}.number, 0)"


_CURRENT = f"{current_version('v')} RETURN {version_number('v')} AS number"


async def current(read: Read) -> int:
    """The version of the data now (0 before anything was written)."""
    rows = await read(_CURRENT)
    return int(rows[0]["number"]) if rows else 0


def current_sync(database: Database) -> int:
    """`current`, for the command line's synchronous connection."""
    rows = database.read(_CURRENT)
    return int(rows[0]["number"]) if rows else 0
