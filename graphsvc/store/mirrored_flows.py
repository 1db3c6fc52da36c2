"""Money both sides recorded: the provider's outgoing transaction and the receiver's incoming one.

A pair is the provider's disbursement (or outgoing commitment) recorded in activity A naming
activity B as receiver, and B's incoming funds (or commitment) naming A as provider, with the
same value and currency. Which candidates become pairs is decided by the caller
(`graphsvc.iati.importer.pair_mirrored_flows`); here they are found and marked.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import FROM_ACTIVITY, PROGRAMME, RECORDED_IN, TO_ACTIVITY, TRANSACTION
from graphsvc.store.database import Database

_CANDIDATES = f"""
MATCH (inc:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(b:{PROGRAMME.label}),
      (inc)-[:{FROM_ACTIVITY.type}]->(a:{PROGRAMME.label})
WHERE a <> b AND inc.transaction_type IN $receiving
MATCH (out:{TRANSACTION.label})-[:{RECORDED_IN.type}]->(a), (out)-[:{TO_ACTIVITY.type}]->(b)
WHERE $pairs[out.transaction_type] = inc.transaction_type
  AND out.currency = inc.currency AND out.value = inc.value
RETURN inc.id AS incoming, out.id AS outgoing,
       coalesce(inc.transaction_date, '') AS inc_date,
       coalesce(out.transaction_date, '') AS out_date
"""


def mirror_candidates(database: Database, mirrored: dict[str, str]) -> list[dict[str, Any]]:
    """Every (incoming, outgoing) pair of transactions that may record the same money.

    `mirrored` maps an outgoing type to the incoming type that mirrors it; rows carry both dates.
    """
    return database.read(_CANDIDATES, receiving=list(mirrored.values()), pairs=mirrored)


def mark_mirrors(database: Database, pairs: dict[str, str]) -> None:
    """Make `mirror_of` exactly `pairs` (incoming id -> outgoing id): stale marks go."""
    database.write(
        f"MATCH (t:{TRANSACTION.label}) WHERE t.mirror_of IS NOT NULL AND NOT t.id IN $ids "
        "REMOVE t.mirror_of",
        ids=list(pairs),
    )
    database.write(
        f"UNWIND $pairs AS pair MATCH (t:{TRANSACTION.label} {{id: pair[0]}}) "
        "SET t.mirror_of = pair[1]",
        pairs=[[k, v] for k, v in pairs.items()],
    )
