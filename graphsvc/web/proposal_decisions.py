"""A curator's decisions on a proposal, posted from its page.

Accept, reject, reconsider (take a rejection back), edit, undo.

Each is the API's mutation of the same name done the same way (`graphsvc.intake.review` in a
worker thread through `call_review`, its audit entry with the same operation name and arguments
written by the decision's own transaction), so the CLI, the API and these pages can never write
differently. The form carries the proposal's revision as the page showed it: when someone decided
meanwhile, the decision is refused with a message on the page (409) instead of acting on what the
curator did not see.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import MultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc.errors import MapParameterError
from graphsvc.intake import completing, review
from graphsvc.intake.facts import EntityFact, ReviewedProposal
from graphsvc.maps.naming import suggest
from graphsvc.maps.parameters import entity_name
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input
from graphsvc.service.intake_calls import audit_note, call_review
from graphsvc.service.intake_submissions import checked_edit, intake_budget
from graphsvc.store import references
from graphsvc.web.deciding import answerable, done
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.proposals import QUEUE, Posted, proposal_url, render_proposal

Decision = Callable[[RequestContext, Principal, str, MultiDict], Awaitable[str]]
"""Does one decision on a proposal from its form; returns the confirmation's code."""


def _decision(decide: Decision) -> Callable[[Request], Awaitable[Response]]:
    """A POST handler: the editor's form read, the decision made, the page shown again.

    A conflict or a refused input re-renders the proposal's page with the reason (no redirect:
    the curator sees what is there now and why nothing changed).
    """

    async def handler(request: Request) -> Response:
        context = context_of(request)
        principal, form = await editor_form(request, context)
        proposal_id = request.path_params["proposal_id"]
        context.principal = principal  # the decision's audit entry names them
        try:
            await _still_as_shown(context, proposal_id, form)
            code = await decide(context, principal, proposal_id, form)
        except ApiError as error:
            if not answerable(error):
                raise
            status = 409 if error.code == ErrorCode.CONFLICT else 400
            return await render_proposal(
                context,
                principal,
                proposal_id,
                problem=error.message,
                status=status,
                posted=_as_left(request.url.path, form),
            )
        return done(proposal_url(proposal_id), code)

    return handler


def _as_left(path: str, form: MultiDict) -> Posted:
    """What a refused form held: the page shows the curator's ticks and edit as they left them."""
    if path.endswith("/accept") and "min_confidence" not in form:
        return Posted(ticked=frozenset(int(v) for v in form.getlist("facts") if str(v).isdigit()))
    if path.endswith("/edit") and str(form.get("fact", "")).isdigit():
        values = {k: str(v) for k, v in form.multi_items() if k not in ("csrf", "revision")}
        return Posted(edited=int(str(form["fact"])), values=values)
    return Posted()


async def _still_as_shown(context: RequestContext, proposal_id: str, form: MultiDict) -> None:
    shown = str(form.get("revision", ""))
    if not shown:
        return
    current = await call_review(context, review.show, proposal_id, proposal_id=proposal_id)
    if shown != str(current.revision):
        raise ApiError(
            ErrorCode.CONFLICT,
            "Someone decided on this document since you opened it, so nothing was changed. "
            "Here is what it holds now; decide again if you still want to.",
        )


def _numbers(form: MultiDict, name: str) -> list[int]:
    values = [str(v) for v in form.getlist(name) if str(v).strip()]
    if not all(v.strip().isdigit() for v in values):
        raise bad_input(f"`{name}` must be fact numbers")
    return [int(v) for v in values]


async def accept(
    context: RequestContext, principal: Principal, proposal_id: str, form: MultiDict
) -> str:
    facts = _numbers(form, "facts")
    raw = str(form.get("min_confidence", "")).strip().rstrip("%")
    min_confidence = None
    if raw:
        try:
            percent = float(raw)
        except ValueError:
            raise bad_input(f"“{raw[:20]}” is not a percentage between 0 and 100") from None
        if not 0 <= percent <= 100:
            raise bad_input("The confidence is a percentage between 0 and 100.")
        min_confidence = percent / 100
    await call_review(
        context,
        review.accept,
        proposal_id,
        facts or None,
        min_confidence,
        audit_note(
            context,
            "acceptProposal",
            proposal_id,
            {"facts": facts or None, "minConfidence": min_confidence},
        ),
        proposal_id=proposal_id,
        field="facts",
        budget=intake_budget(context),
    )
    return "accepted"


async def reject(
    context: RequestContext, principal: Principal, proposal_id: str, form: MultiDict
) -> str:
    facts = _numbers(form, "fact")
    await call_review(
        context,
        review.reject,
        proposal_id,
        facts or None,
        audit_note(context, "rejectProposal", proposal_id, {"facts": facts or None}),
        proposal_id=proposal_id,
        field="fact",
    )
    return "rejected-fact" if facts else "rejected"


