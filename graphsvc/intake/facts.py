"""A proposal under review: its document and its facts, numbered, each with its decision.

Recognition hands over a `Proposal`; review needs more: a number per fact for the curator to name
it by, the curator's edits and decisions, and a form that survives being stored (JSON, since a
Neo4j property cannot hold a nested map). Entities are numbered first, then relationships, so a
fact's number never changes while the proposal is reviewed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from graphsvc.errors import IntakeError
from graphsvc.intake.document import Document
from graphsvc.intake.proposal import Evidence, Proposal, Span

FactState = Literal["pending", "accepted", "rejected", "skipped"]
"""`skipped`: left out when the proposal was accepted (not chosen, or under the threshold)."""

ProposalStatus = Literal["pending", "accepted", "rejected"]


@dataclass(frozen=True)
class EntityFact:
    """A proposed entity as reviewed: `chosen` is the known id the curator picked, if any."""

    number: int
    key: str
    label: str
    name: str
    evidence: tuple[Evidence, ...]
    matches: tuple[str, ...] = ()
    chosen: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    uncertain: bool = False
    note: str | None = None
    state: FactState = "pending"

    @property
    def confidence(self) -> float:
        return max((e.confidence for e in self.evidence), default=0.0)

    @property
    def known_id(self) -> str | None:
        """The existing entity this is, when decided: chosen by the curator, or the one match."""
        if self.chosen is not None:
            return self.chosen
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return self.chosen is None and len(self.matches) > 1


@dataclass(frozen=True)
class RelationshipFact:
    """A proposed relationship as reviewed, between two entity facts named by key."""

    number: int
    type: str
    source: str
    target: str
    evidence: Evidence
    properties: dict[str, Any] = field(default_factory=dict)
    uncertain: bool = False
    note: str | None = None
    state: FactState = "pending"

    @property
    def confidence(self) -> float:
        return self.evidence.confidence


Fact = EntityFact | RelationshipFact


@dataclass(frozen=True)
class Receipt:
    """What an acceptance changed in the graph, kept so that undo takes back exactly that."""

    source_id: str
    created_nodes: tuple[str, ...] = ()
    created_relationships: tuple[tuple[str, str, str], ...] = ()
    sourced_nodes: tuple[str, ...] = ()
    """Existing entities that gained the document as a further source."""
    sourced_relationships: tuple[tuple[str, str, str], ...] = ()
    """Existing relationships (type, from, to) that gained the document as a further source."""


@dataclass(frozen=True)
class ReviewedProposal:
    """One stored proposal: the document, its facts and where review stands."""

    id: str
    document: Document
    entities: tuple[EntityFact, ...]
    relationships: tuple[RelationshipFact, ...]
    status: ProposalStatus = "pending"
    submitted: str = ""
    revision: int = 0
    """Raised by every change, so that a decision made on a stale view is refused."""
    receipt: Receipt | None = None

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (*self.entities, *self.relationships)

    def fact(self, number: int) -> Fact | None:
        return next((f for f in self.facts if f.number == number), None)

    def entity(self, key: str) -> EntityFact | None:
        return next((e for e in self.entities if e.key == key), None)

    def with_facts(self, facts: list[Fact]) -> ReviewedProposal:
        """The same proposal with these facts replacing the ones of the same number."""
        by_number = {f.number: f for f in facts}
        return replace(
            self,
            entities=tuple(by_number.get(e.number, e) for e in self.entities),  # type: ignore[misc]
            relationships=tuple(by_number.get(r.number, r) for r in self.relationships),  # type: ignore[misc]
        )


def proposal_id(document: Document) -> str:
    """A proposal's id: stable for the same text, short enough to type."""
    return f"p-{document.content_hash[:12]}"


def reviewed(proposal: Proposal, submitted: str) -> ReviewedProposal:
    """A fresh proposal as review first sees it: every fact numbered and pending."""
    entities = tuple(
        EntityFact(
            number,
            e.key,
            e.label,
            e.name,
            e.evidence,
            e.matches,
            None,
            dict(e.properties),
            e.uncertain,
            e.note,
        )
        for number, e in enumerate(proposal.entities, start=1)
    )
    relationships = tuple(
        RelationshipFact(
            number,
            r.type,
            r.source,
            r.target,
            r.evidence,
            dict(r.properties),
            r.uncertain,
            r.note,
        )
        for number, r in enumerate(proposal.relationships, start=len(entities) + 1)
    )
    return ReviewedProposal(
        proposal_id(proposal.document),
        proposal.document,
        entities,
        relationships,
        "pending",
        submitted,
    )


def facts_json(proposal: ReviewedProposal) -> str:
    """The facts as stored on the proposal node."""
    return json.dumps(
        {
            "entities": [asdict(e) for e in proposal.entities],
            "relationships": [asdict(r) for r in proposal.relationships],
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def receipt_json(receipt: Receipt | None) -> str | None:
    return None if receipt is None else json.dumps(asdict(receipt), sort_keys=True)


def _evidence(raw: dict[str, Any]) -> Evidence:
    return Evidence(
        Span(**raw["sentence"]), Span(**raw["mention"]), raw["rule"], float(raw["confidence"])
    )


def _receipt(raw: str | None) -> Receipt | None:
    if raw is None:
        return None
    data = json.loads(raw)
    return Receipt(
        data["source_id"],
        tuple(data["created_nodes"]),
        tuple(tuple(r) for r in data["created_relationships"]),
        tuple(data["sourced_nodes"]),
        tuple(tuple(r) for r in data["sourced_relationships"]),
    )


def from_stored(row: dict[str, Any]) -> ReviewedProposal:
    """A proposal from the properties of its stored node (see `graphsvc.store.proposals`)."""
    document = Document(
        text=row["text"],
        format=row["format"],
        origin=row["origin"],
        title=row.get("title"),
        url=row.get("url"),
        publisher=row.get("publisher"),
        author=row.get("author"),
        published=row.get("published"),
        language=row.get("language"),
    )
    facts = json.loads(row["facts"])
    entities = tuple(
        EntityFact(
            **{
                **e,
                "evidence": tuple(_evidence(x) for x in e["evidence"]),
                "matches": tuple(e["matches"]),
            }
        )
        for e in facts["entities"]
    )
    relationships = tuple(
        RelationshipFact(**{**r, "evidence": _evidence(r["evidence"])})
        for r in facts["relationships"]
    )
    return ReviewedProposal(
        row["id"],
        document,
        entities,
        relationships,
        row["status"],
        row["submitted"],
        int(row["revision"]),
        _receipt(row.get("receipt")),
    )


def stored_properties(proposal: ReviewedProposal) -> dict[str, Any]:
    """The properties of a proposal's node: the document's text and metadata, facts as JSON."""
    document = proposal.document
    return {
        "id": proposal.id,
        "status": proposal.status,
        "submitted": proposal.submitted,
        "revision": proposal.revision,
        "text": document.text,
        "format": document.format,
        "origin": document.origin,
        "title": document.title,
        "url": document.url,
        "publisher": document.publisher,
        "author": document.author,
        "published": document.published,
        "language": document.language,
        "content_hash": document.content_hash,
        "source_id": document.source_id,
        "facts": facts_json(proposal),
        "receipt": receipt_json(proposal.receipt),
    }


def fact_numbered(proposal: ReviewedProposal, number: int) -> Fact:
    """Fact `number` of the proposal, or an error that says how its facts are numbered."""
    fact = proposal.fact(number)
    if fact is None:
        raise IntakeError(
            f"proposal {proposal.id} has no fact {number}; its facts are numbered 1 to "
            f"{len(proposal.facts)}"
        )
    return fact
