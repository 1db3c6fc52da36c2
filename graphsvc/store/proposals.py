"""Intake's review queue in Neo4j: proposals, their acceptance into the graph, and undo.

Proposals live in the same database as the graph so that every replica sees one queue, under
labels of their own (`IntakeProposal`, `IntakeRejectedMatch`) that are neither `Entity` nor a
model kind: the API, the maps and `graphsvc stats` only ever ask for those, so nothing proposed
shows until it is accepted.

Accepting writes with the loader's own statements (`graphsvc.store.writer`) inside one transaction
that first takes the proposal's write lock and then re-reads its state: a second acceptance, at
the same time or later, waits for the first, sees it accepted, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from neo4j import ManagedTransaction, unit_of_work

from graphsvc.errors import (
    IntakeStopped,
    ProposalConflict,
    ProposalNotFound,
    QueryRefused,
    QueryTimedOut,
)
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.model.records import GraphData, RelationshipRecord
from graphsvc.model.types import DomainModel
from graphsvc.store import data_version
from graphsvc.store.async_database import Read
from graphsvc.store.audit import AuditNote, write_note
from graphsvc.store.database import Database
from graphsvc.store.encode import node_row, relationship_row
from graphsvc.store.writer import FUNDER_LABELS, NODE_MERGE, PROVENANCE, relationship_merge

T = TypeVar("T")

PROPOSAL_LABEL = "IntakeProposal"
REJECTED_MATCH_LABEL = "IntakeRejectedMatch"

_ALREADY_THERE = "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists"
_SCHEMA = (
    f"CREATE CONSTRAINT intake_proposal_id IF NOT EXISTS "
    f"FOR (p:{PROPOSAL_LABEL}) REQUIRE p.id IS UNIQUE",
    f"CREATE CONSTRAINT intake_proposal_hash IF NOT EXISTS "
    f"FOR (p:{PROPOSAL_LABEL}) REQUIRE p.content_hash IS UNIQUE",
)
CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed"
"""What inserting a proposal answers when another with the same hash won a race."""
_LOCK_PROPERTY = "_intake_lock"
"""Set and removed in one statement: takes a node's write lock and leaves nothing behind."""


def ensure_proposal_store(database: Database) -> None:
    """Create the queue's uniqueness constraints (id, content hash) if missing; safe to race."""
    for statement in _SCHEMA:
        try:
            database.write(statement)
        except QueryRefused as exc:
            if exc.code != _ALREADY_THERE:
                raise


def earlier_holders(database: Database, content_hash: str, url: str | None) -> list[dict[str, Any]]:
    """Proposals and Sources that already hold this text (by hash) or this link (by url)."""
    return database.read(
        f"""
        CALL () {{
            MATCH (p:{PROPOSAL_LABEL})
            WHERE p.content_hash = $hash OR ($url IS NOT NULL AND p.url = $url)
            RETURN 'proposal' AS kind, p.id AS id, p.content_hash = $hash AS same_text
            UNION ALL
            MATCH (s:`{SOURCE.label}`)
            WHERE s.content_hash = $hash OR ($url IS NOT NULL AND s.url = $url)
            RETURN 'source' AS kind, s.id AS id, s.content_hash = $hash AS same_text
        }}
        RETURN kind, id, same_text ORDER BY kind, id
        """,
        hash=content_hash,
        url=url,
    )


def insert_proposal(
    database: Database, properties: dict[str, Any], audit: AuditNote | None = None
) -> None:
    """Store a new proposal and its audit entry in one transaction.

    The constraints refuse a second one with the same id or hash.
    """

    def work(tx: ManagedTransaction) -> None:
        tx.run(f"CREATE (p:{PROPOSAL_LABEL}) SET p = $props", props=properties).consume()
        write_note(tx, audit)

    _write(database, work, f"storing proposal {properties.get('id')}")


def stored_proposal(database: Database, proposal_id: str) -> dict[str, Any] | None:
    rows = database.read(
        f"MATCH (p:{PROPOSAL_LABEL} {{id: $id}}) RETURN properties(p) AS p", id=proposal_id
    )
    return rows[0]["p"] if rows else None


