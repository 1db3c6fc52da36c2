"""A view as pyvis node and edge lists plus everything the page needs to draw, search and explain.

pyvis's own `add_node`/`add_edge`/`from_nx` check membership in lists (quadratic at 20,000 nodes)
and `from_nx` rewrites the caller's graph; here the lists are built directly, once each, in
O(nodes + links), and handed to a `pyvis.network.Network` for its vis-network options.

Every text from the graph (names, descriptions, ids, sources) travels as JSON data and reaches the
page as text nodes; nothing here is HTML. The page builds tooltips from the data as plain strings,
which vis-network 9 shows as text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import networkx as nx
from pyvis.network import Network

from graphsvc.maps.abridged import Summary
from graphsvc.maps.aggregate import AGGREGATE_LIMIT, UNPLACED, Cluster, cluster_size, clusters
from graphsvc.maps.fetch import MapGraph
from graphsvc.maps.layout import (
    Position,
    geographic_positions,
    gridded,
    network_positions,
    outlines_around,
    spread,
)
from graphsvc.maps.metrics import (
    SEED,
    Centrality,
    Community,
    Louvain,
    centrality,
    communities,
    simple_graph,
)
from graphsvc.maps.parameters import MAP_KINDS
from graphsvc.maps.request import ViewRequest
from graphsvc.maps.select import EdgeKey
from graphsvc.model import MODEL
from graphsvc.model.domain import CITY
from graphsvc.model.names import lookup_keys

MIN_SIZE, MAX_SIZE = 10.0, 36.0
MIN_FONT, MAX_FONT = 12, 30
"""Central nodes get larger labels, which stay legible when the whole map is in view."""
LEGIBLE_PX = 11
"""vis-network draws a label only when it is at least this many CSS pixels high on screen (its
draw threshold is one more); the page sizes the labels it keeps to at least that (map.js)."""
EDGE_FONT = 9
"""Link labels are read only zoomed in: at 9 canvas units they pass vis-network's draw threshold
(LEGIBLE_PX + 1) from zoom 1.33, and a search's focus zooms to 1.4."""
FOCUS_EDGE_COLOUR = "#D62728"
REACH_EDGE_COLOUR = "#3D7CC9"
"""A funder map's links to who took part later: in the trace, but not the money's own chain."""
MONEY_MEANINGS = ("financing", "framing")
"""What a funder's own chain is made of: money given, and the programmes it frames."""
EDGE_COLOUR = "#8A8A8A"
DIMMED_EDGE_COLOUR = "#CFCFCF"
LABEL_LENGTH = 42
CLUSTER_LABEL_CHARACTER = 10.0
"""Roughly how wide a character of a cluster's 18 px label is, in canvas units."""


@dataclass(frozen=True)
class Focus:
    """What a view puts in focus: nodes drawn with a heavy border, links drawn in red."""

    nodes: frozenset[str] = frozenset()
    edges: frozenset[EdgeKey] = frozenset()


SUMMARY_COLOUR = "#FFF3C4"
"""The notice's pale yellow: a box belongs with the notice that the map is abridged."""
SUMMARY_EDGE_COLOUR = "#9A9A9A"
SUMMARY_EDGE_LENGTH = 420
"""A box's spring, longer than the others, so that physics sets it outside its anchor's ring."""
SUMMARY_DISTANCE = 170.0
"""How far from its anchor a summary box is placed when the server lays the map out."""


