"""Merging one institution into another and taking it back: the statements of a review decision.

`graphsvc.resolution.merge` decides what a merge or an undo changes; here each is carried out in
one transaction, committed only if all of it succeeded, which ends by bringing the Funder labels
up to date (FUNDS links may have moved). Relationship types are row values (`$($type)`) taken
from the graph itself, never from a request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from neo4j import Transaction

from graphsvc.model.domain import ENTITY_LABEL, INSTITUTION, PROVENANCE_TYPE, SOURCE
from graphsvc.store import data_version
from graphsvc.store.database import Database
from graphsvc.store.duplicates import CANDIDATE_LABEL
from graphsvc.store.encode import LOOKUP_TEXT, lookup_text_of
from graphsvc.store.writer import FUNDER_LABELS


@dataclass(frozen=True)
class Link:
    """One relationship to create, move or take back, by its ends' ids and its type."""

    start: str
    end: str
    type: str
    properties: dict[str, Any]


def candidate(database: Database, pair: str) -> dict[str, Any] | None:
    """The candidate pair's stored properties, or None when it was never queued."""
    rows = database.read(
        f"MATCH (c:{CANDIDATE_LABEL} {{pair: $pair}}) RETURN properties(c) AS c", pair=pair
    )
    return dict(rows[0]["c"]) if rows else None


def record_decision(
    database: Database, pair: str, status: str, actor: str, at: str, extra: dict[str, Any]
) -> None:
    """Keep who decided what about the pair, and when (with what the decision needs later)."""
    database.write(
        f"MATCH (c:{CANDIDATE_LABEL} {{pair: $pair}}) SET c.status = $status, "
        "c.decided_at = $at, c.decided_by = $actor, c += $extra",
        pair=pair,
        status=status,
        at=at,
        actor=actor,
        extra=extra,
    )


def organisation_refs(database: Database, ids: list[str]) -> dict[str, str | None]:
    """Id -> org_ref (None when it has none) of the institutions of `ids` that still exist."""
    return {
        row["id"]: row["ref"]
        for row in database.read(
            f"MATCH (i:{INSTITUTION.label}) WHERE i.id IN $ids RETURN i.id AS id, i.org_ref AS ref",
            ids=ids,
        )
    }


def node_and_survivor(database: Database, gone: str, keep: str) -> dict[str, Any]:
    """The node to merge away (labels, properties, Sources); the survivor's names, Sources."""
    return database.read(
        f"""
        MATCH (g:`{ENTITY_LABEL}` {{id: $gone}}), (k:`{ENTITY_LABEL}` {{id: $keep}})
        OPTIONAL MATCH (g)-[:{PROVENANCE_TYPE}]->(s)
        WITH g, k, collect(s.id) AS sources
        OPTIONAL MATCH (k)-[:{PROVENANCE_TYPE}]->(ks)
        RETURN labels(g) AS labels, properties(g) AS properties, sources,
               k.name AS keep_name, coalesce(k.aliases, []) AS keep_aliases,
               collect(ks.id) AS keep_sources
        """,
        gone=gone,
        keep=keep,
    )[0]


def links_of(database: Database, gone: str, keep: str) -> list[dict[str, Any]]:
    """Every relationship of `gone` but provenance, and whether `keep` has the same one.

    Each row: type, outgoing (from `gone`), other (the other end's id), properties, existed.
    """
    return database.read(
        f"""
        MATCH (g:`{ENTITY_LABEL}` {{id: $gone}})-[r]-(other:`{ENTITY_LABEL}`)
        WHERE type(r) <> $provenance
        WITH g, r, other, startNode(r) = g AS outgoing
        OPTIONAL MATCH (k:`{ENTITY_LABEL}` {{id: $keep}})
        RETURN type(r) AS type, outgoing, other.id AS other, properties(r) AS properties,
               CASE WHEN outgoing THEN EXISTS {{ (k)-[x]->(other) WHERE type(x) = type(r) }}
                    ELSE EXISTS {{ (other)-[x]->(k) WHERE type(x) = type(r) }} END AS existed
        """,
        gone=gone,
        keep=keep,
        provenance=PROVENANCE_TYPE,
    )