def stored_proposals(database: Database, status: str | None = None) -> list[dict[str, Any]]:
    """Every proposal (or those with `status`), oldest first, without the document's text."""
    rows = database.read(
        f"""
        MATCH (p:{PROPOSAL_LABEL}) WHERE $status IS NULL OR p.status = $status
        RETURN p {{.*, text: null}} AS p ORDER BY p.submitted, p.id
        """,
        status=status,
    )
    return [row["p"] for row in rows]


async def proposal_page(
    read: Read, status: str | None, limit: int, after: tuple[str, str] | None
) -> list[dict[str, Any]]:
    """A page of the queue, newest first, after (submitted, id) when given; without the texts."""
    rows = await read(
        f"""
        MATCH (p:{PROPOSAL_LABEL}) WHERE ($status IS NULL OR p.status = $status)
          AND ($submitted IS NULL OR p.submitted < $submitted
               OR (p.submitted = $submitted AND p.id < $id))
        RETURN p {{.*, text: null}} AS p ORDER BY p.submitted DESC, p.id DESC LIMIT $limit
        """,
        status=status,
        submitted=after[0] if after else None,
        id=after[1] if after else None,
        limit=limit,
    )
    return [row["p"] for row in rows]


async def proposal_count(read: Read, status: str | None) -> int:
    """How many proposals the queue holds (with `status`, when given)."""
    rows = await read(
        f"MATCH (p:{PROPOSAL_LABEL}) WHERE $status IS NULL OR p.status = $status "
        "RETURN count(p) AS total",
        status=status,
    )
    return int(rows[0]["total"])


async def proposal_texts(read: Read, ids: list[str]) -> list[str | None]:
    """The document text of each proposal, in the order asked (None for an unknown id)."""
    rows = await read(
        f"UNWIND $ids AS id OPTIONAL MATCH (p:{PROPOSAL_LABEL} {{id: id}}) "
        "RETURN id, p.text AS text",
        ids=ids,
    )
    found = {row["id"]: row["text"] for row in rows}
    return [found.get(i) for i in ids]


def entity_labels(database: Database, ids: list[str], model: DomainModel) -> dict[str, str]:
    """The model kind of each of these ids that names a stored entity."""
    rows = database.read(
        f"""
        UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}})
        RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS label
        """,
        ids=ids,
        kinds=list(model.labels),
    )
    return {row["id"]: row["label"] for row in rows}


def update_proposal(
    database: Database,
    proposal_id: str,
    revision: int,
    changes: dict[str, Any],
    audit: AuditNote | None = None,
    remember: list[tuple[str, str]] | None = None,
    forget: list[tuple[str, str]] | None = None,
) -> None:
    """Set properties of a proposal that is still at `revision` (an edit, a rejection).

    The name-to-entity matches to `remember` as rejected (or to `forget`) and the audit entry are
    written by the same transaction: the decision is stored whole or not at all.
    """

    def work(tx: ManagedTransaction) -> None:
        _lock(tx, proposal_id, revision)
        tx.run(
            f"MATCH (p:{PROPOSAL_LABEL} {{id: $id}}) SET p += $changes",
            id=proposal_id,
            changes=changes,
        ).consume()
        if remember:
            tx.run(_REMEMBER, pairs=[list(pair) for pair in remember]).consume()
        if forget:
            tx.run(_FORGET, pairs=[list(pair) for pair in forget]).consume()
        write_note(tx, audit)

    _write(database, work, f"deciding on proposal {proposal_id}")


_REMEMBER = f"""
UNWIND $pairs AS pair
MERGE (:{REJECTED_MATCH_LABEL} {{name_key: pair[0], entity_id: pair[1]}})
"""
_FORGET = f"""
UNWIND $pairs AS pair
MATCH (m:{REJECTED_MATCH_LABEL} {{name_key: pair[0], entity_id: pair[1]}})
DELETE m
"""


def remember_rejected_matches(database: Database, pairs: list[tuple[str, str]]) -> None:
    """Record that a name (folded key) is not this entity, so it is not proposed again."""
    database.write(_REMEMBER, pairs=[list(pair) for pair in pairs])


def forget_rejected_matches(database: Database, pairs: list[tuple[str, str]]) -> None:
    """Take back `remember_rejected_matches`: these names may be matched to these entities again."""
    database.write(_FORGET, pairs=[list(pair) for pair in pairs])


def rejected_match_pairs(database: Database) -> set[tuple[str, str]]:
    rows = database.read(
        f"MATCH (m:{REJECTED_MATCH_LABEL}) RETURN m.name_key AS name_key, m.entity_id AS entity_id"
    )
    return {(row["name_key"], row["entity_id"]) for row in rows}


