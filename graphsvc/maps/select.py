"""Which entities a view shows: small queries, never a whole-graph scan for a local view.

A view selects ids (and the nodes and links it puts in focus: a path, a funder's trace); filters
narrow that set; `graphsvc.maps.fetch` then reads the nodes and links among the chosen ids in
two queries. The queries are `graphsvc.store.map_views`'s; relationship types and labels come from
the domain model, never from a request.

Countries, regions and themes are hubs: a view reaches them but does not walk through them, or
every city of a country would be two hops from any other and an ego map would be the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphsvc.errors import MapSubjectNotFound
from graphsvc.maps.abridged import Centre, Summary, bounded_funder, bounded_reach
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.request import ViewRequest
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY, COUNTRY, PROGRAMME, THEME
from graphsvc.store import map_views
from graphsvc.store.async_database import Read

HUB_KINDS = (
    *(label for label in MODEL.kinds_in("place") if label not in MODEL.kinds_in("actor")),
    *MODEL.kinds_in("classification"),
)
"""Places that are not parties (countries, regions) and themes: reached, never walked through."""
MAP_TYPES = tuple(
    r.type
    for r in MODEL.relationship_kinds
    if set(r.sources) <= set(MAP_KINDS) and set(r.targets) <= set(MAP_KINDS)
)
"""Relationships between kinds a map draws."""
COLLABORATION_TYPES = tuple(t for t in MODEL.collaboration_types if t in MAP_TYPES)
PATH_LIMIT = 25

EdgeKey = tuple[str, str, str]
"""(from id, to id, relationship type)."""


@dataclass
class Selection:
    """The ids a view shows, and what it puts in focus (a centre, a path, a trace)."""

    ids: set[str] | None
    """None: every entity of the kinds a map draws (the whole-graph views, unfiltered)."""
    focus: set[str] = field(default_factory=set)
    focus_edges: set[EdgeKey] = field(default_factory=set)
    keep: set[str] = field(default_factory=set)
    """Ids that filters never remove: the centre of an ego map, the ends of a path."""
    summaries: list[Summary] = field(default_factory=list)
    """Boxes for what a local view around a hub leaves out (`graphsvc.maps.abridged`)."""


async def select(read: Read, request: ViewRequest) -> Selection:
    """The ids of `request`'s view, narrowed by its filters."""
    selection = await _view(read, request)
    for parameter, entity_id in (
        ("programme", request.programme),
        ("funder", request.funder),
        ("country", request.country),
        ("theme", request.theme),
    ):
        if entity_id:
            allowed = await _filter(read, parameter, entity_id)
            if selection.ids is None:
                selection.ids = allowed
            else:
                selection.ids = (selection.ids & allowed) | (selection.keep & selection.ids)
    return selection


async def _view(read: Read, request: ViewRequest) -> Selection:
    if request.view in ("overview", "geographic"):
        return Selection(None)
    assert request.id is not None
    if request.view == "ego":
        centre = Centre(request.id, await _require(read, "id", request.id))
        ego = await bounded_reach(read, {request.id}, request.hops, MAP_TYPES, HUB_KINDS, centre)
        return Selection(ego.ids, focus={request.id}, keep={request.id}, summaries=ego.summaries)
    if request.view == "programme":
        return await _programme(read, request.id, "id", bounded=True)
    if request.view == "funder":
        return await _funder(read, request.id, "id", bounded=True)
    if request.view == "city":
        centre = Centre(request.id, await _require(read, "id", request.id, CITY.label))
        near = await bounded_reach(read, {request.id}, 1, MAP_TYPES, HUB_KINDS, centre)
        local = near.ids - {request.id} - near.hubs
        around = await bounded_reach(
            read, local, 1, COLLABORATION_TYPES, HUB_KINDS, centre, seen=near.ids, first_step=2
        )
        return Selection(
            around.ids | near.ids,
            focus={request.id},
            keep={request.id},
            summaries=near.summaries + around.summaries,
        )
    assert request.to is not None
    return await _path(read, request.id, request.to)


