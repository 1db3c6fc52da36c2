"""The home page (search, counts per kind, recent changes, the review queues) and search results.

Search is a GET form, so a search is a link one can share; it is the API's own `search` (names
and aliases, accents and case ignored, one typo forgiven), bounded as the API bounds it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.errors import MapParameterError
from graphsvc.maps.naming import suggest
from graphsvc.maps.parameters import entity_name
from graphsvc.model import MODEL
from graphsvc.model.wording import human_moment
from graphsvc.store import audit, duplicates, proposals
from graphsvc.store.queries import graph_counts_async
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

RECENT_CHANGES = 12
SEARCH_RESULTS = 50


async def home(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    # Four independent reads, sent together: the page waits for the slowest, not their sum.
    counts, changes, waiting, pairs = await asyncio.gather(
        graph_counts_async(context.read, MODEL),
        audit.latest(context.read, RECENT_CHANGES) if viewer.can_see_audit else _nothing(),
        proposals.proposal_count(context.read, "pending"),
        duplicates.pending_count(context.read),
    )
    return page(
        "home.html",
        title="Home",
        viewer=viewer,
        section="home",
        kinds=[
            {
                "kind": kind.label,
                "words": kind.plural.capitalize(),
                "count": counts["nodes"][kind.label],
                "href": urls.list_url(kind.label),
            }
            for kind in MODEL.node_kinds
        ],
        links=sum(counts["relationships"].values()),
        queues={"proposals": waiting, "duplicates": pairs},
        changes=[_change(entry) for entry in changes],
        audit_shown=viewer.can_see_audit,
    )


async def _nothing() -> list[dict[str, Any]]:
    """What a visitor who may not read the audit trail is shown of it."""
    return []


def _change(entry: dict[str, Any]) -> dict[str, Any]:
    """An audit entry as the home page lists it: when, who, what, and a link to the target."""
    operation = str(entry["operation"])
    target = str(entry.get("target") or "")
    words, href = _described(operation, target)
    return {
        "when": human_moment(entry["at"]),
        "actor": entry.get("actor") or "someone",
        "operation": words,
        "target": target,
        "href": href,
        "arguments": _summary(entry.get("arguments")),
    }


_PROPOSAL_WORDS = {
    "acceptProposal": "accepted facts from",
    "rejectProposal": "rejected facts from",
    "editProposedFact": "edited a proposed fact from",
    "undoProposal": "undid the decisions on",
}
_DUPLICATE_WORDS = {
    "mergeDuplicates": "merged",
    "rejectDuplicates": "kept apart",
    "undoMerge": "undid the merge of",
}
_ENTITY_WORDS = {"create": "created", "upsert": "saved", "update": "edited"}


def _described(operation: str, target: str) -> tuple[str, str | None]:
    """An audit operation (the API's mutation name) in a coordinator's words, and its page."""
    if operation in _PROPOSAL_WORDS:
        return _PROPOSAL_WORDS[operation], f"/review/proposals/{target}"
    if operation in _DUPLICATE_WORDS and target.count("|") == 1:
        left, right = target.split("|")
        return _DUPLICATE_WORDS[operation], f"/review/duplicates/{left}/{right}"
    if operation == "deleteEntity":
        return "deleted", None
    if operation in ("link", "unlink"):
        return f"{operation}ed", None
    for prefix, word in _ENTITY_WORDS.items():
        label = operation.removeprefix(prefix)
        if label != operation and label in MODEL.labels:
            return f"{word} {label.lower()}", urls.entity_url(target)
    return operation, None


def _summary(arguments: object) -> str:
    """A short line of what a change carried (the audit keeps its arguments as JSON)."""
    try:
        values = json.loads(str(arguments)) if arguments else {}
    except ValueError:
        return ""
    if not isinstance(values, dict):
        return ""
    shown = [f"{name}: {value}" for name, value in values.items() if isinstance(value, str | int)]
    text = "; ".join(shown)
    return text if len(text) <= 120 else text[:119] + "…"


async def search(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    text = request.query_params.get("q", "")
    kind = request.query_params.get("kind", "")
    problem = None
    found: tuple[Any, ...] = ()
    if kind and kind not in MODEL.labels:
        problem = f"“{kind[:40]}” is not a kind; pick one from the list"
    elif text.strip():
        try:
            found = await suggest(
                context.read, entity_name("q", text), (kind,) if kind else (), SEARCH_RESULTS
            )
        except MapParameterError as error:
            problem = str(error)
    return page(
        "search.html",
        title=f"“{text.strip()}”" if text.strip() else "Search",
        viewer=viewer,
        status=400 if problem else 200,
        query=text,
        kind=kind,
        kinds=MODEL.labels,
        problem=problem,
        results=[
            {"choice": choice, "href": urls.entity_url(choice.id), "where": choice.where()}
            for choice in found
        ],
        limit=SEARCH_RESULTS,
    )


routes = [
    Route(urls.HOME, home, methods=["GET"]),
    Route(urls.SEARCH, search, methods=["GET"]),
]
