"""Which relationships cite a Source is read from the citations index, and exactly.

`$source IN r.sources` over every relationship read the whole graph's links for one source page,
one delete confirmation or one Source deletion. Checked here: the plan (EXPLAIN, nothing runs)
starts from the full-text procedure, never from a relationship scan; on the seeds, the index's
answer for every Source equals the scan's; an id with a quote and a backslash matches itself and
nothing else; and an index made for other relationship types is replaced.
"""

from typing import Any

import pytest
from plans import plan_of

from graphsvc.model import MODEL
from graphsvc.store.citations import CITING, citing_term
from graphsvc.store.constraints import CITATIONS_INDEX, ensure_schema
from graphsvc.store.database import Database

pytestmark = pytest.mark.neo4j

SCANS = ("AllRelationshipsScan", "RelationshipTypeScan", "NodeByLabelScan", "AllNodesScan")

BY_INDEX = f"{CITING} RETURN elementId(r) AS id"
BY_SCAN = "MATCH ()-[r]->() WHERE $source IN r.sources RETURN elementId(r) AS id"


def citing(database: Database, source: str, statement: str = BY_INDEX) -> set[str]:
    rows = database.read(statement, source=source, citing_term=citing_term(source))
    return {row["id"] for row in rows}


def test_the_plan_reads_the_index(seeded_once: Database) -> None:
    found = plan_of(seeded_once, BY_INDEX, {"source": "x", "citing_term": citing_term("x")})
    assert "ProcedureCall" in found, " > ".join(found)
    assert not [op for op in found if op.endswith(SCANS)], " > ".join(found)


def test_every_source_is_cited_by_what_the_scan_finds(seeded_once: Database) -> None:
    sources = [row["id"] for row in seeded_once.read("MATCH (s:Source) RETURN s.id AS id")]
    assert len(sources) >= 5
    cited = 0
    for source in sources:
        expected = citing(seeded_once, source, BY_SCAN)
        assert citing(seeded_once, source) == expected, source
        cited += len(expected)
    assert cited > 0  # the seeds' relationships cite their documents


def test_an_awkward_id_matches_itself_only(empty_db: Database) -> None:
    ensure_schema(empty_db, MODEL)
    awkward = 'report "2024" \\ annex'
    empty_db.write(
        """
        CREATE (a:Entity:Institution {id: 'cite-a', name: 'A'}),
               (b:Entity:Programme {id: 'cite-b', name: 'B'}),
               (a)-[:FUNDS {sources: [$awkward, 'other']}]->(b),
               (a)-[:LEADS {sources: ['report "2024"']}]->(b),
               (a)-[:IMPLEMENTS {sources: ['report']}]->(b)
        """,
        awkward=awkward,
    )
    types = empty_db.read(
        f"{CITING} RETURN type(r) AS type", source=awkward, citing_term=citing_term(awkward)
    )
    assert [row["type"] for row in types] == ["FUNDS"]
    assert citing(empty_db, "report") == citing(empty_db, "report", BY_SCAN)
    assert len(citing(empty_db, "report")) == 1


def test_an_index_for_other_types_is_replaced(empty_db: Database) -> None:
    ensure_schema(empty_db, MODEL)
    empty_db.write(f"DROP INDEX {CITATIONS_INDEX}")
    empty_db.write(
        f"CREATE FULLTEXT INDEX {CITATIONS_INDEX} FOR ()-[r:FUNDS]-() ON EACH [r.sources]"
    )
    ensure_schema(empty_db, MODEL)
    rows: list[dict[str, Any]] = empty_db.read(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, state WHERE name = $name "
        "RETURN labelsOrTypes, state",
        name=CITATIONS_INDEX,
    )
    assert set(rows[0]["labelsOrTypes"]) == set(MODEL.relationship_types)
    assert rows[0]["state"] == "ONLINE"