@dataclass
class Written:
    """What an acceptance changed, as undo needs to know it."""

    created_nodes: list[str] = field(default_factory=list)
    created_relationships: list[tuple[str, str, str]] = field(default_factory=list)
    sourced_nodes: list[str] = field(default_factory=list)
    sourced_relationships: list[tuple[str, str, str]] = field(default_factory=list)


def write_acceptance(
    database: Database,
    proposal_id: str,
    revision: int,
    data: GraphData,
    linked: list[str],
    model: DomainModel,
    changes: Any,
    audit: AuditNote | None = None,
) -> Written:
    """Write an accepted proposal in one transaction, or nothing.

    `data` holds the document's Source, the entities believed new and every accepted relationship,
    all citing the Source; `linked` the existing entities the document also supports. What is
    already stored is not written again: an entity whose id exists with the same kind, and a
    relationship that exists, gain the Source instead. `changes(written)` gives the proposal's
    new properties, set in the same transaction, with `audit` (completed with what was created).
    Neo4j bounds the transaction (the database's timeout): a timeout rolls it all back.
    """
    source_id = next(n.id for n in data.nodes if n.label == SOURCE.label)

    def work(tx: ManagedTransaction) -> Written:
        _lock(tx, proposal_id, revision)
        written = Written()
        stored = _locked_labels(tx, [n.id for n in data.nodes] + linked, model)
        new_nodes = []
        for node in data.nodes:
            label = stored.get(node.id)
            if label is None:
                new_nodes.append(node)
            elif label == node.label and node.label != SOURCE.label:
                written.sourced_nodes.append(node.id)
            else:
                raise ProposalConflict(
                    f"proposal {proposal_id}: id {node.id!r} already exists as a {label}; "
                    "choose it with `graphsvc intake edit --entity` or reject that fact"
                )
        for node_id in linked:
            if node_id not in stored:
                raise ProposalConflict(
                    f"proposal {proposal_id}: entity {node_id!r} no longer exists; nothing was "
                    "written: choose another with `graphsvc intake edit --entity`"
                )
            written.sourced_nodes.append(node_id)
        _merge_nodes(tx, new_nodes, model)
        written.created_nodes = [n.id for n in new_nodes]
        tx.run(
            f"""
            UNWIND $ids AS id
            MATCH (n:`{ENTITY_LABEL}` {{id: id}}), (s:`{SOURCE.label}` {{id: $source}})
            MERGE (n)-[:{PROVENANCE_TYPE}]->(s)
            """,
            ids=written.sourced_nodes,
            source=source_id,
        ).consume()
        by_type: dict[str, list[RelationshipRecord]] = {}
        for rel in data.relationships:
            by_type.setdefault(rel.type, []).append(rel)
        for rel_type, rels in by_type.items():
            if rel_type not in model.relationship_types:
                raise ProposalConflict(f"{rel_type!r} is not a relationship type of the model")
            existing = _existing_relationships(tx, rel_type, rels)
            for rel in rels:
                key = (rel.type, rel.source_id, rel.target_id)
                if (rel.source_id, rel.target_id) in existing:
                    written.sourced_relationships.append(key)
                else:
                    written.created_relationships.append(key)
            fresh = [r for r in rels if (r.source_id, r.target_id) not in existing]
            tx.run(
                relationship_merge(rel_type), rows=[relationship_row(r) for r in fresh]
            ).consume()
            tx.run(
                f"""
                UNWIND $rows AS row
                MATCH (:`{ENTITY_LABEL}` {{id: row[0]}})-[r:`{rel_type}`]->
                      (:`{ENTITY_LABEL}` {{id: row[1]}})
                WHERE NOT $source IN r.sources
                SET r.sources = r.sources + $source
                """,
                rows=[list(pair) for pair in existing],
                source=source_id,
            ).consume()
        for statement in FUNDER_LABELS:
            tx.run(statement).consume()
        tx.run(data_version.BUMP).consume()
        _set(tx, proposal_id, changes(written))
        write_note(
            tx,
            audit and audit.with_arguments(created=written.created_nodes, source=source_id),
        )
        return written

    try:
        result: Written = _write(
            database,
            work,
            f"writing the {len(data.nodes) + len(data.relationships)} facts "
            f"of proposal {proposal_id}",
        )
        return result
    except QueryRefused:
        # Our statements are fixed and parameterised: what Neo4j refuses here is a graph that
        # changed under the transaction (a node it matched deleted meanwhile, an id taken).
        # Its own words name internal node ids; the curator needs what to do.
        raise ProposalConflict(
            f"proposal {proposal_id}: the graph changed while it was being accepted (an entity "
            f"it links to, {', '.join(linked) or 'none'}, deleted, or an id taken); nothing was "
            "written: look at it again with `graphsvc intake show`"
        ) from None


