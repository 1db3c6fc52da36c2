"""Checks on what a client sent that no resolver should have to make: JSON, text, introspection.

They run before validation or execution, each in time linear in the request, so that input the
database or the JSON decoder cannot take (a body nested 5,000 deep, a lone UTF-16 surrogate that
the Bolt encoder refuses) is answered with BAD_USER_INPUT naming what to change, not with a 500.
"""

from __future__ import annotations

import json
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLSchema,
    OperationDefinitionNode,
    Visitor,
    visit,
)
from graphql.validation import NoSchemaIntrospectionCustomRule, validate

from graphsvc.api.limits import Measure, check_limits
from graphsvc.service.context import Principal
from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.settings import ApiSettings, Limits

MAX_JSON_DEPTH = 32
"""How deeply a request's JSON may nest; the deepest input object of the schema needs a few."""


def parse_json(text: str | bytes, what: str) -> Any:
    """`text` decoded, or BAD_USER_INPUT saying why (malformed, or nested too deeply)."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise bad_input(f"{what} is not valid JSON: {error}") from None
    except RecursionError:
        value = None  # json's decoder recurses; anything this deep is refused below
        depth = MAX_JSON_DEPTH + 1
    else:
        depth = json_depth(value)
    if depth > MAX_JSON_DEPTH:
        raise bad_input(f"{what} nests JSON more than {MAX_JSON_DEPTH} levels deep")
    return value


def json_depth(value: Any) -> int:
    """How deeply lists and objects nest in a decoded JSON value (0 for a scalar); no recursion."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        else:
            deepest = max(deepest, depth)
            continue
        deepest = max(deepest, depth + 1)
    return deepest


def check_request(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
    limits: Limits,
) -> Measure:
    """Everything refused before validation: unencodable text in variables, then the limits.

    (String literals in the document cannot hold a lone surrogate: the GraphQL parser refuses it.)
    """
    check_text(document, variables)
    return check_limits(schema, document, operation, variables, limits)


def check_text(document: DocumentNode, variables: dict[str, Any]) -> None:
    """Refuse strings the database cannot store: lone surrogates are not Unicode text."""
    for name, value in variables.items():
        for path, text in _strings(value, f"${name}"):
            if not _encodable(text):
                used = _arguments_using(document).get(name)
                where = f" (the argument `{'`, `'.join(sorted(used))}`)" if used else ""
                raise bad_input(
                    f"`{path}`{where} holds a lone UTF-16 surrogate, which is not Unicode text; "
                    "send the string as valid UTF-8",
                    argument=sorted(used)[0] if used else path,
                )


def check_introspection(
    schema: GraphQLSchema, document: DocumentNode, principal: Principal, settings: ApiSettings
) -> None:
    """Refuse `__schema` and `__type` to anonymous callers when introspection is off.

    GRAPHSVC_INTROSPECTION (off in production) hides the schema from the open internet; a caller
    with any API key may still introspect, and schema.graphql is public anyway.
    """
    if settings.introspection or principal.role is not None:
        return
    if validate(schema, document, [NoSchemaIntrospectionCustomRule]):
        raise ApiError(
            ErrorCode.UNAUTHENTICATED,
            "introspection (`__schema`, `__type`) is off for anonymous callers on this server "
            "(GRAPHSVC_INTROSPECTION=off); send `Authorization: Bearer gsk_...` or use "
            "schema.graphql",
        )


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    """Every string in a decoded JSON value, with its path (`$input.aliases.0`); no recursion."""
    found: list[tuple[str, str]] = []
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            found.append((where, item))
        elif isinstance(item, dict):
            stack.extend((child, f"{where}.{key}") for key, child in item.items())
            found.extend((where, key) for key in item if isinstance(key, str))
        elif isinstance(item, list):
            stack.extend((child, f"{where}.{index}") for index, child in enumerate(item))
    return found


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _arguments_using(document: DocumentNode) -> dict[str, set[str]]:
    """Variable name -> where it is passed: arguments and input fields (`filter.country`)."""
    found: dict[str, set[str]] = {}

    class Arguments(Visitor):
        def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
            for variable, path in _variables_in(node.value, node.name.value):
                found.setdefault(variable, set()).add(path)

    visit(document, Arguments())
    return found


def _variables_in(value: Any, path: str) -> list[tuple[str, str]]:
    names = []
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        kind = getattr(node, "kind", "")
        if kind == "variable":
            names.append((node.name.value, where))
        elif kind == "list_value":
            stack.extend((item, where) for item in node.values)
        elif kind == "object_value":
            stack.extend((f.value, f"{where}.{f.name.value}") for f in node.fields)
    return names
