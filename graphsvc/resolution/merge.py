"""Accept, reject and undo candidate pairs; a merge keeps every name and source, and can be undone.

Accepting merges one institution into the other (a curated one always survives; else the one
with an organisation identifier). Before anything changes, the merged node is photographed on
the candidate: its labels, properties, sources, and every relationship, each marked with
whether the survivor already had the same one. The merge then moves the relationships, adds
the merged names to the survivor's aliases and its sources to the survivor's, and deletes the
merged node. Undo rebuilds the node from the photograph and takes back exactly what was added.
The decisions stay in the graph, so a later import or scan reuses them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from neo4j import Transaction

from graphsvc.errors import ConfigError
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE
from graphsvc.model.names import lookup_keys
from graphsvc.resolution.candidates import CANDIDATE_LABEL
from graphsvc.store.database import Database
from graphsvc.store.writer import FUNDER_LABELS


@contextmanager
def _changing(database: Database) -> Iterator[Transaction]:
    """One transaction for a merge or an undo, committed only if the whole block succeeded.

    It ends by bringing the Funder labels up to date, since FUNDS links may have moved.
    """
    with database.session() as session:
        tx = session.begin_transaction(timeout=database.timeout_s)
        try:
            yield tx
            for statement in FUNDER_LABELS:
                tx.run(statement).consume()
            tx.commit()
        finally:
            if not tx.closed():
                tx.rollback()


def _set_aliases(tx: Transaction, node_id: str, name: str, aliases: list[str]) -> None:
    tx.run(
        f"MATCH (k:`{ENTITY_LABEL}` {{id: $id}}) SET k.aliases = $aliases, k.lookup_keys = $keys",
        id=node_id,
        aliases=aliases,
        keys=lookup_keys(name, aliases),
    ).consume()


def _candidate(database: Database, left: str, right: str) -> dict[str, Any]:
    rows = database.read(
        f"MATCH (c:{CANDIDATE_LABEL} {{pair: $pair}}) RETURN properties(c) AS c",
        pair="|".join(sorted((left, right))),
    )
    if not rows:
        raise ConfigError(f"no candidate pair {left} / {right}; `graphsvc resolve list` shows them")
    return dict(rows[0]["c"])


def _decide(database: Database, pair: str, status: str, actor: str, **extra: Any) -> None:
    database.write(
        f"MATCH (c:{CANDIDATE_LABEL} {{pair: $pair}}) SET c.status = $status, "
        "c.decided_at = $at, c.decided_by = $actor, c += $extra",
        pair=pair,
        status=status,
        at=datetime.now(UTC).isoformat(timespec="seconds"),
        actor=actor,
        extra=extra,
    )


def reject(database: Database, left: str, right: str, actor: str) -> None:
    candidate = _candidate(database, left, right)
    if candidate["status"] == "accepted":
        raise ConfigError("this pair was merged; `graphsvc resolve undo` first")
    _decide(database, candidate["pair"], "rejected", actor)


def _survivor(database: Database, left: str, right: str) -> tuple[str, str]:
    rows = {
        row["id"]: row
        for row in database.read(
            "MATCH (i:Institution) WHERE i.id IN $ids RETURN i.id AS id, i.org_ref AS ref",
            ids=[left, right],
        )
    }
    if set(rows) != {left, right}:
        raise ConfigError(f"{left} or {right} no longer exists")

    def rank(node_id: str) -> tuple[bool, bool]:
        return (not node_id.startswith("org-"), rows[node_id]["ref"] is not None)

    keep = right if rank(right) >= rank(left) else left
    return keep, left if keep == right else right


def accept(database: Database, left: str, right: str, actor: str) -> str:
    """Merge the pair; returns the surviving id."""
    candidate = _candidate(database, left, right)
    if candidate["status"] == "accepted":
        raise ConfigError(f"already merged into {candidate['survivor']}")
    keep, gone = _survivor(database, left, right)
    photo = _photograph(database, gone, keep)
    with _changing(database) as tx:
        for rel in photo["relationships"]:
            start, end = (keep, rel["other"]) if rel["outgoing"] else (rel["other"], keep)
            if rel["other"] == keep:
                continue  # a link between the two disappears with the merge
            tx.run(
                f"""
                MATCH (a:`{ENTITY_LABEL}` {{id: $start}}), (b:`{ENTITY_LABEL}` {{id: $end}})
                MERGE (a)-[r:$($type)]->(b)
                ON CREATE SET r = $props
                ON MATCH SET r.sources = [s IN coalesce(r.sources, []) WHERE NOT s IN
                             coalesce($props.sources, [])] + coalesce($props.sources, [])
                """,
                start=start,
                end=end,
                type=rel["type"],
                props=rel["properties"],
            ).consume()
        tx.run(
            f"MATCH (k:`{ENTITY_LABEL}` {{id: $keep}}) UNWIND $sources AS source "
            f"MATCH (s:Source {{id: source}}) MERGE (k)-[:{PROVENANCE_TYPE}]->(s)",
            keep=keep,
            sources=photo["new_sources"],
        ).consume()
        _set_aliases(
            tx, keep, photo["survivor_name"], photo["survivor_aliases"] + photo["new_aliases"]
        )
        tx.run(f"MATCH (g:`{ENTITY_LABEL}` {{id: $gone}}) DETACH DELETE g", gone=gone).consume()
    _decide(
        database,
        candidate["pair"],
        "accepted",
        actor,
        survivor=keep,
        merged=gone,
        photograph=json.dumps(photo, ensure_ascii=False, sort_keys=True),
    )
    return keep


def _photograph(database: Database, gone: str, keep: str) -> dict[str, Any]:
    node = database.read(
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
    relationships = database.read(
        f"""
        MATCH (g:`{ENTITY_LABEL}` {{id: $gone}})-[r]-(other:`{ENTITY_LABEL}`)
        WHERE type(r) <> '{PROVENANCE_TYPE}'
        WITH g, r, other, startNode(r) = g AS outgoing
        OPTIONAL MATCH (k:`{ENTITY_LABEL}` {{id: $keep}})
        RETURN type(r) AS type, outgoing, other.id AS other, properties(r) AS properties,
               CASE WHEN outgoing THEN EXISTS {{ (k)-[x]->(other) WHERE type(x) = type(r) }}
                    ELSE EXISTS {{ (other)-[x]->(k) WHERE type(x) = type(r) }} END AS existed
        """,
        gone=gone,
        keep=keep,
    )
    names = [node["properties"]["name"], *node["properties"].get("aliases", [])]
    known = {node["keep_name"], *node["keep_aliases"]}
    return {
        "id": gone,
        "labels": node["labels"],
        "properties": node["properties"],
        "sources": node["sources"],
        "relationships": relationships,
        "survivor": keep,
        "survivor_name": node["keep_name"],
        "survivor_aliases": list(node["keep_aliases"]),
        "new_aliases": [n for n in dict.fromkeys(names) if n not in known],
        "new_sources": [s for s in node["sources"] if s not in node["keep_sources"]],
    }


def undo(database: Database, left: str, right: str, actor: str) -> str:
    """Rebuild the merged institution and take back what the merge added; returns its id."""
    candidate = _candidate(database, left, right)
    if candidate["status"] != "accepted":
        raise ConfigError("this pair has not been merged")
    photo = json.loads(candidate["photograph"])
    keep, gone = photo["survivor"], photo["id"]
    labels = [label for label in photo["labels"] if label != ENTITY_LABEL]
    with _changing(database) as tx:
        tx.run(
            f"CREATE (g:`{ENTITY_LABEL}` {{id: $gone}}) SET g = $props, g:$($labels)",
            gone=gone,
            props=photo["properties"],
            labels=labels,
        ).consume()
        tx.run(
            f"MATCH (g:`{ENTITY_LABEL}` {{id: $gone}}) UNWIND $sources AS source "
            f"MATCH (s:Source {{id: source}}) MERGE (g)-[:{PROVENANCE_TYPE}]->(s)",
            gone=gone,
            sources=photo["sources"],
        ).consume()
        for rel in photo["relationships"]:
            start, end = (gone, rel["other"]) if rel["outgoing"] else (rel["other"], gone)
            if rel["other"] == keep:
                start, end = (gone, keep) if rel["outgoing"] else (keep, gone)
            tx.run(
                f"MATCH (a:`{ENTITY_LABEL}` {{id: $start}}), "
                f"(b:`{ENTITY_LABEL}` {{id: $end}}) "
                "CREATE (a)-[r:$($type)]->(b) SET r = $props",
                start=start,
                end=end,
                type=rel["type"],
                props=rel["properties"],
            ).consume()
            if not rel["existed"] and rel["other"] != keep:
                s_end, e_end = (keep, rel["other"]) if rel["outgoing"] else (rel["other"], keep)
                tx.run(
                    f"MATCH (:`{ENTITY_LABEL}` {{id: $start}})-[r]->"
                    f"(:`{ENTITY_LABEL}` {{id: $end}}) WHERE type(r) = $type DELETE r",
                    start=s_end,
                    end=e_end,
                    type=rel["type"],
                ).consume()
        tx.run(
            f"MATCH (k:`{ENTITY_LABEL}` {{id: $keep}})-[p:{PROVENANCE_TYPE}]->(s) "
            "WHERE s.id IN $sources DELETE p",
            keep=keep,
            sources=photo["new_sources"],
        ).consume()
        _set_aliases(tx, keep, photo["survivor_name"], photo["survivor_aliases"])
    _decide(database, candidate["pair"], "undone", actor)
    return str(gone)


def pending(database: Database) -> list[dict[str, Any]]:
    return database.read(
        f"""
        MATCH (c:{CANDIDATE_LABEL})
        OPTIONAL MATCH (l:Institution {{id: c.left}})
        OPTIONAL MATCH (r:Institution {{id: c.right}})
        RETURN c.left AS left, l.name AS left_name, c.right AS right, r.name AS right_name,
               c.score AS score, c.reason AS reason, c.status AS status,
               c.decided_by AS decided_by, c.survivor AS survivor
        ORDER BY c.status = 'pending' DESC, c.score DESC, c.pair
        """
    )


def accepted_merges(database: Database) -> dict[str, str]:
    """Merged id -> surviving id, for imports to link to the survivor."""
    return {
        row["merged"]: row["survivor"]
        for row in database.read(
            f"MATCH (c:{CANDIDATE_LABEL} {{status: 'accepted'}}) "
            "RETURN c.merged AS merged, c.survivor AS survivor"
        )
    }
