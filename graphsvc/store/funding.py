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

from graphsvc.model import MODEL
from graphsvc.model.domain import ENTITY_LABEL, FUNDS, INSTITUTION, PART_OF
from graphsvc.store.cypher import either

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
