"""GraphQL's view of an error: the response shape of one error raised while validating or executing.

What a client is told about an exception is decided once, by `graphsvc.service.errors.describe`,
for every edge (GraphQL, pages, maps); this module only puts that into GraphQL's error shape.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from graphsvc.service.errors import Described, ErrorCode, describe


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
