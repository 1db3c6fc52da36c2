"""Every error graphsvc raises on purpose, under one root, each with a message a user can act on.

    GraphsvcError
    ├── ConfigError              a setting is missing or malformed
    ├── ManagedNeo4jError        the locally managed Neo4j cannot be obtained or run
    │   ├── JavaError            no Java, or a version Neo4j 5.26 does not run on
    │   ├── DistributionError    Maven could not fetch the Neo4j distribution
    │   ├── PortInUseError       another program holds the Bolt port
    │   └── ServerStartError     the server process exited or never answered
    ├── NlpError                 the language engine (Stanford CoreNLP) cannot be run or asked
    │   ├── NlpSetupError        no Java, Maven could not fetch it, port taken, it never started
    │   ├── NlpUnavailable       nothing answers at the engine's address, or not in time
    │   ├── NlpBadAnswer         the engine answered, but not with a whole analysis
    │   └── NlpRequestRefused    refused before the call: too long, empty, language not served
    ├── DatabaseError            talking to Neo4j failed
    │   ├── DatabaseUnavailable  nothing answers at the configured address, or not in time
    │   │   └── QueryTimedOut    the query ran longer than the transaction timeout
    │   ├── AuthenticationError  the server refused the credentials
    │   ├── QueryRefused         the server refused this query (what was asked cannot be answered)
    │   ├── QueryTooLarge        one transaction needs more memory than the server allows
    │   ├── DatabaseFailure      anything else the driver raised; keeps the cause for the log
    │   └── UnsafeDatabaseError  a destructive test helper met a non-test database
    ├── SeedError                seed data is invalid; carries every problem found
    ├── MapError                 a map cannot be drawn as asked
    │   ├── MapParameterError    a view parameter is malformed (names the parameter)
    │   ├── MapSubjectNotFound   the entity a view is centred on does not exist
    │   └── MapNotDrawn          a live map cannot be drawn now (503)
    │       ├── MapBudgetExceeded    it took longer than its budget to build
    │       └── MapAnalysisMissing   a graph past the drawing limit has no clusters yet
    ├── IatiFileError            an IATI file is not readable IATI XML at all
    ├── IntakeError              a document or proposal cannot be taken in or reviewed as asked
    │   ├── UnreadableDocuments  documents cannot be read; names each one and what is wrong
    │   ├── ProposalNotFound     no proposal has this id
    │   ├── AlreadySubmitted     the document (or feed item) is already in a proposal or Source
    │   ├── ProposalConflict     the proposal's state forbids it (accepted twice, changed meanwhile)
    │   └── IntakeStopped        intake work stopped before it wrote anything (budget, caller gone)
    ├── ApiError                 an API answer for the client: a code and a message shown as is
    └── RequestRefused           an HTTP request refused before execution, with its status

`graphsvc.store.database` is the one module that turns the driver's errors into these. Each edge
converts them once: the CLI's root group prints `str(error)` and exits 1, never a traceback; the
API's exception handlers (`graphsvc.server`) and `format_error` give each a status and a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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


class NlpError(GraphsvcError):
    """The language engine that analyses documents could not be run or asked."""


class NlpSetupError(NlpError):
    """The managed CoreNLP server could not be obtained, configured or started."""


class NlpUnavailable(NlpError):
    """Nothing answers at the engine's address, it died while answering, or it took too long.

    Never a partial result: the caller gets this instead of an analysis of part of the text.
    """


class NlpBadAnswer(NlpError):
    """The engine answered, but its answer is not a whole analysis of the text sent."""


class NlpRequestRefused(NlpError):
    """The text was refused before it was sent: too long, empty, or in a language not served."""


class DatabaseError(GraphsvcError):
    """Talking to Neo4j failed."""


class DatabaseUnavailable(DatabaseError):
    """No Neo4j answers at the configured address."""


class AuthenticationError(DatabaseError):
    """Neo4j refused the configured user name or password."""


class QueryTimedOut(DatabaseUnavailable):
    """The query ran longer than the transaction timeout: ask for less, or try again later."""


class QueryRefused(DatabaseError):
    """Neo4j refused the query itself: the question cannot be answered as asked.

    Not an outage: asking again gives the same answer, so the API reports it as the caller's
    input (4xx, BAD_USER_INPUT) rather than as "not reachable". `code` is Neo4j's status code.
    """

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


class QueryTooLarge(DatabaseError):
    """One transaction needed more memory than Neo4j allows it.

    The message says what to do: a larger heap (GRAPHSVC_NEO4J_HEAP), or loading in parts.
    """


class DatabaseFailure(DatabaseError):
    """The driver raised something graphsvc has no better name for (a Cypher bug, a fault).

    The cause stays chained (`__cause__`) for the log; users see a short message.
    """


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


class MapNotDrawn(MapError):
    """A live map cannot be drawn now; the message says how to narrow it or what to run first."""


class MapBudgetExceeded(MapNotDrawn):
    """A live map took longer to build than its budget."""

    def __init__(self, budget_s: float, view: str) -> None:
        self.budget_s = budget_s
        self.view = view
        super().__init__(
            f"the {view} map was not drawn within its budget of {budget_s:g} s "
            f"(GRAPHSVC_MAP_BUDGET): it has too many entities to draw one by one. Narrow it (a "
            "programme, country, funder or theme, fewer kinds, or a period), or, for the whole "
            "network, run `graphsvc maps refresh` so that the overview draws clusters."
        )


class MapAnalysisMissing(MapNotDrawn):
    """A graph past the drawing limit whose clusters were never computed."""

    def __init__(self, entities: int, limit: int) -> None:
        super().__init__(
            f"the network has {entities} entities, more than a map draws one by one "
            f"({limit}); its clusters are computed once per change of the data, and "
            "have not been yet: run `graphsvc maps refresh`"
        )


class IatiFileError(GraphsvcError):
    """An IATI file is not readable IATI XML (not XML, truncated, or no activities)."""


class IntakeError(GraphsvcError):
    """A document or a proposal cannot be taken in or reviewed as asked; the message says why."""


class UnreadableDocuments(IntakeError):
    """Documents could not be read: carries every (document, problem) pair found.

    Reading a batch is all or nothing, so one error lists every bad document (a path or URL) with
    what is wrong with it, and nothing is proposed from a half-read batch.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        if len(problems) == 1:
            document, problem = problems[0]
            message = f"{document}: {problem}"
        else:
            lines = "\n".join(f"  {document}: {problem}" for document, problem in problems)
            message = f"{len(problems)} documents could not be read; none was read:\n{lines}"
        super().__init__(message)

    @classmethod
    def about(cls, document: str, problem: str) -> UnreadableDocuments:
        """The error for one document (a path or URL) and what is wrong with it."""
        return cls([(document, problem)])


