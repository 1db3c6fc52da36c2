"""The nodes and links among a view's ids, read in two queries, as a networkx MultiDiGraph.

A MultiDiGraph keyed by relationship type keeps several links between one pair apart (a funder
that both FUNDS and MANAGES a programme shows both). Each node and link carries the ids of the
Sources that support it; `sources` maps those ids to the documents' names and files, so the map
can cite them as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.select import MAP_TYPES
from graphsvc.store import map_contents
from graphsvc.store.async_database import Read

_HIDDEN = frozenset({"id", "lookup_keys", "lookup_text", "name_sort", "sources"})
"""Stored for lookups, or shown elsewhere."""


@dataclass
class SourceDocument:
    """A document cited on the map, as text (name and file); maps never link out to it."""

    id: str
    name: str
    file: str | None
    category: str | None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None


@dataclass
class MapGraph:
    """A view's nodes and links, with the documents they cite."""

    graph: nx.MultiDiGraph[str]
    sources: dict[str, SourceDocument] = field(default_factory=dict)


async def fetch(read: Read, ids: set[str] | None) -> MapGraph:
    """Read the nodes with `ids` and every map link among them, in a stable order.

    `ids` None stands for every entity of the kinds a map draws, matched directly rather than
    sent back as a list.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    cited: set[str] = set()
    if ids is None:
        nodes = await map_contents.entities_of_kinds(read, MAP_KINDS)
        links = await map_contents.links_of_kinds(read, MAP_KINDS, MAP_TYPES)
    else:
        ordered = sorted(ids)
        nodes = await map_contents.entities(read, ordered)
        links = await map_contents.links_among(read, ordered, MAP_TYPES)
    for row in sorted(nodes, key=lambda r: r["id"]):
        properties = _shown(row["properties"])
        sources = sorted(row["sources"])
        cited.update(sources)
        graph.add_node(
            row["id"],
            kind=row["kind"],
            name=properties.pop("name", row["id"]),
            properties=properties,
            sources=sources,
        )
    for row in sorted(links, key=lambda r: (r["source"], r["type"], r["target"])):
        sources = sorted(row["properties"].get("sources") or [])
        cited.update(sources)
        graph.add_edge(
            row["source"],
            row["target"],
            key=row["type"],
            type=row["type"],
            properties=_shown(row["properties"]),
            sources=sources,
        )
    documents = {
        row["id"]: SourceDocument(
            row["id"],
            row["name"] or row["id"],
            row["file"],
            row["category"],
            row.get("title"),
            row.get("publisher"),
            None if row.get("published") is None else str(row["published"]),
        )
        for row in await map_contents.source_documents(read, sorted(cited))
    }
    return MapGraph(graph, documents)


def _shown(properties: dict[str, Any]) -> dict[str, Any]:
    """Properties worth showing a reader: no lookup keys, no split date parts."""
    return {
        key: value
        for key, value in properties.items()
        if key not in _HIDDEN and not key.endswith(("_year", "_month", "_day"))
    }
