"""Who collaborates with whom, for the API: partners, collaboration paths and funding traces.

Each answer is one query whose relationships come back as link maps (type, both ends, properties),
so a client sees every relationship on the way and the Sources behind it. The relationship types
walked come from the domain model (`collaborative` kinds), never from the request.
"""

from __future__ import annotations

from typing import Any

from graphsvc.api.context import RequestContext
from graphsvc.api.listing import end_key, start_key
from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.collaboration import FUNDING_TRACE, MAX_HOPS, path_query
from graphsvc.store.projections import LABELS, link_map, node_row

PARTNER_CONTEXTS = ("PROGRAMME", "EVENT", "NETWORK", "DIRECT")
__all__ = ["MAX_HOPS", "PARTNER_CONTEXTS", "funding_trace", "partners", "paths"]
_PROGRAMME_ROLES = "FUNDS|LEADS|IMPLEMENTS|PARTNER_IN|MANAGES"
_EVENT_ROLES = "ORGANISES|PARTICIPATES_IN"


def _check() -> None:
    used = {t for group in (_PROGRAMME_ROLES, _EVENT_ROLES) for t in group.split("|")}
    used |= {"MEMBER_OF", "AFFILIATED_WITH", "GOVERNS", "PART_OF"}
    assert used <= set(MODEL.relationship_types), used - set(MODEL.relationship_types)


_check()

_PARTNERS = f"""
MATCH (origin:`{ENTITY_LABEL}` {{id: $of}})
OPTIONAL MATCH (origin)-[:GOVERNS]-(twin)
WITH origin, collect(DISTINCT twin) AS twins
WITH [origin] + twins AS selves
CALL (selves) {{
    UNWIND selves AS a
    CALL (a) {{
        MATCH (a)-[r:{_PROGRAMME_ROLES}]->(ctx:Programme)
        RETURN ctx, 'PROGRAMME' AS via, r
        UNION
        MATCH (a)-[r:{_EVENT_ROLES}]->(:Event)-[:PART_OF]->(ctx:Programme)
        RETURN ctx, 'PROGRAMME' AS via, r
        UNION
        MATCH (a)-[r:{_EVENT_ROLES}]->(ctx:Event)
        RETURN ctx, 'EVENT' AS via, r
        UNION
        MATCH (a)-[r:MEMBER_OF]->(ctx:Institution)
        RETURN ctx, 'NETWORK' AS via, r
    }}
    WITH selves, ctx, via, collect(DISTINCT r) AS mine
    WHERE via IN $via
      AND ($since IS NULL OR ({end_key("ctx")}) >= $since)
      AND ($until IS NULL OR ({start_key("ctx")}) <= $until)
    CALL (ctx, via) {{
        MATCH (b)-[r:{_PROGRAMME_ROLES}]->(ctx) WHERE via = 'PROGRAMME'
        RETURN b, r
        UNION
        MATCH (b)-[r:{_EVENT_ROLES}]->(:Event)-[:PART_OF]->(ctx) WHERE via = 'PROGRAMME'
        RETURN b, r
        UNION
        MATCH (b)-[r:{_EVENT_ROLES}]->(ctx) WHERE via = 'EVENT'
        RETURN b, r
        UNION
        MATCH (b)-[r:MEMBER_OF]->(ctx) WHERE via = 'NETWORK'
        RETURN b, r
    }}
    WITH selves, ctx, via, mine, b, collect(DISTINCT r) AS theirs
    WHERE NOT b IN selves
    RETURN b, via, ctx, mine, theirs
    UNION
    UNWIND selves AS a
    MATCH (a)-[r:MEMBER_OF|AFFILIATED_WITH]-(b)
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


async def partners(
    context: RequestContext,
    of: str,
    via: list[str],
    since: int | None,
    until: int | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Who shares a programme, event or network with `of` (or is directly linked), with evidence.

    A city and the municipality that governs it count as one party: the city's partners include
    its municipality's, and the other way round.
    """
    return await context.read(
        _PARTNERS, of=of, via=via, since=since, until=until, limit=limit, labels=LABELS
    )


async def paths(
    context: RequestContext,
    source: str,
    target: str,
    hops: int,
    types: list[str],
    limit: int,
) -> list[dict[str, Any]]:
    """The shortest collaboration paths (all of the shortest length) between two entities.

    Countries and regions are not stepping stones: two parties in the same country are not
    collaborators for that.
    """
    return await context.read(
        path_query(hops), types=types, limit=limit, labels=LABELS, **{"from": source, "to": target}
    )


async def funding_trace(context: RequestContext, funder: str) -> dict[str, Any] | None:
    """Everything a funder's money reaches, in one query.

    That is what it finances (and what that finances or frames, five levels down), who carries
    it out or takes part, and the places it reaches.
    """
    rows = await context.read(FUNDING_TRACE, funder=funder, labels=LABELS)
    return rows[0] if rows else None
