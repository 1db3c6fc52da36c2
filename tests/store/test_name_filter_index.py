"""The lists' name filter reads a text index, and finds exactly what looking in every key found.

The filter once asked `any(key IN n.lookup_keys WHERE key CONTAINS $name)`, which no index can
answer: every node of the kind was read (134 ms at 250,000 nodes, about a second at two
million). It now looks in `lookup_text`, the keys joined into one string that a text index per
kind covers. Checked here: the plan (EXPLAIN, so nothing runs) starts from that index, never from
a scan of the label; the matches are the old ones for accents, case, aliases and scripts; and the
text follows its keys after a load, after a merge, and in an older graph brought up to date.
"""

from typing import Any

import pytest
from plans import plan_of

from graphsvc.ingest.loader import LoadResult
from graphsvc.model import MODEL
from graphsvc.model.names import name_key
from graphsvc.store import merges
from graphsvc.store.constraints import ensure_schema
from graphsvc.store.database import Database
from graphsvc.store.encode import lookup_text
from graphsvc.store.listing import Selection, page_statement

pytestmark = pytest.mark.neo4j

OLD_CONDITION = "any(key IN n.lookup_keys WHERE key CONTAINS $name)"
"""What the filter asked before the index: the reference the new answers must equal."""

TYPED = [
    "Malaga",
    "MÁLAGA",
    "medcites",
    "Medcities",
    "cmi",
    "Center for Mediterranean",
    "joint work",
    "Gabès",
    "m'saken",
    "تونس",
    "تُونِس",
    "Αθήνα",
    "union",
    "a",
    "ci",
    "ti",
    "e m",
]
"""Accents, case, apostrophes, aliases, Arabic vowel marks, Greek, several words, and single
letters (which match across many names)."""

STEP = """
MATCH (n:Entity) WHERE n.name IS NOT NULL
RETURN n.id AS id, n.lookup_keys AS keys, n.lookup_text AS text ORDER BY id
"""


def out_of_step(database: Database) -> list[dict[str, Any]]:
    return [row for row in database.read(STEP) if row["text"] != lookup_text(row["keys"] or [])]


@pytest.mark.parametrize("kind", ["Institution", "City", "Programme"])
def test_a_name_filtered_count_reads_the_text_index(empty_db: Database, kind: str) -> None:
    ensure_schema(empty_db, MODEL)
    clause, parameters = Selection(kind, filters={"name": "malaga"}).clause()
    found = plan_of(empty_db, f"{clause} RETURN count(n) AS total", parameters)
    assert "NodeIndexContainsScan" in found, " > ".join(found)
    assert "NodeByLabelScan" not in found, " > ".join(found)


@pytest.mark.parametrize("sort", ["name", "slug", "start_date"])
def test_a_name_filtered_page_reads_an_index(empty_db: Database, sort: str) -> None:
    ensure_schema(empty_db, MODEL)
    statement, parameters = page_statement(
        Selection("Programme", filters={"name": "malaga"}),
        sort=sort,
        descending=False,
        limit=51,
        after=None,
        with_sources=True,
    )
    found = plan_of(empty_db, statement, parameters)
    assert any(op.startswith("NodeIndex") for op in found), " > ".join(found)
    assert "NodeByLabelScan" not in found, " > ".join(found)


def test_the_indexed_filter_finds_what_every_key_found(
    seeded: LoadResult, empty_db: Database
) -> None:
    compared = 0
    for typed in TYPED:
        key = name_key(typed)
        for kind in MODEL.labels:
            clause, parameters = Selection(kind, filters={"name": key}).clause()
            now = {row["id"] for row in empty_db.read(f"{clause} RETURN n.id AS id", **parameters)}
            before = {
                row["id"]
                for row in empty_db.read(
                    f"MATCH (n:`{kind}`) WHERE {OLD_CONDITION} RETURN n.id AS id", name=key
                )
            }
            assert now == before, (typed, kind)
            compared += len(before)
    assert compared > 100  # the texts above do match things in the seeds


def test_the_text_follows_the_keys_after_a_load_and_a_merge(
    seeded: LoadResult, empty_db: Database
) -> None:
    assert out_of_step(empty_db) == []
    keep, gone = "medcities", "cmi"
    keys = sorted({*lookup_text_keys(empty_db, keep), "zz merged name"})
    merges.merge(
        empty_db, keep=keep, gone=gone, links=[], sources=[], aliases=["ZZ merged name"], keys=keys
    )
    assert out_of_step(empty_db) == []
    clause, parameters = Selection("Institution", filters={"name": "zz merged"}).clause()
    assert empty_db.read(f"{clause} RETURN n.id AS id", **parameters) == [{"id": keep}]


def lookup_text_keys(database: Database, node_id: str) -> list[str]:
    rows = database.read("MATCH (n:Entity {id: $id}) RETURN n.lookup_keys AS keys", id=node_id)
    return list(rows[0]["keys"])


def test_an_older_graph_gets_its_text_when_the_schema_is_applied(
    seeded: LoadResult, empty_db: Database
) -> None:
    empty_db.write("MATCH (n:Entity) REMOVE n.lookup_text")
    assert out_of_step(empty_db) != []
    ensure_schema(empty_db, MODEL)
    assert out_of_step(empty_db) == []
    clause, parameters = Selection("City", filters={"name": "malaga"}).clause()
    assert empty_db.read(f"{clause} RETURN n.id AS id", **parameters) == [{"id": "malaga"}]