class ProposalNotFound(IntakeError):
    """No proposal has this id; `graphsvc intake list` shows them."""


class AlreadySubmitted(IntakeError):
    """The same document (by content hash) or feed item (by link) was taken in before.

    `earlier` names the proposal or Source that has it.
    """

    def __init__(self, message: str, earlier: str) -> None:
        super().__init__(message)
        self.earlier = earlier


class ProposalConflict(IntakeError):
    """The proposal is not in a state that allows this (already accepted, changed meanwhile)."""


class IntakeStopped(IntakeError):
    """Intake's work on one document stopped before anything was written, and says where.

    Its time budget ran out (`GRAPHSVC_INTAKE_BUDGET`), or its caller went away or the server is
    stopping; the message names the stage the time went to.
    """


class ErrorCode(StrEnum):
    """The values of `extensions.code` in the API's answers."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"
    UNAVAILABLE = "UNAVAILABLE"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    INTERNAL = "INTERNAL"


class ApiError(GraphsvcError):
    """An error meant for an API client: its message is shown as is, under `code`."""

    def __init__(self, code: ErrorCode, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extensions = extensions


class RequestRefused(ApiError):
    """An HTTP request refused before execution, with the HTTP status (and headers) to send."""

    def __init__(self, status: int, code: ErrorCode, message: str, **extensions: Any) -> None:
        super().__init__(code, message, **extensions)
        self.status = status
        self.headers: dict[str, str] = {}
        self.about_document = False
        """True when the HTTP request was well formed but its GraphQL document was refused."""
        self.body: dict[str, Any] = {
            "message": message,
            "extensions": {"code": code.value, **extensions},
        }
        """The error as sent; a refused document carries graphql-core's formatted error."""
