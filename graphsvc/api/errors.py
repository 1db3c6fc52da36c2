"""The API's error vocabulary: every error a client sees has a code and a message it can act on.

Resolvers raise `ApiError` (or let graphsvc's own errors through); `format_error` turns whatever
reached the GraphQL layer into `{message, locations, path, extensions: {code}}`. Anything
unexpected becomes INTERNAL with a reference number, and its details go to the server log only.
"""

from __future__ import annotations

import logging
import secrets
from enum import StrEnum
from typing import Any

from graphql import GraphQLError
from neo4j.exceptions import ClientError, DriverError, Neo4jError, TransientError

from graphsvc.errors import ConfigError, DatabaseUnavailable, SeedError

log = logging.getLogger("graphsvc.api")


class ErrorCode(StrEnum):
    """The values of `extensions.code`."""

    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    UNAVAILABLE = "UNAVAILABLE"
    QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
    INTERNAL = "INTERNAL"


class ApiError(Exception):
    """An error meant for the client: its message is shown as is."""

    def __init__(self, code: ErrorCode, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.extensions = extensions


def bad_input(message: str, **extensions: Any) -> ApiError:
    return ApiError(ErrorCode.BAD_USER_INPUT, message, **extensions)


def not_found(message: str) -> ApiError:
    return ApiError(ErrorCode.NOT_FOUND, message)


def error_body(code: ErrorCode, message: str, **extensions: Any) -> dict[str, Any]:
    """One error in the response shape, for errors raised before execution."""
    return {"message": message, "extensions": {"code": code.value, **extensions}}


def format_error(error: GraphQLError) -> dict[str, Any]:
    """The client's view of an error raised while validating or executing."""
    body = error.formatted
    original = error.original_error
    code, message, extra = _classify(error, original)
    body["message"] = message
    body["extensions"] = {"code": code.value, **extra}
    return dict(body)


def _classify(
    error: GraphQLError, original: BaseException | None
) -> tuple[ErrorCode, str, dict[str, Any]]:
    if original is None:
        return ErrorCode.BAD_USER_INPUT, error.message, {}
    if isinstance(original, ApiError):
        return original.code, original.message, original.extensions
    if isinstance(original, SeedError):
        problems = [_problem(p) for p in original.problems]
        return ErrorCode.BAD_USER_INPUT, str(original), {"problems": problems}
    if isinstance(original, ConfigError):
        return ErrorCode.BAD_USER_INPUT, str(original), {}
    if isinstance(original, DatabaseUnavailable):
        return ErrorCode.UNAVAILABLE, "the graph database is not reachable; try again shortly", {}
    if isinstance(original, ClientError) and "TransactionTimedOut" in (original.code or ""):
        return (
            ErrorCode.UNAVAILABLE,
            "the query took longer than the server allows; ask for less (smaller `first`, "
            "fewer hops)",
            {},
        )
    if isinstance(original, TransientError | DriverError) and not isinstance(original, Neo4jError):
        return ErrorCode.UNAVAILABLE, "the graph database is not reachable; try again shortly", {}
    reference = secrets.token_hex(4)
    log.error("internal error %s at %s", reference, error.path, exc_info=original)
    return (
        ErrorCode.INTERNAL,
        f"internal error (reference {reference}); the server log has the details",
        {},
    )


def _problem(problem: Any) -> dict[str, Any]:
    return {"entry": problem.entry, "field": problem.field, "message": problem.message}
