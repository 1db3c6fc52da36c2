"""The queue of documents' proposed facts, and one document beside its proposals.

Both read through what the API reads: the queue is `store.proposals.proposal_page` (keyset
pagination, the API's own cursors), a proposal is `graphsvc.intake.review.show` run as the API
runs it (`call_review`). The detail page marks each fact's words in the document's text and
offers the decisions `graphsvc.web.proposal_decisions` answers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.intake import completing, review
from graphsvc.intake.facts import EntityFact, Fact, RelationshipFact, ReviewedProposal, from_stored
from graphsvc.maps.catalogue import SUGGEST_PATH
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.model.types import PropertyType
from graphsvc.model.wording import human_date, human_moment
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import bad_input
from graphsvc.service.intake_calls import call_review
from graphsvc.service.intake_submissions import proposals_after, proposals_cursor
from graphsvc.store import entities, known_entities
from graphsvc.store import proposals as queue
from graphsvc.web.handling import context_of
from graphsvc.web.highlight import anchors, pieces
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

QUEUE = "/review/proposals"
PAGE_SIZE = 20
TICKED_FROM = 0.7
"""A fact at least this sure starts ticked for accepting; below it, the curator ticks it."""
STATUSES = ("pending", "accepted", "rejected")
_STATE_WORDS = {
    "pending": "waiting",
    "accepted": "accepted",
    "rejected": "rejected",
    "skipped": "left out",
}


def proposal_url(proposal_id: str) -> str:
    return f"{QUEUE}/{proposal_id}"


async def proposals_queue(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    wanted = request.query_params.get("status", "pending")
    if wanted not in (*STATUSES, "all"):
        raise bad_input(f"status {wanted[:20]!r}: choose pending, accepted, rejected or all")
    status = None if wanted == "all" else wanted
    after = request.query_params.get("after")
    rows = await queue.proposal_page(
        context.read, status, PAGE_SIZE + 1, proposals_after(after or None, status)
    )
    shown = rows[:PAGE_SIZE]
    items = [_queued(from_stored({**row, "text": ""})) for row in shown]
    more = None
    if len(rows) > PAGE_SIZE:
        last = shown[-1]
        cursor = proposals_cursor(status, last["submitted"], last["id"])
        more = f"{QUEUE}?status={wanted}&after={cursor}"
    return page(
        "proposals.html",
        title="Proposed facts",
        viewer=viewer,
        section="review",
        items=items,
        chosen=wanted,
        statuses=[*STATUSES, "all"],
        counts={s: await queue.proposal_count(context.read, s) for s in STATUSES},
        more=more,
        first=None if after is None else f"{QUEUE}?status={wanted}",
    )


def _queued(proposal: ReviewedProposal) -> dict[str, Any]:
    document = proposal.document
    waiting = sum(1 for f in proposal.facts if f.state == "pending")
    return {
        "href": proposal_url(proposal.id),
        "title": document.title or document.url or document.origin,
        "publisher": document.publisher,
        "published": human_date(document.published),
        "submitted": human_moment(proposal.submitted),
        "facts": len(proposal.facts),
        "waiting": waiting,
        "status": proposal.status,
    }


async def proposal_detail(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    return await render_proposal(context, viewer, request.path_params["proposal_id"])


async def render_proposal(
    context: RequestContext,
    viewer: Principal,
    proposal_id: str,
    *,
    problem: str | None = None,
    status: int = 200,
    posted: Posted | None = None,
) -> Response:
    """The page of one proposal; a decision refused for a reason the page can say shows it.

    `posted` is the refused form: its ticks and its edit are shown as the curator left them.
    """
    proposal = await call_review(context, review.show, proposal_id, proposal_id=proposal_id)
    document = proposal.document
    cut = pieces(document.text, _mentions(proposal))
    known = await _known_names(context, proposal)
    countries = await asyncio.to_thread(
        known_entities.countries_by_code, context.database.blocking()
    )
    marks = anchors(cut)
    kept = posted or Posted()
    shown = [_fact(proposal, fact, known, marks, countries, kept) for fact in proposal.facts]
    stopped = {f["number"] for f in shown if f.get("problems")}
    unticked = {f["number"] for f in shown if not f["ticked"]}
    for each in shown:  # a relationship brings its ends: it starts ticked only when they do
        waits = [n for n in each.get("ends", ()) if n in stopped]
        each["waits_for"] = waits
        if kept.ticked is None and (set(each.get("ends", ())) & unticked):
            each["ticked"] = False
    return page(
        "proposal.html",
        title=document.title or f"Proposal {proposal.id}",
        viewer=viewer,
        section="review",
        status=status,
        proposal=proposal,
        document=document,
        published=human_date(document.published),
        submitted=human_moment(proposal.submitted),
        pieces=cut,
        facts=shown,
        ticked_from=round(TICKED_FROM * 100),
        pending=proposal.status == "pending",
        decide=proposal.status == "pending" and viewer.can_write,
        problem=problem,
        kinds=[label for label in MODEL.labels if label != SOURCE.label],
        action=proposal_url(proposal.id),
        source_href=urls.source_url(document.source_id) if proposal.status == "accepted" else None,
    )


def _mentions(proposal: ReviewedProposal) -> list[tuple[int, int, int]]:
    found = []
    for fact in proposal.facts:
        evidence = fact.evidence if isinstance(fact, EntityFact) else (fact.evidence,)
        found += [(fact.number, e.mention.start, e.mention.end) for e in evidence]
    return found


async def _known_names(context: RequestContext, proposal: ReviewedProposal) -> dict[str, str]:
    """The name of every known entity a fact matched or was given (one round trip)."""
    ids = sorted(
        {i for e in proposal.entities for i in (*e.matches, *([e.chosen] if e.chosen else []))}
    )
    rows = await entities.nodes_by_slug(context.read, ids)
    return {i: str(row["node"]["name"]) for i, row in zip(ids, rows, strict=True) if row}


@dataclass(frozen=True)
class Posted:
    """A refused form, to show the page as the curator left it: their ticks, their edit."""

    ticked: frozenset[int] | None = None
    """The facts ticked for accepting, when the refused form was the accept form."""
    edited: int | None = None
    """The fact whose edit form was refused."""
    values: dict[str, str] = field(default_factory=dict)
    """That edit form's fields."""


