"""The review queue in the API: `proposals`, `proposal`, and the curator's mutations.

The same operations as `graphsvc intake list|show|accept|reject|reconsider|edit|undo`, calling
the same functions (`graphsvc.intake.review`, through `intake_calls`), so an acceptance through
the API writes exactly what the CLI's would: the loader's validation and statements, all or
nothing, every fact citing the document. Documents come in as text only: the API fetches no URL.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, SelectionSetNode
from strawberry.types import Info

from graphsvc.api.schema.entities import First
from graphsvc.api.schema.intake_types import (
    DroppedMatch,
    Proposal,
    ProposalConnection,
    ProposalEdge,
    ProposalId,
    ProposalStatus,
    ProposalSubmission,
    build_proposal,
    text_loader,
)
from graphsvc.api.schema.lists import After, PageInfo
from graphsvc.api.schema.query import EntityKind
from graphsvc.api.schema.scalars import RelationshipType
from graphsvc.intake import review
from graphsvc.intake.facts import from_stored
from graphsvc.model.dates import PartialDate
from graphsvc.model.domain import SOURCE
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import bad_input
from graphsvc.service.intake_calls import audit_note, call_review, recogniser_ready
from graphsvc.service.intake_submissions import (
    checked_edit,
    intake_budget,
    proposals_after,
    proposals_cursor,
    recognise_and_submit,
    submitted_document,
)
from graphsvc.store import proposals as queue

# Queries


def must_be_alone(info: Info[RequestContext, None]) -> None:
    """Refuse an intake mutation that shares its request with another root field."""
    names = list(_root_fields(info.operation.selection_set, info))
    if len(names) > 1:
        raise bad_input(
            f"`{info.field_name}` commits on its own: send it alone in its request "
            f"(this one asks for {', '.join(names)})"
        )


def _root_fields(selections: SelectionSetNode, info: Info[RequestContext, None]) -> list[str]:
    found: list[str] = []
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value != "__typename":
                found.append((selection.alias or selection.name).value)
        elif isinstance(selection, InlineFragmentNode):
            found += _root_fields(selection.selection_set, info)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = info.fragments[selection.name.value]
            found += _root_fields(fragment.selection_set, info)
    return found


async def resolve_proposals(
    info: Info[RequestContext, None],
    status: Annotated[
        ProposalStatus | None,
        strawberry.argument(description="Only proposals in this state (default: all)."),
    ] = None,
    first: First = None,
    after: After = None,
) -> ProposalConnection:
    context = info.context
    wanted = status.value if status else None
    size = context.page_size(first)
    rows = await queue.proposal_page(context.read, wanted, size + 1, proposals_after(after, wanted))
    edges = [
        ProposalEdge(
            cursor=proposals_cursor(wanted, row["submitted"], row["id"]),
            node=build_proposal(from_stored({**row, "text": ""}), row),
        )
        for row in rows[:size]
    ]
    return ProposalConnection(
        edges=edges,
        status=wanted,
        page_info=PageInfo(
            has_next_page=len(rows) > size,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


async def resolve_proposal(info: Info[RequestContext, None], id: ProposalId) -> Proposal:
    context = info.context
    proposal = await call_review(context, review.show, str(id), proposal_id=str(id), field="id")
    text_loader(context).prime(proposal.id, proposal.document.text)
    return build_proposal(proposal)


@strawberry.type
class IntakeQuery:
    proposals: ProposalConnection = strawberry.field(
        resolver=resolve_proposals,
        description="The review queue of documents' proposed facts, newest first.",
    )
    proposal: Proposal = strawberry.field(
        resolver=resolve_proposal,
        description="One proposal with its document and every fact's evidence (NOT_FOUND when "
        "no proposal has this id).",
    )


# Mutations


async def submit_document(
    info: Info[RequestContext, None],
    text: Annotated[str, strawberry.argument(description="The document's plain text.")],
    title: str | None = None,
    url: Annotated[
        str | None,
        strawberry.argument(description="Where it was published (kept, never fetched)."),
    ] = None,
    language: Annotated[
        str | None, strawberry.argument(description="ISO 639-1 code; detected when not given.")
    ] = None,
    published_on: Annotated[
        str | None,
        strawberry.argument(description="Publication date: YYYY, YYYY-MM or YYYY-MM-DD."),
    ] = None,
) -> ProposalSubmission:
    must_be_alone(info)
    context = info.context
    document = submitted_document(text, title, url, language, published_on)
    await recogniser_ready(context)
    note = audit_note(
        context,
        "submitDocument",
        "",  # the proposal's id, set when it is made
        {
            "title": title,
            "url": url,
            "language": language,
            "publishedOn": published_on,
            "content_hash": document.content_hash,
            "characters": len(document.text),
        },
    )
    submitted = await call_review(
        context, recognise_and_submit, document, note, field="text", budget=intake_budget(context)
    )
    proposal = submitted.proposal
    return ProposalSubmission(
        proposal=build_proposal(proposal),
        dropped_matches=[DroppedMatch(name=n, slug=s) for n, s in submitted.dropped_matches],
    )


FactNumbers = Annotated[
    list[int] | None,
    strawberry.argument(description="Only these facts, by number (default: the whole proposal)."),
]


async def accept_proposal(
    info: Info[RequestContext, None],
    id: ProposalId,
    facts: FactNumbers = None,
    min_confidence: Annotated[
        float | None, strawberry.argument(description="Leave out facts below this (0 to 1).")
    ] = None,
) -> Proposal:
    must_be_alone(info)
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise bad_input("`minConfidence` must be between 0 and 1", field="minConfidence")
    context = info.context
    accepted = await call_review(
        context,
        review.accept,
        str(id),
        facts or None,
        min_confidence,
        audit_note(
            context, "acceptProposal", str(id), {"facts": facts, "minConfidence": min_confidence}
        ),
        proposal_id=str(id),
        field="facts",
        budget=intake_budget(context),
    )
    return build_proposal(accepted.proposal)


async def reject_proposal(
    info: Info[RequestContext, None], id: ProposalId, facts: FactNumbers = None
) -> Proposal:
    must_be_alone(info)
    context = info.context
    after = await call_review(
        context,
        review.reject,
        str(id),
        facts or None,
        audit_note(context, "rejectProposal", str(id), {"facts": facts}),
        proposal_id=str(id),
        field="facts",
    )
    return build_proposal(after)


async def edit_proposed_fact(
    info: Info[RequestContext, None],
    id: ProposalId,
    fact: Annotated[int, strawberry.argument(description="The fact's number.")],
    entity: Annotated[
        str | None, strawberry.argument(description="The known entity (slug) this mention is.")
    ] = None,
    kind: Annotated[
        EntityKind | None,  # type: ignore[valid-type]
        strawberry.argument(description="The entity's kind."),
    ] = None,
    date: Annotated[
        str | None,
        strawberry.argument(
            description="The start date (YYYY, YYYY-MM or YYYY-MM-DD); no "
            "longer uncertain once set."
        ),
    ] = None,
    type: Annotated[
        RelationshipType | None,  # type: ignore[valid-type]
        strawberry.argument(description="The relationship's type."),
    ] = None,
) -> Proposal:
    must_be_alone(info)
    if entity is None and kind is None and date is None and type is None:
        raise bad_input("give at least one of `entity`, `kind`, `date`, `type`", field="fact")
    if kind is not None and kind.value == SOURCE.label:
        raise bad_input(f"`kind`: a fact cannot become a {SOURCE.label}", field="kind")
    if date is not None:
        try:
            PartialDate.parse(date)
        except ValueError as error:
            raise bad_input(f"`date`: {error}", field="date") from None
    changes = {
        "entity": entity,
        "kind": kind.value if kind else None,
        "date": date,
        "rel_type": type.value if type else None,
    }
    context = info.context
    after = await call_review(
        context,
        checked_edit,
        str(id),
        fact,
        changes,
        audit_note(
            context,
            "editProposedFact",
            f"{id} fact {fact}",
            {k if k != "rel_type" else "type": v for k, v in changes.items() if v is not None},
        ),
        proposal_id=str(id),
        field="entity" if entity is not None else "fact",
    )
    return build_proposal(after)


async def undo_proposal(info: Info[RequestContext, None], id: ProposalId) -> Proposal:
    must_be_alone(info)
    context = info.context
    after = await call_review(
        context,
        review.undo,
        str(id),
        audit_note(context, "undoProposal", str(id), {}),
        proposal_id=str(id),
        field="id",
    )
    return build_proposal(after)


async def reconsider_proposal(
    info: Info[RequestContext, None], id: ProposalId, facts: FactNumbers = None
) -> Proposal:
    must_be_alone(info)
    context = info.context
    after = await call_review(
        context,
        review.reconsider,
        str(id),
        facts or None,
        audit_note(context, "reconsiderProposal", str(id), {"facts": facts}),
        proposal_id=str(id),
        field="facts",
    )
    return build_proposal(after)


@strawberry.type
class IntakeMutation:
    submit_document: ProposalSubmission = strawberry.field(
        resolver=submit_document,
        description="Queue a document's text for review: its facts are recognised and "
        "proposed, nothing reaches the graph until accepted. CONFLICT (naming the earlier "
        "proposal or Source) when the same text was taken in before. Send it alone.",
    )
    accept_proposal: Proposal = strawberry.field(
        resolver=accept_proposal,
        description="Write a proposal's facts (all not rejected, or those chosen; a "
        "relationship brings its two entities) to the graph, every one citing the document; "
        "all or nothing. Send it alone.",
    )
    reject_proposal: Proposal = strawberry.field(
        resolver=reject_proposal,
        description="Reject a proposal, or single facts; a rejected match of a name is not "
        "proposed again. Send it alone.",
    )
    reconsider_proposal: Proposal = strawberry.field(
        resolver=reconsider_proposal,
        description="Take a rejection back: the rejected facts (all, or those chosen) wait for "
        "review again, a rejected proposal is pending again, and their names may match the "
        "same entities again. Send it alone.",
    )
    edit_proposed_fact: Proposal = strawberry.field(
        resolver=edit_proposed_fact,
        description="Change a fact before accepting it: the entity it is, its kind, its date, "
        "the relationship type. Send it alone.",
    )
    undo_proposal: Proposal = strawberry.field(
        resolver=undo_proposal,
        description="Take the last decision back: an accepted proposal comes out of the graph "
        "exactly, a rejected one waits for review again; either is pending again. Send it alone.",
    )