def payload(
    fetched: MapGraph,
    request: ViewRequest,
    focus: Focus,
    title: str,
    subtitle: str,
    *,
    summaries: Sequence[Summary] = (),
) -> dict[str, Any]:
    """The JSON document a map page is drawn from.

    `summaries` are boxes for what an abridged local view leaves out (`graphsvc.maps.abridged`):
    drawn as boxes with their counts beside the entity they hang from, and named in the notice.
    """
    graph = fetched.graph
    simple = simple_graph(graph)
    scores = centrality(simple, request.size)
    names = {node: str(name) for node, name in graph.nodes(data="name")}
    louvain = Louvain(simple)
    groups = communities(louvain, scores.scores, names) if request.colour == "community" else []
    found: list[Cluster] = []
    network_at: dict[str, Position] | None
    if len(graph) > AGGREGATE_LIMIT:
        found, network_at = clusters(graph, simple, request.group, scores.scores, louvain)
    else:
        network_at = network_positions(simple, louvain)
    geo_at = geographic_positions(graph)
    net = Network(directed=True, height="100%", width="100%")
    net.nodes = _nodes(graph, request, scores, groups, focus, network_at, geo_at)
    if found:
        _mark_members(net.nodes, found)
    net.node_ids = [node["id"] for node in net.nodes]
    net.node_map = {node["id"]: node for node in net.nodes}
    net.edges = _edges(graph, focus, money_chain=request.view == "funder")
    physics = network_at is None and request.layout == "network"
    net.toggle_physics(physics)
    options = json.loads(net.options.to_json())
    _tune(options, physics, len(net.nodes))
    placed_cities = sum(1 for _, data in graph.nodes(data=True) if data["kind"] == CITY.label)
    lines = _lines(request.view, net.edges)
    shown = [s for s in summaries if s.anchor in graph]
    if shown:
        _add_summaries(net.nodes, net.edges, shown, lines)
    return {
        "title": title,
        "subtitle": subtitle,
        "notice": _abridged_notice(len(graph), shown, request.view) if shown else None,
        "view": request.view,
        "params": request.params(),
        "layout": request.layout,
        "physics": physics,
        "hasGeography": placed_cities > 0,
        "outlines": outlines_around(_coordinates(graph)) if placed_cities else [],
        "options": options,
        "size": scores.name,
        "colour": request.colour,
        "kinds": _legend(graph),
        "communities": [
            {"number": c.number, "name": c.name, "colour": c.colour, "count": len(c.members)}
            for c in groups
        ],
        "nodes": net.nodes,
        "edges": net.edges,
        "clusters": [_cluster_node(cluster, request, names, geo_at) for cluster in found],
        "aggregated": request.group if found else None,
        "sources": _sources(fetched),
        "lines": lines,
        "meanings": {r.type: MODEL.meanings_of(r.type)[0] for r in MODEL.relationship_kinds},
        "meaningOrder": list(dict.fromkeys(r.meaning for r in MODEL.relationship_kinds)),
        "relationships": {
            r.type: [_words(r.outgoing), _words(r.incoming)] for r in MODEL.relationship_kinds
        },
        "datable": _datable(),
    }


def _abridged_notice(drawn: int, summaries: Sequence[Summary], view: str) -> str:
    """Says the map is partial, so that nobody reads it as the whole neighbourhood."""
    hidden = sum(s.count for s in summaries)
    chosen = (
        "the largest grants, then the most connected of each kind"
        if view == "funder"
        else "the most connected of each kind"
    )
    return (
        f"Abridged: {hidden:,} more linked entities are not drawn. This map draws {drawn:,}, "
        f"{chosen}; {len(summaries)} dashed "
        f"{'box stands' if len(summaries) == 1 else 'boxes stand'} for the rest, "
        "with their counts (double-click one for its list, where there is one)."
    )


def _add_summaries(
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    summaries: Sequence[Summary],
    lines: list[dict[str, Any]],
) -> None:
    """Each summary as a box beside its anchor, linked to it by one grey link.

    The link's longer spring sets the box outside the ring of its anchor's neighbours when the
    browser's physics lays the map out.
    """
    at = {node["id"]: node for node in nodes}
    for index, summary in enumerate(summaries):
        anchor = at[summary.anchor]
        angle = 2 * math.pi * index / len(summaries) + math.pi / 7
        offset = (SUMMARY_DISTANCE * math.cos(angle), SUMMARY_DISTANCE * math.sin(angle))
        entry: dict[str, Any] = {
            "id": summary.id,
            "label": summary.label,
            "name": summary.label,
            "kind": "More",
            "summary": True,
            "count": summary.count,
            "size": MAX_SIZE,
            "shape": "box",
            "color": {
                "background": SUMMARY_COLOUR,
                "border": "#7A6000",
                "highlight": {"background": "#FFFFFF", "border": "#000000"},
            },
            "borderWidth": 2,
            "shapeProperties": {"borderDashes": [5, 3]},
            "font": {"size": 18},
            "mass": 4,
            "margin": 8,
            "title": summary.about,
            "about": summary.about,
            "community": None,
            "search": "",
            "sources": [],
            "info": {},
            "focus": True,  # the period control never hides it
            "geo": [round(anchor["geo"][i] + offset[i] / 2, 1) for i in (0, 1)],
        }
        if summary.href:
            entry["href"] = summary.href
        if "net" in anchor:
            entry["net"] = [round(anchor["net"][i] + offset[i], 1) for i in (0, 1)]
        if "x" in anchor:
            entry["x"] = round(anchor["x"] + offset[0], 1)
            entry["y"] = round(anchor["y"] + offset[1], 1)
        nodes.append(entry)
        relationship = MODEL.relationship_kind(summary.type)
        edges.append(
            {
                "from": summary.anchor if summary.outward else summary.id,
                "to": summary.id if summary.outward else summary.anchor,
                "label": _words(relationship.outgoing if relationship else summary.type),
                "type": summary.type,
                "summary": True,
                "sources": [],
                "info": {},
                "width": 2,
                "length": SUMMARY_EDGE_LENGTH,
                "color": {"color": SUMMARY_EDGE_COLOUR, "highlight": "#222222"},
            }
        )
    lines.append(
        {
            "colour": SUMMARY_EDGE_COLOUR,
            "dashed": False,
            "text": "to a box: the links of the entities it stands for",
            "count": len(summaries),
        }
    )