def _fact(
    proposal: ReviewedProposal,
    fact: Fact,
    known: dict[str, str],
    marks: dict[int, str],
    countries: dict[str, str],
    posted: Posted,
) -> dict[str, Any]:
    """One fact as the page shows it: what it says, where it says it, how sure, what it matched.

    A new entity also shows what it would be written with (defaults marked as inferred), a field
    for each property its kind needs, and why accepting would refuse it, before Accept is pressed.
    A fact starts ticked when it is at least `TICKED_FROM` sure and nothing stops it.
    """
    shown = _described(proposal, fact, known, marks)
    if isinstance(fact, EntityFact) and fact.known_id is None and not fact.ambiguous:
        shown.update(_needs(proposal, fact, countries))
    if posted.edited == fact.number:
        shown["open"] = True
        shown["name_value"] = posted.values.get("name", shown.get("name_value", ""))
        shown["date_value"] = posted.values.get("date", shown["date_value"])
        shown["entity_value"] = posted.values.get("entity", shown.get("entity_value", ""))
        for each in shown.get("fields", ()):
            each["value"] = posted.values.get(each["input"], each["value"])
    if posted.ticked is not None:
        shown["ticked"] = fact.number in posted.ticked
    else:
        shown["ticked"] = fact.confidence >= TICKED_FROM and not shown.get("problems")
    return shown


