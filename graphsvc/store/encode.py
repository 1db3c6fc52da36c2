"""How validated records become Neo4j property maps.

A partial date is stored twice over on purpose: as its written form (`start_date: "--04-23"`),
which a person reading the graph in Neo4j Browser understands, and as separate integer parts
(`start_date_year`, `..._month`, `..._day`) that range filters can use; a missing part is simply
absent. Every node also stores `lookup_keys`, the folded forms of its name and aliases, so that an
exact accent- and case-insensitive lookup needs no full-text query; the same keys joined into one
string (`lookup_text`), which a text index answers the lists' name filter from; and `name_sort`,
its name in lower case: the key lists are ordered by, stored so that a range index can give that
order (a key computed in the query would have to be sorted afresh for every page).
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.dates import PartialDate
from graphsvc.model.names import lookup_keys
from graphsvc.model.records import NodeRecord, RelationshipRecord


def encode_properties(values: dict[str, Any]) -> dict[str, Any]:
    """Neo4j-storable properties for typed values (partial dates flattened)."""
    encoded: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, PartialDate):
            encoded[name] = value.isoformat()
            for part in ("year", "month", "day"):
                if getattr(value, part) is not None:
                    encoded[f"{name}_{part}"] = getattr(value, part)
        else:
            encoded[name] = value
    return encoded


NAME_SORT = "name_sort"
"""The stored property lists order by name: the name as `toLower` folds it."""


def name_sort(name: str) -> str:
    """The sort key of a name: lower case, as Cypher's `toLower` (both follow Unicode's casing)."""
    return name.lower()


LOOKUP_TEXT = "lookup_text"
"""The stored property the lists' name filter searches: every lookup key in one string."""

KEY_MARK = "|"
"""What precedes each key in `lookup_text`. Never part of a key (`name_key` turns punctuation
into spaces), so a folded filter text is found in the string exactly when it is found in one key."""


def lookup_text(keys: list[str]) -> str:
    """The lookup keys as one string, for a text index.

    A text index covers one string property, not a list, and answers `CONTAINS` on it from the
    index instead of reading every node of the kind.
    """
    return "".join(KEY_MARK + key for key in keys)


def lookup_text_of(keys: str) -> str:
    """`lookup_text` as a Cypher expression over the list expression `keys` (same result)."""
    return f"reduce(text = '', key IN {keys} | text + '{KEY_MARK}' + key)"


def node_row(node: NodeRecord) -> dict[str, Any]:
    """The row one node contributes to an UNWIND batch."""
    props = encode_properties(node.properties)
    props["lookup_keys"] = lookup_keys(node.properties["name"], node.properties["aliases"])
    props[LOOKUP_TEXT] = lookup_text(props["lookup_keys"])
    props[NAME_SORT] = name_sort(node.properties["name"])
    return {"id": node.id, "props": props, "sources": list(node.sources)}


def relationship_row(rel: RelationshipRecord) -> dict[str, Any]:
    """The row one relationship contributes to an UNWIND batch."""
    props = encode_properties(rel.properties)
    props["sources"] = list(rel.sources)
    return {"from": rel.source_id, "to": rel.target_id, "props": props}
