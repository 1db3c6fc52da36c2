"""API keys: created and revoked from the CLI, checked by the API, stored hashed in Neo4j.

A key is `gsk_<key id>_<secret>`. Only the SHA-256 of the whole key is stored (the secret is 256
random bits, so a fast hash is enough: there is nothing to brute-force), next to its id, name and
role; the API finds the stored hash by the key id and compares it in constant time. Keys live in
the database (`graphsvc.store.api_keys`), not in a worker's memory, so every worker and replica
sees a revocation at once.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from graphsvc.errors import ConfigError
from graphsvc.service.context import ANONYMOUS, Principal
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.store import api_keys
from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

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
    api_keys.store_key(database, key_id, name.strip(), role, _digest(token), created)
    return KeyInfo(key_id, name.strip(), role, created, None), token


def list_keys(database: Database) -> list[KeyInfo]:
    rows = api_keys.stored_keys(database)
    return [KeyInfo(**row) for row in rows]


def revoke_key(database: Database, key_id: str) -> bool:
    """Revoke the key with this id; False when there is no such (unrevoked) key."""
    return api_keys.revoke(database, key_id, datetime.now(UTC).isoformat(timespec="seconds"))


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
    found = await api_keys.key_by_id(read, match.group(1))
    stored = found or {"hash": "0" * 64, "revoked_at": None, "name": "", "role": ""}
    if not hmac.compare_digest(str(stored["hash"]), _digest(token)) or stored["revoked_at"]:
        raise ApiError(ErrorCode.UNAUTHENTICATED, "this API key is unknown or revoked")
    return Principal(match.group(1), str(stored["name"]), str(stored["role"]))