def undo_acceptance(
    database: Database,
    proposal_id: str,
    revision: int,
    source_id: str,
    written: Written,
    changes: dict[str, Any],
    audit: AuditNote | None = None,
) -> None:
    """Take back exactly what `write_acceptance` wrote, in one transaction (with `audit`).

    Refused when an entity the acceptance created has since gained facts from elsewhere: deleting
    it would take those with it.
    """
    created_keys = [list(key) for key in written.created_relationships]

    def work(tx: ManagedTransaction) -> None:
        _lock(tx, proposal_id, revision)
        foreign = tx.run(
            f"""
            UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}})-[r]-(m)
            WHERE NOT (type(r) = $provenance AND m.id = $source)
              AND NOT [type(r), startNode(r).id, endNode(r).id] IN $created
            RETURN DISTINCT n.id AS id ORDER BY id
            """,
            ids=[i for i in written.created_nodes if i != source_id],
            provenance=PROVENANCE_TYPE,
            source=source_id,
            created=created_keys,
        ).value("id")
        if foreign:
            raise ProposalConflict(
                f"proposal {proposal_id} cannot be undone: {', '.join(foreign)} now also have "
                "facts from other sources; remove those first"
            )
        for rel_type, start, end in written.created_relationships:
            tx.run(
                f"""
                MATCH (:`{ENTITY_LABEL}` {{id: $start}})-[r:`{rel_type}`]->
                      (:`{ENTITY_LABEL}` {{id: $end}})
                DELETE r
                """,
                start=start,
                end=end,
            ).consume()
        for rel_type, start, end in written.sourced_relationships:
            tx.run(
                f"""
                MATCH (:`{ENTITY_LABEL}` {{id: $start}})-[r:`{rel_type}`]->
                      (:`{ENTITY_LABEL}` {{id: $end}})
                SET r.sources = [s IN r.sources WHERE s <> $source]
                """,
                start=start,
                end=end,
                source=source_id,
            ).consume()
        tx.run(
            f"""
            UNWIND $ids AS id
            MATCH (:`{ENTITY_LABEL}` {{id: id}})-[r:{PROVENANCE_TYPE}]->
                  (:`{SOURCE.label}` {{id: $source}})
            DELETE r
            """,
            ids=written.sourced_nodes,
            source=source_id,
        ).consume()
        tx.run(
            f"UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}}) DETACH DELETE n",
            ids=written.created_nodes,
        ).consume()
        for statement in FUNDER_LABELS:
            tx.run(statement).consume()
        tx.run(data_version.BUMP).consume()
        _set(tx, proposal_id, changes)
        write_note(tx, audit)

    _write(database, work, f"undoing proposal {proposal_id}")


def _write(database: Database, work: Callable[[ManagedTransaction], T], what: str) -> T:
    """Run `work` as one write transaction that Neo4j bounds by the database's timeout.

    A timeout is Neo4j's: it rolls the transaction back, so nothing of it was written, and the
    message says the time went to the write (not to intake's own work before it).
    """
    try:
        with database.session() as session:
            result: T = session.execute_write(unit_of_work(timeout=database.timeout_s)(work))
            return result
    except QueryTimedOut:
        raise IntakeStopped(
            f"{what} took longer than the {database.timeout_s:g} s Neo4j allows one "
            "transaction (GRAPHSVC_QUERY_TIMEOUT for the API, GRAPHSVC_TX_TIMEOUT); Neo4j "
            "rolled it back, nothing was written"
        ) from None


