"""Where API keys are kept: `ApiKey` nodes holding a key's id, name, role and hash.

The secret itself is never stored, only its hash (`graphsvc.service.keys` makes and checks keys).
Keys live in the database, not in a worker's memory, so every worker and replica sees a
revocation at once.
"""

from __future__ import annotations

from typing import Any

from graphsvc.store.async_database import AsyncDatabase, Read
from graphsvc.store.database import Database

KEY_LABEL = "ApiKey"


def store_key(
    database: Database, key_id: str, name: str, role: str, digest: str, created: str
) -> None:
    """Store a new key (its id unique, enforced by a constraint made on first use)."""
    database.write(
        f"CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:{KEY_LABEL}) REQUIRE k.key_id IS UNIQUE"
    )
    database.write(
        f"CREATE (:{KEY_LABEL} {{key_id: $key_id, name: $name, role: $role, hash: $hash, "
        "created_at: $created})",
        key_id=key_id,
        name=name,
        role=role,
        hash=digest,
        created=created,
    )


def stored_keys(database: Database) -> list[dict[str, Any]]:
    """Every key's `{key_id, name, role, created_at, revoked_at}`, oldest first."""
    return database.read(
        f"MATCH (k:{KEY_LABEL}) RETURN k.key_id AS key_id, k.name AS name, k.role AS role, "
        "k.created_at AS created_at, k.revoked_at AS revoked_at ORDER BY k.created_at, k.key_id"
    )


def revoke(database: Database, key_id: str, now: str) -> bool:
    """Mark the key revoked at `now`; False when there is no such unrevoked key."""
    rows = database.write(
        f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) WHERE k.revoked_at IS NULL "
        "SET k.revoked_at = $now RETURN k.key_id AS key_id",
        key_id=key_id,
        now=now,
    )
    return bool(rows)


async def key_by_id(read: Read, key_id: str) -> dict[str, Any] | None:
    """`{hash, name, role, revoked_at}` of the key with this id, or None."""
    rows = await read(
        f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) RETURN k.hash AS hash, k.name AS name, "
        "k.role AS role, k.revoked_at AS revoked_at",
        key_id=key_id,
    )
    return rows[0] if rows else None


# A signed-out session's nonce is kept on its key as "nonce expiry" until the cookie would have
# expired anyway: sessions stay stateless for replicas (nothing in a worker), the check costs no
# extra query (it rides on the key lookup every signed-in request makes), and the list stays as
# short as the sign-outs of the last GRAPHSVC_SESSION_HOURS.
_ENDED = "coalesce(k.ended_sessions, [])"


async def session_key(read: Read, key_id: str, nonce: str) -> dict[str, Any] | None:
    """`{name, role, revoked_at, ended}` of a session's key, `ended` when it signed out."""
    rows = await read(
        f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) RETURN k.name AS name, k.role AS role, "
        f"k.revoked_at AS revoked_at, any(s IN {_ENDED} WHERE split(s, ' ')[0] = $nonce) "
        "AS ended",
        key_id=key_id,
        nonce=nonce,
    )
    return rows[0] if rows else None


async def end_session(
    database: AsyncDatabase, key_id: str, nonce: str, expires: int, now: int
) -> None:
    """Refuse the session `nonce` of key `key_id` from now on, forgetting expired ones."""
    async with database.transaction() as tx:
        await database.read_in(
            tx,
            f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) "
            f"SET k.ended_sessions = [s IN {_ENDED} WHERE toInteger(split(s, ' ')[1]) > $now] "
            "+ [$nonce + ' ' + toString($expires)]",
            key_id=key_id,
            nonce=nonce,
            expires=expires,
            now=now,
        )
        await tx.commit()
