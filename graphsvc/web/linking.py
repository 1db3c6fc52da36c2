"""An entity's links: the list with a way to remove each, and the form that adds one.

Adding a link is two steps, so both work without JavaScript: first the relationship, chosen among
those the model allows for this entity's kind (as source or as target); then the other entity and
the link's own properties, which depend on the relationship. The other entity is a name field
that suggests as one types (the maps' suggest.js fills in the id); a typed name is resolved by the
API's own rule (`graphsvc.store.references.resolve`), and when it names several entities, or
none, the form asks which one. Writing goes through `graphsvc.service.changes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import MultiDict
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.errors import SeedError
from graphsvc.maps.naming import Choice, suggest
from graphsvc.model import MODEL
from graphsvc.model.types import Property, RelationshipKind
from graphsvc.model.wording import human_period
from graphsvc.service import changes
from graphsvc.service.context import RequestContext
from graphsvc.service.errors import bad_input
from graphsvc.store import edits, references
from graphsvc.web.edit_access import editor_or_sign_in, entity_or_404, redirect
from graphsvc.web.fields import entry_of, fields_for, posted_texts, problems_of
from graphsvc.web.forms import editor_form
from graphsvc.web.handling import context_of
from graphsvc.web.page import page

LINKS_SHOWN = 500
OTHER = "other"
"""The form field naming the other end of the link (a name, an alias or an id)."""
PICKED = "other_id"
"""The radio buttons that answer "which one?"."""


@dataclass(frozen=True)
class Direction:
    """A relationship kind seen from one end: `out` when this entity is its source."""

    kind: RelationshipKind
    outgoing: bool

    @property
    def key(self) -> str:
        return f"{'out' if self.outgoing else 'in'}:{self.kind.type}"

    @property
    def words(self) -> str:
        return self.kind.reads[0 if self.outgoing else 1]

    @property
    def others(self) -> tuple[str, ...]:
        """The kinds the other end may be."""
        return self.kind.targets if self.outgoing else self.kind.sources


def directions_for(label: str) -> list[Direction]:
    """Every relationship the model allows for a `label` entity, as source or as target."""
    found = [Direction(kind, True) for kind in MODEL.relationship_kinds if label in kind.sources]
    found += [Direction(kind, False) for kind in MODEL.relationship_kinds if label in kind.targets]
    return found


def _direction(label: str, key: str | None) -> Direction | None:
    return next((d for d in directions_for(label) if d.key == key), None)


async def links_page(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    stored = await entity_or_404(context, request.path_params["id"])
    chosen = request.query_params.get("relationship")
    direction = _direction(stored["label"], chosen)
    if chosen and direction is None:
        raise bad_input(f"a {stored['label']} cannot have the relationship “{chosen[:40]}”")
    # A new link most often rests on the documents its entity rests on.
    texts = {"sources": "\n".join(str(source) for source in stored["sources"])}
    return await _page(context, stored, direction, texts, {}, [])


async def add_link(request: Request) -> Response:
    context = context_of(request)
    principal, form = await editor_form(request, context)
    stored = await entity_or_404(context, request.path_params["id"])
    slug = str(stored["properties"]["id"])
    direction = _direction(stored["label"], form.get("relationship"))
    if direction is None:
        raise bad_input("choose a relationship from the list")
    props = _link_properties(direction.kind)
    texts = posted_texts(props, form)
    texts[OTHER] = str(form.get(OTHER) or "").strip()
    other, problem, choices = await _other_end(context, direction, form)
    if other is None:
        return await _page(context, stored, direction, texts, {OTHER: problem}, choices, 400)
    ends = (slug, other) if direction.outgoing else (other, slug)
    entry = {"type": direction.kind.type, "from": ends[0], "to": ends[1]}
    entry.update(entry_of(props, texts))
    try:
        await changes.apply(context, principal, lambda: changes.add_link(context, entry))
    except SeedError as error:
        problems = problems_of(error, {"from": OTHER, "to": OTHER, "type": ""})
        return await _page(context, stored, direction, texts, problems, [], 400)
    return redirect(urls.done_url(urls.entity_url(slug), "linked"))


async def _other_end(
    context: RequestContext, direction: Direction, form: MultiDict
) -> tuple[str | None, str, list[Choice]]:
    """The id of the other end, or why there is none and the entities to choose from."""
    picked = str(form.get(PICKED) or "")
    text = picked or str(form.get(OTHER) or "").strip()
    kinds = " or ".join(direction.others)
    if not text:
        return None, f"Name the {kinds} to link.", []
    if len(text) > 200:
        return None, "That is longer than any name: at most 200 characters.", []
    found = (await references.resolve(context.read, [text], direction.others))[0]
    if len(found) == 1:
        return str(found[0]["node"]["id"]), "", []
    closest = list(await suggest(context.read, text, direction.others))
    if found:
        ids = {str(row["node"]["id"]) for row in found}
        named = [choice for choice in closest if choice.id in ids]
        return None, f"Several entities are called “{text}”: which one?", named or closest
    return (
        None,
        f"No {kinds} is called “{text}”." + (" Did you mean one of these?" if closest else ""),
        closest,
    )


def _link_properties(kind: RelationshipKind) -> tuple[Property, ...]:
    """The link's own fields: the kind's properties, sources first (a link must cite one)."""
    return tuple(sorted(kind.properties, key=lambda p: p.name != "sources"))


async def _page(
    context: RequestContext,
    stored: dict[str, Any],
    direction: Direction | None,
    texts: dict[str, str],
    problems: dict[str, str],
    choices: list[Choice],
    status: int = 200,
) -> Response:
    slug = str(stored["properties"]["id"])
    name = str(stored["properties"].get("name") or slug)
    links = await edits.links_touching(context.read, slug, LINKS_SHOWN)
    props = _link_properties(direction.kind) if direction else ()
    fields = fields_for(props, texts, problems)
    known = {field.name for field in fields} | {OTHER}
    return page(
        "links.html",
        title=f"Links of {name}",
        status=status,
        slug=slug,
        name=name,
        label=stored["label"],
        entity_href=urls.entity_url(slug),
        action=urls.links_url(slug),
        directions=[
            {"key": d.key, "words": d.words, "others": " or ".join(d.others)}
            for d in directions_for(stored["label"])
        ],
        direction=direction,
        suggest_url="/maps/suggest?kinds=" + ",".join(direction.others) if direction else "",
        other=texts.get(OTHER, ""),
        other_problem=problems.get(OTHER),
        choices=choices,
        fields=fields,
        general=[message for field, message in problems.items() if field not in known],
        links=[_shown_link(slug, link) for link in links],
        shown_limit=LINKS_SHOWN,
    )


def _shown_link(slug: str, link: dict[str, Any]) -> dict[str, Any]:
    """One stored link as the list shows it, from this entity's side."""
    kind = MODEL.relationship_kind(str(link["type"]))
    outgoing = link["from"]["node"]["id"] == slug
    other = link["to"] if outgoing else link["from"]
    values = link["relationship"]
    details = [
        str(values[name])
        for name in ("role", "amount", "currency", "topic", "percentage")
        if values.get(name) not in (None, "")
    ]
    period = human_period(values.get("start_date"), values.get("end_date"))
    return {
        "words": (kind.reads[0 if outgoing else 1]) if kind else link["type"],
        "other": other["node"].get("name") or other["node"]["id"],
        "other_kind": other["label"],
        "other_href": urls.entity_url(str(other["node"]["id"])),
        "details": " · ".join([*details, *([period] if period else [])]),
        "remove": urls.unlink_url(
            slug, str(link["type"]), str(link["from"]["node"]["id"]), str(link["to"]["node"]["id"])
        ),
    }


