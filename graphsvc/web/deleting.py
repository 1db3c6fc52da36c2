"""Deleting an entity: a confirmation page that says what goes with it, then the delete.

The page counts the links that go (by kind, in the reader's words) and names the sources that
would then support nothing else; a source that still supports facts cannot be deleted (the API
refuses it too), and the page says so instead of offering the button.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.service import changes
from graphsvc.store import edits, mutations
from graphsvc.web.edit_access import editor_or_sign_in, entity_or_404, redirect
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.page import page


async def confirm_delete(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    stored = await entity_or_404(context, request.path_params["id"])
    slug = str(stored["properties"]["id"])
    counts = await edits.links_by_kind(context.read, slug)
    links = []
    for row in counts:
        kind = MODEL.relationship_kind(str(row["type"]))
        words = kind.reads[0 if row["outgoing"] else 1] if kind else str(row["type"])
        links.append({"words": words, "count": int(row["count"])})
    citations = (
        await mutations.citations_of_source(context.read, slug)
        if stored["label"] == SOURCE.label
        else 0
    )
    return page(
        "delete.html",
        title=f"Delete {stored['properties'].get('name') or slug}?",
        name=str(stored["properties"].get("name") or slug),
        label=stored["label"],
        entity_href=urls.entity_url(slug),
        action=urls.delete_url(slug),
        links=links,
        total=sum(link["count"] for link in links),
        orphans=await edits.sources_cited_only_by(context.read, slug),
        citations=citations,
    )


async def delete(request: Request) -> Response:
    context = context_of(request)
    principal, _ = await editor_form(request, context)
    slug = request.path_params["id"]
    await entity_or_404(context, slug)
    await changes.apply(context, principal, lambda: changes.delete_entity(context, slug))
    return redirect(urls.done_url(urls.HOME, "deleted"))


routes = [
    Route("/entity/{id}/delete", confirm_delete, methods=["GET"]),
    Route("/entity/{id}/delete", delete, methods=["POST"]),
]
