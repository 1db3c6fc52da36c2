"""Every field of every type reachable from every root query field answers without INTERNAL.

The queries are generated from the schema's own introspection, so a field added tomorrow is
covered tomorrow: each type is expanded in full once per root field, at the shallowest depth it
is reachable (breadth first), with `first: 2` on every list and arguments taken from the data.
Run on the seeded graph and on the seeds with the real IATI sample imported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import Api, reseed, serve
from graphql import get_introspection_query

from graphsvc.config import Settings
from graphsvc.iati.importer import import_iati
from graphsvc.service.settings import ApiSettings, Limits
from graphsvc.store.database import Database

IATI_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "iati" / "activities.xml"
"""d-portal's 100 real activities, committed (tests/data/iati/README.md), so this always runs."""
pytestmark = pytest.mark.slow  # every field of the schema, one request each: minutes
UNBOUNDED = ApiSettings(
    query_timeout_s=300,
    limits=Limits(
        max_tokens=1_000_000,
        max_depth=1_000,
        max_aliases=1_000,
        max_fields=1_000_000,
        max_cost=10**12,
    ),
)
"""The limits are tested elsewhere; here the generated queries must all run."""


class QueryWriter:
    """Writes one query per root field from an introspection result."""

    def __init__(self, schema: dict[str, Any], arguments: dict[str, str]) -> None:
        self.types = {t["name"]: t for t in schema["types"]}
        self.arguments = arguments

    def root_queries(self) -> Iterator[tuple[str, str]]:
        for root in self.types["Query"]["fields"]:
            arguments = self._arguments(root)
            if arguments is None:
                continue
            target = _named(root["type"])
            levels = self._levels(target)
            selection = self._selection(target, 1, levels, set())
            yield root["name"], f"{{ {root['name']}{arguments} {selection} }}"

    def _arguments(self, field: dict[str, Any]) -> str | None:
        given = []
        for argument in field["args"]:
            if argument["name"] == "first":
                given.append("first: 2")
            elif argument["name"] in self.arguments:
                given.append(f"{argument['name']}: {self.arguments[argument['name']]}")
            elif argument["type"]["kind"] == "NON_NULL" and argument["defaultValue"] is None:
                return None  # a required argument the table does not know: skip the field
        return f"({', '.join(given)})" if given else ""

    def _levels(self, start: str) -> dict[str, int]:
        """Each type's shallowest depth below `start` (breadth first)."""
        levels = {start: 1}
        queue = deque([start])
        while queue:
            name = queue.popleft()
            for child in self._children(name):
                if child not in levels:
                    levels[child] = levels[name] + 1
                    queue.append(child)
        return levels

    def _children(self, name: str) -> list[str]:
        kind = self.types[name]
        found = [_named(f["type"]) for f in kind["fields"] or []]
        found += [t["name"] for t in kind["possibleTypes"] or []]
        return [n for n in found if self.types[n]["kind"] in ("OBJECT", "INTERFACE", "UNION")]

    def _selection(
        self, name: str, depth: int, levels: dict[str, int], done: set[str], on: str = ""
    ) -> str:
        """`name`'s fields; inside `... on T` (`on`) each aliased `T_field`, so that fields of
        one name but different types on different kinds (`category`) do not conflict."""
        kind = self.types[name]
        alias = f"{on}_" if on else ""
        if name in done or levels.get(name) != depth:
            return "{ __typename }"
        done.add(name)
        parts = ["__typename"]
        for field in kind["fields"] or []:
            arguments = self._arguments(field)
            if arguments is None:
                continue
            target = _named(field["type"])
            selected = f"{alias}{field['name']}: {field['name']}{arguments}"
            if self.types[target]["kind"] in ("SCALAR", "ENUM"):
                parts.append(selected)
            else:
                inner = self._selection(target, depth + 1, levels, done)
                parts.append(f"{selected} {inner}")
        for possible in kind["possibleTypes"] or []:
            inner = self._selection(possible["name"], depth + 1, levels, done, on=possible["name"])
            parts.append(f"... on {possible['name']} {inner}")
        return "{ " + " ".join(parts) + " }"


def _named(type_ref: dict[str, Any]) -> str:
    while type_ref["name"] is None:
        type_ref = type_ref["ofType"]
    return str(type_ref["name"])


@pytest.fixture(scope="module")
def unbounded(database: Database, settings: Settings) -> Iterator[Api]:
    with (
        serve(settings, UNBOUNDED) as served,
        httpx.Client(base_url=served.url, timeout=600) as client,
    ):
        yield Api(client)


def internal_errors(api: Api, funder: str) -> dict[str, list[Any]]:
    schema = api.data(get_introspection_query())["__schema"]
    node_id = api.data('{ entity(slug: "medcities") { id } }')["entity"]["id"]
    arguments = {
        "slug": '"medcities"',
        "id": f'"{node_id}"',
        "text": '"medcities"',
        "of": '"medcities"',
        "from": '"medcities"',
        "to": '"tunis"',
        "funder": f'"{funder}"',
    }
    found: dict[str, list[Any]] = {}
    for root, query in QueryWriter(schema, arguments).root_queries():
        response = api.post(query)
        assert response.status_code != 500, (root, response.text[:500])
        errors = response.json().get("errors", [])
        assert all(e.get("path") for e in errors), (root, errors)  # it ran: no refusal
        internal = [e for e in errors if e["extensions"]["code"] == "INTERNAL"]
        if internal:
            found[root] = internal
    return found


def test_every_field_answers_on_the_seeded_graph(database: Database, unbounded: Api) -> None:
    reseed(database)
    assert internal_errors(unbounded, "european-union") == {}


def test_every_field_answers_with_the_iati_sample(database: Database, unbounded: Api) -> None:
    reseed(database)
    import_iati(database, [IATI_SAMPLE], progress=lambda _: None)
    funders = unbounded.data(
        '{ funders(first: 1, filter: {name: "European"}) { nodes { slug } } }'
    )["funders"]["nodes"]
    assert internal_errors(unbounded, funders[0]["slug"] if funders else "european-union") == {}
