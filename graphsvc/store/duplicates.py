"""Institutions that may be one: what resolution compares, and the queue of pairs to review.

Each candidate pair is a `ResolutionCandidate` node keyed by its pair (`left|right`, sorted), so
that a decision made once (accepted, rejected, undone) is kept and never proposed again.
"""

from __future__ import annotations

from typing import Any

from graphsvc.model.domain import BASED_IN, CITY, COUNTRY, IN_COUNTRY, INSTITUTION
from graphsvc.store.async_database import Read
from graphsvc.store.database import Database

CANDIDATE_LABEL = "ResolutionCandidate"
WRITE_BATCH = 1000

_INSTITUTIONS = f"""
MATCH (i:{INSTITUTION.label})
OPTIONAL MATCH (i)-[:{BASED_IN.type}]->(c:{COUNTRY.label})
OPTIONAL MATCH (i)-[:{BASED_IN.type}]->(:{CITY.label})-[:{IN_COUNTRY.type}]->(cc:{COUNTRY.label})
RETURN i.id AS id, i.name AS name, coalesce(i.aliases, []) AS aliases,
       i.org_ref AS ref, coalesce(c.iso_code, cc.iso_code) AS country
ORDER BY id
"""

_QUEUE = f"""
UNWIND $rows AS row
MERGE (c:{CANDIDATE_LABEL} {{pair: row.pair}})
ON CREATE SET c.left = row.left, c.right = row.right, c.score = row.score,
              c.reason = row.reason, c.status = 'pending'
"""

_REVIEW = f"""
MATCH (c:{CANDIDATE_LABEL})
OPTIONAL MATCH (l:{INSTITUTION.label} {{id: c.left}})
OPTIONAL MATCH (r:{INSTITUTION.label} {{id: c.right}})
RETURN c.left AS left, l.name AS left_name, c.right AS right, r.name AS right_name,
       c.score AS score, c.reason AS reason, c.status AS status,
       c.decided_by AS decided_by, c.survivor AS survivor
ORDER BY c.status = 'pending' DESC, c.score DESC, c.pair
"""


def institutions_to_compare(database: Database) -> list[dict[str, Any]]:
    """Every institution by id, with what resolution compares.

    Name, aliases, org_ref, and the ISO code of the country it is based in (directly or through
    its city), if known.
    """
    return database.read(_INSTITUTIONS)


def known_pairs(database: Database) -> set[str]:
    """Every pair already queued, whatever its status."""
    return {
        row["pair"] for row in database.read(f"MATCH (c:{CANDIDATE_LABEL}) RETURN c.pair AS pair")
    }


def queue_pairs(database: Database, rows: list[dict[str, Any]]) -> None:
    """Queue new pairs (`pair`, `left`, `right`, `score`, `reason`) as pending, in batches.

    A pair already queued keeps what it has.
    """
    for start in range(0, len(rows), WRITE_BATCH):
        database.write(_QUEUE, rows=rows[start : start + WRITE_BATCH])


_REVIEW_PAGE = f"""
MATCH (c:{CANDIDATE_LABEL})
WITH c ORDER BY c.status = 'pending' DESC, c.score DESC, c.pair
SKIP $skip LIMIT $limit
OPTIONAL MATCH (l:{INSTITUTION.label} {{id: c.left}})
OPTIONAL MATCH (r:{INSTITUTION.label} {{id: c.right}})
RETURN c.left AS left, l.name AS left_name, c.right AS right, r.name AS right_name,
       c.score AS score, c.reason AS reason, c.status AS status,
       c.decided_by AS decided_by, c.survivor AS survivor
"""

_REVIEW_SIZES = f"""
MATCH (c:{CANDIDATE_LABEL})
RETURN count(c) AS total, count(CASE WHEN c.status = 'pending' THEN 1 END) AS waiting
"""


async def review_page(read: Read, skip: int, limit: int) -> list[dict[str, Any]]:
    """One page of `review_list`'s order: only its pairs' names are looked up."""
    return await read(_REVIEW_PAGE, skip=skip, limit=limit)


async def review_sizes(read: Read) -> tuple[int, int]:
    """(every candidate pair, those waiting for a decision)."""
    rows = await read(_REVIEW_SIZES)
    return int(rows[0]["total"]), int(rows[0]["waiting"])


def review_list(database: Database) -> list[dict[str, Any]]:
    """Every candidate pair with both names, pending first, most alike first."""
    return database.read(_REVIEW)


async def pending_count(read: Read) -> int:
    """How many candidate pairs wait for a decision (the size of the duplicates queue)."""
    rows = await read(f"MATCH (c:{CANDIDATE_LABEL} {{status: 'pending'}}) RETURN count(c) AS total")
    return int(rows[0]["total"])


def accepted_merges(database: Database) -> dict[str, str]:
    """Merged id -> surviving id, for imports to link to the survivor."""
    return {
        row["merged"]: row["survivor"]
        for row in database.read(
            f"MATCH (c:{CANDIDATE_LABEL} {{status: 'accepted'}}) "
            "RETURN c.merged AS merged, c.survivor AS survivor"
        )
    }
