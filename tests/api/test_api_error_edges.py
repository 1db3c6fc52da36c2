"""Errors converted once at the edge: what Neo4j refuses is the caller's input, not an outage."""

from __future__ import annotations

import pytest
from conftest import Api, round_trips

from graphsvc.service.keys import create_key
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j


def test_a_map_path_with_equal_ends_is_refused_with_a_clear_message(api: Api) -> None:
    response = api.client.get("/maps/path", params={"id": "medcities", "to": "medcities"})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/plain")
    assert "parameter 'to': a path needs two different ends" in response.text
    assert "not reachable" not in response.text


def test_what_neo4j_refuses_is_bad_input_not_an_internal_error_or_an_outage(api: Api) -> None:
    response = api.post("query($f: Int = -5) { institutions(first: $f) { nodes { slug } } }")
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert response.status_code != 503 and "retry-after" not in response.headers


def test_the_api_key_lookup_counts_as_a_round_trip(api: Api, seeded_once: Database) -> None:
    reader = create_key(seeded_once, "round-trip counter", "reader")[1]
    anonymous = api.post("{ __typename }")
    with_key = api.post("{ __typename }", key=reader)
    assert anonymous.status_code == with_key.status_code == 200
    assert round_trips(anonymous) == 0
    assert round_trips(with_key) == 1
    page = api.client.get("/maps/overview", headers={"authorization": f"Bearer {reader}"})
    assert page.status_code == 200
    assert round_trips(page) > 1  # the lookup and the map's own reads
