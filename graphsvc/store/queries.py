"""Read queries over the stored graph: counts per kind and name lookup.

Labels and relationship types in these queries come from the domain model; every value a user
supplies travels as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphsvc.errors import ConfigError
from graphsvc.model.domain import ENTITY_LABEL, FUNDER_LABEL, PROVENANCE_TYPE
from graphsvc.model.names import name_key
from graphsvc.model.types import DomainModel
from graphsvc.store.async_database import Read
from graphsvc.store.constraints import FULLTEXT_INDEX
from graphsvc.store.database import Database


def _counts_statement(model: DomainModel) -> str:
    """One statement for every count, answered from Neo4j's counts store.

    A UNION of single-label and single-type `count()` subqueries, none touching the data.
    """
    labels = (*model.labels, FUNDER_LABEL)
    types = (*model.relationship_types, PROVENANCE_TYPE)
    # Count before projecting the names: as grouping keys they would drop the row of a zero count.
    branches = [
        f"MATCH (n:`{label}`) WITH count(n) AS count "
        f"RETURN 'node' AS section, '{label}' AS name, count"
        for label in labels
    ]
    branches += [
        f"MATCH ()-[r:`{rel_type}`]->() WITH count(r) AS count "
        f"RETURN 'relationship' AS section, '{rel_type}' AS name, count"
        for rel_type in types
    ]
    return "CALL () {\n" + "\nUNION ALL\n".join(branches) + "\n}\nRETURN section, name, count"


def _counts(rows: list[dict[str, Any]], model: DomainModel) -> dict[str, dict[str, int]]:
    found = {(row["section"], row["name"]): int(row["count"]) for row in rows}
    return {
        "nodes": {label: found[("node", label)] for label in (*model.labels, FUNDER_LABEL)},
        "relationships": {
            rel_type: found[("relationship", rel_type)]
            for rel_type in (*model.relationship_types, PROVENANCE_TYPE)
        },
    }


def graph_counts(database: Database, model: DomainModel) -> dict[str, dict[str, int]]:
    """Node counts per label (and Funder) and relationship counts per type, zeros included.

    One round trip, answered from Neo4j's counts store.
    """
    return _counts(database.read(_counts_statement(model)), model)


async def graph_counts_async(read: Read, model: DomainModel) -> dict[str, dict[str, int]]:
    """`graph_counts` for a request (the web home page), through the request's own `read`."""
    return _counts(await read(_counts_statement(model)), model)


@dataclass(frozen=True)
class NameMatch:
    """One entity found by a name lookup."""

    label: str
    id: str
    name: str
    exact: bool
    score: float


def find_by_name(
    database: Database,
    model: DomainModel,
    text: str,
    kinds: list[str] | None = None,
    limit: int = 10,
) -> list[NameMatch]:
    """Entities whose name or an alias matches `text`, ignoring accents, case and punctuation.

    Exact matches of the whole folded name come first, then full-text matches by score. The
    full-text query is built from the folded words only (letters and digits), so no Lucene syntax
    a user types can reach the index.
    """
    unknown = [kind for kind in kinds or [] if kind not in model.labels]
    if unknown:
        raise ConfigError(f"unknown kinds {unknown}; known kinds are {', '.join(model.labels)}")
    key = name_key(text)
    if not key:
        return []
    lucene = fulltext_query(key)
    rows = database.read(
        f"""
        CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $lucene, {{limit: $candidates}})
        YIELD node, score
        WITH node, score, [label IN labels(node) WHERE label IN $labels][0] AS label
        WHERE label IS NOT NULL
        RETURN label, node.id AS id, node.name AS name, $key IN node.lookup_keys AS exact, score
        ORDER BY exact DESC, score DESC, id
        LIMIT $limit
        """,
        lucene=lucene,
        key=key,
        labels=kinds or list(model.labels),
        limit=limit,
        candidates=max(limit * 5, 50),
    )
    return [NameMatch(**row) for row in rows]


def fulltext_query(key: str) -> str:
    """The Lucene query for a folded name, shared by `graphsvc search` and the API.

    Every word must match, exactly, as a prefix, or (from four letters) within one typo. It is
    built from letters and digits only, so no query syntax a user types can reach the index.
    """
    return " AND ".join(_fulltext_term(word) for word in key.split())


_STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "if",
        "in",
        "into",
        "is",
        "it",
        "no",
        "not",
        "of",
        "on",
        "or",
        "such",
        "that",
        "the",
        "their",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "will",
        "with",
    )
)
"""Lucene's English stop words, which the index's analyzer drops. Such a word is left plain,
so that the analyzer drops it from the query too: as a prefix or fuzzy term it would not be
analysed, would match nothing, and would sink the whole AND."""


def _fulltext_term(word: str) -> str:
    if word in _STOP_WORDS:
        return word
    if len(word) >= 4:
        return f"({word} OR {word}* OR {word}~1)"
    return f"({word} OR {word}*)"


def node_by_id(database: Database, node_id: str) -> dict[str, Any] | None:
    """The stored properties of the node with this id, with its labels and sources."""
    rows = database.read(
        f"""
        MATCH (n:`{ENTITY_LABEL}` {{id: $id}})
        OPTIONAL MATCH (n)-[:{PROVENANCE_TYPE}]->(s)
        RETURN labels(n) AS labels, properties(n) AS properties, collect(s.id) AS sources
        """,
        id=node_id,
    )
    return rows[0] if rows else None
