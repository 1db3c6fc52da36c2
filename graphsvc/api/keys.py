"""API keys: created and revoked from the CLI, checked by the API, stored hashed in Neo4j.

A key is `gsk_<key id>_<secret>`. Only the SHA-256 of the whole key is stored (the secret is 256
random bits, so a fast hash is enough: there is nothing to brute-force), next to its id, name and
role; the API finds the stored hash by the key id and compares it in constant time. Keys live in
the database, not in a worker's memory, so every worker and replica sees a revocation at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphsvc.api.context import ANONYMOUS, Principal
from graphsvc.api.errors import ApiError, ErrorCode
from graphsvc.errors import ConfigError
from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

KEY_LABEL = "ApiKey"
ROLES = ("reader", "editor")
_KEY_FORM = re.compile(r"^gsk_([0-9a-f]{12})_[A-Za-z0-9_-]{20,}$")


@dataclass(frozen=True)
class KeyInfo:
    """What `graphsvc keys list` shows: never the key itself."""

    key_id: str
    name: str
    role: str
    created_at: str
    revoked_at: str | None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_key(database: Database, name: str, role: str) -> tuple[KeyInfo, str]:
    """Store a new key and return it; the returned token is shown once and never again."""
    if role not in ROLES:
        raise ConfigError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    if not name.strip():
        raise ConfigError("a key needs a name saying who or what uses it")
    key_id = secrets.token_hex(6)
    token = f"gsk_{key_id}_{secrets.token_urlsafe(32)}"
    created = datetime.now(UTC).isoformat(timespec="seconds")
    database.write(
        f"CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:{KEY_LABEL}) REQUIRE k.key_id IS UNIQUE"
    )
    database.write(
        f"CREATE (:{KEY_LABEL} {{key_id: $key_id, name: $name, role: $role, hash: $hash, "
        "created_at: $created})",
        key_id=key_id,
        name=name.strip(),
        role=role,
        hash=_digest(token),
        created=created,
    )
    return KeyInfo(key_id, name.strip(), role, created, None), token


def list_keys(database: Database) -> list[KeyInfo]:
    rows = database.read(
        f"MATCH (k:{KEY_LABEL}) RETURN k.key_id AS key_id, k.name AS name, k.role AS role, "
        "k.created_at AS created_at, k.revoked_at AS revoked_at ORDER BY k.created_at, k.key_id"
    )
    return [KeyInfo(**row) for row in rows]


def revoke_key(database: Database, key_id: str) -> bool:
    """Revoke the key with this id; False when there is no such (unrevoked) key."""
    rows = database.write(
        f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) WHERE k.revoked_at IS NULL "
        "SET k.revoked_at = $now RETURN k.key_id AS key_id",
        key_id=key_id,
        now=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return bool(rows)


async def authenticate(read: Read, authorization: str | None) -> Principal:
    """The principal an `Authorization` header names: anonymous without one, else a valid key.

    UNAUTHENTICATED for a malformed, unknown or revoked key: a client that sends a key wants to
    know when it does not work, rather than silently being served as anonymous. `read` is the
    request's own (`RequestContext.read`), so the lookup counts among its round trips.
    """
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    match = _KEY_FORM.match(token)
    if scheme.lower() != "bearer" or match is None:
        raise ApiError(
            ErrorCode.UNAUTHENTICATED,
            "the Authorization header must be `Bearer gsk_...` with a graphsvc API key",
        )
    rows: list[dict[str, Any]] = await read(
        f"MATCH (k:{KEY_LABEL} {{key_id: $key_id}}) RETURN k.hash AS hash, k.name AS name, "
        "k.role AS role, k.revoked_at AS revoked_at",
        key_id=match.group(1),
    )
    stored = rows[0] if rows else {"hash": "0" * 64, "revoked_at": None, "name": "", "role": ""}
    if not hmac.compare_digest(str(stored["hash"]), _digest(token)) or stored["revoked_at"]:
        raise ApiError(ErrorCode.UNAUTHENTICATED, "this API key is unknown or revoked")
    return Principal(match.group(1), str(stored["name"]), str(stored["role"]))
