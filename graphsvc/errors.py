"""Every error graphsvc raises on purpose, under one root, each with a message a user can act on.

    GraphsvcError
    ├── ConfigError              a setting is missing or malformed
    ├── ManagedNeo4jError        the locally managed Neo4j cannot be obtained or run
    │   ├── JavaError            no Java, or a version Neo4j 5.26 does not run on
    │   ├── DistributionError    Maven could not fetch the Neo4j distribution
    │   ├── PortInUseError       another program holds the Bolt port
    │   └── ServerStartError     the server process exited or never answered
    ├── DatabaseError            talking to Neo4j failed
    │   ├── DatabaseUnavailable  nothing answers at the configured address
    │   ├── AuthenticationError  the server refused the credentials
    │   └── UnsafeDatabaseError  a destructive test helper met a non-test database
    ├── SeedError                seed data is invalid; carries every problem found
    └── MapError                 a map cannot be drawn as asked
        ├── MapParameterError    a view parameter is malformed (names the parameter)
        └── MapSubjectNotFound   the entity a view is centred on does not exist

The CLI prints `str(error)` and exits non-zero; it never shows a traceback for these.
"""

from __future__ import annotations

from dataclasses import dataclass


class GraphsvcError(Exception):
    """Root of graphsvc's errors: the message says what is wrong and what to do."""


class ConfigError(GraphsvcError):
    """A setting read from the environment or the command line is missing or malformed."""


class ManagedNeo4jError(GraphsvcError):
    """The locally managed Neo4j server could not be obtained, configured, started or stopped."""


class JavaError(ManagedNeo4jError):
    """Java is missing or is a version that Neo4j 5.26 does not run on."""


class DistributionError(ManagedNeo4jError):
    """Maven could not fetch the Neo4j Community distribution."""


class PortInUseError(ManagedNeo4jError):
    """The Bolt port is already taken by a program that is not this managed server."""


class ServerStartError(ManagedNeo4jError):
    """The server process exited during start-up or did not answer in time."""


class DatabaseError(GraphsvcError):
    """Talking to Neo4j failed."""


class DatabaseUnavailable(DatabaseError):
    """No Neo4j answers at the configured address."""


class AuthenticationError(DatabaseError):
    """Neo4j refused the configured user name or password."""


class UnsafeDatabaseError(DatabaseError):
    """A helper that deletes data was pointed at a database not marked as a test database."""


@dataclass(frozen=True)
class SeedProblem:
    """One thing wrong with the seed data, located as precisely as the input allows."""

    file: str
    line: int | None
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        parts = [where]
        if self.entry:
            parts.append(f"entry {self.entry!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join([", ".join(parts), self.message])


class SeedError(GraphsvcError):
    """The seed data is invalid. Carries every problem found, so that one run shows them all."""

    def __init__(self, problems: list[SeedProblem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"  {problem}" for problem in problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the seed data; nothing was written:\n{lines}")


class MapError(GraphsvcError):
    """A map cannot be drawn as asked."""


class MapParameterError(MapError):
    """A map view's parameter is malformed; `parameter` names it (URL parameter or CLI option)."""

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        self.message = message
        super().__init__(f"parameter {parameter!r}: {message}")


class MapSubjectNotFound(MapError):
    """An id a view needs (its centre, a path's end, a filter's entity) names no entity."""

    def __init__(self, parameter: str, entity_id: str, kind: str | None = None) -> None:
        self.parameter = parameter
        what = f"no {kind} with id" if kind else "no entity with id"
        super().__init__(
            f"parameter {parameter!r}: {what} {entity_id!r}; `graphsvc search NAME` finds ids"
        )