async def edit(
    context: RequestContext, principal: Principal, proposal_id: str, form: MultiDict
) -> str:
    numbers = _numbers(form, "fact")
    if len(numbers) != 1:
        raise bad_input("Say which fact to change.")
    changes: dict[str, Any] = {
        "entity": await _entity(context, str(form.get("entity", "")).strip()),
        "kind": str(form.get("kind", "")).strip() or None,
        "date": str(form.get("date", "")).strip() or None,
        "rel_type": str(form.get("type", "")).strip() or None,
        "name": str(form.get("name", "")).strip() or None,
        "source": str(form.get("from", "")).strip() or None,
        "end": str(form.get("to", "")).strip() or None,
    }
    if changes["date"] is not None:
        try:
            PartialDate.parse(changes["date"])
        except ValueError as error:
            raise bad_input(f"The date: {error}") from None
    shown = await call_review(context, review.show, proposal_id, proposal_id=proposal_id)
    fact = shown.fact(numbers[0])
    if fact is None:
        raise bad_input(f"This document has no fact {numbers[0]}.")
    current = {
        "entity": getattr(fact, "known_id", None),
        "kind": getattr(fact, "label", None),
        "date": fact.properties.get("start_date"),
        "rel_type": getattr(fact, "type", None),
        "name": getattr(fact, "name", None),
        "source": getattr(fact, "source", None),
        "end": getattr(fact, "target", None),
    }
    changed: dict[str, Any] = {
        k: v for k, v in changes.items() if v is not None and v != current[k]
    }
    # a new kind has other fields: those shown were the old kind's, so they wait
    wanted = _properties(shown, fact, form) if isinstance(fact, EntityFact) else {}
    if wanted and "kind" not in changed:
        changed["properties"] = wanted
    if not changed:
        raise bad_input(
            "Nothing was changed: give another entity, name, kind, value, type or date."
        )
    changes["properties"] = None
    await call_review(
        context,
        checked_edit,
        proposal_id,
        numbers[0],
        {k: changed.get(k) for k in changes},
        audit_note(
            context,
            "editProposedFact",
            f"{proposal_id} fact {numbers[0]}",
            {k if k != "rel_type" else "type": v for k, v in changed.items()},
        ),
        proposal_id=proposal_id,
        field="fact",
    )
    return "edited"


def _properties(proposal: ReviewedProposal, fact: EntityFact, form: MultiDict) -> dict[str, str]:
    """The properties the curator changed in the edit form (`set-NAME` fields).

    The form shows what the entity would be written with, review's defaults included: a field
    left as shown changes nothing; one emptied takes the curator's value back.
    """
    completion = completing.complete(fact, proposal.document.language)
    kind = MODEL.node_kind(fact.label)
    shown: dict[str, str] = {completing.COUNTRY_FIELD: completion.country or ""}
    for prop in kind.properties if kind else ():
        shown[prop.name] = completing.form_value(prop, completion.properties.get(prop.name))
    changed: dict[str, str] = {}
    for key, value in form.multi_items():
        if not key.startswith("set-"):
            continue
        name = key.removeprefix("set-")
        if name not in shown:
            raise bad_input(f"“{name[:40]}” is not something a {fact.label} has.")
        if str(value).strip() != shown[name]:
            changed[name] = str(value).strip()
    return changed


async def _entity(context: RequestContext, text: str) -> str | None:
    """The id a name field names: an id, or the one entity with that name or alias.

    The suggestion script puts an id in the field; without it a person types a name, resolved
    as a map's parameters are.
    """
    if not text:
        return None
    try:
        text = entity_name("entity", text)
    except MapParameterError as error:
        raise bad_input(str(error)) from None
    found = (await references.resolve(context.read, [text]))[0]
    if len(found) == 1:
        return str(found[0]["node"]["id"])
    if found:
        listed = "; ".join(f"{row['node']['name']} ({row['node']['id']})" for row in found[:8])
        raise bad_input(f"“{text}” names {len(found)} entities: {listed}. Give the id.")
    closest = await suggest(context.read, text)
    hint = "; ".join(f"{c.name} ({c.id})" for c in closest)
    raise bad_input(
        f"Nothing in the graph is called “{text}”." + (f" Did you mean: {hint}?" if hint else "")
    )


async def reconsider(
    context: RequestContext, principal: Principal, proposal_id: str, form: MultiDict
) -> str:
    facts = _numbers(form, "fact")
    await call_review(
        context,
        review.reconsider,
        proposal_id,
        facts or None,
        audit_note(context, "reconsiderProposal", proposal_id, {"facts": facts or None}),
        proposal_id=proposal_id,
        field="fact",
    )
    return "reconsidered"


async def undo(
    context: RequestContext, principal: Principal, proposal_id: str, form: MultiDict
) -> str:
    before = await call_review(context, review.show, proposal_id, proposal_id=proposal_id)
    await call_review(
        context,
        review.undo,
        proposal_id,
        audit_note(context, "undoProposal", proposal_id, {}),
        proposal_id=proposal_id,
        field="id",
    )
    return "unrejected" if before.status == "rejected" else "undone"


_ACTIONS: dict[str, Decision] = {
    "accept": accept,
    "reject": reject,
    "reconsider": reconsider,
    "edit": edit,
    "undo": undo,
}

routes = [
    Route(f"{QUEUE}/{{proposal_id}}/{name}", _decision(work), methods=["POST"])
    for name, work in _ACTIONS.items()
]
