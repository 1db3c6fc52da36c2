"""A mention: words in the text taken for an entity, before mentions of one entity are grouped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphsvc.intake.proposal import Span
from graphsvc.model.names import name_key


def slug(name: str) -> str:
    return name_key(name).replace(" ", "-") or "unnamed"


@dataclass
class Mention:
    """Words taken for an entity; mentions with one key become one proposed entity."""

    span: Span
    sentence: Span
    label: str
    name: str
    rule: str
    confidence: float
    matches: tuple[str, ...] = ()
    properties: dict[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    note: str | None = None

    @property
    def key(self) -> str:
        if len(self.matches) == 1:
            return self.matches[0]
        prefix = "ambiguous-" if self.matches else ""
        return f"{prefix}{self.label.lower()}-{slug(self.name)}"


@dataclass(frozen=True)
class Link:
    """A relationship between two mentions, with the words that state it."""

    type: str
    source: Mention
    target: Mention
    sentence: Span
    words: Span
    rule: str
    confidence: float
    properties: dict[str, Any] = field(default_factory=dict)
