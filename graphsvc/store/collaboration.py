"""Who collaborates with whom: partners, collaboration paths and funding traces.

Shared by the API and the maps. Relationships come back as link maps
(`graphsvc.store.projections`), so a reader sees every relationship on the way and the Sources
behind it. The relationship types walked are asked of the domain model (collaborative kinds, and
kinds by meaning), never taken from a request.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, FUNDS, PART_OF
from graphsvc.store import funding
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.listing import end_key, start_key
from graphsvc.store.projections import LABELS, link_map, node_row

MAX_HOPS = 10
"""The longest collaboration path looked for."""
DEFAULT_HOPS = 8
"""The path length `connection` looks for unless told: every two actors of the seeded graph are
at most 8 links apart (institutions at most 7), and a breadth-first search that far is cheap."""

_IN_PROGRAMME = either(MODEL.relationships_in("involvement", targets=("Programme",)))
_AT_EVENT = either(MODEL.relationships_in("involvement", targets=("Event",)))
_MEMBER = either(MODEL.relationships_in("membership"))
_NETWORK = either(MODEL.relationships_in("network"))
_GOVERNANCE = either(MODEL.relationships_in("governance"))

PARTNER_CONTEXTS = ("PROGRAMME", "EVENT", "NETWORK", "DIRECT")
"""What two partners can share (`$via` of PARTNERS): a programme, an event, a network, or a
direct tie."""

PARTNERS = f"""
MATCH (origin:`{ENTITY_LABEL}` {{id: $of}})
OPTIONAL MATCH (origin)-[:{_GOVERNANCE}]-(twin)
WITH origin, collect(DISTINCT twin) AS twins
WITH [origin] + twins AS selves
CALL (selves) {{
    UNWIND selves AS a
    CALL (a) {{
        MATCH (a)-[r:{_IN_PROGRAMME}]->(ctx:Programme)
        RETURN ctx, 'PROGRAMME' AS via, r
        UNION
        MATCH (a)-[r:{_AT_EVENT}]->(:Event)-[:{PART_OF.type}]->(ctx:Programme)
        RETURN ctx, 'PROGRAMME' AS via, r
        UNION
        MATCH (a)-[r:{_AT_EVENT}]->(ctx:Event)
        RETURN ctx, 'EVENT' AS via, r
        UNION
        MATCH (a)-[r:{_MEMBER}]->(ctx:Institution)
        RETURN ctx, 'NETWORK' AS via, r
    }}
    WITH selves, ctx, via, collect(DISTINCT r) AS mine
    WHERE via IN $via
      AND ($since IS NULL OR ({end_key("ctx")}) >= $since)
      AND ($until IS NULL OR ({start_key("ctx")}) <= $until)
    CALL (ctx, via) {{
        MATCH (b)-[r:{_IN_PROGRAMME}]->(ctx) WHERE via = 'PROGRAMME'
        RETURN b, r
        UNION
        MATCH (b)-[r:{_AT_EVENT}]->(:Event)-[:{PART_OF.type}]->(ctx) WHERE via = 'PROGRAMME'
        RETURN b, r
        UNION
        MATCH (b)-[r:{_AT_EVENT}]->(ctx) WHERE via = 'EVENT'
        RETURN b, r
        UNION
        MATCH (b)-[r:{_MEMBER}]->(ctx) WHERE via = 'NETWORK'
        RETURN b, r
    }}
    WITH selves, ctx, via, mine, b, collect(DISTINCT r) AS theirs
    WHERE NOT b IN selves
    RETURN b, via, ctx, mine, theirs
    UNION
    UNWIND selves AS a
    MATCH (a)-[r:{_NETWORK}]-(b)
    WHERE 'DIRECT' IN $via AND $since IS NULL AND $until IS NULL AND NOT b IN selves
    RETURN b, 'DIRECT' AS via, null AS ctx, [r] AS mine, [] AS theirs
}}
WITH b, collect({{
    via: via,
    context: CASE WHEN ctx IS NULL THEN null ELSE {node_row("ctx")} END,
    mine: [r IN mine | {link_map("r")}],
    theirs: [r IN theirs | {link_map("r")}]
}}) AS evidence
RETURN {node_row("b")} AS partner, evidence
ORDER BY size(evidence) DESC, toLower(b.name), b.id
LIMIT $limit
"""
"""Who shares a programme, event or network with `$of`, or is tied to it directly, with the
links on each side as evidence."""


@cache
def path_query(hops: int) -> str:
    """All shortest paths of at most `hops` collaborative links.

    Countries and regions are never stepping stones: two parties in one country are not
    collaborators for that.
    """
    if not 1 <= hops <= MAX_HOPS:
        raise ValueError(f"a path has 1 to {MAX_HOPS} hops, not {hops}")
    types = either(MODEL.collaboration_types)
    return f"""
        MATCH (a:`{ENTITY_LABEL}` {{id: $from}}), (b:`{ENTITY_LABEL}` {{id: $to}})
        MATCH p = allShortestPaths((a)-[:{types}*..{hops}]-(b))
        WHERE all(r IN relationships(p) WHERE type(r) IN $types)
          AND all(n IN nodes(p)[1..-1] WHERE NOT n:Country AND NOT n:Region)
        RETURN [n IN nodes(p) | {node_row("n")}] AS nodes,
               [r IN relationships(p) | {link_map("r")}] AS links
        LIMIT $limit
    """


FUNDING_TRACE = f"""
MATCH (f:`{ENTITY_LABEL}` {{id: $funder}})
CALL (f) {{
    OPTIONAL MATCH {funding.financed("f", "r0", "u")}
    WITH collect(DISTINCT r0) AS direct, collect(e) AS chains
    UNWIND direct + reduce(acc = [], chain IN chains | acc + chain) AS r
    WITH DISTINCT r
    RETURN collect(r) AS financing
}}
WITH f, financing,
     [r IN financing | CASE type(r) WHEN '{FUNDS.type}' THEN endNode(r) ELSE startNode(r) END]
     AS reached
