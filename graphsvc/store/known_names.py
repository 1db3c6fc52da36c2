"""Every name the graph holds, for the recogniser's automaton of known names."""

from __future__ import annotations

from graphsvc.model.domain import ENTITY_LABEL, MODEL, SOURCE
from graphsvc.model.names import KnownName
from graphsvc.store.database import Database


def known_names(database: Database) -> list[KnownName]:
    """Id, kind, name and aliases of every entity but the Source documents."""
    kinds = set(MODEL.labels) - {SOURCE.label}
    rows = database.read(
        f"MATCH (n:{ENTITY_LABEL}) WHERE NOT n:{SOURCE.label} "
        "RETURN n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases ORDER BY id"
    )
    return [
        KnownName(
            row["id"],
            next((label for label in row["labels"] if label in kinds), ENTITY_LABEL),
            row["name"],
            tuple(row["aliases"] or ()),
        )
        for row in rows
        if row["name"]
    ]
