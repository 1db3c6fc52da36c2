"""Settings, read from the environment once and validated at start-up.

Commands build one `Settings` with `Settings.from_env()` and pass it down explicitly; nothing else
reads `os.environ`. With `NEO4J_URI` set, graphsvc talks to that server (bolt:// or neo4j://, which
may be a cluster) and never starts its own; without it, it uses the locally managed server.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graphsvc.errors import ConfigError

NEO4J_VERSION = "5.26.30"
"""The Neo4j 5.26 LTS patch release the managed server runs (published on Maven Central)."""

NLP_VERSION = "4.5.10"
"""The Stanford CoreNLP release the managed language engine runs (published on Maven Central)."""

NLP_LANGUAGES = ("ar", "en", "es", "fr")
"""Languages with CoreNLP models; GRAPHSVC_NLP_LANGUAGES chooses which are fetched and run."""

_URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@dataclass(frozen=True)
class Settings:
    """Everything graphsvc needs to know about its environment."""

    neo4j_uri: str | None
    neo4j_username: str
    neo4j_password: str | None
    neo4j_database: str
    state_dir: Path
    cache_dir: Path
    neo4j_version: str = NEO4J_VERSION
    bolt_port: int = 7687
    heap_size: str = "512m"
    pagecache_size: str = "256m"
    transaction_timeout_s: float = 60.0
    nlp_url: str | None = None
    nlp_version: str = NLP_VERSION
    nlp_port: int = 9000
    nlp_heap: str = "3g"
    nlp_languages: tuple[str, ...] = NLP_LANGUAGES
    nlp_timeout_s: float = 120.0
    nlp_max_chars: int = 100_000

    intake_budget_s: float = 60.0
    """Seconds intake's Python work on one document (recognition, building an acceptance) may
    take before it stops with nothing written; the write after it is bounded by the transaction
    timeout."""

    @property
    def uses_managed_nlp(self) -> bool:
        """True when no external CoreNLP server is configured, so graphsvc runs its own."""
        return self.nlp_url is None

    @property
    def uses_managed_server(self) -> bool:
        """True when no external server is configured, so graphsvc runs its own."""
        return self.neo4j_uri is None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read and check the settings; raise ConfigError naming the variable that is wrong."""
        env = os.environ if environ is None else environ
        uri = env.get("NEO4J_URI") or None
        if uri is not None:
            scheme = urlsplit(uri).scheme
            if scheme not in _URI_SCHEMES:
                raise ConfigError(
                    f"NEO4J_URI={uri!r} has scheme {scheme!r}; use one of {', '.join(_URI_SCHEMES)}"
                    " (neo4j:// for a cluster, bolt:// for a single server)"
                )
        home = Path(env.get("HOME", str(Path.home())))
        state_root = Path(env.get("XDG_STATE_HOME") or home / ".local" / "state")
        cache_root = Path(env.get("XDG_CACHE_HOME") or home / ".cache")
        return cls(
            neo4j_uri=uri,
            neo4j_username=env.get("NEO4J_USERNAME") or "neo4j",
            neo4j_password=env.get("NEO4J_PASSWORD") or None,
            neo4j_database=env.get("NEO4J_DATABASE") or "neo4j",
            state_dir=Path(env.get("GRAPHSVC_STATE_DIR") or state_root / "graphsvc"),
            cache_dir=Path(env.get("GRAPHSVC_CACHE_DIR") or cache_root / "graphsvc"),
            neo4j_version=env.get("GRAPHSVC_NEO4J_VERSION") or NEO4J_VERSION,
            bolt_port=_port(env, "GRAPHSVC_BOLT_PORT", 7687),
            heap_size=_memory(env, "GRAPHSVC_NEO4J_HEAP", "512m"),
            pagecache_size=_memory(env, "GRAPHSVC_NEO4J_PAGECACHE", "256m"),
            transaction_timeout_s=_positive_float(env, "GRAPHSVC_TX_TIMEOUT", 60.0),
            nlp_url=_http_url(env, "GRAPHSVC_NLP_URL"),
            nlp_version=env.get("GRAPHSVC_NLP_VERSION") or NLP_VERSION,
            nlp_port=_port(env, "GRAPHSVC_NLP_PORT", 9000),
            nlp_heap=_memory(env, "GRAPHSVC_NLP_HEAP", "3g"),
            nlp_languages=_languages(env, "GRAPHSVC_NLP_LANGUAGES"),
            nlp_timeout_s=_positive_float(env, "GRAPHSVC_NLP_TIMEOUT", 120.0),
            nlp_max_chars=_positive_int(env, "GRAPHSVC_NLP_MAX_CHARS", 100_000),
            intake_budget_s=_positive_float(env, "GRAPHSVC_INTAKE_BUDGET", 60.0),
        )


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ConfigError(f"{name}={raw!r} is not a TCP port (a whole number from 1 to 65535)")
    return int(raw)


def _memory(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name) or default
    number, unit = raw[:-1], raw[-1:].lower()
    if not (number.isdigit() and unit in "kmg"):
        raise ConfigError(f"{name}={raw!r} is not a memory size such as 512m or 1g")
    return raw


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ConfigError(f"{name}={raw!r} is not a positive number of seconds")
    return value


def _http_url(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name) or None
    if raw is None:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{name}={raw!r} is not an http:// or https:// address with a host")
    return raw.rstrip("/")


def _languages(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    raw = env.get(name)
    if not raw:
        return NLP_LANGUAGES
    chosen = tuple(sorted({part.strip().lower() for part in raw.split(",") if part.strip()}))
    unknown = [code for code in chosen if code not in NLP_LANGUAGES]
    if not chosen or unknown:
        raise ConfigError(
            f"{name}={raw!r}: give a comma-separated list of {', '.join(NLP_LANGUAGES)}"
            + (f" ({', '.join(unknown)} has no CoreNLP models)" if unknown else "")
        )
    return chosen


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name}={raw!r} is not a positive whole number")
    return int(raw)
