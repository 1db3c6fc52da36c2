"""The stored graph as a networkx MultiDiGraph: every node and relationship of the model.

Several relationships between the same pair stay distinct (a MultiDiGraph keyed by type), and
provenance is kept as each node's and relationship's `sources` list.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphsvc.store.database import Database
from graphsvc.store.graph_export import all_entities, all_relationships

_DERIVED = ("lookup_keys", "lookup_text", "name_sort")
"""Stored for lookups only; not part of what an entity is."""


def stored_graph(database: Database) -> nx.MultiDiGraph[str]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for row in all_entities(database):
        graph.add_node(
            row["id"], kind=row["kind"], sources=sorted(row["sources"]), **_clean(row["properties"])
        )
    for row in all_relationships(database):
        graph.add_edge(
            row["source"], row["target"], key=row["type"], type=row["type"], **row["properties"]
        )
    return graph


def _clean(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if k not in _DERIVED and k != "id"}


def flattened(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """A copy whose list values are joined with '; ' (GEXF and GraphML hold no lists)."""
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        flat.add_node(node, label=data.get("name", node), **_scalars(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, label=data["type"], **_scalars(data))
    return flat


def _scalars(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: "; ".join(map(str, v)) if isinstance(v, list) else v
        for k, v in data.items()
        if v is not None
    }
