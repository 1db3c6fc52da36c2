"""Validated graph data, ready to be written: what the loader writes and the tests inspect."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Origin:
    """Where an entry was declared, for messages."""

    file: str
    line: int | None


@dataclass(frozen=True)
class NodeRecord:
    """A node of a model kind, with typed property values and the Source ids that support it."""

    label: str
    id: str
    properties: dict[str, Any]
    sources: tuple[str, ...]
    origin: Origin


@dataclass(frozen=True)
class RelationshipRecord:
    """A relationship between two node ids, with typed property values and supporting Sources."""

    type: str
    source_id: str
    target_id: str
    properties: dict[str, Any]
    sources: tuple[str, ...]
    origin: Origin

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes a relationship unique: at most one of each type between an ordered pair."""
        return (self.type, self.source_id, self.target_id)


@dataclass(frozen=True)
class GraphData:
    """A complete, validated set of nodes and relationships."""

    nodes: tuple[NodeRecord, ...] = field(default_factory=tuple)
    relationships: tuple[RelationshipRecord, ...] = field(default_factory=tuple)

    def node(self, node_id: str) -> NodeRecord | None:
        """The node with this id, or None."""
        return next((n for n in self.nodes if n.id == node_id), None)

    def node_counts(self) -> dict[str, int]:
        """Number of nodes per label."""
        return dict(Counter(n.label for n in self.nodes))

    def relationship_counts(self) -> dict[str, int]:
        """Number of relationships per type (provenance links not included)."""
        return dict(Counter(r.type for r in self.relationships))
