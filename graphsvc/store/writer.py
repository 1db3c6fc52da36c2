"""
Write validated GraphData to Neo4j: batched UNWIND ... MERGE, all in one transaction.

One transaction makes a load all-or-nothing: if any statement fails, nothing of the load remains.
MERGE on `id` (and on the endpoints and type of a relationship) makes a second load of the same
data a no-op, and the outcome of every row (created, updated, unchanged) is counted by comparing
the stored properties with the new ones before they are set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import Transaction
from neo4j.exceptions import ConstraintError, Neo4jError

from graphsvc.errors import DatabaseError
from graphsvc.ingest.records import GraphData, NodeRecord, RelationshipRecord
from graphsvc.model.domain import ENTITY_LABEL, FUNDER_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.model.types import DomainModel
from graphsvc.store.database import Database
from graphsvc.store.encode import node_row, relationship_row

BATCH_SIZE = 500
Progress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total) after every batch."""

OUTCOMES = ("created", "updated", "unchanged")
Record = TypeVar("Record", NodeRecord, RelationshipRecord)


@dataclass
class Outcomes:
    """How many rows of one kind were created, updated or left unchanged."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome: str, count: int) -> None:
        setattr(self, outcome, getattr(self, outcome) + count)


@dataclass
class LoadReport:
    """What a load did, per node label and relationship type."""

    nodes: dict[str, Outcomes] = field(default_factory=dict)
    relationships: dict[str, Outcomes] = field(default_factory=dict)
    provenance_created: int = 0
    provenance_removed: int = 0

    def totals(self) -> Outcomes:
        """Sums over every node label and relationship type."""
        total = Outcomes()
        for outcomes in (*self.nodes.values(), *self.relationships.values()):
            for name in OUTCOMES:
                total.add(name, getattr(outcomes, name))
        return total

    @property
    def changed_anything(self) -> bool:
        totals = self.totals()
        return bool(totals.created or totals.updated or self.provenance_created
                    or self.provenance_removed)


def _node_merge(label: str) -> str:
    return f"""
        UNWIND $rows AS row
        OPTIONAL MATCH (old:`{label}` {{id: row.id}})
        WITH row, CASE WHEN old IS NULL THEN 'created'
                       WHEN properties(old) = row.props THEN 'unchanged'
                       ELSE 'updated' END AS outcome
        MERGE (n:`{label}`:`{ENTITY_LABEL}` {{id: row.id}})
        SET n = row.props
        RETURN outcome, count(*) AS count
    """


def _provenance(label: str) -> str:
    return f"""
        UNWIND $rows AS row
        MATCH (n:`{label}` {{id: row.id}})
        CALL (n, row) {{
            OPTIONAL MATCH (n)-[stale:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`)
            WHERE NOT s.id IN row.sources
            DELETE stale
        }}
        WITH n, row
        UNWIND row.sources AS source_id
        MATCH (s:`{SOURCE.label}` {{id: source_id}})
        MERGE (n)-[:{PROVENANCE_TYPE}]->(s)
    """


def _relationship_merge(rel_type: str) -> str:
    return f"""
        UNWIND $rows AS row
        MATCH (a:`{ENTITY_LABEL}` {{id: row.from}}), (b:`{ENTITY_LABEL}` {{id: row.to}})
        OPTIONAL MATCH (a)-[old:`{rel_type}`]->(b)
        WITH row, a, b, CASE WHEN old IS NULL THEN 'created'
                             WHEN properties(old) = row.props THEN 'unchanged'
                             ELSE 'updated' END AS outcome
        MERGE (a)-[r:`{rel_type}`]->(b)
        SET r = row.props
        RETURN outcome, count(*) AS count
    """


_FUNDER_LABELS: tuple[str, ...] = (
    f"MATCH (i:Institution) WHERE (i)-[:FUNDS]->() AND NOT i:`{FUNDER_LABEL}` "
    f"SET i:`{FUNDER_LABEL}`",
    f"MATCH (i:`{FUNDER_LABEL}`) WHERE NOT (i)-[:FUNDS]->() REMOVE i:`{FUNDER_LABEL}`",
)


def write_graph(
    database: Database, data: GraphData, model: DomainModel, progress: Progress | None = None
) -> LoadReport:
    """Write `data` in one transaction and report what changed; on any error nothing changes."""
    report = LoadReport()
    nodes_by_label = _grouped(data.nodes, lambda n: n.label, _source_first(model))
    rels_by_type = _grouped(data.relationships, lambda r: r.type, model.relationship_types)
    with database.session() as session:
        tx = session.begin_transaction(timeout=database.timeout_s)
        try:
            for label, nodes in nodes_by_label.items():
                outcomes = report.nodes.setdefault(label, Outcomes())
                _run_batches(tx, _node_merge(label), [node_row(n) for n in nodes], outcomes,
                             f"{label} nodes", progress)
            for label, nodes in nodes_by_label.items():
                for batch in _batches([node_row(n) for n in nodes]):
                    counters = tx.run(_provenance(label), rows=batch).consume().counters
                    report.provenance_created += counters.relationships_created
                    report.provenance_removed += counters.relationships_deleted
            for rel_type, rels in rels_by_type.items():
                outcomes = report.relationships.setdefault(rel_type, Outcomes())
                _run_batches(tx, _relationship_merge(rel_type),
                             [relationship_row(r) for r in rels], outcomes,
                             f"{rel_type} relationships", progress)
            for statement in _FUNDER_LABELS:
                tx.run(statement).consume()
            tx.commit()
        except ConstraintError as exc:
            raise DatabaseError(
                f"the database refused the load, nothing was written: {exc.message}. An id in the "
                "seeds probably exists in the database as another kind of node."
            ) from exc
        except Neo4jError as exc:
            raise DatabaseError(f"the load failed and nothing was written: {exc.message}") from exc
        finally:
            if not tx.closed():
                tx.rollback()
    return report


def _run_batches(
    tx: Transaction, query: str, rows: list[dict[str, Any]], outcomes: Outcomes,
    stage: str, progress: Progress | None,
) -> None:
    done = 0
    for batch in _batches(rows):
        for record in tx.run(query, rows=batch):
            outcomes.add(record["outcome"], record["count"])
        done += len(batch)
        if progress is not None:
            progress(stage, done, len(rows))


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start:start + BATCH_SIZE]


def _source_first(model: DomainModel) -> tuple[str, ...]:
    """Sources are written before everything that cites them."""
    return (SOURCE.label, *(label for label in model.labels if label != SOURCE.label))


def _grouped(
    items: Sequence[Record], key: Callable[[Record], str], order: Sequence[str]
) -> dict[str, list[Record]]:
    groups: dict[str, list[Record]] = {name: [] for name in order}
    for item in items:
        groups[key(item)].append(item)
    return {name: members for name, members in groups.items() if members}
