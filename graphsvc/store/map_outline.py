"""The graph's outline for the maps' whole-graph analysis: what each entity is, and who links whom.

`graphsvc maps refresh` needs, for every entity a map draws, only its id, kind, name and (for a
city) its coordinates, and for every link only its two ends and its type. Reading the full
property maps, the Sources behind every node and link, and building a networkx MultiDiGraph of
it all cost most of the refresh's time and memory at 50,000 nodes; here each query returns a few
scalars a row, and rows are streamed as the server sends them (the driver fetches them in
batches), never gathered into one list of dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from neo4j import Query, Record

from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.database import Database
from graphsvc.store.projections import LABELS

_ENTITIES = f"""
MATCH (n:`{ENTITY_LABEL}`) WHERE any(l IN labels(n) WHERE l IN $kinds)
RETURN n.id AS id, [l IN labels(n) WHERE l IN $labels][0] AS kind, n.name AS name,
       n.latitude AS latitude, n.longitude AS longitude
"""

_LINKS = f"""
MATCH (a:`{ENTITY_LABEL}`)-[r]->(b:`{ENTITY_LABEL}`)
WHERE type(r) IN $types
RETURN a.id AS source, type(r) AS type, b.id AS target
"""

EntityRow = tuple[str, str, str | None, float | None, float | None]
"""id, kind, name, latitude, longitude (None where the entity has none)."""
LinkRow = tuple[str, str, str]
"""source id, relationship type, target id."""


def entities(database: Database, kinds: Iterable[str]) -> Iterator[EntityRow]:
    """Every entity of `kinds`, one row at a time, in no particular order."""
    for record in _stream(database, _ENTITIES, kinds=list(kinds), labels=LABELS):
        latitude, longitude = record["latitude"], record["longitude"]
        yield (
            str(record["id"]),
            str(record["kind"]),
            None if record["name"] is None else str(record["name"]),
            None if latitude is None else float(latitude),
            None if longitude is None else float(longitude),
        )


def links(database: Database, types: Iterable[str]) -> Iterator[LinkRow]:
    """Every relationship of `types` between two entities, one row at a time, in no order.

    Its ends may be of kinds a map does not draw; the caller drops those it does not know.
    """
    for record in _stream(database, _LINKS, types=list(types)):
        yield str(record["source"]), str(record["type"]), str(record["target"])


def _stream(database: Database, statement: str, **parameters: object) -> Iterator[Record]:
    """The records of one read query as they arrive (auto-commit: no transaction to hold open)."""
    with database.session() as session:
        yield from session.run(Query(statement, timeout=database.timeout_s), parameters)
