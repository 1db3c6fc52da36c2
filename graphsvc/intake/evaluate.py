"""Score proposals against a gold file: precision, recall and F1 per language, and invented years.

An entity is found when a proposal holds one of the same kind whose folded name equals the gold
name or one of its aliases. An event in a text often has no name of its own ("the workshop took
place on 5 May"), so an event is also found by what identifies it: the same category and start
date, or, when the gold event has no date, the same category and the city it was held in.
A relationship is found when its type and both ends (by that mapping of entities) are; an event
date when a found event's start (and end) equal the gold ones. A proposed date whose year the
text does not contain counts as an invented year: there must be none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphsvc.intake.proposal import Proposal, ProposedEntity
from graphsvc.model.domain import EVENT, HELD_IN
from graphsvc.model.names import name_key


@dataclass(frozen=True)
class GoldEntity:
    """One entity the text mentions, as the gold file gives it."""

    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    start_date: str | None = None
    end_date: str | None = None
    category: str | None = None

    @property
    def keys(self) -> set[str]:
        return {name_key(n) for n in (self.name, *self.aliases)} - {""}


@dataclass(frozen=True)
class GoldDocument:
    """What one document states, by hand."""

    language: str
    entities: tuple[GoldEntity, ...]
    relationships: tuple[tuple[str, str, str], ...]
    """(type, from name, to name)."""


@dataclass
class Counts:
    """True positives, proposed and gold counts of one measure."""

    found: int = 0
    proposed: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.found += other.found
        self.proposed += other.proposed
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Every measure of a set of documents."""

    entities: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    relationships: Counts = field(default_factory=Counts)
    dates: Counts = field(default_factory=Counts)
    invented_years: int = 0

    def add(self, other: Score) -> None:
        for kind, counts in other.entities.items():
            self.entities[kind].add(counts)
        self.relationships.add(other.relationships)
        self.dates.add(other.dates)
        self.invented_years += other.invented_years

    @property
    def all_entities(self) -> Counts:
        total = Counts()
        for counts in self.entities.values():
            total.add(counts)
        return total


def read_gold(raw: dict[str, Any]) -> dict[str, GoldDocument]:
    """The gold file's documents (the format in bench/gold/README.md)."""
    documents = {}
    for file, entry in (raw.get("documents") or {}).items():
        entities = tuple(
            GoldEntity(
                e["kind"],
                str(e["name"]),
                tuple(str(a) for a in e.get("aliases") or ()),
                _date(e.get("start_date")),
                _date(e.get("end_date")),
                e.get("category"),
            )
            for e in entry.get("entities") or ()
        )
        relationships = tuple(
            (r["type"], str(r["from"]), str(r["to"])) for r in entry.get("relationships") or ()
        )
        documents[file] = GoldDocument(entry.get("language", "en"), entities, relationships)
    return documents


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


def score(proposal: Proposal, gold: GoldDocument) -> Score:
    result = Score()
    by_name = {k: i for i, g in enumerate(gold.entities) for k in g.keys}
    index: dict[str, int] = {}  # proposal key -> gold entity index
    events = []
    for entity in proposal.entities:
        result.entities[entity.label].proposed += 1
        match = _by_name(entity, gold)
        if match is not None:
            index[entity.key] = match
        elif entity.label == EVENT.label:
            events.append(entity)
    for entity in events:  # after the other entities: an event may be known by its city
        match = _event_by_identity(entity, proposal, gold, index, by_name)
        if match is not None:
            index[entity.key] = match
    found = set(index.values())
    for i, g in enumerate(gold.entities):
        result.entities[g.kind].gold += 1
        if i in found:
            result.entities[g.kind].found += 1
    gold_links = {
        (t, by_name.get(name_key(a), -1), by_name.get(name_key(b), -2))
        for t, a, b in gold.relationships
    }
    proposed_links = {
        (r.type, index.get(r.source, -3), index.get(r.target, -4)) for r in proposal.relationships
    }
    result.relationships = Counts(
        len(gold_links & proposed_links), len(proposal.relationships), len(gold.relationships)
    )
    gold_dates = {
        (i, g.start_date, g.end_date) for i, g in enumerate(gold.entities) if g.start_date
    }
    proposed_dates = set()
    for entity in proposal.entities:
        start = entity.properties.get("start_date")
        if entity.label == EVENT.label and start:
            proposed_dates.add(
                (index.get(entity.key, -1), start, entity.properties.get("end_date"))
            )
            year = str(start)[:4]
            if (
                not entity.uncertain
                and year.isdigit()
                and not re.search(year, proposal.document.text)
            ):
                result.invented_years += 1
    result.dates = Counts(len(gold_dates & proposed_dates), len(proposed_dates), len(gold_dates))
    return result


def _by_name(entity: ProposedEntity, gold: GoldDocument) -> int | None:
    keys = {name_key(entity.name)} | {name_key(a) for a in entity.properties.get("aliases", ())}
    return next(
        (i for i, g in enumerate(gold.entities) if g.kind == entity.label and keys & g.keys),
        None,
    )


def _event_by_identity(
    entity: ProposedEntity,
    proposal: Proposal,
    gold: GoldDocument,
    index: dict[str, int],
    by_name: dict[str, int],
) -> int | None:
    """The gold event of the same category and start date, or (undated) of the same city."""
    category = entity.properties.get("category")
    start = entity.properties.get("start_date")
    cities = {
        index[r.target]
        for r in proposal.relationships
        if r.type == HELD_IN.type and r.source == entity.key and r.target in index
    }
    taken = set(index.values())
    for i, g in enumerate(gold.entities):
        if g.kind != EVENT.label or i in taken or g.category != category or category is None:
            continue
        if g.start_date is not None:
            if start is not None and str(start) == g.start_date:
                return i
            continue
        held_in = {
            by_name.get(name_key(b))
            for t, a, b in gold.relationships
            if t == HELD_IN.type and by_name.get(name_key(a)) == i
        }
        if cities & held_in:
            return i
    return None
