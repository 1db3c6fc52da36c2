"""Signed sessions and CSRF tokens for the web pages, with nothing kept in a worker.

Signing in checks an API key once and gives the browser a session cookie: the key's id, an expiry
and a random nonce, signed with HMAC-SHA256. The cookie never holds the key itself, and it is
`HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends it) and `Secure`
over HTTPS. Every request checks the signature and the expiry, then looks the key up, so revoking
a key (`graphsvc keys revoke`) ends its sessions at once on every replica. Signing out records
the session's nonce on its key until the cookie would have expired (`graphsvc.store.api_keys`),
so a copy of the cookie replayed after sign-out reads as anonymous on every replica too.

Every form carries a CSRF token: an HMAC of the session's nonce (or, before signing in, of a
random "visit" cookie), which another site can neither read nor compute. `SameSite=Strict` alone
would stop most forged posts; the token also covers browsers and proxies that drop the attribute.

The signing key is `GRAPHSVC_SESSION_SECRET`, or one made once and kept in Neo4j
(`graphsvc.store.web_secrets`), so all replicas sign and check alike.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from graphsvc.store.async_database import AsyncDatabase
from graphsvc.store.web_secrets import signing_secret

SESSION_COOKIE = "graphsvc_session"
VISIT_COOKIE = "graphsvc_visit"
CSRF_FIELD = "csrf"


@dataclass(frozen=True)
class Session:
    """What a valid session cookie says: whose key, until when, and its nonce."""

    key_id: str
    expires: int
    nonce: str


async def secret_of(request: Request) -> bytes:
    """The signing secret: the setting, or the one kept in Neo4j (read once per process)."""
    configured = request.app.state.api_settings.session_secret
    if configured:
        return str(configured).encode()
    cached: bytes | None = getattr(request.app.state, "session_secret", None)
    if cached is None:
        database: AsyncDatabase = request.app.state.database
        cached = (await signing_secret(database, secrets.token_urlsafe(48))).encode()
        request.app.state.session_secret = cached
    return cached


def _sign(secret: bytes, payload: bytes) -> str:
    return base64.urlsafe_b64encode(hmac.new(secret, payload, hashlib.sha256).digest()).decode()


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def session_cookie(secret: bytes, key_id: str, hours: int) -> str:
    """A new session's cookie value for the key `key_id`."""
    payload = json.dumps(
        {"k": key_id, "e": int(time.time()) + hours * 3600, "n": secrets.token_urlsafe(16)},
        separators=(",", ":"),
    ).encode()
    return f"{_encode(payload)}.{_sign(secret, payload)}"


def read_session(secret: bytes, value: str | None) -> Session | None:
    """The session a cookie value holds, or None when it is absent, forged, malformed or old."""
    if not value or value.count(".") != 1 or len(value) > 512:
        return None
    encoded, signature = value.split(".")
    try:
        payload = _decode(encoded)
        data = json.loads(payload)
        session = Session(str(data["k"]), int(data["e"]), str(data["n"]))
    except (ValueError, KeyError, TypeError):
        return None
    if not hmac.compare_digest(signature, _sign(secret, payload)):
        return None
    return session if session.expires > time.time() else None


def csrf_token(secret: bytes, binding: str) -> str:
    """The token a form must carry, bound to one session (or one visit before signing in)."""
    return _sign(secret, b"csrf|" + binding.encode())


def valid_csrf(secret: bytes, binding: str | None, token: object) -> bool:
    """Whether `token` is the one made for `binding` (compared in constant time)."""
    if not binding or not isinstance(token, str) or len(token) > 100:
        return False
    return hmac.compare_digest(token, csrf_token(secret, binding))


def set_cookie(response: Response, request: Request, name: str, value: str, hours: int) -> None:
    """Set one of the site's cookies: HttpOnly, SameSite=Strict, Secure over HTTPS.

    HTTPS is what the request's scheme says: behind a proxy that ends TLS, uvicorn takes it from
    X-Forwarded-Proto only when the proxy's address is trusted (GRAPHSVC_TRUSTED_PROXIES).
    """
    response.set_cookie(
        name,
        value,
        max_age=hours * 3600 if hours else None,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
