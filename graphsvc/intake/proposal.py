"""What intake proposes from one document: entities and relationships, each with its evidence.

A proposal is data, not yet graph: nothing here touches Neo4j. Entities are referred to by a key
local to the proposal; an entity that matches known ids lists them in `matches` (one: matched;
several: ambiguous, for the curator to choose; none: new).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphsvc.intake.document import Document


@dataclass(frozen=True)
class Span:
    """Character offsets `[start, end)` into the document's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Evidence:
    """Why a fact is proposed: where the text states it, which rule saw it, how sure it is."""

    sentence: Span
    mention: Span
    """The words that state it (a name, a date, a phrase such as "financed by")."""
    rule: str
    """The rule that produced it, e.g. `known-name`, `en:municipality-of`, `phrase:FUNDS:fr`."""
    confidence: float
    """From 0 to 1; a curator may accept everything above a threshold."""


@dataclass(frozen=True)
class ProposedEntity:
    """An entity the document mentions: matched to known ids, or new."""

    key: str
    """Unique within the proposal; for a new entity, the slug it would get."""
    label: str
    """Its node kind (a label of the domain model)."""
    name: str
    evidence: tuple[Evidence, ...]
    matches: tuple[str, ...] = ()
    """Known ids this mention may be: none for a new entity, several when ambiguous."""
    properties: dict[str, Any] = field(default_factory=dict)
    """Model properties it would get (category, start_date, latitude ...)."""
    uncertain: bool = False
    note: str | None = None


@dataclass(frozen=True)
class ProposedRelationship:
    """A relationship the document states between two proposed entities (by key)."""

    type: str
    source: str
    target: str
    evidence: Evidence
    properties: dict[str, Any] = field(default_factory=dict)
    uncertain: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Proposal:
    """Everything proposed from one document."""

    document: Document
    entities: tuple[ProposedEntity, ...] = ()
    relationships: tuple[ProposedRelationship, ...] = ()

    def entity(self, key: str) -> ProposedEntity | None:
        return next((e for e in self.entities if e.key == key), None)
