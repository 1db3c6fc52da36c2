"""The strawberry Schema, assembled once per process from the generated types."""

from __future__ import annotations

from functools import cache

import strawberry

from graphsvc.api.execution import GraphsvcSchema, PreparedDocument
from graphsvc.api.schema.entities import NODE_TYPES
from graphsvc.api.schema.intake import IntakeMutation, IntakeQuery
from graphsvc.api.schema.mutation import Mutation
from graphsvc.api.schema.query import Query


@cache
def build_schema() -> strawberry.Schema:
    """The API's schema; `graphsvc schema` prints it and a test compares it with schema.graphql."""
    return GraphsvcSchema(
        query=_with(Query, IntakeQuery),
        mutation=_with(Mutation, IntakeMutation),
        types=list(NODE_TYPES.values()),
        extensions=[PreparedDocument],
    )


def _with(root: type, more: type) -> type:
    """The root type with another's fields after its own (the review queue's, kept apart)."""
    definition = root.__strawberry_definition__  # type: ignore[attr-defined]
    combined = type(root.__name__, (root, more), {"__module__": root.__module__})
    return strawberry.type(combined, name=definition.name, description=definition.description)


def schema_sdl() -> str:
    """The schema in GraphQL SDL, as committed in schema.graphql."""
    return build_schema().as_str() + "\n"
