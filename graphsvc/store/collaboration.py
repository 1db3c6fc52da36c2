"""Who collaborates with whom: partners, collaboration paths and funding traces.

Shared by the API and the maps. Relationships come back as link maps
(`graphsvc.store.projections`), so a reader sees every relationship on the way and the Sources
behind it. The relationship types walked are asked of the domain model (collaborative kinds, and
kinds by meaning), never taken from a request.
"""

from __future__ import annotations

from functools import cache
from textwrap import indent
from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import CITY, ENTITY_LABEL, INSTITUTION
from graphsvc.store import funding
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.listing import COUNTRY_CONDITION, end_key, start_key
from graphsvc.store.partner_contexts import DIRECT, VIAS, contexts_of, parties_in, taking_part
from graphsvc.store.projections import LABELS, link_map, node_row

MAX_HOPS = 10
"""The longest collaboration path looked for."""
DEFAULT_HOPS = 8
"""The path length `connection` looks for unless told: every two actors of the seeded graph are
at most 8 links apart (institutions at most 7), and a breadth-first search that far is cheap."""

_NETWORK = either(MODEL.relationships_in("network"))
_GOVERNANCE = either(MODEL.relationships_in("governance"))
_AFFILIATION = either(MODEL.relationships_in("affiliation"))
ACTORS = MODEL.kinds_in("actor")
"""Who can be a partner: programmes, events and places are what partners share, not partners."""

PARTNER_CONTEXTS = VIAS
"""What two partners can share (`$via` of PARTNERS): declared in
`graphsvc.store.partner_contexts`."""
_NOT_STEPPING_STONES = tuple(
    label for label in MODEL.kinds_in("place") if label not in MODEL.kinds_in("actor")
)
"""Places that are no party (countries, regions): a path never passes through one."""

_STARTS = f"""
MATCH (origin:`{ENTITY_LABEL}` {{id: $of}})
OPTIONAL MATCH (origin)-[:{_GOVERNANCE}]-(twin)
WITH origin, collect(DISTINCT twin) AS twins
OPTIONAL MATCH (origin)-[:{_AFFILIATION}]-(linked:`{INSTITUTION.label}`)
WITH [origin] + twins AS selves, collect(DISTINCT linked) AS linked
WITH selves,
     [a IN selves | {{a: a, through: null}}]
     + [a IN linked WHERE NOT a IN selves | {{a: a, through: a}}] AS starts
"""
"""`selves` (the entity asked about and its governance twin) and `starts`: each of them, and
each organisation affiliated with it (`through`), whose contexts count."""

_CONTEXTS = indent(contexts_of("a"), " " * 8)
"""The partner contexts' UNIONs (`graphsvc.store.partner_contexts`): the contexts `a` takes part
in, with its links `r` or without; the parties `b` of a bound context, with theirs or without."""
_CONTEXTS_WITH_LINK = indent(contexts_of("a", "r"), " " * 8)
_PARTIES = indent(parties_in("b"), " " * 8)
_PARTIES_WITH_LINK = indent(parties_in("b", "r"), " " * 8)
_TAKING_PART = taking_part("ctx")
"""How many links take part in the context `ctx` shared via `via`: a programme's own and its
events', an event's, a network's members'. Read from the relationship counts Neo4j keeps per
node, so even a context of a million links costs a few look-ups: an upper bound on the parties
in it, and what decides whether it is BROAD."""

_SHARED = f"""
CALL (starts) {{
    UNWIND starts AS start
    WITH start.a AS a, start.through AS through
    CALL (a) {{
{_CONTEXTS_WITH_LINK}
    }}
    WITH through, ctx, via, collect(DISTINCT r) AS mine
    WHERE via IN $via
      AND ($since IS NULL OR ({end_key("ctx")}) >= $since)
      AND ($until IS NULL OR ({start_key("ctx")}) <= $until)
      AND {_TAKING_PART} <= $broad
    RETURN collect({{through: through, ctx: ctx, via: via, mine: mine}}) AS contexts
}}
"""
"""After _STARTS: `contexts`, every context the entity asked about (or one it is affiliated with,
`through`) takes part in and that is not BROAD, with its own links to it (`mine`)."""


_DIRECT = f"""
    UNWIND starts AS start
    WITH selves, start.a AS a, start.through AS through
    MATCH (a)-[r:{_NETWORK}]-(b)
    WHERE '{DIRECT}' IN $via AND $since IS NULL AND $until IS NULL AND NOT b IN selves
      AND (through IS NULL OR b <> through) AND ($only IS NULL OR b.id IN $only)
"""
"""Rows (through, b, r): `b` tied directly to the entity asked about (or to one it is affiliated
with) by `r`."""

