"""The page of one entity: what it is, its links grouped by meaning, a small map, connections.

Its links are read with the API's own per-type query (`graphsvc.store.entities.links_of`), one
per relationship kind the entity's kind can have (the model's `links`), run together. They are
grouped by what they mean (the model's meanings and the other end's kind): funding first, then
events in date order, programmes, partners, people, places and themes.

An address that is not an id is still understood: a name or an alias that names one entity
redirects to its page (a link typed by hand keeps working), and a text that names nothing gets
a 404 page with the closest names, by the maps' own resolver.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from graphsvc import urls
from graphsvc.maps.naming import suggest
from graphsvc.model import MODEL
from graphsvc.model.domain import EVENT, PERSON, PROGRAMME, SOURCE, THEME
from graphsvc.model.wording import human_period
from graphsvc.service.context import Principal, RequestContext
from graphsvc.store import entities, references
from graphsvc.store.async_database import Read
from graphsvc.web.connection import connection_of
from graphsvc.web.facts import Fact, fact, source_name
from graphsvc.web.handling import context_of
from graphsvc.web.page import page
from graphsvc.web.viewer import reader

LINKS_PER_KIND = 100
"""At most this many links of one relationship kind in one direction are listed."""

AT_ONCE = 4
"""How many of those reads run at the same time: all at once, a busy or cold database makes each
wait for the others and a read can outlast the query timeout."""

_PLACES = frozenset(MODEL.kinds_in("place"))
_OWN_SHOWN = frozenset(
    {"id", "name", "aliases", "description", "uncertain", "note", "text", "start_date", "end_date"}
)
"""Properties the page shows in their own place, not among the details."""


@dataclass
class Section:
    """One group of links on the page, such as Funding or Events."""

    title: str
    facts: list[Fact] = field(default_factory=list)
    truncated: bool = False


SECTION_ORDER = (
    "Funding",
    "Events",
    "Programmes and projects",
    "Partners and networks",
    "People",
    "Speaks for",
    "Based, held or aimed here",
    "Places",
    "Themes",
    "Other links",
)


def section_of(rel_type: str, other_kind: str) -> str:
    """The group a link belongs in, by its meaning and the kind at its other end."""
    if MODEL.is_a(rel_type, "financing"):
        return "Funding"
    if other_kind == EVENT.label:
        return "Events"
    if other_kind == PROGRAMME.label:
        return "Programmes and projects"
    if other_kind == PERSON.label:
        return "People"
    if MODEL.is_a(rel_type, "representation"):
        return "Speaks for"
    if other_kind == THEME.label:
        return "Themes"
    if MODEL.is_a(rel_type, "place"):
        return "Places" if other_kind in _PLACES else "Based, held or aimed here"
    if any(MODEL.is_a(rel_type, m) for m in ("involvement", "network", "representation")):
        return "Partners and networks"
    return "Other links"


async def _links(read: Read, label: str, entity_id: str) -> list[Section]:
    """Every link of the entity, grouped, each group in its order (events by date)."""
    asked = [(rel, outgoing) for _, rel, outgoing in MODEL.links(label)]
    gate = asyncio.Semaphore(AT_ONCE)

    async def read_links(rel_type: str, outgoing: bool) -> list[list[dict[str, Any]]]:
        async with gate:
            return await entities.links_of(
                read, rel_type, outgoing, LINKS_PER_KIND + 1, [entity_id]
            )

    answers = await asyncio.gather(*(read_links(rel.type, outgoing) for rel, outgoing in asked))
    sections = {title: Section(title) for title in SECTION_ORDER}
    for (rel, outgoing), (links,) in zip(asked, answers, strict=True):
        for link in links[:LINKS_PER_KIND]:
            other = link["end"]
            section = sections[section_of(rel.type, str(other["label"]))]
            section.facts.append(fact(rel.type, outgoing, link, other))
        if len(links) > LINKS_PER_KIND:
            sections[section_of(rel.type, str(links[0]["end"]["label"]))].truncated = True
    sections["Events"].facts.sort(key=lambda f: (f.sort_date, f.other.name.lower()))
    return [section for section in sections.values() if section.facts]


def _details(label: str, node: dict[str, Any]) -> list[tuple[str, str]]:
    """The kind's own properties that have a value, as (words, value) pairs."""
    kind = MODEL.node_kind(label)
    if kind is None:
        return []
    shown = []
    for prop in kind.properties:
        value = node.get(prop.name)
        if prop.name in _OWN_SHOWN or value is None or value == "" or value == []:
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        if prop.name == "category":
            text = text.replace("-", " ")
        shown.append((prop.name.replace("_", " ").capitalize(), text))
    return shown


async def entity_page(request: Request) -> Response:
    context = context_of(request)
    viewer = await reader(request, context)
    entity_id = request.path_params["entity_id"]
    (row,) = await entities.nodes_by_slug(context.read, [entity_id])
    if row is None:
        return await _not_an_id(context, viewer, entity_id)
    label = str(row["label"])
    node = row["node"]
    if label == SOURCE.label:
        return RedirectResponse(urls.source_url(entity_id), status_code=301)
    sections, (own_sources,), connection = await asyncio.gather(
        _links(context.read, label, entity_id),
        entities.sources_of(context.read, [entity_id]),
        connection_of(context.read, row, request.query_params.get("to", "")),
    )
    return page(
        "entity.html",
        title=str(node.get("name") or entity_id),
        viewer=viewer,
        status=connection.status,
        kind=label,
        node=node,
        period=human_period(node.get("start_date"), node.get("end_date")),
        details=_details(label, node),
        sections=sections,
        sources=[source_name(source["node"]) for source in own_sources],
        map_url=urls.ego_map_url(entity_id),
        actions={
            "edit": urls.edit_url(entity_id),
            "links": urls.links_url(entity_id),
            "delete": urls.delete_url(entity_id),
            "history": urls.history_url(entity_id),
        },
        connection=connection,
    )


async def _not_an_id(context: RequestContext, viewer: Principal, text: str) -> Response:
    """A name or alias redirects to its one entity; otherwise the closest names, as a 404."""
    (named,) = await references.resolve(context.read, [text])
    if len(named) == 1:
        return RedirectResponse(urls.entity_url(str(named[0]["node"]["id"])), status_code=302)
    choices = await suggest(context.read, text.replace("-", " ")) if not named else ()
    return page(
        "not_found.html",
        title="Not found" if not named else "Which one?",
        viewer=viewer,
        status=404 if not named else 300,
        text=text,
        several=[
            {
                "name": row["node"]["name"],
                "kind": row["label"],
                "href": urls.entity_url(row["node"]["id"]),
            }
            for row in named
        ],
        choices=[{"choice": c, "href": urls.entity_url(c.id), "where": c.where()} for c in choices],
    )


routes = [Route(urls.ENTITY, entity_page, methods=["GET"])]
