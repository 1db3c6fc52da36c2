"""The review queue's GraphQL types: a proposal, its document, its facts and their evidence.

Built from intake's own `ReviewedProposal` (`graphsvc.intake.facts`), the form the CLI shows, so
the API and `graphsvc intake show` cannot disagree. The document's text is not carried in these
objects: a proposal may hold megabytes, and a list of them holds many. Evidence resolves its
sentence, mention and excerpt from the text on demand, through one DataLoader per request, so a
page of proposals whose sentences are asked for costs one query for all their texts.
"""

from __future__ import annotations

import json
from enum import Enum
from functools import partial
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from graphsvc.api.schema.entities import Entity, build_entity
from graphsvc.api.schema.lists import PageInfo
from graphsvc.api.schema.query import EntityKind
from graphsvc.api.schema.scalars import PartialDateValue, RelationshipType
from graphsvc.intake.facts import EntityFact, RelationshipFact, ReviewedProposal
from graphsvc.intake.proposal import Span
from graphsvc.model import MODEL
from graphsvc.service.context import RequestContext
from graphsvc.store import entities as stored
from graphsvc.store import proposals as queue

EXCERPT_CHARS = 200
"""How much of the text around a fact's sentence its excerpt shows, on each side."""


@strawberry.enum(description="Where review of a proposal stands.")
class ProposalStatus(Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@strawberry.enum(
    description="A curator's decision on one fact; SKIPPED: left out when its proposal was "
    "accepted (not chosen, or under the confidence threshold)."
)
class FactDecision(Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SKIPPED = "skipped"


@strawberry.type(description="A stretch of a document's text, by character offsets [start, end).")
class TextSpan:
    start: int
    end: int
    text: str


def text_loader(context: RequestContext) -> DataLoader[str, str | None]:
    """The request's loader of proposals' texts, by proposal id."""
    return context.loader("proposal-text", partial(queue.proposal_texts, context.read))


async def document_text(context: RequestContext, proposal_id: str) -> str:
    """The proposal's text, loaded once per request for every evidence that asks."""
    text: str | None = await text_loader(context).load(proposal_id)
    return text or ""


def _span(text: str, span: Span) -> TextSpan:
    return TextSpan(start=span.start, end=span.end, text=span.of(text))


def excerpt(text: str, sentence: Span, chars: int = EXCERPT_CHARS) -> TextSpan:
    """The sentence with up to `chars` characters of context on each side, cut between words."""
    start = max(0, sentence.start - chars)
    end = min(len(text), sentence.end + chars)
    if start > 0:
        space = text.find(" ", start, sentence.start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", sentence.end, end)
        end = space if space >= 0 else end
    return TextSpan(start=start, end=end, text=text[start:end])


@strawberry.type(description="Why a fact is proposed: where the text states it, which rule saw it.")
class Evidence:
    rule: str = strawberry.field(
        description="The rule that produced it, e.g. `known-name` or `phrase:funds:fr`."
    )
    confidence: float = strawberry.field(description="From 0 to 1.")
    proposal_id: strawberry.Private[str]
    sentence_span: strawberry.Private[Span]
    mention_span: strawberry.Private[Span]

    @strawberry.field(description="The sentence that states the fact.")
    async def sentence(self, info: Info[RequestContext, None]) -> TextSpan:
        return _span(await document_text(info.context, self.proposal_id), self.sentence_span)

    @strawberry.field(description="The words that state it (a name, a date, a phrase).")
    async def mention(self, info: Info[RequestContext, None]) -> TextSpan:
        return _span(await document_text(info.context, self.proposal_id), self.mention_span)

    @strawberry.field(
        description=f"The sentence with up to {EXCERPT_CHARS} characters of the text around it."
    )
    async def excerpt(self, info: Info[RequestContext, None]) -> TextSpan:
        text = await document_text(info.context, self.proposal_id)
        return excerpt(text, self.sentence_span)


@strawberry.type(description="One property a fact would give its entity or link, as text.")
class FactProperty:
    name: str
    value: str


def _properties(properties: dict[str, Any]) -> list[FactProperty]:
    return [
        FactProperty(name=k, value=v if isinstance(v, str) else json.dumps(v))
        for k, v in sorted(properties.items())
    ]


@strawberry.type(description="The document a proposal comes from, and the Source it becomes.")
class ProposalDocument:
    source_slug: str = strawberry.field(
        description="The slug its Source gets when the proposal is accepted."
    )
    title: str | None
    url: str | None
    publisher: str | None
    author: str | None
    published_on: PartialDateValue | None = strawberry.field(description="Its publication date.")
    language: str | None = strawberry.field(description="ISO 639-1 code (en, fr, es, ca ...).")
    content_hash: str = strawberry.field(
        description="SHA-256 of the text: the same text is never proposed twice."
    )
    format: str = strawberry.field(description="text, html, pdf or feed-item.")
    origin: str = strawberry.field(description="Where it was read from (a path, a URL).")


async def _entities(context: RequestContext, slugs: list[str]) -> list[Any]:
    loader = context.loader("node", partial(stored.nodes_by_slug, context.read))
    rows = await loader.load_many(slugs)
    return [build_entity(row) for row in rows if row is not None]


@strawberry.type(description="An entity a document mentions: matched to a known one, or new.")
class ProposedEntity:
    number: int = strawberry.field(description="The fact's number, for decisions and edits.")
    slug: str = strawberry.field(description="For a new entity, the slug it would get.")
    kind: EntityKind  # type: ignore[valid-type]
    name: str = strawberry.field(description="The surface form, as the text writes it.")
    matched_slug: str | None = strawberry.field(
        description="The known entity it is (the curator's choice, or the one match)."
    )
    is_new: bool = strawberry.field(description="True when it matches no known entity.")
    ambiguous: bool = strawberry.field(
        description="True when it fits several known entities and none is chosen yet: "
        "choose with `editProposedFact(entity:)`."
    )
    candidate_slugs: list[str] = strawberry.field(
        description="Every known entity the surface form fits."
    )
    confidence: float
    decision: FactDecision
    uncertain: bool
    note: str | None
    properties: list[FactProperty] = strawberry.field(
        description="Model properties it would get (category, start_date ...)."
    )
    evidence: list[Evidence]

    @strawberry.field(description="The known entity it is matched to, if any.")
    async def matched(self, info: Info[RequestContext, None]) -> Entity | None:
        if self.matched_slug is None:
            return None
        found = await _entities(info.context, [self.matched_slug])
        return found[0] if found else None

    @strawberry.field(description="The known entities it fits (several when ambiguous).")
    async def candidates(self, info: Info[RequestContext, None]) -> list[Entity]:
        return await _entities(info.context, self.candidate_slugs)


@strawberry.type(description="A relationship a document states between two proposed entities.")
class ProposedRelationship:
    number: int
    type: RelationshipType  # type: ignore[valid-type]
    reads: str = strawberry.field(description="The words a reader sees for it (`funds`).")
    reads_backwards: str = strawberry.field(description="The same from the target (`funded by`).")
    from_: ProposedEntity = strawberry.field(name="from")
    to: ProposedEntity
    confidence: float
    decision: FactDecision
    start_date: PartialDateValue | None
    end_date: PartialDateValue | None
    uncertain: bool = strawberry.field(
        description="True when a date is not stated in full (e.g. the year taken from the "
        "publication date); `note` says why."
    )
    note: str | None
    properties: list[FactProperty]
    evidence: Evidence


@strawberry.type(description="A relationship by its type and ends.")
class LinkKey:
    type: RelationshipType  # type: ignore[valid-type]
    from_: str = strawberry.field(name="from")
    to: str


@strawberry.type(description="What accepting a proposal wrote: undo takes back exactly this.")
class ProposalReceipt:
    source_slug: str
    created_entities: list[str]
    created_links: list[LinkKey]
    sourced_entities: list[str] = strawberry.field(
        description="Entities that already existed and gained the document as a source."
    )
    sourced_links: list[LinkKey] = strawberry.field(
        description="Links that already existed and gained the document as a source."
    )


@strawberry.type(
    description="Facts proposed from one document, for a curator to accept, edit or reject."
)
class Proposal:
    id: strawberry.ID
    status: ProposalStatus
    submitted: str = strawberry.field(description="When it was queued (UTC, ISO 8601).")
    revision: int = strawberry.field(
        description="Raised by every change; a decision made on a stale view is refused."
    )
    source: ProposalDocument
    entities: list[ProposedEntity]
    relationships: list[ProposedRelationship]
    receipt: ProposalReceipt | None = strawberry.field(
        description="What accepting it wrote (null unless accepted)."
    )


@strawberry.type(description="A name's match left out because a curator had rejected it.")
class DroppedMatch:
    name: str
    slug: str


@strawberry.type(description="A document queued for review.")
class ProposalSubmission:
    proposal: Proposal
    dropped_matches: list[DroppedMatch] = strawberry.field(
        description="Matches recognition found that curators had rejected before."
    )


@strawberry.type(description="One proposal in the queue, with its cursor.")
class ProposalEdge:
    cursor: str
    node: Proposal


@strawberry.type(description="A page of the review queue, newest first.")
class ProposalConnection:
    edges: list[ProposalEdge]
    page_info: PageInfo
    status: strawberry.Private[str | None]

    @strawberry.field(description="The page's proposals.")
    def nodes(self) -> list[Proposal]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many proposals (with the status asked) in all pages.")
    async def total_count(self, info: Info[RequestContext, None]) -> int:
        return await queue.proposal_count(info.context.read, self.status)


def _date(value: Any) -> PartialDateValue | None:
    return PartialDateValue.from_stored(value)


def _evidence(proposal_id: str, fact: EntityFact | RelationshipFact) -> list[Evidence]:
    items = fact.evidence if isinstance(fact, EntityFact) else (fact.evidence,)
    return [
        Evidence(
            rule=e.rule,
            confidence=e.confidence,
            proposal_id=proposal_id,
            sentence_span=e.sentence,
            mention_span=e.mention,
        )
        for e in items
    ]


def _entity(proposal_id: str, fact: EntityFact) -> ProposedEntity:
    return ProposedEntity(
        number=fact.number,
        slug=fact.key,
        kind=EntityKind(fact.label),
        name=fact.name,
        matched_slug=fact.known_id,
        is_new=fact.known_id is None and not fact.matches,
        ambiguous=fact.ambiguous,
        candidate_slugs=list(fact.matches),
        confidence=fact.confidence,
        decision=FactDecision(fact.state),
        uncertain=fact.uncertain,
        note=fact.note,
        properties=_properties(fact.properties),
        evidence=_evidence(proposal_id, fact),
    )


def _link_key(key: tuple[str, str, str]) -> LinkKey:
    return LinkKey(type=RelationshipType(key[0]), from_=key[1], to=key[2])


def build_proposal(proposal: ReviewedProposal, row: dict[str, Any] | None = None) -> Proposal:
    """The GraphQL view of a proposal as review holds it.

    `row`: the proposal's stored properties, when it was read without its text (a page of the
    queue): then its hash and Source slug are the stored ones, not those of an empty text.
    """
    entities = {fact.key: _entity(proposal.id, fact) for fact in proposal.entities}
    relationships = []
    for fact in proposal.relationships:
        kind = MODEL.relationship_kind(fact.type)
        outgoing, incoming = kind.reads if kind else (fact.type, fact.type)
        relationships.append(
            ProposedRelationship(
                number=fact.number,
                type=RelationshipType(fact.type),
                reads=outgoing,
                reads_backwards=incoming,
                from_=entities[fact.source],
                to=entities[fact.target],
                confidence=fact.confidence,
                decision=FactDecision(fact.state),
                start_date=_date(fact.properties.get("start_date")),
                end_date=_date(fact.properties.get("end_date")),
                uncertain=fact.uncertain,
                note=fact.note,
                properties=_properties(fact.properties),
                evidence=_evidence(proposal.id, fact)[0],
            )
        )
    document = proposal.document
    receipt = proposal.receipt
    return Proposal(
        id=strawberry.ID(proposal.id),
        status=ProposalStatus(proposal.status),
        submitted=proposal.submitted,
        revision=proposal.revision,
        source=ProposalDocument(
            source_slug=row["source_id"] if row else document.source_id,
            title=document.title,
            url=document.url,
            publisher=document.publisher,
            author=document.author,
            published_on=_date(document.published),
            language=document.language,
            content_hash=row["content_hash"] if row else document.content_hash,
            format=document.format,
            origin=document.origin,
        ),
        entities=list(entities.values()),
        relationships=relationships,
        receipt=None
        if receipt is None
        else ProposalReceipt(
            source_slug=receipt.source_id,
            created_entities=list(receipt.created_nodes),
            created_links=[_link_key(k) for k in receipt.created_relationships],
            sourced_entities=list(receipt.sourced_nodes),
            sourced_links=[_link_key(k) for k in receipt.sourced_relationships],
        ),
    )


ProposalId = Annotated[
    strawberry.ID, strawberry.argument(description="The proposal's id, e.g. `p-3f2a9c1b7d4e`.")
]
