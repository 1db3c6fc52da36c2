"""The limits, measured on parsed documents without a server: pure logic, no database."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import get_introspection_query, get_operation_ast, parse

from graphsvc.api.limits import MAX_REPEATS, Measure, check_limits
from graphsvc.api.request_checks import json_depth, parse_json
from graphsvc.api.schema.build import build_schema
from graphsvc.service.errors import ApiError, ErrorCode
from graphsvc.service.settings import ApiSettings, Limits

SCHEMA = build_schema()._schema


def measure(query: str, variables: dict[str, Any] | None = None) -> Measure:
    document = parse(query, max_tokens=100_000)
    operation = get_operation_ast(document)
    assert operation is not None
    return check_limits(SCHEMA, document, operation, variables or {}, Limits())


def refusal(query: str, variables: dict[str, Any] | None = None) -> ApiError:
    with pytest.raises(ApiError) as raised:
        measure(query, variables)
    return raised.value


def fan_out(levels: int) -> str:
    """Each fragment spreads the one below twice: 2**levels fields once expanded."""
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i - 1} ...F{i - 1} }}" for i in range(1, levels + 1)
    )
    return f"{{ ...F{levels} }} fragment F0 on Query {{ __typename }} {fragments}"


def test_fragment_fan_out_is_measured_once_per_fragment() -> None:
    # 2**200 expansions: walking every spread would never end; each fragment once is instant.
    error = refusal(fan_out(200))
    assert error.code is ErrorCode.QUERY_TOO_COMPLEX
    assert error.extensions["fields"] == 2**200
    assert measure(fan_out(8)).fields == 2**8


def test_fragments_count_depth_and_cost_where_they_are_spread() -> None:
    direct = measure(
        "{ institutions(first: 10) { nodes { partnerIn(first: 3) { node { slug } } } } }"
    )
    spread = measure(
        "{ institutions(first: 10) { nodes { ...P } } } "
        "fragment P on Institution { partnerIn(first: 3) { node { slug } } }"
    )
    assert (spread.depth, spread.cost, spread.fields) == (direct.depth, direct.cost, direct.fields)


def test_variable_defaults_and_values_are_read_for_first() -> None:
    for query, variables in (
        ("query($f: Int = 1000) { institutions(first: $f) { nodes { slug } } }", None),
        ("query($f: Int = -5) { institutions(first: $f) { nodes { slug } } }", None),
        ("query($f: Int = 5) { institutions(first: $f) { nodes { slug } } }", {"f": 500}),
        ("query($f: Int) { institutions(first: $f) { nodes { slug } } }", {"f": -1}),
    ):
        error = refusal(query, variables)
        assert error.code is ErrorCode.BAD_USER_INPUT
        assert "`first` must be between 0 and 100" in error.message
    # `institutions` once, `nodes` once per item: 1 + 7 (not 1 + 20, the default page size).
    assert measure("query($f: Int = 7) { institutions(first: $f) { nodes { slug } } }").cost == 8


def test_introspection_and_typename_count_like_any_field() -> None:
    typenames = "{ " + " ".join(f"t{i}: __typename" for i in range(1000)) + " }"
    assert "1000 aliases" in refusal(typenames).message
    block = "{ types { name fields { name type { name ofType { name ofType { name } } } } } }"
    amplified = "{ " + " ".join(f"s{i}: __schema {block}" for i in range(70)) + " }"
    error = refusal(amplified)
    assert "70 aliases" in error.message and "estimated cost" in error.message
    # Two whole introspections exceed the cost budget; one (what GraphiQL sends) passes.
    full = get_introspection_query(descriptions=True, input_value_deprecation=True)
    one = measure(full)
    assert one.introspection and 0 < one.cost <= Limits().max_cost < 2 * one.cost


def test_the_same_field_many_times_is_refused_before_validation() -> None:
    repeated = "{ " + 'entity(slug: "medcities") { slug } ' * 430 + "}"
    assert f"`entity` 430 times in one selection set (at most {MAX_REPEATS})" in (
        refusal(repeated).message
    )
    measure("{ " + 'entity(slug: "medcities") { slug } ' * MAX_REPEATS + "}")


def test_deep_json_is_refused_without_recursing() -> None:
    deep = "[" * 5000 + "]" * 5000
    assert json_depth([[[]], {"a": {"b": 1}}]) == 3
    for text in (deep, '{"variables": ' + deep + "}"):
        with pytest.raises(ApiError, match="nests JSON more than"):
            parse_json(text, "the request body")


def test_introspection_setting_follows_the_environment() -> None:
    assert ApiSettings.from_env({}).introspection
    assert not ApiSettings.from_env({"GRAPHSVC_ENV": "production"}).introspection
    assert not ApiSettings.from_env({"GRAPHSVC_INTROSPECTION": "off"}).introspection
    production_on = {"GRAPHSVC_ENV": "production", "GRAPHSVC_INTROSPECTION": "on"}
    assert ApiSettings.from_env(production_on).introspection
