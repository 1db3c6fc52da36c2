"""Cypher map projections that every reader of the graph returns rows in.

A node comes back as `{label, node}` (its model label and stored properties) and a relationship
as a link map (type, both ends, properties, cited Sources), whether the API, the maps or the
money trace asked; labels come from the domain model, passed as `$labels`.
"""

from __future__ import annotations

from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE

LABELS = list(MODEL.labels)

NODE_ROW = "{{label: [l IN labels({v}) WHERE l IN $labels][0], node: properties({v})}}"
"""A Cypher map expression giving a node's model label and properties."""


def node_row(variable: str) -> str:
    return NODE_ROW.format(v=variable)


def cited_sources(r: str) -> str:
    """The Source rows a relationship `r` cites (in its `sources` property), by id.

    Fetched with the relationship itself: a few index seeks in the same query cost less than
    another round trip to look the sources up when a client asks for them.
    """
    return (
        f"COLLECT {{ MATCH (s:`{SOURCE.label}`) WHERE s.id IN coalesce({r}.sources, []) "
        f"WITH s ORDER BY s.id RETURN {{label: '{SOURCE.label}', node: properties(s)}} }}"
    )


def link_map(r: str) -> str:
    """A Cypher map for relationship `r`: its type, both ends as node rows, its properties."""
    return (
        f"{{type: type({r}), from: {node_row(f'startNode({r})')}, "
        f"to: {node_row(f'endNode({r})')}, relationship: properties({r}), "
        f"sources: {cited_sources(r)}}}"
    )