async def confirm_unlink(request: Request) -> Response:
    context = context_of(request)
    access = await editor_or_sign_in(request, context)
    if isinstance(access, Response):
        return access
    slug = request.path_params["id"]
    stored = await entity_or_404(context, slug)
    rel_type, source, target = _link_named(slug, request.query_params)
    ends = await references.resolve(context.read, [source, target])
    names = [
        str(rows[0]["node"].get("name")) if rows else text
        for rows, text in zip(ends, (source, target), strict=True)
    ]
    kind = MODEL.relationship_kind(rel_type)
    assert kind is not None
    return page(
        "unlink.html",
        title="Remove this link?",
        name=str(stored["properties"].get("name") or slug),
        entity_href=urls.entity_url(slug),
        action=urls.entity_url(slug) + "/links/remove",
        rel_type=rel_type,
        source=source,
        target=target,
        sentence=f"{names[0]} {kind.reads[0]} {names[1]}",
    )


async def unlink(request: Request) -> Response:
    context = context_of(request)
    principal, form = await editor_form(request, context)
    slug = request.path_params["id"]
    rel_type, source, target = _link_named(slug, form)
    await changes.apply(
        context, principal, lambda: changes.remove_link(context, rel_type, source, target)
    )
    return redirect(urls.done_url(urls.entity_url(slug), "unlinked"))


def _link_named(slug: str, values: Any) -> tuple[str, str, str]:
    """The (type, from, to) a request names; refused unless a known type touching `slug`."""
    rel_type = str(values.get("type") or "")
    source, target = str(values.get("from") or ""), str(values.get("to") or "")
    if rel_type not in MODEL.relationship_types:
        raise bad_input("that is not a kind of link; go back to the entity's links")
    if slug not in (source, target):
        raise bad_input("that link does not touch this entity")
    return rel_type, source, target


routes = [
    Route("/entity/{id}/links/new", links_page, methods=["GET"]),
    Route("/entity/{id}/links/new", add_link, methods=["POST"]),
    Route("/entity/{id}/links/remove", confirm_unlink, methods=["GET"]),
    Route("/entity/{id}/links/remove", unlink, methods=["POST"]),
]
