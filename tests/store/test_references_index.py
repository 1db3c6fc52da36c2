"""An argument naming an entity is resolved through indexes, and to what the old scan found.

`references.resolve` once compared the text's key with every entity's `lookup_keys`, and Neo4j
read every entity even when the text was an id it had just found: about 100 ms on each request
naming an entity at 1,000,000 entities. It now finds names through each kind's text index on
`lookup_text`. Checked here: the plan (EXPLAIN, so nothing runs) never scans a label, and for ids,
names, aliases, accents, scripts, unknown texts and kind filters the answers equal those of the
old statement, kept below as the reference.
"""

from typing import Any

import pytest
from plans import plan_of

from graphsvc.ingest.loader import LoadResult
from graphsvc.model.domain import ENTITY_LABEL
from graphsvc.store.database import Database
from graphsvc.store.projections import node_row
from graphsvc.store.references import _RESOLVE, CANDIDATES, resolve_parameters

pytestmark = pytest.mark.neo4j

OLD_RESOLVE = f"""
UNWIND range(0, size($texts) - 1) AS i
OPTIONAL MATCH (exact:`{ENTITY_LABEL}` {{id: $texts[i]}})
CALL (i, exact) {{
    WITH i, exact WHERE exact IS NULL AND $keys[i] <> ''
    MATCH (n:`{ENTITY_LABEL}`)
    WHERE $keys[i] IN n.lookup_keys
      AND ($kinds IS NULL OR any(l IN labels(n) WHERE l IN $kinds))
    WITH n ORDER BY n.id LIMIT {CANDIDATES}
    RETURN collect({node_row("n")}) AS named
}}
WITH i, CASE
    WHEN exact IS NULL THEN named
    WHEN $kinds IS NULL OR any(l IN labels(exact) WHERE l IN $kinds) THEN [{node_row("exact")}]
    ELSE []
END AS found
WHERE size(found) > 0
RETURN i, found
"""
"""The statement before the index: the reference."""

TEXTS = [
    "medcities",
    "MedCities",
    "medcites",
    "CMI",
    "Center for Mediterranean Integration",
    "Malaga",
    "MÁLAGA",
    "تونس",
    "تُونِس",
    "tunis",
    "Tunis",
    "european-union",
    "EU",
    "JWP",
    "no such entity",
    "",
    "  ",
    "a",
]
"""Ids, names, aliases and acronyms, accents and case, Arabic with and without vowel marks, a name
that is both a city and a municipality's, an unknown text, blanks and a single letter."""


def _answers(database: Database, statement: str, kinds: tuple[str, ...] | None) -> list[Any]:
    rows = database.read(statement, **resolve_parameters(TEXTS, kinds))
    found = {row["i"]: row["found"] for row in rows}
    return [sorted(n["node"]["id"] for n in found.get(i, [])) for i in range(len(TEXTS))]


@pytest.mark.parametrize("kinds", [None, ("City",), ("Institution", "Programme")])
def test_names_resolve_as_the_scan_did(
    seeded: LoadResult, empty_db: Database, kinds: tuple[str, ...] | None
) -> None:
    new = _answers(empty_db, _RESOLVE, kinds)
    assert new == _answers(empty_db, OLD_RESOLVE, kinds)
    if kinds is None:
        assert new[TEXTS.index("medcites")] == ["medcities"]
        assert new[TEXTS.index("no such entity")] == []
        assert len(new[TEXTS.index("tunis")]) == 1  # an id wins over the names it shadows


def test_the_plan_reads_indexes_and_scans_no_label(seeded: LoadResult, empty_db: Database) -> None:
    plan = plan_of(empty_db, _RESOLVE, resolve_parameters(["MedCities"], None))
    assert "NodeUniqueIndexSeek" in plan, plan
    assert "NodeIndexContainsScan" in plan, plan
    assert not {"NodeByLabelScan", "AllNodesScan"} & set(plan), plan
