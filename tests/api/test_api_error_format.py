"""The error formatter alone: internal details never reach a client."""

from __future__ import annotations

from graphql import GraphQLError

from graphsvc.api.errors import format_error
from graphsvc.errors import DatabaseUnavailable
from graphsvc.service.errors import ApiError, ErrorCode


def test_unexpected_errors_become_internal_with_a_reference_only() -> None:
    error = GraphQLError(
        "boom",
        path=["cities"],
        original_error=RuntimeError("password=hunter2 at /srv/secret.py:12"),
    )
    body = format_error(error)
    assert body["extensions"]["code"] == "INTERNAL"
    assert "hunter2" not in str(body) and "secret.py" not in str(body)
    assert body["message"].startswith("internal error (reference ")


def test_known_errors_keep_their_code_and_message() -> None:
    unavailable = format_error(
        GraphQLError(
            "x", original_error=DatabaseUnavailable("no Neo4j answers at bolt://10.0.0.5:7687")
        )
    )
    assert unavailable["extensions"] == {"code": "UNAVAILABLE"}
    assert "10.0.0.5" not in unavailable["message"]
    mine = format_error(
        GraphQLError("x", original_error=ApiError(ErrorCode.NOT_FOUND, "no entity has the id 'x'"))
    )
    assert mine["message"] == "no entity has the id 'x'"
    assert mine["extensions"] == {"code": "NOT_FOUND"}
