"""Which neighbours a local map draws around a hub: the most connected of each group, and counts.

A hub (a funder of thousands of programmes, a network of thousands of members) would put every
neighbour into its ego or funder map and make it as slow and as large as the hub's degree. These
queries count what a step would reach per group (neighbour kind, relationship type, direction)
and return only the most connected members of each group, ranked in Cypher by their degree, so
the ids that travel back to Python are bounded by what a map draws, never by the hub.

Labels and relationship types come from the domain model (the callers pass the model's lists);
ids and limits travel as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from graphsvc.model.domain import ENTITY_LABEL, FUNDS, PROGRAMME
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.funding import INVOLVED, PLACING, financing_walk


@dataclass(frozen=True)
class Group:
    """The neighbours one step reaches of one kind, over one relationship type, one way."""

    kind: str
    type: str
    outward: bool
    """True when the relationship runs from the step's start to the neighbour."""
    total: int
    kept: dict[str, bool]
    """The most connected neighbours of the group (up to the limit asked for), each with whether
    it is a hub."""
    at_least: bool = False
    """`total` is a lower bound: a start had more links than the step looked at."""


WALK_LIMIT = 40_000
"""The most links one step of a local map looks at: about half a second of Neo4j's time."""


@cache
def _step_groups(types: tuple[str, ...]) -> str:
    """The statement of `step_groups` over `types`.

    One walk: every neighbour once per group, ranked by degree (a count Neo4j keeps per node),
    so the groups' totals and their most connected members come from the same rows. Counting
    first and then walking again per group cost a second walk for each of up to a few dozen
    groups: 1.1 s of a hub's ego map at 250,000 entities.

    Each start is walked for at most `$per_start` links. The second step of a hub's ego map
    starts from its most connected neighbours: at 1,000,000 entities, 148 of them with 318,529
    links (one with 20,103) took 3.1 s to walk in full. When a start has more links of `types`
    than that (its degree says so before the walk), every total is a lower bound (`at_least`).

    The types are written into the patterns (`either` checks they are the model's; they never
    come from a request), so a hub's other links (the provenance of all it did, say) are never
    looked at, and its degree over these types alone is what decides `at_least`.
    """
    typed = either(types)
    return f"""
CALL () {{
    UNWIND $ids AS id
    MATCH (a:`{ENTITY_LABEL}` {{id: id}})
    RETURN coalesce(max(COUNT {{ (a)-[:{typed}]-() }}), 0) > $per_start AS at_least
}}
UNWIND $ids AS id
MATCH (a:`{ENTITY_LABEL}` {{id: id}})
CALL (a) {{
    MATCH (a)-[r:{typed}]-(b:`{ENTITY_LABEL}`)
    WHERE NOT b.id IN $seen
    RETURN r, b
    LIMIT $per_start
}}
WITH at_least, [l IN labels(b) WHERE l IN $kinds][0] AS kind, type(r) AS type,
     startNode(r) = a AS outward, b
WHERE kind IS NOT NULL
WITH DISTINCT at_least, kind, type, outward, b
WITH at_least, kind, type, outward, b, COUNT {{ (b)--() }} AS degree
ORDER BY degree DESC, b.id
WITH at_least, kind, type, outward, collect(b) AS reached
RETURN kind, type, outward, size(reached) AS total, at_least,
       [b IN reached[0..$limit] | [b.id, any(l IN labels(b) WHERE l IN $hubs)]] AS kept
ORDER BY kind, type, outward
"""


