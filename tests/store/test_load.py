"""Loading the seeds into the real Neo4j test instance: counts, idempotence, all-or-nothing."""

import shutil
from pathlib import Path

import pytest

from graphsvc.errors import DatabaseError, QueryRefused, SeedError
from graphsvc.ingest.loader import LoadResult, load
from graphsvc.model import MODEL
from graphsvc.store.constraints import missing_schema
from graphsvc.store.database import Database
from graphsvc.store.queries import graph_counts, node_by_id

pytestmark = pytest.mark.neo4j
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_full_seed_load_writes_every_node_and_relationship(
    seeded: LoadResult, empty_db: Database
) -> None:
    counts = graph_counts(empty_db, MODEL)
    data = seeded.data
    for label, expected in data.node_counts().items():
        assert counts["nodes"][label] == expected, label
    for rel_type, expected in data.relationship_counts().items():
        assert counts["relationships"][rel_type] == expected, rel_type
    assert seeded.report is not None
    totals = seeded.report.totals()
    assert totals.created == len(data.nodes) + len(data.relationships)
    assert totals.updated == totals.unchanged == 0
    assert counts["relationships"]["SUPPORTED_BY"] == sum(len(n.sources) for n in data.nodes)


def test_second_load_changes_nothing(seeded: LoadResult, empty_db: Database) -> None:
    before = graph_counts(empty_db, MODEL)
    again = load(SEEDS, MODEL, empty_db)
    assert again.report is not None
    assert not again.report.changed_anything
    assert again.report.totals().unchanged == len(seeded.data.nodes) + len(
        seeded.data.relationships
    )
    assert graph_counts(empty_db, MODEL) == before


def test_an_edit_is_an_update_not_a_duplicate(
    seeded: LoadResult, empty_db: Database, tmp_path: Path
) -> None:
    edited = tmp_path / "seeds"
    shutil.copytree(SEEDS, edited)
    themes = edited / "themes.yaml"
    themes.write_text(
        themes.read_text(encoding="utf-8").replace(
            "{id: gender, name: Gender,", "{id: gender, name: Gender equality,"
        ),
        encoding="utf-8",
    )
    result = load(edited, MODEL, empty_db)
    assert result.report is not None
    assert result.report.nodes["Theme"].updated == 1
    assert result.report.totals().created == 0
    stored = node_by_id(empty_db, "gender")
    assert stored is not None and stored["properties"]["name"] == "Gender equality"


def test_invalid_data_leaves_the_database_unchanged(
    seeded: LoadResult, empty_db: Database, tmp_path: Path
) -> None:
    before = graph_counts(empty_db, MODEL)
    broken = tmp_path / "seeds"
    shutil.copytree(SEEDS, broken)
    (broken / "extra.yaml").write_text(
        "Institution:\n"
        "  - {id: new-agency, name: New Agency, category: ngo, sources: [gazetteer]}\n"
        "relationships:\n"
        "  - {type: FUNDS, from: new-agency, to: no-such-programme, sources: [gazetteer]}\n",
        encoding="utf-8",
    )
    with pytest.raises(SeedError) as raised:
        load(broken, MODEL, empty_db)
    message = str(raised.value)
    assert "extra.yaml:4" in message and "no-such-programme" in message
    assert graph_counts(empty_db, MODEL) == before
    assert node_by_id(empty_db, "new-agency") is None


def test_a_failure_inside_the_transaction_rolls_everything_back(
    seeded: LoadResult, empty_db: Database, tmp_path: Path
) -> None:
    """Valid data that the database refuses (an id stored as another kind) writes nothing."""
    empty_db.write("MATCH (n:Theme {id: 'gender'}) DETACH DELETE n")
    empty_db.write("CREATE (:Country:Entity {id: 'gender', name: 'Not a theme', aliases: []})")
    before = graph_counts(empty_db, MODEL)
    with pytest.raises(DatabaseError, match="nothing was written") as raised:
        load(SEEDS, MODEL, empty_db)
    assert "gender (stored as Country, declared as Theme)" in str(raised.value)
    assert graph_counts(empty_db, MODEL) == before
    assert node_by_id(empty_db, "medcities") is not None  # the earlier seeded graph is intact


def test_constraints_and_fulltext_index_exist(seeded: LoadResult, empty_db: Database) -> None:
    assert missing_schema(empty_db, MODEL) == set()
    with pytest.raises(QueryRefused, match="already exists") as refused:
        empty_db.write("CREATE (:Institution:Entity {id: 'medcities', name: 'Copy'})")
    assert refused.value.code == "Neo.ClientError.Schema.ConstraintValidationFailed"


def test_funders_carry_the_funder_label(seeded: LoadResult, empty_db: Database) -> None:
    rows = empty_db.read("MATCH (f:Funder) RETURN f.id AS id ORDER BY id")
    assert [row["id"] for row in rows] == ["european-union", "swiss-development-cooperation"]


def test_who_funds_the_migration_programme(seeded: LoadResult, empty_db: Database) -> None:
    rows = empty_db.read(
        """
        MATCH (f:Institution)-[r:FUNDS]->(p:Programme)-[:ADDRESSES]->(:Theme {id: 'migration'})
        RETURN f.name AS funder, p.name AS programme, r.sources AS sources ORDER BY funder
        """
    )
    assert [(r["funder"], r["programme"]) for r in rows] == [
        ("European Union", "Mediterranean City-to-City Migration"),
        ("Swiss Development Cooperation", "Mediterranean City-to-City Migration"),
    ]
    assert all(r["sources"] == ["medcities-migrant-participation-webinar"] for r in rows)


def test_provenance_is_stored_for_nodes_and_relationships(
    seeded: LoadResult, empty_db: Database
) -> None:
    unsupported = empty_db.read(
        "MATCH (n:Entity) WHERE NOT n:Source AND NOT (n)-[:SUPPORTED_BY]->(:Source) "
        "RETURN count(n) AS count"
    )
    assert unsupported[0]["count"] == 0
    unsourced = empty_db.read(
        "MATCH ()-[r]->() WHERE type(r) <> 'SUPPORTED_BY' AND size(coalesce(r.sources, [])) = 0 "
        "RETURN count(r) AS count"
    )
    assert unsourced[0]["count"] == 0
    medcities = node_by_id(empty_db, "medcities")
    assert medcities is not None
    assert "djerba-intercity-meeting-report" in medcities["sources"]


def test_partial_dates_are_stored_with_their_parts(seeded: LoadResult, empty_db: Database) -> None:
    webinar = node_by_id(empty_db, "migrant-participation-webinar")
    assert webinar is not None
    props = webinar["properties"]
    assert props["start_date"] == "--05-05"
    assert (props["start_date_month"], props["start_date_day"]) == (5, 5)
    assert "start_date_year" not in props