def _lock(tx: ManagedTransaction, proposal_id: str, revision: int) -> None:
    """Take the proposal's write lock, then check, under the lock, that it is still as seen.

    The lock is taken by a write (a later transaction blocks here until the earlier one ends);
    the state is read by a second statement, after the lock, so it sees what the earlier one
    committed.
    """
    locked = tx.run(
        f"MATCH (p:{PROPOSAL_LABEL} {{id: $id}}) SET p.lock = coalesce(p.lock, 0) + 1 "
        "RETURN p.id AS id",
        id=proposal_id,
    ).single()
    if locked is None:
        raise ProposalNotFound(f"no proposal has id {proposal_id!r}; `graphsvc intake list`")
    current = tx.run(
        f"MATCH (p:{PROPOSAL_LABEL} {{id: $id}}) RETURN p.revision AS revision, p.status AS status",
        id=proposal_id,
    ).single()
    if current is None or current["revision"] != revision:
        raise ProposalConflict(
            f"proposal {proposal_id} changed meanwhile"
            f" (it is now {current['status'] if current else 'gone'}); "
            "nothing was written: look at it again with `graphsvc intake show`"
        )


def _set(tx: ManagedTransaction, proposal_id: str, changes: dict[str, Any]) -> None:
    tx.run(
        f"MATCH (p:{PROPOSAL_LABEL} {{id: $id}}) SET p += $changes",
        id=proposal_id,
        changes=changes,
    ).consume()


def _locked_labels(tx: ManagedTransaction, ids: list[str], model: DomainModel) -> dict[str, str]:
    """The kinds of these ids that are stored, each node write-locked until the transaction ends.

    Neo4j reads what is committed when the statement runs (read committed): without the lock, an
    entity deleted between this read and the statements that link to it would leave those
    statements matching nothing, and the acceptance would report links it never wrote. With the
    lock, a deletion that comes first has committed by the time the second statement reads (the
    entity is missing: a conflict), and one that comes later waits for this transaction.
    """
    tx.run(
        f"""
        UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}})
        SET n.`{_LOCK_PROPERTY}` = true REMOVE n.`{_LOCK_PROPERTY}`
        """,
        ids=ids,
    ).consume()
    return _labels_in(tx, ids, model)


def _labels_in(tx: ManagedTransaction, ids: list[str], model: DomainModel) -> dict[str, str]:
    records = tx.run(
        f"""
        UNWIND $ids AS id MATCH (n:`{ENTITY_LABEL}` {{id: id}})
        RETURN n.id AS id, [l IN labels(n) WHERE l IN $kinds][0] AS label
        """,
        ids=ids,
        kinds=list(model.labels),
    )
    return {record["id"]: record["label"] for record in records}


def _merge_nodes(tx: ManagedTransaction, nodes: list[Any], model: DomainModel) -> None:
    """The loader's node and provenance statements, for nodes known not to exist yet."""
    rows = [{**node_row(n), "label": n.label} for n in nodes]
    for record in tx.run(NODE_MERGE, rows=rows, kinds=list(model.labels)):
        if record["clashes"]:
            raise ProposalConflict(
                f"nothing was written: these ids exist as another kind: {record['clashes']}"
            )
    tx.run(PROVENANCE, rows=rows).consume()


def _existing_relationships(
    tx: ManagedTransaction, rel_type: str, rels: list[RelationshipRecord]
) -> set[tuple[str, str]]:
    records = tx.run(
        f"""
        UNWIND $rows AS row
        MATCH (a:`{ENTITY_LABEL}` {{id: row[0]}})-[:`{rel_type}`]->
              (b:`{ENTITY_LABEL}` {{id: row[1]}})
        RETURN a.id AS start, b.id AS end
        """,
        rows=[[r.source_id, r.target_id] for r in rels],
    )
    return {(record["start"], record["end"]) for record in records}


def stored_relationship_keys(
    database: Database, keys: list[tuple[str, str, str]], model: DomainModel
) -> set[tuple[str, str, str]]:
    """Which of these (type, from, to) relationships the graph already holds."""
    found: set[tuple[str, str, str]] = set()
    for rel_type in sorted({key[0] for key in keys} & set(model.relationship_types)):
        rows = database.read(
            f"""
            UNWIND $pairs AS pair
            MATCH (a:`{ENTITY_LABEL}` {{id: pair[0]}})-[:`{rel_type}`]->
                  (b:`{ENTITY_LABEL}` {{id: pair[1]}})
            RETURN a.id AS start, b.id AS end
            """,
            pairs=[[start, end] for t, start, end in keys if t == rel_type],
        )
        found |= {(rel_type, row["start"], row["end"]) for row in rows}
    return found
