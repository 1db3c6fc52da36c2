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
from datetime import UTC, datetime
from typing import Any

from graphsvc.errors import ConfigError
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.model.names import lookup_keys
from graphsvc.resolution.candidates import IMPORTED
from graphsvc.store import duplicates, merges
from graphsvc.store.database import Database
from graphsvc.store.merges import Link


def _candidate(database: Database, left: str, right: str) -> dict[str, Any]:
    found = merges.candidate(database, "|".join(sorted((left, right))))
    if found is None:
        raise ConfigError(f"no candidate pair {left} / {right}; `graphsvc resolve list` shows them")
    return found


def _decide(database: Database, pair: str, status: str, actor: str, **extra: Any) -> None:
    at = datetime.now(UTC).isoformat(timespec="seconds")
    merges.record_decision(database, pair, status, actor, at, extra)


def reject(database: Database, left: str, right: str, actor: str) -> None:
    candidate = _candidate(database, left, right)
    if candidate["status"] == "accepted":
        raise ConfigError("this pair was merged; `graphsvc resolve undo` first")
    _decide(database, candidate["pair"], "rejected", actor)


def _survivor(database: Database, left: str, right: str) -> tuple[str, str]:
    refs = merges.organisation_refs(database, [left, right])
    if set(refs) != {left, right}:
        raise ConfigError(f"{left} or {right} no longer exists")

    def rank(node_id: str) -> tuple[bool, bool]:
        return (not node_id.startswith(IMPORTED), refs[node_id] is not None)

    keep = right if rank(right) >= rank(left) else left
    return keep, left if keep == right else right


def accept(database: Database, left: str, right: str, actor: str) -> str:
    """Merge the pair; returns the surviving id."""
    candidate = _candidate(database, left, right)
    if candidate["status"] == "accepted":
        raise ConfigError(f"already merged into {candidate['survivor']}")
    keep, gone = _survivor(database, left, right)
    photo = _photograph(database, gone, keep)
    moved = [
        Link(keep, rel["other"], rel["type"], rel["properties"])
        if rel["outgoing"]
        else Link(rel["other"], keep, rel["type"], rel["properties"])
        for rel in photo["relationships"]
        if rel["other"] != keep  # a link between the two disappears with the merge
    ]
    aliases = photo["survivor_aliases"] + photo["new_aliases"]
    merges.merge(
        database,
        keep=keep,
        gone=gone,
        links=moved,
        sources=photo["new_sources"],
        aliases=aliases,
        keys=lookup_keys(photo["survivor_name"], aliases),
    )
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
    node = merges.node_and_survivor(database, gone, keep)
    relationships = merges.links_of(database, gone, keep)
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
    links, taken_back = [], []
    for rel in photo["relationships"]:
        start, end = (gone, rel["other"]) if rel["outgoing"] else (rel["other"], gone)
        if rel["other"] == keep:
            start, end = (gone, keep) if rel["outgoing"] else (keep, gone)
        links.append(Link(start, end, rel["type"], rel["properties"]))
        if not rel["existed"] and rel["other"] != keep:
            start, end = (keep, rel["other"]) if rel["outgoing"] else (rel["other"], keep)
            taken_back.append(Link(start, end, rel["type"], {}))
    merges.restore(
        database,
        gone=gone,
        labels=[label for label in photo["labels"] if label != ENTITY_LABEL],
        properties=photo["properties"],
        sources=photo["sources"],
        links=links,
        taken_back=taken_back,
        keep=keep,
        keep_sources_taken_back=photo["new_sources"],
        keep_aliases=photo["survivor_aliases"],
        keep_keys=lookup_keys(photo["survivor_name"], photo["survivor_aliases"]),
    )
    _decide(database, candidate["pair"], "undone", actor)
    return str(gone)


def pending(database: Database) -> list[dict[str, Any]]:
    """Every candidate pair with both names, pending first, most alike first."""
    return duplicates.review_list(database)


def accepted_merges(database: Database) -> dict[str, str]:
    """Merged id -> surviving id, for imports to link to the survivor."""
    return duplicates.accepted_merges(database)
