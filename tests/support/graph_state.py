"""The graph a test starts from, rebuilt only when something may have changed it.

Wiping the test database and loading the seeds again costs a few seconds on a loaded machine, and
most tests only read. So `empty_db`, `seeded`, `seeded_once` and the API's `reseed` ask
`GraphState` for a graph; it remembers which graph it last left (empty, or the seeds) and a
fingerprint of it, and rebuilds only when the fingerprint moved or the test's own connection wrote.

The fingerprint is the data version (`graphsvc.store.data_version`: every write path of graphsvc
bumps it, from the API's server thread, a CLI subprocess or a library call alike), the counts of
nodes and relationships (Neo4j keeps them in its count store, so they cost nothing), and the
names of the indexes and constraints. The counter alone is not enough: a test's own Cypher
(`database.write("... SET ...")`) or a wipe does not bump it, and a wipe resets it to the number a
reload reaches again. Such writes go through the `database` fixture's connection, which notes
every write it is asked for (`WatchedDatabase.touched`), so they rebuild the graph too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from neo4j import Session

from graphsvc.ingest.loader import LoadResult, load
from graphsvc.model import MODEL
from graphsvc.store import data_version
from graphsvc.store.database import Database
from graphsvc.store.guard import wipe_test_database

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

Graph = Literal["empty", "seeds"]


class WatchedDatabase(Database):
    """The tests' connection to the test database, noting when it may have written.

    `read` runs in a read transaction, which Neo4j refuses to let write; every other way in
    (`write`, `session`) counts as a write, even when a session only read: a needless reload
    costs seconds, a missed one a wrong test.
    """

    touched = False
    state: GraphState | None = None
    """Set by the GraphState that keeps this connection's graph."""
    _reading = 0

    @contextmanager
    def session(self) -> Iterator[Session]:
        if not self._reading:
            self.touched = True
        with super().session() as session:
            yield session

    def read(self, query: str, /, **parameters: Any) -> list[dict[str, Any]]:
        self._reading += 1
        try:
            return super().read(query, **parameters)
        finally:
            self._reading -= 1

    def write(self, query: str, /, **parameters: Any) -> list[dict[str, Any]]:
        self.touched = True
        return super().write(query, **parameters)


@dataclass(frozen=True)
class Fingerprint:
    """What a write moves: the data version, the counts, the schema's names."""

    version: int
    nodes: int
    relationships: int
    schema: tuple[str, ...]


def fingerprint(database: Database) -> Fingerprint:
    counts = database.read(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } "
        "RETURN nodes, relationships"
    )[0]
    indexes = database.read("SHOW INDEXES YIELD name RETURN name")
    constraints = database.read("SHOW CONSTRAINTS YIELD name RETURN name")
    return Fingerprint(
        data_version.current_sync(database),
        int(counts["nodes"]),
        int(counts["relationships"]),
        tuple(sorted(row["name"] for row in [*indexes, *constraints])),
    )


@dataclass(frozen=True)
class _Left:
    graph: Graph
    fingerprint: Fingerprint
    result: LoadResult | None


class GraphState:
    """The graph last left in the test database, and how often it was rebuilt or kept."""

    def __init__(self, database: WatchedDatabase) -> None:
        self.database = database
        database.state = self
        self.left: _Left | None = None
        self.counts: Counter[str] = Counter()

    def empty(self) -> None:
        """Leave nothing in the database but the test marker."""
        if self._unchanged("empty"):
            self.counts["empty kept"] += 1
            return
        wipe_test_database(self.database)
        self.counts["wiped"] += 1
        self._left("empty", None)

    def seeds(self) -> LoadResult:
        """Leave exactly the repository's seeds in the database; what loading them wrote."""
        if self._unchanged("seeds"):
            assert self.left is not None and self.left.result is not None
            self.counts["seeds kept"] += 1
            return self.left.result
        wipe_test_database(self.database)
        result = load(SEEDS, MODEL, self.database)
        self.counts["seeds loaded"] += 1
        self._left("seeds", result)
        return result

    def _unchanged(self, graph: Graph) -> bool:
        left = self.left
        return (
            left is not None
            and left.graph == graph
            and not self.database.touched
            and fingerprint(self.database) == left.fingerprint
        )

    def _left(self, graph: Graph, result: LoadResult | None) -> None:
        self.database.touched = False
        self.left = _Left(graph, fingerprint(self.database), result)


def ensure_seeds(database: Database) -> LoadResult:
    """The seeds in `database`, reloaded only when needed if it is the fixture's connection."""
    if isinstance(database, WatchedDatabase) and database.state is not None:
        return database.state.seeds()
    wipe_test_database(database)
    return load(SEEDS, MODEL, database)
