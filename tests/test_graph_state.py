"""The test graph is rebuilt after every kind of write, and kept when nothing wrote.

`empty_db`, `seeded`, `seeded_once` and the API's `reseed` skip the wipe and the reload when the
graph is as they last left it (tests/support/graph_state.py). A wrongly skipped reload would let
one test's writes leak into the next, so each way a test can write is tried here: the server's
write paths (which bump the data version), a test's own Cypher through the `database` fixture
(which bumps nothing), nodes created through a connection of its own, and a changed schema.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from graph_state import GraphState, WatchedDatabase

from graphsvc.config import Settings
from graphsvc.ingest.loader import LoadResult
from graphsvc.store import data_version
from graphsvc.store.database import Database

TEST_INSTANCE = "test"
CHANGED = "changed by a test"


@pytest.fixture
def state(database: Database) -> GraphState:
    assert isinstance(database, WatchedDatabase) and database.state is not None
    return database.state


@pytest.fixture
def other(settings: Settings, database: Database) -> Iterator[Database]:
    """A connection of its own, as the API's server thread or a CLI subprocess has."""
    with Database.connect(settings, TEST_INSTANCE) as connection:
        yield connection


def first_id(result: LoadResult) -> str:
    return result.data.nodes[0].id


def name_of(database: Database, node_id: str) -> str | None:
    rows = database.read("MATCH (n {id: $id}) RETURN n.name AS name", id=node_id)
    return rows[0]["name"] if rows else None


def test_a_test_that_writes_leaves_the_graph_changed(seeded: LoadResult, other: Database) -> None:
    """With the next test, the pair fails if `seeded` keeps a graph a test wrote to."""
    other.write(
        f"MATCH (n {{id: $id}}) SET n.name = $changed {data_version.BUMP}",
        id=first_id(seeded),
        changed=CHANGED,
    )
    assert name_of(other, first_id(seeded)) == CHANGED


def test_the_next_test_gets_the_seeds_again(seeded: LoadResult, database: Database) -> None:
    assert name_of(database, first_id(seeded)) == seeded.data.nodes[0].properties["name"]


def test_a_graph_nobody_wrote_to_is_kept(state: GraphState, database: Database) -> None:
    state.seeds()
    loaded = state.counts["seeds loaded"]
    state.seeds()
    database.read("MATCH (n) RETURN count(n) AS nodes")  # reading writes nothing
    state.seeds()
    assert state.counts["seeds loaded"] == loaded


def test_a_bumped_version_reloads(state: GraphState, other: Database) -> None:
    node_id = first_id(state.seeds())
    loaded = state.counts["seeds loaded"]
    other.write(
        f"MATCH (n {{id: $id}}) SET n.name = $changed {data_version.BUMP}",
        id=node_id,
        changed=CHANGED,
    )
    state.seeds()
    assert state.counts["seeds loaded"] == loaded + 1
    assert name_of(other, node_id) != CHANGED


def test_the_tests_own_cypher_reloads(state: GraphState, database: Database) -> None:
    """A test's own SET bumps no version and changes no count: the fixture's connection saw it."""
    node_id = first_id(state.seeds())
    loaded = state.counts["seeds loaded"]
    database.write("MATCH (n {id: $id}) SET n.name = $changed", id=node_id, changed=CHANGED)
    state.seeds()
    assert state.counts["seeds loaded"] == loaded + 1
    assert name_of(database, node_id) != CHANGED


def test_a_node_created_elsewhere_reloads(state: GraphState, other: Database) -> None:
    """A node created without bumping the version (a stored map analysis) changes the counts."""
    state.seeds()
    loaded = state.counts["seeds loaded"]
    other.write("CREATE (:GraphStateProbe)")
    state.seeds()
    assert state.counts["seeds loaded"] == loaded + 1
    assert other.read("MATCH (p:GraphStateProbe) RETURN count(p) AS n")[0]["n"] == 0


def test_a_changed_schema_reloads(state: GraphState, other: Database) -> None:
    state.seeds()
    loaded = state.counts["seeds loaded"]
    other.write("CREATE INDEX graph_state_probe IF NOT EXISTS FOR (p:GraphStateProbe) ON (p.x)")
    try:
        state.seeds()
    finally:
        other.write("DROP INDEX graph_state_probe IF EXISTS")
    assert state.counts["seeds loaded"] == loaded + 1


def test_empty_is_wiped_again_after_a_write(state: GraphState, other: Database) -> None:
    state.empty()
    wiped = state.counts["wiped"]
    state.empty()
    assert state.counts["wiped"] == wiped
    other.write("CREATE (:GraphStateProbe)")
    state.empty()
    assert state.counts["wiped"] == wiped + 1
    assert other.read("MATCH (p:GraphStateProbe) RETURN count(p) AS n")[0]["n"] == 0