_ACTOR = f"""any(l IN labels(n) WHERE l IN $actors)
  AND ($kinds IS NULL OR any(l IN labels(n) WHERE l IN $kinds))
  AND ($country IS NULL OR ({COUNTRY_CONDITION}))"""

PARTNER_RANKING = f"""
{_STARTS}
CALL (selves, starts) {{
    UNWIND starts AS start
    WITH selves, start.a AS a, start.through AS through
    CALL (a) {{
{_CONTEXTS}
    }}
    WITH DISTINCT selves, through, ctx, via
    WHERE via IN $via
      AND ($since IS NULL OR ({end_key("ctx")}) >= $since)
      AND ($until IS NULL OR ({start_key("ctx")}) <= $until)
      AND {_TAKING_PART} <= $broad
    CALL (ctx, via) {{
{_PARTIES}
    }}
    WITH b WHERE NOT b IN selves AND (through IS NULL OR b <> through)
    RETURN b, count(*) AS shared
    UNION ALL
{_DIRECT}
    RETURN b, count(r) AS shared
}}
WITH b AS n, sum(shared) AS shared
WHERE {_ACTOR}
OPTIONAL MATCH (n)-[:{_GOVERNANCE}]-(twin) WHERE NOT n:`{CITY.label}`
WITH n, shared, head(collect(twin)) AS twin
WITH coalesce(twin, n) AS key, collect(n) AS identities, sum(shared) AS shared
WITH CASE WHEN key IN identities THEN key ELSE identities[0] END AS party, identities, shared
ORDER BY shared DESC, toLower(party.name), party.id
LIMIT $limit
RETURN [x IN identities | x.id] AS identities
"""
"""The first `$limit` partners (as PARTNERS ranks them: by how much they share) as the ids of
their identities, counted by aggregation: no link, property or source is read. Each shared
context is walked from its side: none is BROAD, so none has more than BROAD parties. Streamed,
never collected: a list of a hub's ten thousand contexts in scope ran the ranking out of the
transaction's memory."""

PARTNERS = f"""
{_STARTS}
{_SHARED}
OPTIONAL MATCH (named:`{ENTITY_LABEL}`) WHERE named.id IN $only
WITH selves, starts, contexts, collect(named) AS named
CALL (selves, starts, contexts, named) {{
    UNWIND contexts AS c
    WITH selves, named, c.through AS through, c.ctx AS ctx, c.via AS via, c.mine AS mine
    CALL (ctx, via) {{
{_PARTIES_WITH_LINK}
    }}
    WITH through, ctx, via, mine, b, r
    WHERE b IN named AND NOT b IN selves AND (through IS NULL OR b <> through)
    WITH through, ctx, via, mine, b, collect(r) AS theirs
    RETURN b, via, ctx, through, mine, theirs
    UNION ALL
{_DIRECT}
    RETURN b, '{DIRECT}' AS via, null AS ctx, through, [r] AS mine, [] AS theirs
}}
WITH b AS n, via, ctx, through, mine, theirs
WHERE {_ACTOR}
WITH n AS b, collect({{via: via, ctx: ctx, through: through, mine: mine, theirs: theirs}})
     AS evidence
WITH collect(b) AS found, collect(evidence) AS evidences
UNWIND range(0, size(found) - 1) AS i
WITH found, found[i] AS b, evidences[i] AS evidence
OPTIONAL MATCH (b)-[:{_GOVERNANCE}]-(twin) WHERE twin IN found
WITH b, evidence, collect(twin) AS twins
WITH CASE WHEN size(twins) > 0 AND NOT b:`{CITY.label}` THEN twins[0] ELSE b END AS party,
     b, evidence
WITH party, collect(b) AS identities, reduce(acc = [], e IN collect(evidence) | acc + e) AS evidence
ORDER BY size(evidence) DESC, toLower(party.name), party.id
LIMIT $limit
RETURN {node_row("party")} AS partner,
       [x IN [party] + [y IN identities WHERE y <> party] | {node_row("x")}] AS identities,
       [item IN evidence[..$evidence] | {{
           via: item.via,
           context: CASE WHEN item.ctx IS NULL THEN null ELSE {node_row("item.ctx")} END,
           through: CASE WHEN item.through IS NULL THEN null ELSE {node_row("item.through")} END,
           mine: [r IN item.mine | {link_map("r")}],
           theirs: [r IN item.theirs | {link_map("r")}]
       }}] AS evidence,
       size(evidence) AS evidence_count
"""
"""Who, of the partners PARTNER_RANKING named (`$only`, their identities), shares what with
`$of` (or with an organisation affiliated with it), or is tied to it directly, with the links on
each side as evidence. Only actors are partners; a city and the municipality that governs it
come back as one party.

Each shared context is walked from its side as in the ranking (none has more than BROAD
parties), keeping the partners named; only they are projected with their links and sources (at
most `$evidence` shared contexts each, the rest counted in `evidence_count`). Grouping and
projecting every candidate is what used to take seconds, or more than the transaction's memory.
Looking for each named partner in each context from both ends instead cost three times as much
at a hub (its partners are hubs too, with thousands of links to look through each time)."""

