"""The graph's outline for the maps' whole-graph analysis: what each entity is, and who links whom.

`graphsvc maps refresh` needs, for every entity a map draws, only its id, kind, name and (for a
city) its coordinates, and for every link only its two ends and its type. Reading the full
property maps, the Sources behind every node and link, and building a networkx MultiDiGraph of
it all cost most of the refresh's time and memory at 50,000 nodes; here one query returns, per
entity, a few scalars and its links as (type, target) pairs, streamed as the server sends them
(the driver fetches them in batches), never gathered into one list of dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from neo4j import Query, Record

from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.cypher import either
from graphsvc.store.database import Database
from graphsvc.store.projections import LABELS

OUTLINE_TIMEOUT_S = 3600.0
"""The whole-graph read's time limit. It is an operator's batch command, not a request: at a
million entities it streams for about a minute on a busy machine, past the per-query limit
(`GRAPHSVC_TX_TIMEOUT`, 60 s) that guards the API."""

OutlineRow = tuple[str, str, str | None, float | None, float | None, list[list[str]]]
"""id, kind, name, latitude, longitude (None where the entity has none), and its outgoing links
as [type, target id] pairs; a target may be of a kind a map does not draw."""


def entities_with_links(
    database: Database, kinds: Iterable[str], types: Iterable[str]
) -> Iterator[OutlineRow]:
    """Every entity of `kinds` with its links of `types`, one row at a time, in no order.

    One record per entity carrying its links: the driver's cost is per record (two thirds of the
    client's time with one record per link), and the server walks each entity's links once.
    """
    statement = f"""
    MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
    RETURN n.id, [l IN labels(n) WHERE l IN $labels][0], n.name, n.latitude, n.longitude,
           [(n)-[r:{either(types)}]->(b:`{ENTITY_LABEL}`) | [type(r), b.id]]
    """
    parameters = {"kinds": list(kinds), "labels": LABELS}
    for record in _stream(database, Query(statement, timeout=OUTLINE_TIMEOUT_S), parameters):
        node, kind, name, latitude, longitude, links = record.values()
        yield (
            str(node),
            str(kind),
            None if name is None else str(name),
            None if latitude is None else float(latitude),
            None if longitude is None else float(longitude),
            links,
        )


def _stream(database: Database, query: Query, parameters: dict[str, Any]) -> Iterator[Record]:
    """The records of one read query as they arrive (auto-commit: no transaction to hold open)."""
    with database.session() as session:
        yield from session.run(query, parameters)
