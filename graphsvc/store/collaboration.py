"""Cypher for collaboration paths and funding traces, shared by the API and the maps.

Relationships come back as link maps (`graphsvc.store.projections`), so a reader sees every
relationship on the way and the Sources behind it. The relationship types walked come from the
domain model (`collaborative` kinds), never from a request.
"""

from __future__ import annotations

from functools import cache

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.projections import link_map, node_row

IMPLEMENTATION = "LEADS|IMPLEMENTS|MANAGES|PARTNER_IN|ORGANISES|PARTICIPATES_IN"
PLACES = "HELD_IN|TARGETS"
MAX_HOPS = 6
assert {t for group in (IMPLEMENTATION, PLACES) for t in group.split("|")} <= set(
    MODEL.relationship_types
)


@cache
def path_query(hops: int) -> str:
    """All shortest paths of at most `hops` collaborative links.

    Countries and regions are never stepping stones: two parties in one country are not
    collaborators for that.
    """
    assert 1 <= hops <= MAX_HOPS
    types = "|".join(MODEL.collaboration_types)
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
    OPTIONAL MATCH (f)-[r0:FUNDS]->(p0:Programme)
    OPTIONAL MATCH (p0)((x)-[e:PART_OF|FUNDS]-(y)
        WHERE CASE type(e) WHEN 'FUNDS' THEN startNode(e) = x ELSE endNode(e) = x END
    ){{1,5}}(u)
    WITH collect(DISTINCT r0) AS direct, collect(e) AS chains
    UNWIND direct + reduce(acc = [], chain IN chains | acc + chain) AS r
    WITH DISTINCT r
    RETURN collect(r) AS financing
}}
WITH f, financing,
     [r IN financing | CASE type(r) WHEN 'FUNDS' THEN endNode(r) ELSE startNode(r) END] AS reached
CALL (reached) {{
    UNWIND reached AS u
    WITH DISTINCT u
    MATCH (actor)-[r:{IMPLEMENTATION}]->(u)
    RETURN collect(DISTINCT r) AS involvement
}}
CALL (reached) {{
    UNWIND reached AS u
    WITH DISTINCT u
    MATCH (u)-[r:{PLACES}]->(place)
    RETURN collect(DISTINCT r) AS places
}}
RETURN {node_row("f")} AS funder,
       [r IN financing + involvement + places | {link_map("r")}] AS links
"""
"""Everything a funder's money reaches: what it finances (and what that finances or frames, five
levels down), who carries it out or takes part, and the places it reaches."""
