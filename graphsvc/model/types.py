"""The vocabulary the domain model is written in: property types, node kinds, relationship kinds.

These classes hold no domain knowledge of their own; `graphsvc.model.domain` uses them to declare
graphsvc's kinds once, and every other part of the system (validation, Neo4j constraints, the CLI's
statistics, later the API and the maps) reads that one declaration instead of repeating it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


class PropertyType(Enum):
    """How a property's value is written in the seeds and stored in Neo4j."""

    STRING = "string"
    TEXT = "text"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    STRING_LIST = "list of strings"
    PARTIAL_DATE = "partial date"
    CHOICE = "choice"


@dataclass(frozen=True)
class Property:
    """One property of a node or relationship kind, with the rules a value must satisfy."""

    name: str
    type: PropertyType
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None

    def __post_init__(self) -> None:
        if self.type is PropertyType.CHOICE and not self.choices:
            raise ValueError(f"property {self.name!r} is a choice but lists no choices")
        if self.pattern is not None:
            re.compile(self.pattern)


@dataclass(frozen=True)
class NodeKind:
    """A kind of node: its Neo4j label, its properties, and how people call it in prose."""

    label: str
    plural: str
    description: str
    properties: tuple[Property, ...] = field(default_factory=tuple)
    colour: str = "#777777"
    """How maps draw this kind: a fill colour (CSS hex) ..."""
    shape: str = "dot"
    """... and a vis-network shape whose label sits outside it (dot, square, diamond, ...)."""

    def property(self, name: str) -> Property | None:
        """The property called `name`, or None when this kind has no such property."""
        return next((p for p in self.properties if p.name == name), None)


@dataclass(frozen=True)
class RelationshipKind:
    """A kind of relationship, directed from one of `sources` to one of `targets`."""

    type: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: tuple[Property, ...] = field(default_factory=tuple)
    outgoing: str = ""
    """What the source calls its targets (`funds`): the API's field name, in snake case."""
    incoming: str = ""
    """What the target calls its sources (`funded_by`)."""
    collaborative: bool = True
    """False for links that place or classify (a city's country, a programme's theme): they do
    not make two parties collaborators, so partner and path queries do not walk them."""

    def property(self, name: str) -> Property | None:
        """The property called `name`, or None when this kind has no such property."""
        return next((p for p in self.properties if p.name == name), None)

    def allows(self, source_label: str, target_label: str) -> bool:
        """Whether this kind may connect a `source_label` node to a `target_label` node."""
        return source_label in self.sources and target_label in self.targets


@dataclass(frozen=True)
class DomainModel:
    """The complete set of node and relationship kinds, checked for consistency when built."""

    node_kinds: tuple[NodeKind, ...]
    relationship_kinds: tuple[RelationshipKind, ...]

    def __post_init__(self) -> None:
        labels = [k.label for k in self.node_kinds]
        if len(set(labels)) != len(labels):
            raise ValueError(f"node kind labels repeat: {labels}")
        types = [r.type for r in self.relationship_kinds]
        if len(set(types)) != len(types):
            raise ValueError(f"relationship types repeat: {types}")
        for rel in self.relationship_kinds:
            unknown = set(rel.sources + rel.targets) - set(labels)
            if unknown:
                raise ValueError(f"{rel.type} names unknown node kinds {sorted(unknown)}")
        for kind in self.node_kinds:
            names = [p.name for p in kind.properties]
            names += [name for name, _, _ in self.links(kind.label)]
            repeated = sorted({name for name in names if names.count(name) > 1})
            if repeated or "" in names:
                raise ValueError(f"{kind.label}'s fields repeat or lack a name: {repeated}")

    @property
    def labels(self) -> tuple[str, ...]:
        """Every node label, in declaration order."""
        return tuple(k.label for k in self.node_kinds)

    @property
    def relationship_types(self) -> tuple[str, ...]:
        """Every relationship type, in declaration order."""
        return tuple(r.type for r in self.relationship_kinds)

    @property
    def collaboration_types(self) -> tuple[str, ...]:
        """The relationship types that make their two ends collaborators (partners, paths)."""
        return tuple(r.type for r in self.relationship_kinds if r.collaborative)

    def links(self, label: str) -> list[tuple[str, RelationshipKind, bool]]:
        """(field name, kind, outgoing?) for every relationship a `label` node can have."""
        found: list[tuple[str, RelationshipKind, bool]] = []
        for rel in self.relationship_kinds:
            if label in rel.sources:
                found.append((rel.outgoing, rel, True))
            if label in rel.targets:
                found.append((rel.incoming, rel, False))
        return found

    def node_kind(self, label: str) -> NodeKind | None:
        """The node kind with this label, or None."""
        return next((k for k in self.node_kinds if k.label == label), None)

    def relationship_kind(self, rel_type: str) -> RelationshipKind | None:
        """The relationship kind with this type, or None."""
        return next((r for r in self.relationship_kinds if r.type == rel_type), None)
