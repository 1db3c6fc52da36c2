"""What a Source document supports: the relationships citing it, and where its text states them.

A relationship cites its Sources by id in its `sources` property (nodes link to theirs, which
`graphsvc.store.entities.supported_by` reads). A document taken in through intake also keeps the
review of its accepted proposal, whose facts carry the character offsets of the sentence each
was read from: the source page highlights those sentences in the document's text.
"""

from __future__ import annotations

from typing import Any

from graphsvc.store.async_database import Read
from graphsvc.store.citations import CITING, citing_term
from graphsvc.store.projections import LABELS, link_map
from graphsvc.store.proposals import PROPOSAL_LABEL

_CITING = f"""
{CITING}
WITH r ORDER BY type(r), startNode(r).name_sort, endNode(r).name_sort
LIMIT $limit
RETURN {link_map("r")} AS link
"""


async def relationships_citing(read: Read, source_id: str, limit: int) -> list[dict[str, Any]]:
    """Up to `limit` relationships that cite the Source `source_id`, as link maps."""
    rows = await read(
        _CITING, source=source_id, citing_term=citing_term(source_id), limit=limit, labels=LABELS
    )
    return [row["link"] for row in rows]


async def accepted_review(read: Read, source_id: str) -> dict[str, Any] | None:
    """The accepted intake proposal that made the Source `source_id`, or None.

    It holds the facts as JSON and the text; a document not taken in through intake has none.
    """
    rows = await read(
        f"""
        MATCH (p:{PROPOSAL_LABEL} {{source_id: $source, status: 'accepted'}})
        RETURN properties(p) AS p ORDER BY p.submitted DESC LIMIT 1
        """,
        source=source_id,
    )
    return rows[0]["p"] if rows else None
