"""GraphQL over HTTP: request parsing, content negotiation, limits, auth, execution, status codes.

Follows the GraphQL-over-HTTP specification: POST with a JSON body, GET for queries only (a
mutation over GET is 405), `application/graphql-response+json` when the client accepts it (then a
request that fails to parse or validate is 400), else `application/json` (then such errors come
with 200, as older clients expect). Everything that can be refused is refused before the database
is touched: body size, tokens, depth, aliases, cost, page sizes, and who is asking.

All root mutations of one request run in one transaction, with their audit entries: if any of
them fails, none of them happened, and `data` is null.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

import strawberry
from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    OperationType,
    get_operation_ast,
    parse,
    validate,
)
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import ExecutionResult

from graphsvc.api.documents import DocumentCache
from graphsvc.api.errors import format_error
from graphsvc.api.execution import type_system
from graphsvc.api.request_checks import check_introspection, check_request, parse_json
from graphsvc.errors import ApiError
from graphsvc.service.changes import commit, in_transaction
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import (
    RETRY_AFTER_S,
    ErrorCode,
    RequestRefused,
    describe,
    error_body,
)
from graphsvc.service.keys import authenticate
from graphsvc.service.settings import ApiSettings
from graphsvc.store.async_database import AsyncDatabase

log = logging.getLogger("graphsvc.api")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


@dataclass(frozen=True)
class GraphQLParams:
    """The three parameters of a GraphQL-over-HTTP request, checked."""

    query: str
    variables: dict[str, Any]
    operation_name: str | None


class GraphQLEndpoint:
    """The ASGI handler for `/graphql` (the GraphiQL page is served by `graphiql`).

    Errors that stop a request are raised, and answered by the app's exception handlers through
    `error_response`; errors met during execution travel in the result, formatted per error.
    """

    def __init__(self, schema: strawberry.Schema, settings: ApiSettings) -> None:
        self.schema = schema
        self.types = type_system(schema)
        self.settings = settings
        self.documents = DocumentCache()

    async def __call__(self, request: Request) -> Response:
        media_type = _negotiate(request.headers.get("accept", ""))
        if media_type is None:
            return Response(
                "Accept application/graphql-response+json or application/json",
                status_code=406,
                media_type="text/plain",
            )
        database: AsyncDatabase = request.app.state.database
        context = RequestContext(database, self.settings)
        request.state.graphql = _Answer(media_type, context)
        params = await self._params(request)
        header = request.headers.get("authorization")
        principal = None
        if self.settings.read_access == "key":  # who asks decides whether they get suggestions
            principal = await authenticate(context.read, header)
        hide = self._hides_suggestions(principal)
        document, operation = self._prepare(params, request.method, hide)
        context.document = document
        context.principal = principal or await authenticate(context.read, header)
        self._authorise(context, operation)
        check_introspection(self.types, document, context.principal, self.settings)
        result = await self._execute(operation, params, context)
        errors = [format_error(error) for error in result.errors or []]
        if hide:
            for error in errors:
                error["message"] = _without_suggestion(error["message"])
        status, headers = _status(result, errors)
        if media_type == JSON and status == 400:
            status = 200
        body: dict[str, Any] = {"data": result.data}
        if errors:
            body["errors"] = errors
        answer: _Answer = request.state.graphql
        return answer.respond(body, status, headers)

    async def _params(self, request: Request) -> GraphQLParams:
        if request.method == "GET":
            raw: dict[str, Any] = dict(request.query_params)
            if "variables" in raw:
                raw["variables"] = _json(raw["variables"], "the `variables` query parameter")
        elif request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip()
            if content_type != JSON:
                raise RequestRefused(
                    415,
                    ErrorCode.BAD_USER_INPUT,
                    "POST a JSON body with Content-Type: application/json",
                )
            raw = _json(
                await _limited_body(request, self.settings.limits.max_body_bytes),
                "the request body",
            )
            if not isinstance(raw, dict):
                raise RequestRefused(
                    400,
                    ErrorCode.BAD_USER_INPUT,
                    "the request body must be a JSON object with `query`",
                )
        else:
            refused = RequestRefused(405, ErrorCode.BAD_USER_INPUT, "use GET or POST")
            refused.headers["Allow"] = "GET, POST"
            raise refused
        query, variables, name = raw.get("query"), raw.get("variables"), raw.get("operationName")
        if not isinstance(query, str) or not query.strip():
            raise RequestRefused(
                400,
                ErrorCode.BAD_USER_INPUT,
                "`query` must be a non-empty string holding a GraphQL document",
            )
        if variables is not None and not isinstance(variables, dict):
            raise RequestRefused(400, ErrorCode.BAD_USER_INPUT, "`variables` must be an object")
        if name is not None and not isinstance(name, str):
            raise RequestRefused(400, ErrorCode.BAD_USER_INPUT, "`operationName` must be a string")
        return GraphQLParams(query, variables or {}, name)

    def _hides_suggestions(self, principal: Principal | None) -> bool:
        """Whether "Did you mean ...?" is left out of errors: it maps the schema field by field.

        Always in production; when reads need a key, for callers without one (`principal` is
        then known before validation).
        """
        if self.settings.environment == "production":
            return True
        return principal is not None and not principal.can_read

    def _prepare(
        self, params: GraphQLParams, method: str, hide_suggestions: bool = False
    ) -> tuple[DocumentNode, OperationDefinitionNode]:
        try:
            return self._checked_document(params, method, hide_suggestions)
        except RequestRefused as refused:
            refused.about_document = refused.status == 400
            raise

    def _checked_document(
        self, params: GraphQLParams, method: str, hide_suggestions: bool
    ) -> tuple[DocumentNode, OperationDefinitionNode]:
        limits = self.settings.limits
        cached = self.documents.get(params.query)
        try:
            document = (
                cached if cached is not None else parse(params.query, max_tokens=limits.max_tokens)
            )
        except GraphQLError as error:
            too_many = "tokens" in error.message
            raise RequestRefused(
                400,
                ErrorCode.QUERY_TOO_COMPLEX if too_many else ErrorCode.BAD_USER_INPUT,
                f"the query has more than {limits.max_tokens} tokens"
                if too_many
                else f"the query does not parse: {error.message}",
                **({"locations": [loc._asdict() for loc in error.locations or []]}),
            ) from None
        operation = get_operation_ast(document, params.operation_name)
        if operation is None:
            raise RequestRefused(
                400,
                ErrorCode.BAD_USER_INPUT,
                f"no operation named {params.operation_name!r}"
                if params.operation_name
                else "the document holds several operations; name one with `operationName`",
            )
        if method == "GET" and operation.operation is not OperationType.QUERY:
            refused = RequestRefused(
                405, ErrorCode.BAD_USER_INPUT, "mutations must be sent with POST"
            )
            refused.headers["Allow"] = "POST"
            raise refused
        try:  # before validation, whose time grows with the square of repeated fields
            check_request(self.types, document, operation, params.variables, limits)
        except ApiError as error:
            raise RequestRefused(400, error.code, error.message, **error.extensions) from None
        if cached is not None:  # validated when first seen; the limits above ran again
            return document, operation
        errors = validate(self.types, document, hide_suggestions=hide_suggestions)
        if errors:
            first = errors[0]
            refused = RequestRefused(400, ErrorCode.BAD_USER_INPUT, first.message)
            refused.body = format_error(first)
            if len(errors) > 1:
                refused.body["extensions"]["more"] = [e.message for e in errors[1:]]
            raise refused
        self.documents.put(params.query, document)
        return document, operation

    def _authorise(self, context: RequestContext, operation: OperationDefinitionNode) -> None:
        principal = context.principal
        if operation.operation is OperationType.MUTATION:
            if principal.role is None:
                raise ApiError(
                    ErrorCode.UNAUTHENTICATED,
                    "changes need an API key with the "
                    "editor role: send `Authorization: Bearer gsk_...`",
                )
            if not principal.can_write:
                raise ApiError(
                    ErrorCode.FORBIDDEN,
                    f"the key {principal.name!r} may read but "
                    "not change the graph; changes need the editor role",
                )
        elif self.settings.read_access == "key" and not principal.can_read:
            raise ApiError(
                ErrorCode.UNAUTHENTICATED,
                "this service needs an API key to read: send `Authorization: Bearer gsk_...`",
            )

    async def _execute(
        self, operation: OperationDefinitionNode, params: GraphQLParams, context: RequestContext
    ) -> ExecutionResult:
        if operation.operation is not OperationType.MUTATION:
            return await self._run(params, context)
        async with in_transaction(context):
            result = await self._run(params, context)
            if result.errors:
                return ExecutionResult(data=None, errors=result.errors)
            await commit(context)
        return result

    async def _run(self, params: GraphQLParams, context: RequestContext) -> ExecutionResult:
        return await self.schema.execute(
            params.query,
            variable_values=params.variables,
            context_value=context,
            operation_name=params.operation_name,
        )


@dataclass(frozen=True)
class _Answer:
    """How this request's answers are sent, whether they carry data or an error."""

    media_type: str
    context: RequestContext

    def respond(self, body: dict[str, Any], status: int, headers: dict[str, str]) -> Response:
        context = self.context
        return Response(
            json.dumps(body, ensure_ascii=False),
            status_code=status,
            media_type=f"{self.media_type}; charset=utf-8",
            headers={
                **headers,
                "Server-Timing": f"neo4j;dur={context.database_seconds * 1000:.1f};"
                f'desc="{context.round_trips} round trips", '
                f"total;dur={(time.perf_counter() - context.started) * 1000:.1f}",
                "Cache-Control": "no-store",
            },
        )