async def step_groups(
    read: Read,
    ids: set[str],
    types: Iterable[str],
    kinds: Iterable[str],
    hubs: Iterable[str],
    seen: set[str],
    limit: int,
    walk_limit: int = WALK_LIMIT,
) -> list[Group]:
    """One step out from `ids` over `types`, to entities of `kinds` not in `seen`, by group.

    Each group counts what it reaches and keeps at most `limit`, the most connected first. The
    step looks at no more than `walk_limit` links in all, shared evenly by its starts.
    """
    rows = await read(
        _step_groups(tuple(sorted(types))),
        ids=sorted(ids),
        kinds=list(kinds),
        hubs=list(hubs),
        seen=sorted(seen),
        limit=limit,
        per_start=max(walk_limit // max(len(ids), 1), 1),
    )
    return [
        Group(
            str(row["kind"]),
            str(row["type"]),
            bool(row["outward"]),
            int(row["total"]),
            {str(entity): bool(hub) for entity, hub in row["kept"]},
            bool(row["at_least"]),
        )
        for row in rows
    ]


_NAME = f"MATCH (n:`{ENTITY_LABEL}` {{id: $id}}) RETURN n.name AS name"


async def entity_name(read: Read, entity_id: str) -> str:
    """The name of the entity `entity_id` (its id when it has none)."""
    rows = await read(_NAME, id=entity_id)
    return str(rows[0]["name"]) if rows and rows[0]["name"] else entity_id


_FINANCED = f"""
MATCH (f:`{ENTITY_LABEL}` {{id: $funder}})
{financing_walk("f")}
CALL (f, reached) {{
    UNWIND reached AS u
    OPTIONAL MATCH (f)-[r0:{FUNDS.type}]->(u)
    WITH u, coalesce(max(r0.amount), -1.0) AS amount
    WITH u, amount,
         CASE WHEN size(reached) <= $limit THEN 0 ELSE COUNT {{ (u)--() }} END AS degree
    ORDER BY amount DESC, degree DESC, u.id
    LIMIT $limit
    RETURN collect(u.id) AS kept
}}
CALL (f, kept) {{
    MATCH (f)-[r0:{FUNDS.type}]->(u:{PROGRAMME.label})
    WHERE NOT u.id IN kept
    RETURN sum(coalesce(r0.amount, 0.0)) AS hidden_amount
}}
RETURN size(reached) AS total, kept, hidden_amount
"""


@dataclass(frozen=True)
class Financed:
    """What a funder finances (directly or down its chains), bounded to what a map draws."""

    total: int
    kept: list[str]
    """The undertakings with the largest direct amounts first, then the most connected."""
    hidden_amount: float
    """The funder's own stated amounts to the undertakings it finances directly that are not
    kept (0 when it states none)."""


async def financed_undertakings(read: Read, funder: str, limit: int) -> Financed:
    """The undertakings `funder`'s money reaches (`graphsvc.store.funding`), at most `limit`."""
    rows = await read(_FINANCED, funder=funder, limit=limit)
    if not rows:
        return Financed(0, [], 0.0)
    row = rows[0]
    return Financed(
        int(row["total"]), [str(entity) for entity in row["kept"]], float(row["hidden_amount"])
    )


TRACE_TYPES = (*INVOLVED, *PLACING)
"""What a funder map adds around each financed undertaking: who takes part, and where."""


@cache
def _trace_edges(chain: tuple[str, ...]) -> str:
    """The statement of `trace_edges` for the money's `chain` of types.

    Each kind of link is looked for by its own types and direction from each kept undertaking,
    and its far end compared with the nodes drawn rather than by reading its id. The undertakings
    kept are the most connected; at 1,000,000 entities, walking every link of theirs and reading
    each far end's id took 0.2-0.5 s of the biggest funder's map. The links come back as one
    row (`graphsvc.store.map_contents` says why).
    """
    return f"""
MATCH (x:`{ENTITY_LABEL}`) WHERE x.id IN $drawn
WITH collect(x) AS drawn
MATCH (t:`{ENTITY_LABEL}`) WHERE t.id IN $undertakings
WITH drawn, collect(t) AS undertakings
UNWIND $kept AS id
MATCH (u:`{ENTITY_LABEL}` {{id: id}})
CALL (u, drawn, undertakings) {{
    MATCH (u)-[r:{either(chain)}]-(x) WHERE x IN undertakings RETURN r
    UNION
    MATCH (x)-[r:{either(INVOLVED)}]->(u) WHERE x IN drawn RETURN r
    UNION
    MATCH (u)-[r:{either(PLACING)}]->(x) WHERE x IN drawn RETURN r
}}
WITH DISTINCT r
RETURN collect([startNode(r).id, endNode(r).id, type(r)]) AS links
"""


async def trace_edges(
    read: Read, funder: str, kept: list[str], drawn: set[str], chain: Iterable[str]
) -> set[tuple[str, str, str]]:
    """The links of a funder's trace among what its map draws (`drawn`).

    The money's chain (`chain`: financing and framing) between the funder and the `kept`
    undertakings, who takes part in them, and where they happen.
    """
    rows = await read(
        _trace_edges(tuple(chain)),
        kept=kept,
        drawn=sorted(drawn),
        undertakings=[funder, *kept],
    )
    return {(str(source), str(target), str(type_)) for source, target, type_ in rows[0]["links"]}
