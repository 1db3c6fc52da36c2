"""The only code in graphsvc that deletes a whole graph, and the guard that keeps it to tests.

A database counts as a test database when it carries graphsvc's marker node, which
`claim_test_database` writes only into an empty database. A database with data and no marker (a
person's seeded graph, a production server reached through NEO4J_URI by mistake) is refused.
"""

from __future__ import annotations

from neo4j import Query

from graphsvc.errors import UnsafeDatabaseError
from graphsvc.store.database import Database

TEST_MARKER_LABEL = "GraphsvcTestDatabase"
WIPE_TIMEOUT_S = 3600.0
"""Seconds a whole wipe may take (each of its batches is its own short transaction)."""


def claim_test_database(database: Database) -> None:
    """Mark the database as a test database; refuse if it holds data and is not marked already."""
    rows = database.read(
        f"""
        OPTIONAL MATCH (m:{TEST_MARKER_LABEL})
        WITH count(m) AS markers
        OPTIONAL MATCH (n) WHERE NOT n:{TEST_MARKER_LABEL}
        RETURN markers, count(n) AS others
        """
    )
    markers, others = rows[0]["markers"], rows[0]["others"]
    if markers == 0 and others > 0:
        raise UnsafeDatabaseError(
            f"refusing to use {database.uri} (database {database.name!r}) for tests: it holds "
            f"{others} nodes and is not marked as a graphsvc test database. Point the tests at "
            "an empty database or at the managed 'test' instance."
        )
    if markers == 0:
        database.write(f"CREATE (:{TEST_MARKER_LABEL} {{purpose: 'graphsvc test database'}})")


def wipe_test_database(database: Database) -> None:
    """Delete every node but the marker, after checking the marker is there.

    In batches of auto-committed transactions, relationships first: one transaction deleting a
    benchmark's 50,000 nodes, or a batch holding a Source that supports 100,000 of them, outgrows
    the transaction memory of the managed server's small heap. The statement around the batches
    gets `WIPE_TIMEOUT_S`, not the API's query timeout: wiping a benchmark's 250,000 nodes takes
    longer than any single query should.
    """
    claim_test_database(database)
    with database.session() as session:
        session.run(
            Query(
                "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                timeout=WIPE_TIMEOUT_S,
            )
        ).consume()
        session.run(
            Query(
                f"MATCH (n) WHERE NOT n:{TEST_MARKER_LABEL} "
                "CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
                timeout=WIPE_TIMEOUT_S,
            )
        ).consume()
