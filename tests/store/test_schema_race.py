"""Many processes making the schema at once on a fresh database: every one of them succeeds.

Each caller has its own driver, as separate processes (API replicas, a loader, a CLI) do. Sharing
one driver's pool between sixteen threads tests something else: with Neo4j answering most of the
racing DDL with deadlock errors, the driver's retries starved its pool (a thread waited 60 s for a
connection in 1 run of 5 under load, and a CI run hung on it).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from graphsvc.config import Settings
from graphsvc.model import MODEL
from graphsvc.store.constraints import ensure_schema, expected_schema_names, missing_schema
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j

CALLERS = 8
ROUNDS = 4
TEST_INSTANCE = "test"


def drop_schema(database: Database) -> None:
    """Remove graphsvc's constraints and indexes (the database is a wiped test database)."""
    for name in sorted(expected_schema_names(MODEL)):
        database.write(f"DROP CONSTRAINT {name} IF EXISTS")
        database.write(f"DROP INDEX {name} IF EXISTS")


def test_simultaneous_first_loads_all_make_the_schema(
    empty_db: Database, settings: Settings
) -> None:
    """Each round drops the schema and lets 8 callers, released together, make it again."""
    callers = [Database.connect(settings, TEST_INSTANCE) for _ in range(CALLERS)]
    start = threading.Barrier(CALLERS)

    def first_load(caller: Database) -> None:
        start.wait()
        ensure_schema(caller, MODEL)

    try:
        for _ in range(ROUNDS):
            drop_schema(empty_db)
            assert missing_schema(empty_db, MODEL) == expected_schema_names(MODEL)
            with ThreadPoolExecutor(CALLERS) as pool:
                list(pool.map(first_load, callers))  # re-raises a caller's exception
            assert missing_schema(empty_db, MODEL) == set()
    finally:
        for caller in callers:
            caller.close()
        ensure_schema(empty_db, MODEL)
