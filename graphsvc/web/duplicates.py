"""Possible duplicates from entity resolution: the queue, one pair side by side, and its decisions.

The queue and the decisions are `graphsvc.resolution.merge`'s (`pending`, `accept`, `reject`,
`undo`), the very functions `graphsvc resolve` calls, run in a worker thread on the database's
synchronous twin; the records are read with the API's own batched reads (`store.entities`,
`store.whereabouts`). Each decision is written to the audit trail with the signed-in key's name,
which is also the name the pair keeps as who decided.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.model import MODEL
from graphsvc.model.domain import INSTITUTION
from graphsvc.model.wording import human_date, human_period
from graphsvc.resolution import merge
from graphsvc.service.context import Principal, RequestContext
from graphsvc.service.errors import ApiError, ErrorCode, bad_input, not_found
from graphsvc.store import duplicates, entities, merges
from graphsvc.store.whereabouts import countries_of
from graphsvc.web.deciding import answerable, audited, call_resolution, done
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

QUEUE = "/review/duplicates"
LINKS_PER_KIND = 25
"""Links shown per kind and direction on a pair's page (a funder may fund hundreds)."""
QUEUE_SHOWN = 500
_STATUS_WORDS = {
    "pending": "waiting",
    "accepted": "merged",
    "rejected": "kept apart",
    "undone": "merge undone",
}


def pair_url(left: str, right: str) -> str:
    return f"{QUEUE}/{quote(left, safe='')}/{quote(right, safe='')}"


