"""The API's error vocabulary: every error a client sees has a code and a message it can act on.

`describe` is the one place that decides what a client is told about an exception: its code, its
message, its HTTP status. The GraphQL layer uses it per error (`format_error`), the app's
exception handlers (`graphsvc.api.app`) for errors that stop a request. Anything unexpected becomes
INTERNAL with a reference number, and its details go to the server log only.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError

from graphsvc.errors import (
    ApiError,
    ConfigError,
    DatabaseUnavailable,
    ErrorCode,
    MapParameterError,
    MapSubjectNotFound,
    QueryRefused,
    QueryTimedOut,
    QueryTooLarge,
    RequestRefused,
    SeedError,
)

__all__ = [
    "ApiError",
    "Described",
    "ErrorCode",
    "RequestRefused",
    "bad_input",
    "describe",
    "error_body",
    "format_error",
    "not_found",
]

log = logging.getLogger("graphsvc.api")

UNREACHABLE = "the graph database is not reachable; try again shortly"
RETRY_AFTER_S = 5
_STATUS = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.QUERY_TOO_COMPLEX: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
}


def bad_input(message: str, **extensions: Any) -> ApiError:
    return ApiError(ErrorCode.BAD_USER_INPUT, message, **extensions)


def not_found(message: str) -> ApiError:
    return ApiError(ErrorCode.NOT_FOUND, message)


def error_body(code: ErrorCode, message: str, **extensions: Any) -> dict[str, Any]:
    """One error in the response shape, for errors raised outside GraphQL execution."""
    return {"message": message, "extensions": {"code": code.value, **extensions}}


@dataclass(frozen=True)
class Described:
    """What a client is told about one error."""

    code: ErrorCode
    message: str
    extensions: dict[str, Any] = field(default_factory=dict)

    @property
    def status(self) -> int:
        return _STATUS[self.code]

    @property
    def headers(self) -> dict[str, str]:
        """Retry-After on every UNAVAILABLE, whichever route or stage met the outage."""
        return {"Retry-After": str(RETRY_AFTER_S)} if self.code is ErrorCode.UNAVAILABLE else {}


def describe(error: BaseException, where: object = None) -> Described:
    """The client's view of `error`; `where` (a GraphQL path, a URL) only goes to the log."""
    if isinstance(error, ApiError):
        return Described(error.code, error.message, error.extensions)
    if isinstance(error, SeedError):
        problems = [_problem(p) for p in error.problems]
        return Described(ErrorCode.BAD_USER_INPUT, str(error), {"problems": problems})
    if isinstance(error, ConfigError | MapParameterError):
        return Described(ErrorCode.BAD_USER_INPUT, str(error))
    if isinstance(error, MapSubjectNotFound):
        return Described(ErrorCode.NOT_FOUND, str(error))
    if isinstance(error, QueryTimedOut):
        return Described(ErrorCode.UNAVAILABLE, str(error))
    if isinstance(error, DatabaseUnavailable):
        return Described(ErrorCode.UNAVAILABLE, UNREACHABLE)
    if isinstance(error, QueryRefused):
        # The caller's input as Neo4j judged it; logged in case the judgement is a bug of ours.
        log.warning("query refused at %s: %s", where, error.__cause__ or error)
        return Described(ErrorCode.BAD_USER_INPUT, str(error))
    if isinstance(error, QueryTooLarge):
        log.warning("query too large at %s: %s", where, error)
        return Described(
            ErrorCode.QUERY_TOO_COMPLEX,
            "the query needs more memory than the graph database allows one request; ask for "
            "less (smaller `first`, fewer hops)",
        )
    reference = secrets.token_hex(4)
    log.error("internal error %s at %s", reference, where, exc_info=error)
    return Described(
        ErrorCode.INTERNAL,
        f"internal error (reference {reference}); the server log has the details",
    )


def format_error(error: GraphQLError) -> dict[str, Any]:
    """The client's view of an error raised while validating or executing."""
    body = error.formatted
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        # A GraphQLError inside one is graphql-core's judgement of the input (a variable's enum
        # value that does not exist), not a failure of ours.
        described = Described(ErrorCode.BAD_USER_INPUT, error.message)
    else:
        described = describe(original, error.path)
    body["message"] = described.message
    body["extensions"] = {"code": described.code.value, **described.extensions}
    return dict(body)


def _problem(problem: Any) -> dict[str, Any]:
    return {"entry": problem.entry, "field": problem.field, "message": problem.message}
