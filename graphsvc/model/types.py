"""The vocabulary the domain model is written in: property types, node kinds, relationship kinds.

These classes hold no domain knowledge of their own; `graphsvc.model.domain` uses them to declare
graphsvc's kinds once, and every other part of the system (validation, Neo4j constraints, the CLI's
statistics, the API, the maps, IATI and the exports) reads that one declaration instead of
repeating it.

Relationships carry their *meaning*, in the spirit of FollowTheMoney's schemata (`extends:` and
`is_a()`): each relationship kind belongs to one `Meaning` (FUNDS is `financing`), meanings nest
(`financing` is a kind of `involvement`), and code asks `MODEL.relationships_in("place")` instead of
keeping its own list of types. A new relationship kind declared with its meaning is found by every
query, map and export that asks for that meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

Placement = Literal["beside", "within"]
"""How the geographic map places a relationship's source: `beside` its target (an institution
beside the city it is based in), or `within` it (a city within its country)."""

LANGUAGES = ("en", "fr", "es", "ca", "ar")
"""The languages whose phrases a relationship kind may declare for document intake."""


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
class Meaning:
    """A semantic group of relationship kinds, such as `place` or `financing`.

    Meanings nest through `parent`: a relationship of a narrower meaning is also of every broader
    one (`is_a`), the way a FollowTheMoney schema `extends` another.
    """

    name: str
    description: str
    parent: str | None = None
    placement: Placement | None = None
    """How the geographic map places the source of a relationship of this meaning."""


@dataclass(frozen=True)
class IatiRole:
    """The IATI participating-org role code a relationship kind stands for.

    `imported` marks the one kind that an imported role code becomes; the others with the same code
    (a curated LEADS exported as role 2, accountable) are written out with it but never read in.
    """

    code: str
    imported: bool = True


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
    roles: tuple[str, ...] = ()
    """The parts the kind plays in the graph (actor, undertaking, place, classification,
    provenance, money; a City is both a place and an actor), so that code asks
    `MODEL.kinds_in("place")`."""
    rdf_types: tuple[str, ...] = ()
    """Its classes in linked data (schema.org, the W3C Organization Ontology, SKOS)."""

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
    meaning: str = ""
    """The name of its `Meaning`, the narrowest semantic group it belongs to."""
    rdf_term: str | None = None
    """The linked-data property on the source that points at the target (`org:memberOf`)."""
    rdf_inverse: str | None = None
    """The linked-data property on the target that points back (FUNDS is `schema:funder`)."""
    iati_role: IatiRole | None = None
    """The IATI participating-org role this link to an activity stands for, where one does."""
    phrases: tuple[tuple[str, str], ...] = ()
    """(language, phrase) pairs that state this relationship in a text ("financed by",
    "financé par"), for document intake."""

    @property  # declared before the `property` method below, which shadows the builtin
    def reads(self) -> tuple[str, str]:
        """The words a reader sees for it, from each end: ("funds", "funded by")."""
        return self.outgoing.replace("_", " "), self.incoming.replace("_", " ")

    def property(self, name: str) -> Property | None:
        """The property called `name`, or None when this kind has no such property."""
        return next((p for p in self.properties if p.name == name), None)

    def phrases_in(self, language: str) -> tuple[str, ...]:
        """The phrases that state this relationship in `language` (ISO 639-1)."""
        return tuple(phrase for lang, phrase in self.phrases if lang == language)

    def allows(self, source_label: str, target_label: str) -> bool:
        """Whether this kind may connect a `source_label` node to a `target_label` node."""
        return source_label in self.sources and target_label in self.targets


@dataclass(frozen=True)
class DomainModel:
    """The complete set of node and relationship kinds, checked for consistency when built."""

    node_kinds: tuple[NodeKind, ...]
    relationship_kinds: tuple[RelationshipKind, ...]
    meanings: tuple[Meaning, ...] = ()

    def __post_init__(self) -> None:
        self._check_meanings()
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
        imported = [
            r.iati_role.code
            for r in self.relationship_kinds
            if r.iati_role and r.iati_role.imported
        ]
        if len(set(imported)) != len(imported):
            raise ValueError(f"an IATI role code is imported as two relationship kinds: {imported}")

    def _check_meanings(self) -> None:
        names = [m.name for m in self.meanings]
        if len(set(names)) != len(names):
            raise ValueError(f"meanings repeat: {names}")
        for meaning in self.meanings:
            if meaning.parent is not None and meaning.parent not in names:
                raise ValueError(f"meaning {meaning.name!r} extends unknown {meaning.parent!r}")
            seen = {meaning.name}
            parent = meaning.parent
            while parent is not None:
                if parent in seen:
                    raise ValueError(f"meaning {meaning.name!r} extends itself")
                seen.add(parent)
                parent = self.meaning(parent).parent
        for rel in self.relationship_kinds:
            if rel.meaning not in names:
                raise ValueError(f"{rel.type} has no declared meaning ({rel.meaning!r})")

    def meaning(self, name: str) -> Meaning:
        """The meaning called `name`; a KeyError names a meaning the model does not declare."""
        found = next((m for m in self.meanings if m.name == name), None)
        if found is None:
            raise KeyError(f"the model declares no meaning {name!r}")
        return found

    def meanings_of(self, rel_type: str) -> tuple[str, ...]:
        """The meanings of `rel_type`, narrowest first: FUNDS is (financing, involvement)."""
        kind = self.relationship_kind(rel_type)
        if kind is None:
            raise KeyError(f"the model declares no relationship {rel_type!r}")
        chain: list[str] = []
        name: str | None = kind.meaning
        while name is not None:
            chain.append(name)
            name = self.meaning(name).parent
        return tuple(chain)

    def is_a(self, rel_type: str, meaning: str) -> bool:
        """Whether `rel_type` has `meaning`, directly or through a broader one."""
        self.meaning(meaning)
        return meaning in self.meanings_of(rel_type)

    def relationships_in(
        self,
        *meanings: str,
        sources: Iterable[str] | None = None,
        targets: Iterable[str] | None = None,
    ) -> tuple[str, ...]:
        """The relationship types of any of `meanings`, in declaration order.

        `sources` and `targets` keep only the kinds that may start or end at one of those labels:
        `relationships_in("place", sources=("Programme", "Event"))` is where undertakings happen.
        """
        for name in meanings:
            self.meaning(name)
        start = set(sources) if sources is not None else None
        end = set(targets) if targets is not None else None
        return tuple(
            rel.type
            for rel in self.relationship_kinds
            if any(self.is_a(rel.type, name) for name in meanings)
            and (start is None or start & set(rel.sources))
            and (end is None or end & set(rel.targets))
        )

    def placement(self, rel_type: str) -> Placement | None:
        """How the geographic map places this relationship's source, from its meanings."""
        for name in self.meanings_of(rel_type):
            placement = self.meaning(name).placement
            if placement is not None:
                return placement
        return None

    def iati_role_code(self, rel_type: str) -> str | None:
        """The participating-org role code this relationship is exported as, if any."""
        kind = self.relationship_kind(rel_type)
        return kind.iati_role.code if kind is not None and kind.iati_role else None

    def relationship_for_iati_role(self, code: str) -> str | None:
        """The relationship type an imported participating-org role code becomes, if any."""
        return next(
            (
                rel.type
                for rel in self.relationship_kinds
                if rel.iati_role is not None
                and rel.iati_role.imported
                and rel.iati_role.code == code
            ),
            None,
        )

    def kinds_in(self, role: str) -> tuple[str, ...]:
        """The node labels that play `role` (actor, undertaking, place ...), in model order."""
        return tuple(kind.label for kind in self.node_kinds if role in kind.roles)

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

    def kinds_joined_by(self, types: tuple[str, ...]) -> frozenset[str]:
        """The node kinds at either end of at least one of these relationship types."""
        return frozenset(
            label
            for rel in self.relationship_kinds
            if rel.type in types
            for label in (*rel.sources, *rel.targets)
        )

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
