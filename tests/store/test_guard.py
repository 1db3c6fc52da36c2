"""The test fixtures refuse to wipe a database that is not marked as a test database."""

import pytest

from graphsvc.errors import UnsafeDatabaseError
from graphsvc.store.database import Database
from graphsvc.store.guard import TEST_MARKER_LABEL, claim_test_database, wipe_test_database

pytestmark = pytest.mark.neo4j


def test_unmarked_database_with_data_is_refused(empty_db: Database) -> None:
    empty_db.write(f"MATCH (m:{TEST_MARKER_LABEL}) DELETE m")
    empty_db.write("CREATE (:Institution:Entity {id: 'precious', name: 'Precious data'})")
    try:
        with pytest.raises(UnsafeDatabaseError, match="refusing to use"):
            wipe_test_database(empty_db)
        assert empty_db.read("MATCH (n {id: 'precious'}) RETURN count(n) AS c")[0]["c"] == 1
    finally:
        empty_db.write("MATCH (n {id: 'precious'}) DELETE n")
        claim_test_database(empty_db)


def test_empty_database_is_claimed_then_wiped(empty_db: Database) -> None:
    empty_db.write("CREATE (:Theme:Entity {id: 'scratch', name: 'Scratch'})")
    wipe_test_database(empty_db)
    rows = empty_db.read("MATCH (n) RETURN labels(n) AS labels")
    assert rows == [{"labels": [TEST_MARKER_LABEL]}]
