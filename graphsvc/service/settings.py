"""The API's own settings: who may read, whether GraphiQL is served, and the request limits.

Read from the environment once per process, like `graphsvc.config.Settings`; every worker and
replica reads the same variables, so they all enforce the same rules without sharing memory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from graphsvc.errors import ConfigError

ENVIRONMENTS = ("development", "production")
READ_ACCESS = ("public", "key")


@dataclass(frozen=True)
class Limits:
    """What one request may ask for, checked before any database work."""

    max_body_bytes: int = 100_000
    max_tokens: int = 4_000
    max_depth: int = 12
    max_aliases: int = 30
    max_fields: int = 500
    """Fields selected, each fragment spread counted: bounds the work of validating a query."""
    max_cost: int = 25_000
    default_page_size: int = 20
    max_page_size: int = 100


@dataclass(frozen=True)
class ServerLimits:
    """What one connection may send before its request is read (`graphsvc.api.header_guard`).

    `max_connections` is uvicorn's `limit_concurrency`: past it a request is answered 503 at
    once instead of queueing (per worker).
    """

    max_header_bytes: int = 32_768
    max_headers: int = 100
    header_timeout_s: float = 10.0
    max_connections: int = 1_000
    trusted_proxies: str = "127.0.0.1"
    """Addresses whose X-Forwarded-Proto and X-Forwarded-For are believed (uvicorn's
    `forwarded_allow_ips`, comma-separated; `*` for any)."""


@dataclass(frozen=True)
class ApiSettings:
    """How the GraphQL service behaves; every variable is in docs/configuration.md."""

    environment: str = "development"
    read_access: str = "public"
    graphiql: bool = True
    introspection: bool = True
    """Whether anonymous callers may ask for `__schema` and `__type` (key holders always may)."""
    limits: Limits = Limits()
    server: ServerLimits = ServerLimits()
    query_timeout_s: float = 10.0
    session_hours: int = 8
    """How long a web sign-in lasts before the editor key must be given again."""
    session_secret: str | None = None
    """Signs the web application's session cookies; None: one is made and kept in Neo4j, so
    that every replica signs and checks with the same."""
    sign_in_attempts: int = 10
    """Failed sign-ins one client address may make per 15 minutes (GRAPHSVC_SIGNIN_ATTEMPTS)."""
    fetch_deadline_s: float = 60.0
    """Seconds one URL given to the intake form may take in all (GRAPHSVC_FETCH_DEADLINE)."""
    fetch_private: bool = False
    """Whether a URL given to the web pages' intake form may be on loopback or a private
    network (tests, local development); refused by default (`graphsvc.web.outbound`)."""
    intake_budget_s: float = 60.0
    """Seconds intake's own work on one document may take: `Settings.intake_budget_s`
    (GRAPHSVC_INTAKE_BUDGET), which the app copies here."""
    map_budget_s: float = 30.0
    """Seconds a live map may take to build in all (GRAPHSVC_MAP_BUDGET). A query timeout bounds
    one round trip; a map is several round trips plus layout and rendering in Python, which no
    query timeout sees. Past it the reader is told why and what to do instead of waiting for a
    proxy's 502. Files (`graphsvc render`) have no budget: a command may take the time it needs."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ApiSettings:
        """Read GRAPHSVC_ENV, _READ_ACCESS, _GRAPHIQL, _INTROSPECTION and the limit variables."""
        env = os.environ if environ is None else environ
        environment = _choice(env, "GRAPHSVC_ENV", ENVIRONMENTS, "development")
        graphiql_default = "on" if environment == "development" else "off"
        graphiql = _choice(env, "GRAPHSVC_GRAPHIQL", ("on", "off"), graphiql_default) == "on"
        introspection = (
            _choice(env, "GRAPHSVC_INTROSPECTION", ("on", "off"), graphiql_default) == "on"
        )
        defaults = Limits()
        limits = Limits(
            max_body_bytes=_whole(env, "GRAPHSVC_MAX_BODY_BYTES", defaults.max_body_bytes),
            max_tokens=_whole(env, "GRAPHSVC_MAX_TOKENS", defaults.max_tokens),
            max_depth=_whole(env, "GRAPHSVC_MAX_DEPTH", defaults.max_depth),
            max_aliases=_whole(env, "GRAPHSVC_MAX_ALIASES", defaults.max_aliases),
            max_fields=_whole(env, "GRAPHSVC_MAX_FIELDS", defaults.max_fields),
            max_cost=_whole(env, "GRAPHSVC_MAX_COST", defaults.max_cost),
            default_page_size=_whole(env, "GRAPHSVC_DEFAULT_PAGE_SIZE", defaults.default_page_size),
            max_page_size=_whole(env, "GRAPHSVC_MAX_PAGE_SIZE", defaults.max_page_size),
        )
        if limits.default_page_size > limits.max_page_size:
            raise ConfigError("GRAPHSVC_DEFAULT_PAGE_SIZE must not exceed GRAPHSVC_MAX_PAGE_SIZE")
        served = ServerLimits()
        server = ServerLimits(
            max_header_bytes=_whole(env, "GRAPHSVC_MAX_HEADER_BYTES", served.max_header_bytes),
            max_headers=_whole(env, "GRAPHSVC_MAX_HEADERS", served.max_headers),
            header_timeout_s=float(
                _whole(env, "GRAPHSVC_HEADER_TIMEOUT", int(served.header_timeout_s))
            ),
            max_connections=_whole(env, "GRAPHSVC_MAX_CONNECTIONS", served.max_connections),
            trusted_proxies=env.get("GRAPHSVC_TRUSTED_PROXIES") or served.trusted_proxies,
        )
        return cls(
            environment=environment,
            server=server,
            read_access=_choice(env, "GRAPHSVC_READ_ACCESS", READ_ACCESS, "public"),
            graphiql=graphiql,
            introspection=introspection,
            limits=limits,
            query_timeout_s=float(_whole(env, "GRAPHSVC_QUERY_TIMEOUT", 10)),
            session_hours=_whole(env, "GRAPHSVC_SESSION_HOURS", 8),
            session_secret=_secret(env, "GRAPHSVC_SESSION_SECRET"),
            sign_in_attempts=_whole(env, "GRAPHSVC_SIGNIN_ATTEMPTS", 10),
            fetch_deadline_s=float(_whole(env, "GRAPHSVC_FETCH_DEADLINE", 60)),
            fetch_private=_choice(env, "GRAPHSVC_FETCH_PRIVATE", ("allow", "refuse"), "refuse")
            == "allow",
            map_budget_s=_seconds(env, "GRAPHSVC_MAP_BUDGET", 30.0),
        )


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...], default: str) -> str:
    raw = env.get(name) or default
    if raw not in choices:
        raise ConfigError(f"{name}={raw!r} must be one of: {', '.join(choices)}")
    return raw


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds above 0, fractions allowed (a test's budget of a microsecond)."""
    written = (env.get(name) or "").strip()
    if not written:
        return default
    try:
        seconds = float(written)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ConfigError(f"{name}={written!r}: give a number of seconds above 0")
    return seconds


def _whole(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name}={raw!r} is not a positive whole number")
    return int(raw)


def _secret(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name)
    if not raw:
        return None
    if len(raw) < 32:
        raise ConfigError(f"{name} has {len(raw)} characters; a signing secret needs at least 32")
    return raw
