"""Which entity a person means: one rule for every argument that names an entity.

People type what they know: a readable id (`european-union`), a name (`European Union`), an
alias or acronym (`EU`), with or without accents. An exact id wins; otherwise the text's folded
key (`graphsvc.model.names.name_key`) is compared with each entity's stored `lookup_keys` (its
name and aliases, folded the same way). More than one entity under one key is ambiguous, and the
caller shows the candidates rather than guessing.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.model.names import name_key
from graphsvc.store.async_database import Read
from graphsvc.store.projections import LABELS, node_row

CANDIDATES = 10
"""At most this many entities are returned for one ambiguous name."""

_RESOLVE = f"""
UNWIND range(0, size($texts) - 1) AS i
OPTIONAL MATCH (exact:`{ENTITY_LABEL}` {{id: $texts[i]}})
CALL (i, exact) {{
    WITH i, exact WHERE exact IS NULL AND $keys[i] <> ''
    MATCH (n:`{ENTITY_LABEL}`)
    WHERE $keys[i] IN n.lookup_keys
      AND ($kinds IS NULL OR any(l IN labels(n) WHERE l IN $kinds))
    WITH n ORDER BY n.id LIMIT {CANDIDATES}
    RETURN collect({node_row("n")}) AS named
}}
WITH i, CASE
    WHEN exact IS NULL THEN named
    WHEN $kinds IS NULL OR any(l IN labels(exact) WHERE l IN $kinds) THEN [{node_row("exact")}]
    ELSE []
END AS found
WHERE size(found) > 0
RETURN i, found
"""


async def resolve(
    read: Read, texts: list[str], kinds: tuple[str, ...] | None = None
) -> list[list[dict[str, Any]]]:
    """For each text, the entities it names: one for an id, all under a name or alias, or none.

    `kinds` keeps only nodes of those labels (a `city` filter means a City). One round trip for
    every text. An id that exists is never shadowed by a name, and then no name is looked up:
    the id is found through the uniqueness index, while a name compares every entity's keys.
    """
    if not texts:
        return []
    rows = await read(
        _RESOLVE,
        texts=texts,
        keys=[name_key(text) for text in texts],
        kinds=list(kinds) if kinds is not None else None,
        labels=LABELS,
    )
    found: dict[int, list[dict[str, Any]]] = {row["i"]: row["found"] for row in rows}
    return [found.get(i, []) for i in range(len(texts))]
