"""Hostile or malformed client input over real HTTP: refused quickly, as 4xx, never INTERNAL."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from conftest import Api, round_trips, serve
from test_limits import fan_out

from graphsvc.config import Settings
from graphsvc.service.keys import create_key
from graphsvc.service.settings import ApiSettings
from graphsvc.store.database import Database
from graphsvc.store.search_text import MAX_SEARCH_CHARACTERS, MAX_SEARCH_WORDS

GRAPHQL_RESPONSE = "application/graphql-response+json"
SURROGATE = "\udc00"

STRING_ARGUMENTS: dict[str, tuple[str, dict[str, Any]]] = {
    "entity.slug": ("query($v: String!) { entity(slug: $v) { slug } }", {}),
    "search.text": ("query($v: String!) { search(text: $v) { exact } }", {}),
    "partners.of": ("query($v: String!) { partners(of: $v) { weight } }", {}),
    "connection.from": (
        'query($v: String!) { connection(from: $v, to: "medcities") { hops } }',
        {},
    ),
    "connection.to": ('query($v: String!) { connection(from: "medcities", to: $v) { hops } }', {}),
    "fundingTrace.funder": ("query($v: String!) { fundingTrace(funder: $v) { __typename } }", {}),
    "moneyTrace.funder": ("query($v: String!) { moneyTrace(funder: $v) { __typename } }", {}),
    "node.id": ("query($v: ID!) { node(id: $v) { id } }", {}),
    "filter.name": (
        "query($v: String) { institutions(filter: {name: $v}) { totalCount } }",
        {},
    ),
    "filter.country": (
        "query($v: String) { cities(filter: {country: $v}) { totalCount } }",
        {},
    ),
    "filter.funder": (
        "query($v: String) { programmes(filter: {funder: $v}) { totalCount } }",
        {},
    ),
    "filter.slugs": ("query($v: [String!]) { events(filter: {slugs: $v}) { totalCount } }", {}),
    "after": ("query($v: String) { cities(after: $v) { totalCount } }", {}),
}


def post_ascii(api: Api, query: str, variables: dict[str, Any]) -> httpx.Response:
    """POST with the JSON escaped to ASCII, as a client may send a lone surrogate (`\\udc00`)."""
    return api.client.post(
        "/graphql",
        content=json.dumps({"query": query, "variables": variables}),
        headers={"content-type": "application/json", "accept": GRAPHQL_RESPONSE},
    )


def test_fragment_fan_out_is_refused_while_health_checks_answer(api: Api) -> None:
    fan = fan_out(22)
    assert len(fan) < 1000  # the 23-level document of issue 10
    deeper = fan_out(300)  # would never finish if each spread were walked again

    def attack(query: str) -> httpx.Response:
        return api.post(query, accept=GRAPHQL_RESPONSE)

    def health(_: int) -> int:
        return api.client.get("/healthz").status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        attacks = [pool.submit(attack, q) for q in (fan, deeper) * 4]
        checks = list(pool.map(health, range(8)))
        responses = [a.result() for a in attacks]
    assert checks == [200] * 8
    for response in responses:
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX", error
        assert "counting each fragment spread" in error["message"]
        assert round_trips(response) == 0


def test_variable_defaults_cannot_bypass_first(api: Api) -> None:
    for default in (1000, -5):
        query = f"query($f: Int = {default}) {{ institutions(first: $f) {{ nodes {{ slug }} }} }}"
        response = api.post(query, accept=GRAPHQL_RESPONSE)
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert f"got {default}" in error["message"]
        assert round_trips(response) == 0
    kept = api.data("query($f: Int = 3) { institutions(first: $f) { nodes { slug } } }")
    assert len(kept["institutions"]["nodes"]) == 3


def test_deeply_nested_json_is_a_client_error(api: Api) -> None:
    deep = "[" * 5000 + "]" * 5000
    bodies = (
        deep,
        '{"query": "{ __typename }", "variables": {"v": ' + deep + "}}",
    )
    for body in bodies:
        response = api.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "nests JSON more than" in error["message"]
    response = api.client.get("/graphql", params={"query": "{ __typename }", "variables": deep})
    assert response.status_code == 400
    assert "the `variables` query parameter nests JSON" in response.json()["errors"][0]["message"]


def test_forged_cursors_are_bad_input(api: Api) -> None:
    def encoded(value: Any) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()

    deep = base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode()
    nested_value = encoded(["City", "name", False, [[[["x"]]]], "tunis"])
    surrogate = encoded(["City", "name", False, SURROGATE, "tunis"])
    too_big = [encoded(["City", "name", False, v, "tunis"]) for v in (2**63, -(2**63) - 1)]
    for cursor in (deep, nested_value, surrogate, *too_big):
        errors = api.errors(
            "query($a: String) { cities(after: $a) { nodes { slug } } }", {"a": cursor}
        )
        assert errors[0]["extensions"]["code"] == "BAD_USER_INPUT", errors
        assert "is not a cursor returned by this API" in errors[0]["message"]


@pytest.mark.parametrize("argument", sorted(STRING_ARGUMENTS))
def test_a_lone_surrogate_in_any_string_argument_is_bad_input(api: Api, argument: str) -> None:
    query, _ = STRING_ARGUMENTS[argument]
    value: Any = [SURROGATE] if argument == "filter.slugs" else f"x{SURROGATE}"
    response = post_ascii(api, query, {"v": value})
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert "lone UTF-16 surrogate" in error["message"]
    assert argument.split(".")[-1] in error["message"]
    assert round_trips(response) == 0


def test_a_lone_surrogate_in_a_mutation_input_is_bad_input(api: Api) -> None:
    query = "mutation($i: InstitutionInput!) { createInstitution(input: $i) { slug } }"
    response = post_ascii(api, query, {"i": {"slug": "x", "name": f"a{SURROGATE}"}})
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "`$i.name` (the argument `input`)" in error["message"]


def test_search_text_too_long_is_bad_input_stating_the_limit(api: Api) -> None:
    query = "query($t: String!) { search(text: $t) { node { slug } } }"
    for text, limit in (
        ("a" * 1001, f"at most {MAX_SEARCH_CHARACTERS} are allowed"),
        ("ab " * 2000, f"at most {MAX_SEARCH_CHARACTERS} are allowed"),
        ("ab " * (MAX_SEARCH_WORDS + 1), f"at most {MAX_SEARCH_WORDS} are allowed"),
    ):
        error = api.errors(query, {"t": text})[0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", error
        assert limit in error["message"]
    api.data(query, {"t": "medcities " * 3 + "a" * (MAX_SEARCH_CHARACTERS - 40)})
    api.data(query, {"t": " ".join(["tunis"] * MAX_SEARCH_WORDS)})


INTROSPECTION = "{ __schema { queryType { name } } }"


@pytest.fixture(scope="module")
def production_api(seeded_once: Database, settings: Settings) -> Iterator[Api]:
    production = ApiSettings.from_env({"GRAPHSVC_ENV": "production"})
    with serve(settings, production) as served, httpx.Client(base_url=served.url) as client:
        yield Api(client)


def test_introspection_is_off_for_anonymous_callers_in_production(
    production_api: Api, seeded_once: Database
) -> None:
    response = production_api.post(INTROSPECTION, accept=GRAPHQL_RESPONSE)
    assert response.status_code == 401
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "GRAPHSVC_INTROSPECTION" in error["message"]
    hidden = 'query { ...T } fragment T on Query { __type(name: "City") { name } }'
    assert production_api.post(hidden).status_code == 401
    assert production_api.data('{ __typename entity(slug: "medcities") { slug } }')
    _, reader = create_key(seeded_once, "introspection reader", "reader")
    assert production_api.data(INTROSPECTION, key=reader)["__schema"]["queryType"]["name"]


def test_graphiqls_introspection_works_in_development(api: Api) -> None:
    from graphql import get_introspection_query

    full = get_introspection_query(descriptions=True, input_value_deprecation=True)
    assert len(api.data(full)["__schema"]["types"]) > 100


def test_field_suggestions_only_where_the_schema_is_open(
    seeded_once: Database, settings: Settings
) -> None:
    """ "Did you mean" maps the schema: none in production, none without a key where reads
    need one; in development with public reads it helps, as before."""
    reader = create_key(seeded_once, "suggestions reader", "reader")[1]
    typo = {"query": '{ entiti(slug: "tunis") { slug } }'}
    variable = {
        "query": "query($o: CityOrder) { cities(orderBy: $o) { nodes { slug } } }",
        "variables": {"o": {"field": "NAM"}},
    }

    def messages(url: str, body: dict[str, Any], key: str | None = None) -> str:
        headers = {"authorization": f"Bearer {key}"} if key else {}
        response = httpx.post(f"{url}/graphql", json=body, headers=headers, timeout=60)
        return " ".join(error["message"] for error in response.json()["errors"])

    with serve(settings, ApiSettings()) as open_:
        assert "Did you mean 'entity'?" in messages(open_.url, typo)
        # An enum value in a variable's input object that does not exist is the caller's
        # mistake (it was INTERNAL): BAD_USER_INPUT, with its suggestion here.
        wrong = httpx.post(f"{open_.url}/graphql", json=variable, timeout=60).json()["errors"]
        assert wrong[0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "Did you mean the enum value 'NAME'?" in wrong[0]["message"]
    with serve(settings, ApiSettings(environment="production")) as production:
        for body in (typo, variable):
            for key in (None, reader):
                text = messages(production.url, body, key)
                assert "Did you mean" not in text and ("entiti" in text or "NAM" in text)
    with serve(settings, ApiSettings(read_access="key")) as keyed:
        assert "Did you mean" not in messages(keyed.url, typo)
        assert "Did you mean 'entity'?" in messages(keyed.url, typo, reader)
