"""Creating and editing entities: one form per kind, made from the model's declared properties.

A saved form goes through `graphsvc.service.changes`, the API's own write path (the loader's
validation and statements, the audit trail with the signed-in key's name, one transaction). When
the loader finds problems, the form comes back with each message beside its field and with what
was typed; otherwise the browser is sent to the entity's page with a confirmation
(Post/Redirect/Get). An edit records only the fields that changed.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.errors import SeedError
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE, SOURCES_PROPERTY
from graphsvc.model.types import NodeKind, Property
from graphsvc.service import changes, writes
from graphsvc.service.errors import ApiError, ErrorCode, not_found
from graphsvc.web.edit_access import editor_or_sign_in, entity_or_404, redirect
from graphsvc.web.fields import entry_of, fields_for, posted_texts, problems_of, texts_of
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.page import page


def a_kind(label: str) -> str:
    """A kind named in a sentence: "an event", "a city"."""
    return ("an " if label[0] in "AEIOU" else "a ") + label.lower()


def _kind(label: str) -> NodeKind:
    kind = MODEL.node_kind(label)
    if kind is None:
        raise not_found(f"“{label[:40]}” is not a kind of entity; the kinds are listed at /new")
    return kind


def properties_of(kind: NodeKind) -> tuple[Property, ...]:
    """The fields of a kind's form: its properties, and its sources unless it is a Source."""
    if kind.label == SOURCE.label:
        return kind.properties
    return (*kind.properties, SOURCES_PROPERTY)


async def choose_kind(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    return page(
        "new_kinds.html",
        title="Add an entity",
        kinds=[
            {"label": kind.label, "description": kind.description, "href": urls.new_url(kind.label)}
            for kind in MODEL.node_kinds
        ],
    )


async def new_form(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    kind = _kind(request.path_params["kind"])
    return _form_page(kind, None, {}, {})


async def create(request: Request) -> Response:
    context = context_of(request)
    principal, form = await editor_form(request, context)
    kind = _kind(request.path_params["kind"])
    props = properties_of(kind)
    texts = posted_texts(props, form)
    entry = entry_of(props, texts)
    try:
        record = await changes.apply(
            context, principal, lambda: changes.create_entity(context, kind.label, entry)
        )
    except SeedError as error:
        return _form_page(kind, None, texts, problems_of(error), status=400)
    except ApiError as error:
        if error.code is not ErrorCode.BAD_USER_INPUT:
            raise
        return _form_page(kind, None, texts, {"id": error.message}, status=400)
    return redirect(urls.done_url(urls.entity_url(record.id), "created"))


async def edit_form(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    stored = await entity_or_404(context, request.path_params["id"])
    kind = _kind(stored["label"])
    texts = texts_of(properties_of(kind), _stored_entry(stored))
    return _form_page(kind, stored, texts, {})


async def save(request: Request) -> Response:
    context = context_of(request)
    principal, form = await editor_form(request, context)
    slug = request.path_params["id"]
    stored = await entity_or_404(context, slug)
    kind = _kind(stored["label"])
    props = tuple(p for p in properties_of(kind) if p.name != "id")
    texts = posted_texts(props, form)
    before = texts_of(props, _stored_entry(stored))
    changed = [p for p in props if _normal(texts[p.name]) != _normal(before[p.name])]
    if not changed:
        return redirect(urls.done_url(urls.entity_url(slug), "unchanged"))
    entry = entry_of(changed, texts)
    cleared = {p.name for p in changed if p.name not in entry}
    try:
        await changes.apply(
            context,
            principal,
            lambda: changes.update_entity(context, kind.label, slug, entry, cleared),
        )
    except SeedError as error:
        return _form_page(kind, stored, {**before, **texts}, problems_of(error), status=400)
    return redirect(urls.done_url(urls.entity_url(slug), "saved"))


def _stored_entry(stored: dict[str, Any]) -> dict[str, Any]:
    return writes.stored_entry(stored["label"], stored)


def _normal(text: str) -> str:
    """A field's text as compared for a change: surrounding spaces and blank lines ignored."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _form_page(
    kind: NodeKind,
    stored: dict[str, Any] | None,
    texts: dict[str, str],
    problems: dict[str, str],
    status: int = 200,
) -> Response:
    props = properties_of(kind)
    fields = fields_for(props, texts, problems, skip=("id",) if stored else ())
    if stored is None:
        action, title = urls.new_url(kind.label), f"Add {a_kind(kind.label)}"
        back = urls.NEW
    else:
        slug = str(stored["properties"]["id"])
        name = str(stored["properties"].get("name") or slug)
        action, title, back = urls.edit_url(slug), f"Edit {name}", urls.entity_url(slug)
    known = {field.name for field in fields}
    return page(
        "entity_form.html",
        title=title,
        status=status,
        kind=kind,
        a_kind=a_kind(kind.label),
        stored=stored,
        action=action,
        back=back,
        fields=fields,
        general=[message for field, message in problems.items() if field not in known],
        summary=[
            {"name": field.name, "label": field.label, "message": field.problem}
            for field in fields
            if field.problem
        ],
        problem_count=len(problems),
        history=urls.history_url(str(stored["properties"]["id"])) if stored else None,
    )


routes = [
    Route(urls.NEW, choose_kind, methods=["GET"]),
    Route(urls.NEW + "/{kind}", new_form, methods=["GET"]),
    Route(urls.NEW + "/{kind}", create, methods=["POST"]),
    Route("/entity/{id}/edit", edit_form, methods=["GET"]),
    Route("/entity/{id}/edit", save, methods=["POST"]),
]