BROAD = 1_000
"""A shared programme, event or network with more links taking part than this (a programme of
many events, a network of thousands) is BROAD, and makes no one a partner: everyone at a
congress of two thousand is not everyone's partner. Two parties who also share something
narrower (a session, a smaller programme, a direct tie) are partners through that. This also
bounds the ranking: every context it walks from its side has at most BROAD parties."""

EVIDENCE = 20
"""How many shared contexts a partner comes back with at most (the first collected); the rest
are counted."""


@cache
def path_query(hops: int) -> str:
    """All shortest paths of at most `hops` collaborative links.

    Countries and regions are never stepping stones: two parties in one country are not
    collaborators for that.
    """
    if not 1 <= hops <= MAX_HOPS:
        raise ValueError(f"a path has 1 to {MAX_HOPS} hops, not {hops}")
    types = either(MODEL.collaboration_types)
    not_in = " AND ".join(f"NOT n:`{label}`" for label in _NOT_STEPPING_STONES)
    return f"""
        MATCH (a:`{ENTITY_LABEL}` {{id: $from}}), (b:`{ENTITY_LABEL}` {{id: $to}})
        MATCH p = allShortestPaths((a)-[:{types}*..{hops}]-(b))
        WHERE all(r IN relationships(p) WHERE type(r) IN $types)
          AND all(n IN nodes(p)[1..-1] WHERE {not_in})
        RETURN [n IN nodes(p) | {node_row("n")}] AS nodes,
               [r IN relationships(p) | {link_map("r")}] AS links
        LIMIT $limit
    """


FUNDING_TRACE = f"""
MATCH (f:`{ENTITY_LABEL}` {{id: $funder}})
{funding.financing_walk("f")}
CALL (f, walkers) {{
    CALL (f, walkers) {{ {funding.financing_steps("f")} }}
    RETURN collect(r) AS financing
}}
CALL (reached) {{
    UNWIND reached AS u
    MATCH (actor)-[r:{either(funding.INVOLVED)}]->(u)
    RETURN collect(r) AS involvement
}}
CALL (reached) {{
    UNWIND reached AS u
    MATCH (u)-[r:{either(funding.PLACING)}]->(place)
    RETURN collect(r) AS places
}}
RETURN {node_row("f")} AS funder,
       [r IN financing + involvement + places | {link_map("r")}] AS links
"""
"""Everything a funder's money reaches (`graphsvc.store.funding` defines what): what it finances
(and what that finances or frames, five levels down), who carries it out or takes part, and the
places it reaches, every link at once (the funder map draws them all; the API's `fundingTrace`
asks `graphsvc.store.funding.TRACE` for a page of each list instead)."""


async def partners(
    read: Read,
    of: str,
    via: list[str],
    since: int | None,
    until: int | None,
    limit: int,
    kinds: list[str] | None = None,
    country: str | None = None,
) -> list[dict[str, Any]]:
    """Who shares a programme, event or network with `of` (or is directly linked), with evidence.

    A city and the municipality that governs it count as one party: the city's partners include
    its municipality's, and the other way round; when both are someone's partners they come back
    as one, the city, with both as `identities`. Partners of an organisation affiliated with
    `of` (either way) are partners of `of` too, with that organisation as the evidence's
    `through`. `since` and `until` are date keys (`graphsvc.store.listing.start_key`): only
    contexts running in that window count. `kinds` keeps partners of those labels, `country`
    those in that country (id or ISO code, as the lists' `country` filter).

    Two statements: PARTNER_RANKING counts what every candidate shares and names the first
    `limit`; PARTNERS fetches the evidence of those only (at most EVIDENCE items each, the
    number of all in `evidence_count`).
    """
    parameters: dict[str, Any] = {
        "of": of,
        "via": via,
        "since": since,
        "until": until,
        "limit": limit,
        "actors": list(ACTORS),
        "kinds": kinds,
        "country": country,
    }
    ranked = await read(PARTNER_RANKING, only=None, broad=BROAD, **parameters)
    if not ranked:
        return []
    only = [identity for row in ranked for identity in row["identities"]]
    return await read(
        PARTNERS, only=only, broad=BROAD, evidence=EVIDENCE, labels=LABELS, **parameters
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
