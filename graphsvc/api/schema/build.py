"""The strawberry Schema, assembled once per process from the generated types."""

from __future__ import annotations

from functools import cache

import strawberry

from graphsvc.api.execution import GraphsvcSchema, PreparedDocument
from graphsvc.api.schema.entities import NODE_TYPES
from graphsvc.api.schema.mutation import Mutation
from graphsvc.api.schema.query import Query


@cache
def build_schema() -> strawberry.Schema:
    """The API's schema; `graphsvc schema` prints it and a test compares it with schema.graphql."""
    return GraphsvcSchema(
        query=Query,
        mutation=Mutation,
        types=list(NODE_TYPES.values()),
        extensions=[PreparedDocument],
    )


def schema_sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema.graphql."""
    return build_schema().as_str() + "\n"