async def duplicates_queue(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    raw = request.query_params.get("from", "0")
    if not raw.isdigit() or len(raw) > 9:
        raise bad_input("`from` is the position in the queue to start at: a whole number")
    start = int(raw)
    (total, waiting), rows = await asyncio.gather(
        duplicates.review_sizes(context.read),
        duplicates.review_page(context.read, start, QUEUE_SHOWN),
    )
    return page(
        "duplicates.html",
        title="Possible duplicates",
        viewer=viewer,
        section="review",
        pairs=[
            {
                **row,
                "href": pair_url(row["left"], row["right"]),
                "score": round(float(row["score"])),
                "status_words": _STATUS_WORDS.get(row["status"], row["status"]),
            }
            for row in rows
        ],
        waiting=waiting,
        total=total,
        first=start + 1,
        last=start + len(rows),
        previous=f"{QUEUE}?from={max(0, start - QUEUE_SHOWN)}" if start > 0 else None,
        next=f"{QUEUE}?from={start + QUEUE_SHOWN}" if start + QUEUE_SHOWN < total else None,
    )


async def duplicate_pair(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    left, right = request.path_params["left"], request.path_params["right"]
    return await render_pair(context, viewer, left, right)


async def render_pair(
    context: RequestContext,
    viewer: Principal,
    left: str,
    right: str,
    *,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    candidate = await _candidate(context, left, right)
    ids = [str(candidate["left"]), str(candidate["right"])]
    nodes = await entities.nodes_by_slug(context.read, ids)
    sources, countries, links = await asyncio.gather(
        entities.sources_of(context.read, ids),
        countries_of(context.read, ids),
        _links(context, ids),
    )
    records = [
        _record(i, node, countries.get(i, []), found_sources, found_links, candidate)
        for i, node, found_sources, found_links in zip(ids, nodes, sources, links, strict=True)
    ]
    return page(
        "duplicate.html",
        title=" / ".join(r["name"] for r in records),
        viewer=viewer,
        section="review",
        status=status,
        candidate=candidate,
        status_words=_STATUS_WORDS.get(candidate["status"], candidate["status"]),
        score=round(float(candidate["score"])),
        records=records,
        action=pair_url(*ids),
        problem=problem,
    )


async def _candidate(context: RequestContext, left: str, right: str) -> dict[str, Any]:
    found = await call_resolution(context, merges.candidate, "|".join(sorted((left, right))))
    if found is None:
        raise not_found(f"{left} and {right} are not a pair in the duplicates queue")
    return found


async def _links(context: RequestContext, ids: list[str]) -> list[list[dict[str, Any]]]:
    """Every link of each institution, grouped by what it reads as, both records at once."""
    kinds = MODEL.links(INSTITUTION.label)
    answers = await asyncio.gather(
        *(
            entities.links_of(context.read, kind.type, outgoing, LINKS_PER_KIND, ids)
            for _, kind, outgoing in kinds
        )
    )
    grouped: list[list[dict[str, Any]]] = [[] for _ in ids]
    for (field, _, _), per_node in zip(kinds, answers, strict=True):
        for index, found in enumerate(per_node):
            if found:
                grouped[index].append(
                    {
                        "reads": field.replace("_", " "),
                        "items": [_link(item) for item in found],
                        "more": len(found) == LINKS_PER_KIND,
                    }
                )
    return grouped


def _link(item: dict[str, Any]) -> dict[str, Any]:
    end = item["end"]["node"]
    relationship = item["relationship"]
    return {
        "name": end.get("name") or end["id"],
        "href": urls.entity_url(str(end["id"])),
        "kind": item["end"]["label"],
        "role": relationship.get("role"),
        "period": human_period(relationship.get("start_date"), relationship.get("end_date")),
    }


def _record(
    entity_id: str,
    node: dict[str, Any] | None,
    countries: list[str],
    sources: list[dict[str, Any]],
    links: list[dict[str, Any]],
    candidate: dict[str, Any],
) -> dict[str, Any]:
    if node is None:
        survivor = candidate.get("survivor")
        photograph = json.loads(str(candidate.get("photograph") or "{}"))
        kept = photograph.get("properties", {}) if photograph.get("id") == entity_id else {}
        return {
            "id": entity_id,
            "name": kept.get("name") or entity_id,
            "gone": True,
            "survivor": survivor,
            "survivor_href": urls.entity_url(str(survivor)) if survivor else None,
        }
    properties = node["node"]
    return {
        "id": entity_id,
        "gone": False,
        "href": urls.entity_url(entity_id),
        "name": properties.get("name") or entity_id,
        "kind": node["label"],
        "aliases": list(properties.get("aliases") or []),
        "org_ref": properties.get("org_ref"),
        "category": properties.get("category"),
        "countries": countries,
        "links": links,
        "sources": [_source(row["node"]) for row in sources],
        "survivor": candidate["status"] == "accepted" and candidate.get("survivor") == entity_id,
    }


def _source(source: dict[str, Any]) -> dict[str, Any]:
    named = [str(source.get("title") or source["id"])]
    named += [str(source[k]) for k in ("publisher",) if source.get(k)]
    if source.get("published"):
        named.append(human_date(source["published"]))
    return {"href": urls.source_url(str(source["id"])), "named": " · ".join(named)}


Decide = Callable[[RequestContext, Principal, str, str], Awaitable[str]]


def _decision(decide: Decide) -> Callable[[Request], Awaitable[Response]]:
    """A POST handler: the editor's form read, the pair decided, its page shown again."""

    async def handler(request: Request) -> Response:
        context = context_of(request)
        principal, form = await editor_form(request, context)
        left, right = request.path_params["left"], request.path_params["right"]
        try:
            candidate = await _candidate(context, left, right)
            shown = str(form.get("status", ""))
            if shown and shown != candidate["status"]:
                raise ApiError(
                    ErrorCode.CONFLICT,
                    f"Someone decided on this pair since you opened it (it is now "
                    f"{_STATUS_WORDS.get(candidate['status'], candidate['status'])}), so "
                    "nothing was changed.",
                )
            code = await decide(context, principal, left, right)
        except ApiError as error:
            if not answerable(error):
                raise
            status = 409 if error.code == ErrorCode.CONFLICT else 400
            return await render_pair(
                context, principal, left, right, problem=error.message, status=status
            )
        return done(pair_url(left, right), code)

    return handler


def _pair(left: str, right: str) -> str:
    return "|".join(sorted((left, right)))


async def merge_pair(context: RequestContext, principal: Principal, left: str, right: str) -> str:
    survivor = await call_resolution(context, merge.accept, left, right, principal.name)
    merged = right if survivor == left else left
    await audited(
        context,
        principal,
        "mergeDuplicates",
        _pair(left, right),
        {"survivor": survivor, "merged": merged},
    )
    return "merged"


async def keep_apart(context: RequestContext, principal: Principal, left: str, right: str) -> str:
    await call_resolution(context, merge.reject, left, right, principal.name)
    await audited(context, principal, "rejectDuplicates", _pair(left, right), {})
    return "kept-apart"


async def undo_merge(context: RequestContext, principal: Principal, left: str, right: str) -> str:
    restored = await call_resolution(context, merge.undo, left, right, principal.name)
    await audited(context, principal, "undoMerge", _pair(left, right), {"restored": restored})
    return "unmerged"


_PAIR = QUEUE + "/{left}/{right}"
routes = [
    Route(QUEUE, duplicates_queue, methods=["GET"]),
    Route(_PAIR, duplicate_pair, methods=["GET"]),
    Route(_PAIR + "/merge", _decision(merge_pair), methods=["POST"]),
    Route(_PAIR + "/reject", _decision(keep_apart), methods=["POST"]),
    Route(_PAIR + "/undo", _decision(undo_merge), methods=["POST"]),
]