def _datable() -> dict[str, list[str]]:
    """The kinds and links that carry dates in the model.

    One of them without a date is undated (the page draws it pale while a period is chosen),
    where a city without one is simply timeless.
    """
    return {
        "kinds": [
            label
            for label in MAP_KINDS
            if (kind := MODEL.node_kind(label)) is not None and kind.property("start_date")
        ],
        "types": [r.type for r in MODEL.relationship_kinds if r.property("start_date")],
    }


def _nodes(
    graph: nx.MultiDiGraph[str],
    request: ViewRequest,
    scores: Centrality,
    groups: list[Community],
    focus: Focus,
    network_at: dict[str, Position] | None,
    geo_at: dict[str, Position],
) -> list[dict[str, Any]]:
    top = max(scores.scores.values(), default=0.0) or 1.0
    community_of = {member: group for group in groups for member in group.members}
    nodes = []
    for node, data in graph.nodes(data=True):
        kind = MODEL.node_kind(data["kind"])
        assert kind is not None
        group = community_of.get(node)
        weight = scores.scores.get(node, 0.0) / top
        colour = group.colour if group else kind.colour
        properties: dict[str, Any] = data["properties"]
        entry: dict[str, Any] = {
            "id": node,
            "label": _short(str(data["name"])),
            "name": data["name"],
            "group": kind.label,
            "size": round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * weight, 1),
            "kind": kind.label,
            "community": group.number if group else None,
            "search": " | ".join(lookup_keys(data["name"], properties.get("aliases") or [])),
            "sources": data["sources"],
            "info": properties,
            "geo": list(geo_at[node]),
        }
        font = round(MIN_FONT + (MAX_FONT - MIN_FONT) * weight)
        if font != MIN_FONT:
            entry["font"] = {"size": font}
        if group or node in focus.nodes:
            entry["color"] = _fill(colour, focused=node in focus.nodes)
        if node in focus.nodes:
            entry["borderWidth"] = 4
            entry["focus"] = True  # the page's period control never hides it
        at = geo_at[node] if request.layout == "geographic" else (network_at or {}).get(node)
        if at is not None:
            entry["x"], entry["y"] = at
        if network_at is not None:
            entry["net"] = list(network_at[node])
        nodes.append(entry)
    return nodes


def _coordinates(graph: nx.MultiDiGraph[str]) -> list[tuple[float, float]]:
    """The (latitude, longitude) of every city with both."""
    return [
        (float(data["properties"]["latitude"]), float(data["properties"]["longitude"]))
        for _, data in graph.nodes(data=True)
        if data["kind"] == CITY.label
        and "latitude" in data["properties"]
        and "longitude" in data["properties"]
    ]


def _in_money_chain(rel_type: str) -> bool:
    return any(MODEL.is_a(rel_type, meaning) for meaning in MONEY_MEANINGS)


