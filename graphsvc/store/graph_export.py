"""The whole stored graph, for the exports: every entity and every modelled relationship.

Two reads in a stable order (nodes by id, relationships by source, type and target), so that an
export of the same graph is the same file. Provenance comes back as each node's Source ids.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.store.database import Database

_NODES = f"""
MATCH (n:`{ENTITY_LABEL}`)
OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(s:`{SOURCE.label}`)
WITH n, collect(s.id) AS sources
RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS kind,
       properties(n) AS properties, sources
ORDER BY id
"""

_RELATIONSHIPS = f"""
MATCH (a:`{ENTITY_LABEL}`)-[r]->(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS properties
ORDER BY source, type, target
"""


def all_entities(database: Database) -> list[dict[str, Any]]:
    """Every entity: id, kind, properties and the ids of its Sources, ordered by id."""
    return database.read(_NODES, labels=list(MODEL.labels))


def all_relationships(database: Database) -> list[dict[str, Any]]:
    """Every relationship of a modelled type between entities, with its properties."""
    return database.read(_RELATIONSHIPS, types=list(MODEL.relationship_types))
