"""Which entity a person means: one rule for every argument that names an entity.

People type what they know: a readable id (`european-union`), a name (`European Union`), an
alias or acronym (`EU`), with or without accents. An exact id wins; otherwise the text's folded
key (`graphsvc.model.names.name_key`) is compared with each entity's stored `lookup_keys` (its
name and aliases, folded the same way), found through the text index on `lookup_text`. More
than one entity under one key is ambiguous, and the caller shows the candidates rather than
guessing.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.model.names import name_key
from graphsvc.store.async_database import Read
from graphsvc.store.encode import KEY_MARK, LOOKUP_TEXT
from graphsvc.store.projections import LABELS, node_row

CANDIDATES = 10
"""At most this many entities are returned for one ambiguous name."""

_BY_KEY = " UNION ALL ".join(
    f"MATCH (n:`{label}`) WHERE n.{LOOKUP_TEXT} CONTAINS $marked[i] AND $keys[i] IN n.lookup_keys "
    "RETURN n"
    for label in MODEL.labels
)
"""The entities with the key `$keys[i]`, kind by kind: each kind's text index on `lookup_text`
finds the nodes whose keys hold `$marked[i]` (the key after its mark), and the exact key is then
checked on those few."""

_RESOLVE = f"""
UNWIND range(0, size($texts) - 1) AS i
OPTIONAL MATCH (exact:`{ENTITY_LABEL}` {{id: $texts[i]}})
CALL (i, exact) {{
    WITH i WHERE exact IS NULL AND $keys[i] <> ''
    CALL (i) {{ {_BY_KEY} }}
    WITH n WHERE $kinds IS NULL OR any(l IN labels(n) WHERE l IN $kinds)
    WITH DISTINCT n ORDER BY n.id LIMIT {CANDIDATES}
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
"""Each text's entities. A name is looked up through the kinds' text indexes: comparing the key
with every entity's keys read all of them, and Neo4j did so even when the text was an id it had
found (about 100 ms a lookup at 1,000,000 entities, on every request naming an entity)."""


def resolve_parameters(texts: list[str], kinds: tuple[str, ...] | None) -> dict[str, Any]:
    """The parameters of _RESOLVE for `texts` (each folded, and marked as in `lookup_text`)."""
    keys = [name_key(text) for text in texts]
    return {
        "texts": texts,
        "keys": keys,
        "marked": [KEY_MARK + key for key in keys],
        "kinds": list(kinds) if kinds is not None else None,
        "labels": LABELS,
    }


async def resolve(
    read: Read, texts: list[str], kinds: tuple[str, ...] | None = None
) -> list[list[dict[str, Any]]]:
    """For each text, the entities it names: one for an id, all under a name or alias, or none.

    `kinds` keeps only nodes of those labels (a `city` filter means a City). One round trip for
    every text. An id that exists is never shadowed by a name. The id is found through the
    uniqueness index, a name through each kind's text index (see _RESOLVE).
    """
    if not texts:
        return []
    rows = await read(_RESOLVE, **resolve_parameters(texts, kinds))
    found: dict[int, list[dict[str, Any]]] = {row["i"]: row["found"] for row in rows}
    return [found.get(i, []) for i in range(len(texts))]
