"""Driver records as plain dicts, without the driver's generic export when it has nothing to do.

`Record.data()` walks every value through abstract-class checks (`Sequence`, `Mapping`) to turn
nodes, relationships and paths into dicts; graphsvc's statements return maps of properties
(`graphsvc.store.projections`), so that walk converts nothing, yet it cost more than any other
step of turning a page of 50 into Python (ten times this module's check). A row that does hold a
node, relationship or path still goes through `data()`, so the answer is the same either way.
"""

from __future__ import annotations

from typing import Any

from neo4j import Record
from neo4j.graph import Entity, Path

_LEAVES = frozenset({str, int, float, bool, type(None)})


def _graph_free(value: object) -> bool:
    """True when `value` holds no node, relationship or path, at any depth."""
    if type(value) in _LEAVES:
        return True
    if isinstance(value, dict):
        return all(map(_graph_free, value.values()))
    if isinstance(value, list):
        return all(map(_graph_free, value))
    return not isinstance(value, Entity | Path)


def plain_row(record: Record) -> dict[str, Any]:
    """The record as `Record.data()` gives it, built directly when it holds only plain values."""
    row = dict(zip(record.keys(), record, strict=True))
    for value in row.values():
        if not _graph_free(value):
            return record.data()
    return row
