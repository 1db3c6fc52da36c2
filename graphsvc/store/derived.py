"""Stored results derived from the whole graph (traces, link pages), replaced all at once.

Each refresh computes a new set of nodes of one label and swaps it for the old one in a single
transaction, so a reader sees the old set or the new one, never half of each.
"""

from __future__ import annotations

from typing import Any

from graphsvc.store.database import Database


def replace_all(database: Database, label: str, rows: list[dict[str, Any]]) -> None:
    """Delete every node of `label` and create one per row, its properties the row's."""

    def work(tx: Any) -> None:
        tx.run(f"MATCH (old:`{label}`) DELETE old").consume()
        tx.run(f"UNWIND $rows AS row CREATE (new:`{label}`) SET new = row", rows=rows).consume()

    with database.session() as session:
        session.execute_write(work)
