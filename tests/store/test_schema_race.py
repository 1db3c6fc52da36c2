"""Many processes making the schema at once on a fresh database: every one of them succeeds."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from graphsvc.model import MODEL
from graphsvc.store.constraints import ensure_schema, expected_schema_names, missing_schema
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j

CALLERS = 16
ROUNDS = 8


def drop_schema(database: Database) -> None:
    """Remove graphsvc's constraints and indexes (the database is a wiped test database)."""
    for name in sorted(expected_schema_names(MODEL)):
        database.write(f"DROP CONSTRAINT {name} IF EXISTS")
        database.write(f"DROP INDEX {name} IF EXISTS")


def test_simultaneous_first_loads_all_make_the_schema(empty_db: Database) -> None:
    """Each round drops the schema and lets 16 callers, released together, make it again."""
    start = threading.Barrier(CALLERS)

    def first_load(_: int) -> None:
        start.wait()
        ensure_schema(empty_db, MODEL)

    try:
        for _ in range(ROUNDS):
            drop_schema(empty_db)
            assert missing_schema(empty_db, MODEL) == expected_schema_names(MODEL)
            with ThreadPoolExecutor(CALLERS) as pool:
                list(pool.map(first_load, range(CALLERS)))  # re-raises a caller's exception
            assert missing_schema(empty_db, MODEL) == set()
    finally:
        ensure_schema(empty_db, MODEL)
