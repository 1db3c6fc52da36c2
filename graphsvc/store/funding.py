"""What a funder's money reaches: one definition for `fundingTrace` and the lists' `funder` filter.

Both answers used to follow rules of their own (the list filter took any collaborative link to
anything financed, the funder and its co-funders included), so the same funder named different
institutions. Here the rule is written once, by the model's relationship meanings:

- **financed**: what the funder FUNDS, and from there what that finances (`financing`, outward)
  or frames (`framing`: projects and events PART_OF it, inward), up to five steps;
- **implementers**: institutions that lead, implement, manage or partner in something financed
  (`implementation`);
- **participants**: every other actor involved in something financed (`implementation` or
  `participation`: cities, people, institutions that only organise or attend an event);
- **places**: where something financed is held or aimed (`place` links of programmes and events),
  and the cities that took part (a city taking part is a place the money reached).

A funder's co-funders, and the funder itself, are not reached: financing is money in, not work.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, FUNDS, INSTITUTION, PART_OF
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either
from graphsvc.store.encode import NAME_SORT
from graphsvc.store.projections import LABELS, link_map, node_row

STEPS = 5
"""How many financing or framing steps below what the funder finances directly are followed."""

IMPLEMENTING = MODEL.relationships_in("implementation")
"""Who carries out what is financed (an implementer when an institution)."""
INVOLVED = MODEL.relationships_in("implementation", "participation")
"""Every way an actor takes part in what is financed."""
PLACING = MODEL.relationships_in("place", sources=("Programme", "Event"))
"""Where a financed undertaking happens or is aimed."""
IMPLEMENTER_KINDS = (INSTITUTION.label,)
"""Only institutions implement; other actors with an implementing link are participants."""
PLACE_KINDS = MODEL.kinds_in("place")
"""Participants that are places too (cities) count among the places reached."""

_STEP = (
    f"((x)-[e:{either((PART_OF.type, FUNDS.type))}]-(y) "
    f"WHERE CASE type(e) WHEN '{FUNDS.type}' THEN startNode(e) = x ELSE endNode(e) = x END)"
    f"{{0,{STEPS}}}"
)


def financed(funder: str, first: str, reached: str) -> str:
    """A path pattern from the funder node `funder` to every undertaking `reached` it finances.

    `first` names the funder's own FUNDS relationship; the steps below it are in `e` (a list).
    """
    return f"({funder})-[{first}:{FUNDS.type}]->(:Programme){_STEP}({reached})"


FUNDER_CONDITION = (
    f"EXISTS {{ MATCH {financed(f'funder:`{ENTITY_LABEL}` {{id: $funder}}', '', 'u')} "
    f"WHERE u = n OR EXISTS {{ (n)-[:{either(INVOLVED)}]->(u) }} "
    f"OR EXISTS {{ (u)-[:{either(PLACING)}]->(n) }} }}"
)
"""The list filter `funder`: `n` is financed, implements or takes part in something financed, or
is a place it reaches (the same sets `fundingTrace` answers with)."""


def _page(items: str, into: str) -> str:
    """A subquery keeping the first `$first` nodes of the list `items`, by name, as node rows."""
    return (
        f"CALL ({items}) {{ UNWIND {items} AS n WITH n ORDER BY n.{NAME_SORT}, n.id "
        f"LIMIT $first RETURN collect({node_row('n')}) AS {into} }}"
    )


TRACE = f"""
MATCH (f:`{ENTITY_LABEL}` {{id: $funder}})
CALL (f) {{
    OPTIONAL MATCH {financed("f", "r0", "u")}
    WITH collect(DISTINCT r0) AS direct, collect(e) AS chains, collect(DISTINCT u) AS reached
    CALL (direct, chains) {{
        CALL (direct, chains) {{
            UNWIND direct AS r RETURN r
            UNION
            UNWIND chains AS chain UNWIND chain AS r RETURN r
        }}
        RETURN collect(r) AS financing
    }}
    RETURN reached, financing
}}
CALL (reached) {{
    UNWIND reached AS u
    MATCH (:`{ENTITY_LABEL}`)-[r:{either(INVOLVED)}]->(u)
    RETURN collect(r) AS involvement
}}
CALL (involvement) {{
    UNWIND involvement AS r
    WITH startNode(r) AS actor, collect(type(r)) AS types
    WITH actor, any(l IN labels(actor) WHERE l IN $implementer_kinds)
                AND any(t IN types WHERE t IN $implementing) AS implements
    RETURN collect(CASE WHEN implements THEN actor END) AS implementers,
           collect(CASE WHEN NOT implements THEN actor END) AS participants
}}
CALL (reached) {{
    UNWIND reached AS u
    MATCH (u)-[r:{either(PLACING)}]->(:`{ENTITY_LABEL}`)
    RETURN collect(r) AS placing
}}
CALL (placing, implementers, participants) {{
    CALL (placing, implementers, participants) {{
        UNWIND placing AS r RETURN endNode(r) AS place
        UNION
        UNWIND implementers + participants AS place
        WITH place WHERE any(l IN labels(place) WHERE l IN $place_kinds)
        RETURN place
    }}
    RETURN collect(place) AS places
}}
WITH f, financing, involvement, placing, implementers, participants, places,
     [u IN reached WHERE u:Programme] AS programmes, [u IN reached WHERE u:Event] AS events
{_page("programmes", "programme_rows")}
{_page("events", "event_rows")}
{_page("implementers", "implementer_rows")}
{_page("participants", "participant_rows")}
{_page("places", "place_rows")}
CALL (financing, involvement, placing) {{
    UNWIND [r IN financing | [0, r]] + [r IN involvement | [1, r]] + [r IN placing | [2, r]]
        AS ranked
    WITH ranked[0] AS rank, ranked[1] AS r
    ORDER BY rank, endNode(r).{NAME_SORT}, startNode(r).{NAME_SORT}, elementId(r)
    LIMIT $first
    RETURN collect({link_map("r")}) AS steps
}}
RETURN {node_row("f")} AS funder, steps,
       programme_rows AS programmes, event_rows AS events, implementer_rows AS implementers,
       participant_rows AS participants, place_rows AS places,
       {{steps: size(financing) + size(involvement) + size(placing),
         programmes: size(programmes), events: size(events), implementers: size(implementers),
         participants: size(participants), places: size(places)}} AS totals
"""
"""What a funder's money reaches, as `fundingTrace` answers it: each list (programmes, events,
implementers, participants, places, and the steps with their sources) cut to its first `$first`,
by name (steps: financing and framing first, then involvement, then places), and counted in full.

The walk over what is financed returns nodes and relationships, never maps: at a funder of
thousands of programmes only the `$first` rows of each list are projected with their properties
and sources, which is what used to take seconds and the transaction's memory."""


async def trace(read: Read, funder: str, first: int) -> dict[str, Any] | None:
    """The funding trace of `funder` (see TRACE), each list cut to `first`; None if no such node."""
    rows = await read(
        TRACE,
        funder=funder,
        first=first,
        implementing=list(IMPLEMENTING),
        implementer_kinds=list(IMPLEMENTER_KINDS),
        place_kinds=list(PLACE_KINDS),
        labels=LABELS,
    )
    return rows[0] if rows else None
