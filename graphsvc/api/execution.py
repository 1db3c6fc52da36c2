"""GraphQL execution through strawberry's public `Schema.execute`, after the HTTP layer's checks.

The HTTP layer parses, validates and costs every document before it asks who is calling
(`graphsvc.api.http`); execution then goes through `Schema.execute`, so that strawberry's schema
extensions (tracing, masking, anything added to `build_schema`) see every operation. The
`PreparedDocument` extension hands strawberry the document already parsed and validated, so
neither step is done twice.
"""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext


class PreparedDocument(SchemaExtension):
    """Give strawberry the request's checked document instead of parsing and validating again.

    Only when the context carries one (`RequestContext.document`); any other caller of
    `Schema.execute` gets strawberry's own parsing and validation.
    """

    def on_parse(self) -> Iterator[None]:
        document = _prepared(self.execution_context)
        if document is not None:
            self.execution_context.graphql_document = document
        yield

    def on_validate(self) -> Iterator[None]:
        if _prepared(self.execution_context) is not None:
            self.execution_context.pre_execution_errors = []  # validated before authorisation
        yield


def _prepared(execution_context: ExecutionContext) -> DocumentNode | None:
    document = getattr(execution_context.context, "document", None)
    return document if isinstance(document, DocumentNode) else None


class GraphsvcSchema(strawberry.Schema):
    """The strawberry schema with graphsvc's error reporting.

    `format_error` (`graphsvc.service.errors`) logs what a client must not see, under the reference
    number the client gets; strawberry's default `process_errors` would log every error again,
    the caller's mistakes included.
    """

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


def type_system(schema: strawberry.Schema) -> GraphQLSchema:
    """The graphql-core schema, for the checks before execution (validation, cost, depth).

    Types only, never to execute: strawberry exposes no public accessor, and its own extensions
    (`ValidationCache`) read the same attribute.
    """
    return schema._schema
