"""The connection to Neo4j: one driver per process, every transaction with a timeout.

Resolves where to connect from the settings: `NEO4J_URI` when set (a single server or a neo4j://
cluster), otherwise the locally managed instance. Every driver error becomes a graphsvc error that
says what to do (`translated_errors`, used here and by `async_database`), so that no caller has to
know the driver's exception tree: this module and its async twin are the only ones that import it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from neo4j import Driver, GraphDatabase, ManagedTransaction, Session, unit_of_work
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ResultFailedError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graphsvc.config import Settings
from graphsvc.errors import (
    AuthenticationError,
    ConfigError,
    DatabaseError,
    DatabaseFailure,
    DatabaseUnavailable,
    GraphsvcError,
    QueryRefused,
    QueryTimedOut,
    QueryTooLarge,
)
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


_MEMORY_CODES = ("MemoryPoolOutOfMemoryError", "TransactionOutOfMemoryError", "OutOfMemoryError")
_OUR_CYPHER_CODES = ("Neo.ClientError.Statement.SyntaxError", "Neo.ClientError.Statement.Parameter")
"""Client errors that can only come from graphsvc's own (static, parameterised) statements."""


def translate(error: BaseException, target: ConnectionTarget) -> GraphsvcError | None:
    """The graphsvc error for a driver error, or None when `error` is not the driver's.

    The one table of the driver's errors. Order matters: authentication and timeouts are client
    errors too, and memory exhaustion is a transient one that no retry will cure.
    """
    if isinstance(error, GraphsvcError):
        return None
    if isinstance(error, ResultFailedError) and isinstance(error.__cause__, Neo4jError):
        # Reading a result that already failed (e.g. when a session closes after a refused
        # statement) re-raises with the server's own error as the cause: translate that one.
        return translate(error.__cause__, target)
    code, message = "", str(error)
    if isinstance(error, Neo4jError):  # a driver-side error's `message` warns (GQL preview)
        code, message = error.code or "", error.message or message
    if isinstance(error, AuthError) or code.startswith("Neo.ClientError.Security."):
        return AuthenticationError(
            f"Neo4j at {target.uri} refused user {target.auth[0]!r}: {message}. "
            "Check NEO4J_USERNAME and NEO4J_PASSWORD."
        )
    if isinstance(error, Neo4jError) and (
        any(name in code for name in _MEMORY_CODES) or "threshold reached" in message
    ):
        return QueryTooLarge(
            "Neo4j ran out of memory for one transaction "
            f"({message.strip().splitlines()[0]}): raise GRAPHSVC_NEO4J_HEAP (e.g. 2g) and "
            "restart the managed server, or load the data in parts (fewer files at a time)."
        )
    if "TransactionTimedOut" in code:
        return QueryTimedOut(
            "the query took longer than the server allows; ask for less (smaller `first`, "
            "fewer hops)"
        )
    if isinstance(error, TransientError):
        return DatabaseUnavailable(
            f"the graph database at {target.uri} is busy ({code}); try again shortly"
        )
    if isinstance(error, ClientError) and not code.startswith(_OUR_CYPHER_CODES):
        return QueryRefused(f"the graph database refused the query: {message}", code)
    if code == "Neo.DatabaseError.Statement.ExecutionFailed" and "shortest path" in message:
        return QueryRefused(
            "a shortest path needs two different ends: both ends are the same node", code
        )
    if isinstance(error, UnicodeEncodeError):
        return QueryRefused(
            "a text value holds a character that is not valid Unicode (a lone surrogate)"
        )
    if isinstance(error, ServiceUnavailable | SessionExpired | OSError) or (
        isinstance(error, DriverError) and "timed out" in str(error).lower()
    ):
        return DatabaseUnavailable(
            f"the graph database at {target.uri} is not reachable; {target.hint}"
        )
    if isinstance(error, Neo4jError | DriverError):
        return DatabaseFailure(f"the graph database failed: {code or type(error).__name__}")
    return None


class translated_errors:  # noqa: N801 - used as a context manager, reads like a statement
    """Raise the graphsvc error `translate` names for a driver error leaving the block.

    The cause stays chained, so a log shows the driver's own error under graphsvc's.
    """

    def __init__(self, target: ConnectionTarget, prefix: str = "") -> None:
        self.target = target
        self.prefix = prefix
        """Put before the message, to say what failed (e.g. "the load failed; ")."""

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: object
    ) -> None:
        if error is None:
            return
        translated = translate(error, self.target)
        shown = translated or error
        if self.prefix and isinstance(shown, DatabaseError):  # also when translated further in
            shown.args = (self.prefix + str(shown),)
        if translated is not None:
            raise translated from error


class Database:
    """A Neo4j database reached through one driver."""

    def __init__(self, driver: Driver, target: ConnectionTarget, timeout_s: float) -> None:
        self.driver = driver
        self.target = target
        self.name = target.database
        self.uri = target.uri
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
        database = cls(driver, target, settings.transaction_timeout_s)
        try:
            with translated_errors(target):
                driver.verify_connectivity()
        except DatabaseUnavailable as exc:
            driver.close()
            raise DatabaseUnavailable(f"no Neo4j answers at {uri}: {hint}.") from exc.__cause__
        except GraphsvcError:
            driver.close()
            raise
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
        """A session on the configured database; driver errors leave it as graphsvc errors."""
        with translated_errors(self.target), self.driver.session(database=self.name) as session:
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