async def _require(read: Read, parameter: str, entity_id: str, kind: str | None = None) -> str:
    found = await map_views.entity_kind(read, entity_id)
    if found is None or (kind is not None and found != kind):
        raise MapSubjectNotFound(parameter, entity_id, kind)
    return found


async def _neighbours(read: Read, ids: set[str], types: Iterable[str]) -> dict[str, bool]:
    """Every neighbour of `ids` over `types`, each with whether it is a hub."""
    return await map_views.neighbours(read, ids, types, MAP_KINDS, HUB_KINDS)


async def _reach(read: Read, start: set[str], hops: int, types: Iterable[str]) -> set[str]:
    """Breadth-first from `start`, one query per hop; hubs are reached but not walked through."""
    seen = set(start)
    frontier = set(start)
    for _ in range(hops):
        if not frontier:
            break
        found = await _neighbours(read, frontier, types)
        frontier = {i for i, hub in found.items() if i not in seen and not hub}
        seen |= set(found)
    return seen


async def _programme(
    read: Read, programme: str, parameter: str, *, bounded: bool = False
) -> Selection:
    """A programme's units and what is around them; `bounded` for the view (a filter is not)."""
    kind = await _require(read, parameter, programme, PROGRAMME.label)
    units = await map_views.programme_units(read, programme)
    if bounded:
        around = await bounded_reach(read, units, 1, MAP_TYPES, HUB_KINDS, Centre(programme, kind))
        return Selection(
            units | around.ids, focus={programme}, keep={programme}, summaries=around.summaries
        )
    return Selection(
        units | await _reach(read, units, 1, MAP_TYPES), focus={programme}, keep={programme}
    )


async def _funder(read: Read, funder: str, parameter: str, *, bounded: bool = False) -> Selection:
    """What a funder's money reaches; `bounded` for the view (a filter is not)."""
    kind = await _require(read, parameter, funder)
    if bounded:
        trace = await bounded_funder(read, funder, kind)
        return Selection(
            trace.ids,
            focus={funder},
            focus_edges=trace.edges,
            keep={funder},
            summaries=trace.summaries,
        )
    links = await map_views.funding_links(read, funder)
    edges = {(link["from"]["node"]["id"], link["to"]["node"]["id"], link["type"]) for link in links}
    ids = {funder} | {end for a, b, _ in edges for end in (a, b)}
    return Selection(ids, focus={funder}, focus_edges=edges, keep={funder})


async def _path(read: Read, source: str, target: str) -> Selection:
    await _require(read, "id", source)
    await _require(read, "to", target)
    rows = await map_views.shortest_paths(read, source, target, COLLABORATION_TYPES, PATH_LIMIT)
    on_path = {source, target}
    edges: set[EdgeKey] = set()
    for row in rows:
        on_path |= {node["node"]["id"] for node in row["nodes"]}
        edges |= {
            (link["from"]["node"]["id"], link["to"]["node"]["id"], link["type"])
            for link in row["links"]
        }
    context = await _neighbours(read, on_path, COLLABORATION_TYPES)
    return Selection(set(context) | on_path, focus=on_path, focus_edges=edges, keep=on_path)


async def _filter(read: Read, parameter: str, entity_id: str) -> set[str]:
    if parameter == "programme":
        return (await _programme(read, entity_id, parameter)).ids or set()
    if parameter == "funder":
        return (await _funder(read, entity_id, parameter)).ids or set()
    if parameter == "country":
        reach = await map_views.country_reach(read, entity_id, COLLABORATION_TYPES)
        if reach is None:
            raise MapSubjectNotFound(parameter, entity_id, COUNTRY.label)
        return reach
    await _require(read, parameter, entity_id, THEME.label)
    undertakings = await map_views.theme_undertakings(read, entity_id)
    return undertakings | await _reach(read, undertakings - {entity_id}, 1, COLLABORATION_TYPES)