def _edges(
    graph: nx.MultiDiGraph[str], focus: Focus, *, money_chain: bool = False
) -> list[dict[str, Any]]:
    """The links, several between one pair kept apart by their curves.

    With `money_chain`, a focused link that is not financing or framing (someone taking part in
    what the money paid for) is drawn apart from the money's own chain.
    """
    per_pair: dict[tuple[str, str], int] = defaultdict(int)
    for a, b in graph.edges():
        per_pair[(min(a, b), max(a, b))] += 1
    seen: dict[tuple[str, str], int] = defaultdict(int)
    edges = []
    for a, b, rel_type, data in graph.edges(keys=True, data=True):
        pair = (min(a, b), max(a, b))
        words = _words(_outgoing(rel_type))
        focused = (a, b, rel_type) in focus.edges
        reach = focused and money_chain and not _in_money_chain(rel_type)
        colour = (
            REACH_EDGE_COLOUR
            if reach
            else FOCUS_EDGE_COLOUR
            if focused
            else DIMMED_EDGE_COLOUR
            if focus.edges
            else EDGE_COLOUR
        )
        edge: dict[str, Any] = {
            "from": a,
            "to": b,
            "label": words,
            "type": rel_type,
            "sources": data["sources"],
            "info": data["properties"],
        }
        if data["properties"].get("uncertain"):
            edge["dashes"] = True  # the sources only suggest it; the legend says so
        if focus.edges:
            edge["color"] = {"color": colour, "highlight": "#222222"}
        if focused:
            edge["width"] = 2.5 if reach else 3.5
        if per_pair[pair] > 1:
            index = seen[pair]
            seen[pair] += 1
            edge["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if a == pair[0] else "curvedCCW",
                "roundness": round(0.1 + 0.2 * index, 2),
            }
        edges.append(edge)
    return edges


def _mark_members(nodes: list[dict[str, Any]], found: list[Cluster]) -> None:
    cluster_of = {member: cluster.id for cluster in found for member in cluster.members}
    for node in nodes:
        node["cluster"] = cluster_of[node["id"]]


def _cluster_node(
    cluster: Cluster, request: ViewRequest, names: dict[str, str], geo_at: dict[str, Position]
) -> dict[str, Any]:
    """One node standing for a group until it is opened."""
    count = len(cluster.members)
    name = f"no {request.group}" if cluster.name == UNPLACED else cluster.name
    geo = [round(sum(geo_at[m][i] for m in cluster.members) / count, 1) for i in (0, 1)]
    leading = ", ".join(names[m] for m in cluster.members[:5])
    return {
        "id": cluster.id,
        "label": f"{_short(name)} ({count})",
        "name": name,
        "kind": "Cluster",
        "shape": "dot",
        "size": cluster_size(count),
        "font": {"size": 18},
        "color": {
            "background": cluster.colour,
            "border": "#333333",
            "highlight": {"background": cluster.colour, "border": "#000000"},
        },
        "borderWidth": 2,
        "title": f"{name}\n{count} entities, grouped by {request.group}\n{leading}"
        + (" ..." if count > 5 else "")
        + "\nDouble-click to open",
        "members": count,
        "x": cluster.centre[0],
        "y": cluster.centre[1],
        "net": list(cluster.centre),
        "geo": geo,
    }


def _fill(colour: str, *, focused: bool = False) -> dict[str, Any]:
    return {
        "background": colour,
        "border": "#111111" if focused else "#FFFFFF",
        "highlight": {"background": colour, "border": "#000000"},
    }


def _tune(options: dict[str, Any], physics: bool, count: int) -> None:
    """Options that make a large map draw at once and a small one settle and stay still.

    What every node of a kind and every link share lives here once, as vis-network groups and
    edge defaults, rather than in each of 20,000 nodes (it halves a large map's file).
    """
    options["nodes"] = {
        "font": {"size": MIN_FONT, "strokeWidth": 3, "strokeColor": "#FFFFFF"},
        "scaling": {"label": {"drawThreshold": LEGIBLE_PX + 1, "maxVisible": 40}},
        "borderWidth": 1,
    }
    options["groups"] = {}
    for label in MAP_KINDS:
        kind = MODEL.node_kind(label)
        assert kind is not None
        options["groups"][label] = {"shape": kind.shape, "color": _fill(kind.colour)}
    options["edges"]["arrows"] = "to"
    options["edges"]["width"] = 1.2
    options["edges"]["scaling"] = {"label": {"drawThreshold": LEGIBLE_PX + 1}}
    options["edges"]["font"] = {
        "size": EDGE_FONT,
        "align": "middle",
        "strokeWidth": 3,
        "strokeColor": "#FFFFFF",
    }
    options["edges"]["color"] = {"inherit": False, "color": EDGE_COLOUR, "highlight": "#222222"}
    options["edges"]["smooth"] = (
        {"enabled": True, "type": "dynamic"} if physics else {"enabled": False}
    )
    options["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "hideEdgesOnDrag": count > 1000,
            "hideEdgesOnZoom": count > 1000,
        }
    )
    options["layout"] = {"randomSeed": SEED, "improvedLayout": count <= 100}
    if physics:
        options["physics"].update(
            {
                "solver": "forceAtlas2Based",
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
                "stabilization": {
                    "enabled": True,
                    "iterations": 400,
                    "fit": True,
                    "updateInterval": 50,
                },
            }
        )


