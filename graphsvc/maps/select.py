"""Which entities a view shows: small Cypher queries, never a whole-graph scan for a local view.

A view selects ids (and the nodes and links it puts in focus: a path, a funder's trace); filters
narrow that set; `graphsvc.maps.fetch` then reads the nodes and links among the chosen ids in
two queries. Relationship types and labels come from the domain model, never from a request.

Countries, regions and themes are hubs: a view reaches them but does not walk through them, or
every city of a country would be two hops from any other and an ego map would be the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graphsvc.errors import MapSubjectNotFound
from graphsvc.maps.request import MAP_KINDS, ViewRequest
from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.async_database import Read
from graphsvc.store.collaboration import FUNDING_TRACE, MAX_HOPS, path_query
from graphsvc.store.projections import LABELS

HUB_KINDS = ("Country", "Region", "Theme")
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

    ids: set[str]
    focus: set[str] = field(default_factory=set)
    focus_edges: set[EdgeKey] = field(default_factory=set)
    keep: set[str] = field(default_factory=set)
    """Ids that filters never remove: the centre of an ego map, the ends of a path."""


_KIND = f"""
MATCH (n:`{ENTITY_LABEL}` {{id: $id}})
RETURN [l IN labels(n) WHERE l IN $labels][0] AS kind
"""

_ALL = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
RETURN n.id AS id
"""

_NEIGHBOURS = f"""
UNWIND $ids AS id
MATCH (:`{ENTITY_LABEL}` {{id: id}})-[r]-(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types AND any(l IN labels(b) WHERE l IN $kinds)
RETURN DISTINCT b.id AS id, any(l IN labels(b) WHERE l IN $hubs) AS hub
"""

_PROGRAMME_UNITS = f"""
MATCH (p:Programme:`{ENTITY_LABEL}` {{id: $id}})
OPTIONAL MATCH (part)-[:PART_OF]->{{1,6}}(p)
WITH p, collect(DISTINCT part.id) AS parts
RETURN [p.id] + parts AS ids
"""

_COUNTRY = f"""
MATCH (c:Country:`{ENTITY_LABEL}`) WHERE c.id = $country OR c.iso_code = $country
CALL (c) {{
    MATCH (x)-[:IN_COUNTRY|BASED_IN|TARGETS]->(c) RETURN x
    UNION
    MATCH (x)-[:BASED_IN|GOVERNS|HELD_IN|TARGETS]->(:City)-[:IN_COUNTRY]->(c) RETURN x
    UNION
    MATCH (:City)-[:IN_COUNTRY]->(c) RETURN c AS x
}}
WITH c, collect(DISTINCT x) AS located
CALL (located) {{
    UNWIND located AS l
    MATCH (l)-[r]-(u) WHERE type(r) IN $types AND (u:Programme OR u:Event OR u:Person)
    RETURN collect(DISTINCT u.id) AS involved
}}
RETURN [c.id] + [x IN located | x.id] + involved AS ids
"""

_THEME = f"""
MATCH (t:Theme:`{ENTITY_LABEL}` {{id: $id}})
OPTIONAL MATCH (u)-[:ADDRESSES]->(t)
WITH t, collect(DISTINCT u.id) AS undertakings
RETURN [t.id] + undertakings AS ids
"""


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
            selection.ids = (selection.ids & allowed) | (selection.keep & selection.ids)
    return selection


async def _view(read: Read, request: ViewRequest) -> Selection:
    if request.view in ("overview", "geographic"):
        return Selection({row["id"] for row in await read(_ALL, kinds=list(MAP_KINDS))})
    assert request.id is not None
    if request.view == "ego":
        await _require(read, "id", request.id)
        ids = await _reach(read, {request.id}, request.hops, MAP_TYPES)
        return Selection(ids, focus={request.id}, keep={request.id})
    if request.view == "programme":
        return await _programme(read, request.id, "id")
    if request.view == "funder":
        return await _funder(read, request.id, "id")
    if request.view == "city":
        await _require(read, "id", request.id, "City")
        near = await _neighbours(read, {request.id}, MAP_TYPES)
        local = {i for i, hub in near.items() if not hub} - {request.id}
        ids = await _reach(read, local, 1, COLLABORATION_TYPES)
        return Selection(ids | set(near) | {request.id}, focus={request.id}, keep={request.id})
    assert request.to is not None
    return await _path(read, request.id, request.to)


async def _require(read: Read, parameter: str, entity_id: str, kind: str | None = None) -> str:
    rows = await read(_KIND, id=entity_id, labels=LABELS)
    if not rows or (kind is not None and rows[0]["kind"] != kind):
        raise MapSubjectNotFound(parameter, entity_id, kind)
    return str(rows[0]["kind"])


async def _neighbours(read: Read, ids: set[str], types: Iterable[str]) -> dict[str, bool]:
    """Every neighbour of `ids` over `types`, each with whether it is a hub."""
    rows = await read(
        _NEIGHBOURS, ids=sorted(ids), types=list(types), kinds=list(MAP_KINDS), hubs=list(HUB_KINDS)
    )
    return {row["id"]: bool(row["hub"]) for row in rows}


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


async def _programme(read: Read, programme: str, parameter: str) -> Selection:
    await _require(read, parameter, programme, "Programme")
    units = set((await read(_PROGRAMME_UNITS, id=programme))[0]["ids"])
    around = await _reach(read, units, 1, MAP_TYPES)
    return Selection(units | around, focus={programme}, keep={programme})


async def _funder(read: Read, funder: str, parameter: str) -> Selection:
    await _require(read, parameter, funder)
    rows = await read(FUNDING_TRACE, funder=funder, labels=LABELS)
    links = rows[0]["links"] if rows else []
    edges = {(link["from"]["node"]["id"], link["to"]["node"]["id"], link["type"]) for link in links}
    ids = {funder} | {end for a, b, _ in edges for end in (a, b)}
    return Selection(ids, focus={funder}, focus_edges=edges, keep={funder})


async def _path(read: Read, source: str, target: str) -> Selection:
    await _require(read, "id", source)
    await _require(read, "to", target)
    rows = await read(
        path_query(MAX_HOPS),
        types=list(COLLABORATION_TYPES),
        limit=PATH_LIMIT,
        labels=LABELS,
        **{"from": source, "to": target},
    )
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
        return (await _programme(read, entity_id, parameter)).ids
    if parameter == "funder":
        return (await _funder(read, entity_id, parameter)).ids
    if parameter == "country":
        rows = await read(_COUNTRY, country=entity_id, types=list(COLLABORATION_TYPES))
        if not rows:
            raise MapSubjectNotFound(parameter, entity_id, "Country")
        return set(rows[0]["ids"])
    await _require(read, parameter, entity_id, "Theme")
    undertakings = set((await read(_THEME, id=entity_id))[0]["ids"])
    return undertakings | await _reach(read, undertakings - {entity_id}, 1, COLLABORATION_TYPES)
