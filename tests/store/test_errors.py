"""Every driver error leaves `store` as a graphsvc error, met on the real Neo4j test instance."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphsvc.config import Settings
from graphsvc.errors import (
    AuthenticationError,
    DatabaseFailure,
    DatabaseUnavailable,
    QueryRefused,
    QueryTooLarge,
)
from graphsvc.neo4j_server import ManagedInstance
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j


def test_a_shortest_path_with_equal_ends_is_refused_not_unreachable(empty_db: Database) -> None:
    empty_db.write("CREATE (:Institution:Entity {id: 'probe-same-ends', name: 'Probe'})")
    with pytest.raises(QueryRefused, match="two different ends") as refused:
        empty_db.read(
            "MATCH (a:Entity {id: $id}), (b:Entity {id: $id}) "
            "MATCH p = shortestPath((a)-[*..4]-(b)) RETURN length(p) AS hops",
            id="probe-same-ends",
        )
    assert not isinstance(refused.value, DatabaseUnavailable)
    assert refused.value.code == "Neo.DatabaseError.Statement.ExecutionFailed"


def test_a_bad_argument_is_refused_with_neo4j_s_reason(empty_db: Database) -> None:
    with pytest.raises(QueryRefused, match="LIMIT") as refused:
        empty_db.read("MATCH (n) RETURN n LIMIT $limit", limit=-4)
    assert refused.value.code == "Neo.ClientError.Statement.ArgumentError"


def test_a_lone_surrogate_is_refused_before_it_reaches_neo4j(empty_db: Database) -> None:
    with pytest.raises(QueryRefused, match="not valid Unicode"):
        empty_db.read("RETURN $text AS text", text="\udc00")


def test_a_statement_of_ours_that_neo4j_cannot_parse_is_an_internal_failure(
    empty_db: Database,
) -> None:
    with pytest.raises(DatabaseFailure) as failed:
        empty_db.read("MATCH (n RETURN n")
    assert "SyntaxError" in str(failed.value)
    assert "SyntaxError" in str(failed.value.__cause__)  # the cause stays for the log


def test_a_transaction_over_the_memory_limit_says_what_to_do(
    empty_db: Database, settings: Settings
) -> None:
    # About 100 bytes a row: 4 million rows outgrow the 70 % of a 512m heap that Neo4j allows
    # all transactions together (dbms.memory.transaction.total.max), whatever the heap.
    heap = settings.heap_size.lower()
    heap_mb = int(heap[:-1]) * (1024 if heap.endswith("g") else 1)
    rows = 4_000_000 * max(1, heap_mb // 512)
    with pytest.raises(QueryTooLarge) as too_large, empty_db.session() as session:
        session.run(  # auto-commit: no retries of a transient error that no retry cures
            "UNWIND range(1, $rows) AS i WITH collect(toString(i) + $padding) AS texts "
            "RETURN size(texts) AS n",
            rows=rows,
            padding="-" * 100,
        ).consume()
    message = str(too_large.value)
    assert "GRAPHSVC_NEO4J_HEAP" in message and "in parts" in message
    assert "threshold reached" in message  # Neo4j's own words, for whoever searches them


def test_wrong_credentials_are_an_authentication_error(settings: Settings) -> None:
    if not settings.uses_managed_server:
        pytest.skip("needs the managed test instance (NEO4J_URI is set)")
    credentials = ManagedInstance(settings, "test").credentials()
    wrong = replace(settings, neo4j_uri=credentials.uri, neo4j_password="not-the-password")
    with pytest.raises(AuthenticationError, match="NEO4J_PASSWORD"):
        Database.connect(wrong, "test")
