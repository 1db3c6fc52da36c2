"""The stored name order key (`name_sort`) follows every name that is written.

The lists order by the stored key, so a name written without it, or a rename that left it behind,
would put a node in the wrong place of every list. Checked after a load, after creating and
renaming through the API, after an older graph without keys is brought up to date, and in the
order a list then shows.
"""

from __future__ import annotations

import pytest
from conftest import Api

from graphsvc.model import MODEL
from graphsvc.service.keys import create_key
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database

OUT_OF_STEP = """
MATCH (n:Entity) WHERE n.name IS NOT NULL AND coalesce(n.name_sort <> toLower(n.name), true)
RETURN n.id AS id, n.name AS name, n.name_sort AS key ORDER BY id
"""


def out_of_step(database: Database) -> list[dict[str, object]]:
    return database.read(OUT_OF_STEP)


@pytest.fixture
def editor(database: Database, fresh_api: Api) -> str:
    return create_key(database, "test editor", "editor")[1]


def test_loaded_created_and_renamed_nodes_keep_their_key(
    database: Database, fresh_api: Api, editor: str
) -> None:
    assert out_of_step(database) == []
    fresh_api.data(
        'mutation { createInstitution(input: {slug: "zz-new", name: "Ålesund Ports", '
        'category: CITY_NETWORK, sources: ["002_6b4a5633911ede0b.txt"]}) { slug } }',
        key=editor,
    )
    fresh_api.data(
        'mutation { updateInstitution(slug: "medcities", patch: {name: "aaa First Now"}) '
        "{ name } }",
        key=editor,
    )
    assert out_of_step(database) == []
    first = fresh_api.data("{ institutions(first: 1) { nodes { slug } } }")
    assert first["institutions"]["nodes"] == [{"slug": "medcities"}]


def test_an_older_graph_gets_its_keys_when_the_schema_is_applied(
    database: Database, fresh_api: Api
) -> None:
    database.write("MATCH (n:Entity) REMOVE n.name_sort")
    assert out_of_step(database) != []
    ensure_schema(database, MODEL)
    assert out_of_step(database) == []
    ensure_schema(database, MODEL)  # nothing left to fill: the second run changes nothing
    assert out_of_step(database) == []