def _lines(view: str, edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What each colour and style of line means on this map, with how many links it draws."""
    by_colour: dict[str, int] = defaultdict(int)
    for edge in edges:
        by_colour[edge.get("color", {}).get("color", EDGE_COLOUR)] += 1
    words = {
        FOCUS_EDGE_COLOUR: "the money's own chain: funding and the programmes it frames"
        if view == "funder"
        else "the shortest collaboration paths"
        if view == "path"
        else "in focus",
        REACH_EDGE_COLOUR: "who later took part in what the money paid for",
        DIMMED_EDGE_COLOUR: "other links, for context",
        EDGE_COLOUR: "a link (point at it for what it says)",
    }
    lines = [
        {"colour": colour, "dashed": False, "text": text, "count": by_colour[colour]}
        for colour, text in words.items()
        if by_colour[colour]
    ]
    uncertain = sum(1 for edge in edges if edge.get("dashes"))
    if uncertain:
        lines.append(
            {
                "colour": EDGE_COLOUR,
                "dashed": True,
                "text": "dashed: the sources only suggest this link",
                "count": uncertain,
            }
        )
    return lines


def _legend(graph: nx.MultiDiGraph[str]) -> list[dict[str, Any]]:
    counts: dict[str, int] = defaultdict(int)
    for _, data in graph.nodes(data=True):
        counts[data["kind"]] += 1
    return _stored_legend(counts)


def _short(name: str) -> str:
    """A label short enough not to cross the map; the tooltip and panel give the full name."""
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def _outgoing(rel_type: str) -> str:
    kind = MODEL.relationship_kind(rel_type)
    return kind.outgoing if kind else rel_type.lower()


def _words(field_name: str) -> str:
    return field_name.replace("_", " ")


def clustered_payload(
    fetched: MapGraph,
    stored: list[dict[str, Any]],
    loaded: dict[int, list[str]],
    request: ViewRequest,
    title: str,
    subtitle: str,
    *,
    cluster_href: Callable[[int], str] | None,
    notice: str | None,
) -> dict[str, Any]:
    """A whole-network view drawn from stored clusters (`graphsvc.store.map_analysis`).

    One node per stored cluster, linked by how many links run between them; the members of the
    clusters in `loaded` (a file's bounded few) travel in `fetched`, around their cluster's
    centre. Any other cluster opens at its own address (`cluster_href`) on a server, and says so
    in a file.
    """
    graph = fetched.graph
    simple = simple_graph(graph)
    scores = centrality(simple, request.size)
    if not loaded:
        stored = _drawn_closer(stored)
    centres = {row["number"]: (float(row["x"]), float(row["y"])) for row in stored}
    network_at: dict[str, Position] = {}
    for number, members in loaded.items():
        present = [member for member in members if member in graph]
        network_at.update(
            zip(present, spread(centres[number], len(present), gap=22.0), strict=True)
        )
    geo_at = geographic_positions(graph)
    nodes = _nodes(graph, request, scores, [], Focus(), network_at, geo_at)
    cluster_of = {m: f"cluster:{number}" for number, members in loaded.items() for m in members}
    for entry in nodes:
        entry["cluster"] = cluster_of[entry["id"]]
    net = Network(directed=True, height="100%", width="100%")
    # Stored clusters come with their places: a physics run would pull them into one pile.
    net.toggle_physics(False)
    options = json.loads(net.options.to_json())
    _tune(options, False, len(stored) + len(nodes))
    edges = _edges(graph, Focus())
    kinds: dict[str, int] = defaultdict(int)
    for row in stored:
        for kind, count in zip(row["kinds"], row["kind_counts"], strict=True):
            kinds[kind] += count
    clusters = [
        _stored_cluster(row, request, row["number"] in loaded, cluster_href) for row in stored
    ]
    return {
        "title": title,
        "subtitle": subtitle,
        "notice": notice,
        "view": request.view,
        "params": request.params(),
        "layout": request.layout,
        "physics": False,
        "hasGeography": True,
        "outlines": [],
        "options": options,
        "size": scores.name,
        "colour": request.colour,
        "kinds": _stored_legend(kinds),
        "communities": [],
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
        "clusterLinks": [
            {"from": f"cluster:{row['number']}", "to": f"cluster:{other}", "count": count}
            for row in stored
            for other, count in zip(row["link_to"], row["link_counts"], strict=True)
        ],
        "aggregated": request.group,
        "sources": _sources(fetched),
        "lines": _lines(request.view, edges),
        "meanings": {r.type: MODEL.meanings_of(r.type)[0] for r in MODEL.relationship_kinds},
        "meaningOrder": list(dict.fromkeys(r.meaning for r in MODEL.relationship_kinds)),
        "relationships": {
            r.type: [_words(r.outgoing), _words(r.incoming)] for r in MODEL.relationship_kinds
        },
        "datable": _datable(),
    }


def _sources(fetched: MapGraph) -> dict[str, dict[str, Any]]:
    """The source documents of what is drawn, as the side panel names them."""
    return {
        key: {
            "name": doc.name,
            "file": doc.file,
            "category": doc.category,
            "title": doc.title,
            "publisher": doc.publisher,
            "published": doc.published,
        }
        for key, doc in sorted(fetched.sources.items())
    }


def _drawn_closer(stored: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters moved next to each other when no member is drawn around them.

    Stored centres leave room for every member; with none drawn, the clusters would be specks
    once the view fits them all, and pulled together the linked core would pile up into one
    blot. Each cluster, with its label, gets a cell of its own instead, in the stored
    arrangement's order (`gridded`).
    """
    centres = {row["number"]: (float(row["x"]), float(row["y"])) for row in stored}
    placed = gridded(centres, {row["number"]: _cluster_box(row) for row in stored})
    return [{**row, "x": placed[row["number"]][0], "y": placed[row["number"]][1]} for row in stored]


def _cluster_box(row: dict[str, Any]) -> tuple[float, float]:
    """The room a drawn cluster takes: its dot, and its label (18 px text) under it, with air."""
    label = f"{_short(str(row['name']))} ({row['size']})"
    diameter = 2 * cluster_size(int(row["size"]))
    return max(diameter, CLUSTER_LABEL_CHARACTER * len(label)) + 24.0, diameter + 22.0 + 24.0


def _stored_cluster(
    row: dict[str, Any],
    request: ViewRequest,
    loaded: bool,
    cluster_href: Callable[[int], str] | None,
) -> dict[str, Any]:
    """One stored cluster as a node; `loaded` when its members are in the page."""
    count = int(row["size"])
    name = str(row["name"])
    leading = ", ".join(row["leading"]) + (" ..." if count > len(row["leading"]) else "")
    href = cluster_href(row["number"]) if cluster_href else None
    opening = (
        "Double-click to open"
        if loaded
        else "Double-click to open its own map"
        if href
        else "Its members are not in this file: open it on a graphsvc server at "
        f"/maps/{request.view}?{urlencode({**request.params(), 'cluster': row['number']})}"
    )
    entry = {
        "id": f"cluster:{row['number']}",
        "label": f"{_short(name)} ({count})",
        "name": name,
        "kind": "Cluster",
        "shape": "dot",
        "size": cluster_size(count),
        "font": {"size": 18},
        "color": {
            "background": row["colour"],
            "border": "#333333",
            "highlight": {"background": row["colour"], "border": "#000000"},
        },
        "borderWidth": 2,
        "title": f"{name}\n{count} entities, grouped by {request.group}\n{leading}\n{opening}",
        "members": count,
        "loaded": loaded,
        "x": row["x"],
        "y": row["y"],
        "net": [row["x"], row["y"]],
        "geo": [row["geo_x"], row["geo_y"]],
    }
    if href:
        entry["href"] = href
    return entry


def _stored_legend(counts: dict[str, int]) -> list[dict[str, Any]]:
    """The legend's kinds, in the model's order, with how many of each the page stands for."""
    legend = []
    for label in MAP_KINDS:
        kind = MODEL.node_kind(label)
        if kind is not None and counts.get(label):
            legend.append(
                {
                    "label": label,
                    "plural": kind.plural,
                    "colour": kind.colour,
                    "shape": kind.shape,
                    "count": counts[label],
                }
            )
    return legend
