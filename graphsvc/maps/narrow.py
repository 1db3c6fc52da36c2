"""Filters applied to a fetched view: kinds, and the network as of a period.

"As of a period" keeps what overlaps it: programmes and events whose dates overlap the period,
links (a FUNDS with its funding period) likewise; undated facts stay, since nothing says they fall
outside. A party whose every link went with the period goes too: a partner only of a 2012
programme is not part of the 2020 network.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphsvc.maps.request import ViewRequest
from graphsvc.model.dates import PartialDate


def narrow(graph: nx.MultiDiGraph[str], request: ViewRequest, keep: set[str]) -> None:
    """Remove, in place, what `request`'s kinds and period leave out; `keep` always stays."""
    graph.remove_nodes_from(
        [
            node
            for node, data in graph.nodes(data=True)
            if data["kind"] not in request.kinds and node not in keep
        ]
    )
    if request.since is None and request.until is None:
        return
    since, until = request.since_key or 0, request.until_key or 99999999
    linked_before = {node for node in graph if graph.degree(node) > 0}
    graph.remove_nodes_from(
        [
            node
            for node, data in graph.nodes(data=True)
            if node not in keep and not _overlaps(data["properties"], since, until)
        ]
    )
    graph.remove_edges_from(
        [
            (a, b, key)
            for a, b, key, data in graph.edges(keys=True, data=True)
            if not _overlaps(data["properties"], since, until)
        ]
    )
    graph.remove_nodes_from(
        [
            node
            for node in linked_before & set(graph)
            if graph.degree(node) == 0 and node not in keep
        ]
    )


def period(properties: dict[str, Any]) -> tuple[int, int] | None:
    """(first day, last day) as YYYYMMDD numbers, or None when undated or the year is unknown."""
    start = _parsed(properties.get("start_date"))
    first = start.day_number(last=False) if start else None
    if start is None or first is None:
        return None
    end = _parsed(properties.get("end_date")) or start
    last = end.day_number(last=True) or start.day_number(last=True)
    assert last is not None
    return first, last


def _overlaps(properties: dict[str, Any], since: int, until: int) -> bool:
    span = period(properties)
    return span is None or (span[0] <= until and span[1] >= since)


def _parsed(value: object) -> PartialDate | None:
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None