@contextmanager
def _changing(database: Database) -> Iterator[Transaction]:
    with database.session() as session:
        tx = session.begin_transaction(timeout=database.timeout_s)
        try:
            yield tx
            for statement in FUNDER_LABELS:
                tx.run(statement).consume()
            tx.run(data_version.BUMP).consume()
            tx.commit()
        finally:
            if not tx.closed():
                tx.rollback()


_MOVE_LINK = f"""
MATCH (a:`{ENTITY_LABEL}` {{id: $start}}), (b:`{ENTITY_LABEL}` {{id: $end}})
MERGE (a)-[r:$($type)]->(b)
ON CREATE SET r = $props
ON MATCH SET r.sources = [s IN coalesce(r.sources, []) WHERE NOT s IN
             coalesce($props.sources, [])] + coalesce($props.sources, [])
"""

_ADD_SOURCES = f"""
MATCH (n:`{ENTITY_LABEL}` {{id: $id}}) UNWIND $sources AS source
MATCH (s:`{SOURCE.label}` {{id: source}}) MERGE (n)-[:{PROVENANCE_TYPE}]->(s)
"""

_SET_NAMES = (
    f"MATCH (k:`{ENTITY_LABEL}` {{id: $id}}) SET k.aliases = $aliases, k.lookup_keys = $keys, "
    f"k.{LOOKUP_TEXT} = {lookup_text_of('$keys')}"
)


def merge(
    database: Database,
    *,
    keep: str,
    gone: str,
    links: list[Link],
    sources: list[str],
    aliases: list[str],
    keys: list[str],
) -> None:
    """Merge `gone` into `keep`, in one transaction.

    `keep` gets the `links` (their Sources merged into an existing one), the `sources`, and the
    names `aliases` with their lookup `keys`; then `gone` is deleted.
    """
    with _changing(database) as tx:
        for link in links:
            tx.run(
                _MOVE_LINK, start=link.start, end=link.end, type=link.type, props=link.properties
            ).consume()
        tx.run(_ADD_SOURCES, id=keep, sources=sources).consume()
        tx.run(_SET_NAMES, id=keep, aliases=aliases, keys=keys).consume()
        tx.run(f"MATCH (g:`{ENTITY_LABEL}` {{id: $gone}}) DETACH DELETE g", gone=gone).consume()


def restore(
    database: Database,
    *,
    gone: str,
    labels: list[str],
    properties: dict[str, Any],
    sources: list[str],
    links: list[Link],
    taken_back: list[Link],
    keep: str,
    keep_sources_taken_back: list[str],
    keep_aliases: list[str],
    keep_keys: list[str],
) -> None:
    """Undo a merge, in one transaction.

    `gone` is rebuilt with its labels, properties, Sources and `links`; the `taken_back` links
    and Sources the merge had added to `keep` are deleted, and `keep` gets its own aliases back.
    """
    with _changing(database) as tx:
        tx.run(
            f"CREATE (g:`{ENTITY_LABEL}` {{id: $gone}}) SET g = $props, g:$($labels)",
            gone=gone,
            props=properties,
            labels=labels,
        ).consume()
        tx.run(_ADD_SOURCES, id=gone, sources=sources).consume()
        for link in links:
            tx.run(
                f"MATCH (a:`{ENTITY_LABEL}` {{id: $start}}), (b:`{ENTITY_LABEL}` {{id: $end}}) "
                "CREATE (a)-[r:$($type)]->(b) SET r = $props",
                start=link.start,
                end=link.end,
                type=link.type,
                props=link.properties,
            ).consume()
        for link in taken_back:
            tx.run(
                f"MATCH (:`{ENTITY_LABEL}` {{id: $start}})-[r]->(:`{ENTITY_LABEL}` {{id: $end}}) "
                "WHERE type(r) = $type DELETE r",
                start=link.start,
                end=link.end,
                type=link.type,
            ).consume()
        tx.run(
            f"MATCH (k:`{ENTITY_LABEL}` {{id: $keep}})-[p:{PROVENANCE_TYPE}]->(s) "
            "WHERE s.id IN $sources DELETE p",
            keep=keep,
            sources=keep_sources_taken_back,
        ).consume()
        tx.run(_SET_NAMES, id=keep, aliases=keep_aliases, keys=keep_keys).consume()
