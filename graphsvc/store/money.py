"""Where a funder's money goes through IATI activities: the statements of the money trace.

The trace (`graphsvc.iati.trace`) asks three questions, each answered by one statement: where
the funder's money enters, which activities the money reaches next, and what each activity
reached records. They run through an async `read(statement, **params)` (`Read`), so the CLI
and the API share them. Relationship types come from the model's constants.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import (
    EXTENDS,
    FROM_ACTIVITY,
    FUNDS,
    IMPLEMENTS,
    INSTITUTION,
    PART_OF,
    PROGRAMME,
    PROVENANCE_TYPE,
    PROVIDED_BY,
    RECEIVED_BY,
    RECORDED_IN,
    REPORTS,
    TARGETS,
    TO_ACTIVITY,
    TRANSACTION,
)
from graphsvc.store.async_database import Read
from graphsvc.store.cypher import either

ENTRY = either((FUNDS.type, REPORTS.type, EXTENDS.type))
"""How money enters an activity from a funder: it funds it, publishes it, or extends it (manages
the funder's money for it). Not ACCOUNTABLE_FOR: answering for an activity is not paying."""

_FUNDER = f"""
MATCH (i:{INSTITUTION.label})
WHERE i.id = $key OR (i.org_ref IS NOT NULL AND toUpper(i.org_ref) = $ref)
      OR toLower(i.name) = toLower($key)
RETURN i.id AS id, i.name AS name ORDER BY (i.id = $key) DESC, i.id LIMIT 2
"""

_ENTRIES = f"""
MATCH (f:{INSTITUTION.label} {{id: $funder}})
CALL (f) {{
    MATCH (f)-[r:{ENTRY}]->(p:{PROGRAMME.label})
    RETURN p, toLower(replace(type(r), '_', ' ')) AS how
    UNION
    MATCH (t:{TRANSACTION.label})-[:{PROVIDED_BY.type}]->(f),
          (t)-[:{RECORDED_IN.type}]->(p:{PROGRAMME.label})
    WHERE NOT EXISTS {{ (t)-[:{FROM_ACTIVITY.type}]->(:{PROGRAMME.label})<-[:{ENTRY}]-(f) }}
    RETURN p, 'provides money to it' AS how
}}
WITH p, collect(DISTINCT how) AS hows
RETURN p.id AS id, hows
ORDER BY id
"""
"""Where the funder's money enters: what it funds, reports or extends, or pays into (unless the
payment names one of those activities as its origin: then it is an onward step)."""

_ONWARD = f"""
UNWIND $ids AS id
MATCH (a:{PROGRAMME.label} {{id: id}})
CALL (a) {{
    MATCH (t:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(a),
          (t)-[:{TO_ACTIVITY.type}]->(b:{PROGRAMME.label})
    WHERE b <> a
    RETURN b, 'receives money from it (provider\\'s record)' AS how
    UNION
    MATCH (t:{TRANSACTION.label})-[:{FROM_ACTIVITY.type}]->(a),
          (t)-[:{RECORDED_IN.type}]->(b:{PROGRAMME.label})
    WHERE b <> a
    RETURN b, 'receives money from it (receiver\\'s record)' AS how
    UNION
    MATCH (b:{PROGRAMME.label})-[:{PART_OF.type}]->(a)
    RETURN b, 'is part of it' AS how
}}
RETURN a.id AS source, b.id AS id, collect(DISTINCT how) AS hows
ORDER BY source, id
"""

_DETAILS = f"""
UNWIND $ids AS id
MATCH (a:{PROGRAMME.label} {{id: id}})
CALL (a) {{
    MATCH (t:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(a)
    OPTIONAL MATCH (t)-[:{PROVIDED_BY.type}]->(provider)
    OPTIONAL MATCH (t)-[:{FROM_ACTIVITY.type}]->(origin)
    RETURN collect({{type: t.transaction_type, currency: t.currency, value: t.value,
                    mirror: t.mirror_of IS NOT NULL, provider: provider.id,
                    origin: origin.id}}) AS transactions
}}
CALL (a) {{
    MATCH (t:{TRANSACTION.label})-[:{TO_ACTIVITY.type}]->(a), (t)-[:{RECORDED_IN.type}]->(upstream)
    WHERE upstream <> a
    RETURN collect({{type: t.transaction_type, currency: t.currency, value: t.value,
                    upstream: upstream.id}}) AS sent_here
}}
CALL (a) {{
    OPTIONAL MATCH (t:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(a),
                   (t)-[:{RECEIVED_BY.type}]->(o)
    WHERE t.transaction_type IN $outgoing
    RETURN collect(DISTINCT o.name) AS receivers
}}
CALL (a) {{
    OPTIONAL MATCH (i)-[:{IMPLEMENTS.type}]->(a)
    RETURN collect(DISTINCT i.name) AS implementers
}}
CALL (a) {{
    OPTIONAL MATCH (a)-[:{TARGETS.type}]->(place)
    RETURN collect(DISTINCT place.name) AS places
}}
CALL (a) {{
    OPTIONAL MATCH (a)-[:{PROVENANCE_TYPE}]->(s)
    RETURN collect(DISTINCT coalesce(s.file, s.id)) AS sources
}}
OPTIONAL MATCH (publisher:{INSTITUTION.label})-[:{REPORTS.type}]->(a)
RETURN a.id AS id, a.name AS name, a.iati_identifier AS iati_identifier,
       collect(publisher.name)[0] AS publisher, transactions, sent_here, receivers,
       implementers, places, sources
"""

OUTGOING = ("disbursement", "expenditure", "outgoing-commitment")
"""The transaction types whose receiver organisation is where the activity's money goes."""


async def funders_matching(read: Read, key: str, ref: str) -> list[dict[str, Any]]:
    """At most two institutions, the one with the graph id `key` first.

    The others have the organisation identifier `ref` (normalised) or the name `key` (any case).
    """
    return await read(_FUNDER, key=key, ref=ref)


async def entry_points(read: Read, funder_id: str) -> list[dict[str, Any]]:
    """The activities where the funder's money enters, each with how (`id`, `hows`)."""
    return await read(_ENTRIES, funder=funder_id)


async def onward_steps(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """The activities the money of `ids` reaches next (`source`, `id`, `hows`)."""
    return await read(_ONWARD, ids=ids)


async def activity_details(read: Read, ids: list[str]) -> list[dict[str, Any]]:
    """Each activity's transactions, money sent to it, receivers, implementers, places, sources.

    The publisher too: the first institution that reports it.
    """
    return await read(_DETAILS, ids=ids, outgoing=list(OUTGOING))
