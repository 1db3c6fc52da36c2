"""The connection to Neo4j: one driver per process, every transaction with a timeout.

Resolves where to connect from the settings: `NEO4J_URI` when set (a single server or a neo4j://
cluster), otherwise the locally managed instance. Driver errors become graphsvc errors that say
what to do, so that no caller has to know the driver's exception tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session, unit_of_work
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from graphsvc.config import Settings
from graphsvc.errors import AuthenticationError, ConfigError, DatabaseUnavailable
from graphsvc.neo4j_server import ManagedInstance


@dataclass(frozen=True)
class ConnectionTarget:
    """Where to connect and as whom: NEO4J_URI when set, else the managed instance."""

    uri: str
    auth: tuple[str, str]
    database: str
    hint: str
    """What to do when nothing answers there."""

    @classmethod
    def resolve(cls, settings: Settings, instance: str) -> ConnectionTarget:
        if settings.uses_managed_server:
            credentials = ManagedInstance(settings, instance).credentials()
            return cls(
                credentials.uri,
                (credentials.username, credentials.password),
                settings.neo4j_database,
                f"start it with `graphsvc neo4j start` (instance {instance!r})",
            )
        assert settings.neo4j_uri is not None
        if settings.neo4j_password is None:
            raise ConfigError("NEO4J_URI is set but NEO4J_PASSWORD is not; set both.")
        return cls(
            settings.neo4j_uri,
            (settings.neo4j_username, settings.neo4j_password),
            settings.neo4j_database,
            "check NEO4J_URI and that the server is running",
        )


class Database:
    """A Neo4j database reached through one driver."""

    def __init__(self, driver: Driver, name: str, uri: str, timeout_s: float) -> None:
        self.driver = driver
        self.name = name
        self.uri = uri
        self.timeout_s = timeout_s

    @classmethod
    def connect(cls, settings: Settings, instance: str = "default") -> Database:
        """Connect and check that the server answers and accepts the credentials."""
        target = ConnectionTarget.resolve(settings, instance)
        uri, auth, hint = target.uri, target.auth, target.hint
        driver = GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=10,
            max_transaction_retry_time=5,
            notifications_min_severity="OFF",
        )
        database = cls(driver, settings.neo4j_database, uri, settings.transaction_timeout_s)
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise AuthenticationError(
                f"Neo4j at {uri} refused user {auth[0]!r}: {exc.message}. "
                "Check NEO4J_USERNAME and NEO4J_PASSWORD."
            ) from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            driver.close()
            raise DatabaseUnavailable(f"no Neo4j answers at {uri}: {hint}.") from exc
        return database

    def close(self) -> None:
        self.driver.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session on the configured database."""
        with self.driver.session(database=self.name) as session:
            yield session

    def read(self, query: str, /, **parameters: Any) -> list[dict[str, Any]]:
        """Run a read query in its own transaction and return its records as dicts."""
        with self.session() as session:
            return session.execute_read(self._work(), query, parameters)

    def write(self, query: str, /, **parameters: Any) -> list[dict[str, Any]]:
        """Run a write query in its own transaction and return its records as dicts."""
        with self.session() as session:
            return session.execute_write(self._work(), query, parameters)

    def _work(self) -> Any:
        @unit_of_work(timeout=self.timeout_s)
        def records(
            tx: ManagedTransaction, query: str, parameters: dict[str, Any]
        ) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, parameters)]

        return records