def error_response(request: Request, error: Exception) -> Response:
    """The `/graphql` answer to an error that stopped the request (the app's handlers call it)."""
    answer: _Answer | None = getattr(request.state, "graphql", None)
    if answer is None:
        answer = _Answer(JSON, RequestContext(request.app.state.database, ApiSettings()))
    if isinstance(error, RequestRefused):
        status, headers, body = error.status, error.headers, error.body
        if answer.media_type == JSON and error.about_document:
            status = 200  # the spec's legacy rule for application/json clients
    else:
        described = describe(error, request.url.path)
        status, headers = described.status, described.headers
        body = error_body(described.code, described.message, **described.extensions)
    return answer.respond({"errors": [body]}, status, headers)


def _without_suggestion(message: str) -> str:
    """An execution error's message (a variable's enum value, say) without its suggestion."""
    return re.sub(r"\s*Did you mean [^?]*\?", "", message)


def _status(result: ExecutionResult, errors: list[dict[str, Any]]) -> tuple[int, dict[str, str]]:
    """The HTTP status of an executed request, and its extra headers.

    503 with Retry-After when Neo4j was unavailable (as when that stops a request before
    execution), 400 when nothing ran (variables did not coerce), else 200 (errors in the body).
    """
    if any(error["extensions"]["code"] == ErrorCode.UNAVAILABLE for error in errors):
        return 503, {"Retry-After": str(RETRY_AFTER_S)}
    if result.data is None and result.errors and all(e.path is None for e in result.errors):
        return 400, {}
    return 200, {}


def _negotiate(accept: str) -> str | None:
    if not accept.strip():
        return JSON
    offered = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in offered:
        return GRAPHQL_RESPONSE
    if any(media in (JSON, "application/*", "*/*") for media in offered):
        return JSON
    return None


def _json(text: str | bytes, what: str) -> Any:
    try:
        return parse_json(text, what)
    except ApiError as error:
        raise RequestRefused(400, error.code, error.message) from None


async def _limited_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise RequestRefused(
            413, ErrorCode.QUERY_TOO_COMPLEX, f"the request body is larger than {limit} bytes"
        )
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise RequestRefused(
                413, ErrorCode.QUERY_TOO_COMPLEX, f"the request body is larger than {limit} bytes"
            )
    if not body:
        raise RequestRefused(400, ErrorCode.BAD_USER_INPUT, "the request body is empty")
    return bytes(body)