CALL (reached) {{
    UNWIND reached AS u
    WITH DISTINCT u
    MATCH (actor)-[r:{either(funding.INVOLVED)}]->(u)
    RETURN collect(DISTINCT r) AS involvement
}}
CALL (reached) {{
    UNWIND reached AS u
    WITH DISTINCT u
    MATCH (u)-[r:{either(funding.PLACING)}]->(place)
    RETURN collect(DISTINCT r) AS places
}}
RETURN {node_row("f")} AS funder,
       [r IN financing + involvement + places | {link_map("r")}] AS links
"""
"""Everything a funder's money reaches (`graphsvc.store.funding` defines what): what it finances
(and what that finances or frames, five levels down), who carries it out or takes part, and the
places it reaches."""


async def partners(
    read: Read,
    of: str,
    via: list[str],
    since: int | None,
    until: int | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Who shares a programme, event or network with `of` (or is directly linked), with evidence.

    A city and the municipality that governs it count as one party: the city's partners include
    its municipality's, and the other way round. `since` and `until` are date keys
    (`graphsvc.store.listing.start_key`): only contexts running in that window count.
    """
    return await read(
        PARTNERS, of=of, via=via, since=since, until=until, limit=limit, labels=LABELS
    )


async def paths(
    read: Read, source: str, target: str, hops: int, types: list[str], limit: int
) -> list[dict[str, Any]]:
    """The shortest collaboration paths (all of the shortest length) between two entities.

    Only `types` (collaborative types of the model) are walked.
    """
    return await read(
        path_query(hops), types=types, limit=limit, labels=LABELS, **{"from": source, "to": target}
    )


async def funding_trace(read: Read, funder: str) -> dict[str, Any] | None:
    """Everything a funder's money reaches, in one query (see FUNDING_TRACE).

    None when there is no entity `funder`.
    """
    rows = await read(FUNDING_TRACE, funder=funder, labels=LABELS)
    return rows[0] if rows else None