def _needs(
    proposal: ReviewedProposal, fact: EntityFact, countries: dict[str, str]
) -> dict[str, Any]:
    """A new entity's fields, what it would be written with, and what still stops it."""
    completion = completing.complete(fact, proposal.document.language)
    kind = MODEL.node_kind(fact.label)
    fields: list[dict[str, Any]] = []
    for prop in completing.needed(kind) if kind else ():
        fields.append(
            {
                "input": f"set-{prop.name}",
                "label": prop.name.replace("_", " ").capitalize(),
                "hint": prop.description,
                "choices": prop.choices,
                "number": prop.type is PropertyType.FLOAT,
                "value": completing.form_value(prop, completion.properties.get(prop.name)),
                "inferred": completion.inferred.get(prop.name),
            }
        )
    if completing.country_link(fact.label) is not None:
        fields.append(
            {
                "input": f"set-{completing.COUNTRY_FIELD}",
                "label": "Country (ISO code)",
                "hint": "The two letters of ISO 3166-1, e.g. TN for Tunisia.",
                "choices": (),
                "number": False,
                "value": completion.country or "",
                "inferred": completion.inferred.get(completing.COUNTRY_FIELD),
            }
        )
    return {
        "new": True,
        "name_value": fact.name,
        "fields": fields,
        "problems": completing.problems(fact, completion, proposal.document.source_id, countries),
    }


def _relationship_choices(proposal: ReviewedProposal, fact: RelationshipFact) -> dict[str, Any]:
    """What a relationship's editor offers: the types its two ends allow, in the model's words.

    Also the entities either end may be, and why the model refuses the fact as it stands, said
    before Accept is pressed.
    """
    source, target = proposal.entity(fact.source), proposal.entity(fact.target)
    kinds = [
        kind
        for kind in MODEL.relationship_kinds
        if source and target and kind.allows(source.label, target.label)
    ]
    current = MODEL.relationship_kind(fact.type)
    problems = []
    if current is not None and current not in kinds and source and target:
        problems.append(
            f"a {source.label} cannot be “{current.reads[0]}” a {target.label}: choose "
            "another relationship or another end"
        )
    return {
        "type_choices": [(k.type, k.reads[0]) for k in kinds]
        or ([(fact.type, current.reads[0] if current else fact.type)]),
        "end_choices": [
            (e.key, f"{e.number}. {e.name} ({e.label})")
            for e in proposal.entities
            if e.state != "rejected"
        ],
        "source_key": fact.source,
        "target_key": fact.target,
        "problems": problems,
    }


def _described(
    proposal: ReviewedProposal, fact: Fact, known: dict[str, str], marks: dict[int, str]
) -> dict[str, Any]:
    text = proposal.document.text
    first = fact.evidence[0] if isinstance(fact, EntityFact) else fact.evidence
    shown: dict[str, Any] = {
        "number": fact.number,
        "state": fact.state,
        "state_words": _STATE_WORDS[fact.state],
        "confidence": round(fact.confidence * 100),
        "sentence": first.sentence.of(text).strip() if first else "",
        "rule": first.rule if first else "",
        "anchor": marks.get(fact.number),
        "date": human_date(fact.properties.get("start_date")),
        "date_value": str(fact.properties.get("start_date") or ""),
        "uncertain": fact.uncertain,
        "note": fact.note,
    }
    if isinstance(fact, RelationshipFact):
        kind = MODEL.relationship_kind(fact.type)
        source, target = proposal.entity(fact.source), proposal.entity(fact.target)
        return {
            **shown,
            "is_entity": False,
            "type": fact.type,
            "says": f"{source.name if source else fact.source} "
            f"{kind.reads[0] if kind else fact.type} {target.name if target else fact.target}",
            "ends": tuple(e.number for e in (source, target) if e is not None),
            **_relationship_choices(proposal, fact),
        }
    assert isinstance(fact, EntityFact)
    matched = [
        {"id": i, "name": known.get(i, i), "href": urls.entity_url(i), "chosen": i == fact.known_id}
        for i in dict.fromkeys((*([fact.chosen] if fact.chosen else []), *fact.matches))
    ]
    return {
        **shown,
        "is_entity": True,
        "kind": fact.label,
        "says": fact.name,
        "matched": matched,
        "ambiguous": fact.ambiguous,
        "suggest": f"{SUGGEST_PATH}?kinds={fact.label}",
        "entity_value": fact.known_id or "",
    }


routes = [
    Route(QUEUE, proposals_queue, methods=["GET"]),
    Route(QUEUE + "/{proposal_id}", proposal_detail, methods=["GET"]),
]
