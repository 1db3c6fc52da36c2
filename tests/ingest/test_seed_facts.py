"""Spot checks that the seeds say what the five source documents say (no database needed)."""

from pathlib import Path

import pytest

from graphsvc.ingest.loader import read_graph
from graphsvc.model import MODEL
from graphsvc.model.records import GraphData, NodeRecord, RelationshipRecord

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WEBINAR_DOC = "medcities-migrant-participation-webinar"


@pytest.fixture(scope="module")
def data() -> GraphData:
    return read_graph(SEEDS, MODEL)


def targets(data: GraphData, rel_type: str, source_id: str) -> set[str]:
    return {
        r.target_id for r in data.relationships if r.type == rel_type and r.source_id == source_id
    }


def origins(data: GraphData, rel_type: str, target_id: str) -> set[str]:
    return {
        r.source_id for r in data.relationships if r.type == rel_type and r.target_id == target_id
    }


def test_the_migration_programme_is_funded_by_the_eu_and_switzerland(data: GraphData) -> None:
    assert origins(data, "FUNDS", "mc2cm") == {"european-union", "swiss-development-cooperation"}
    assert origins(data, "LEADS", "mc2cm") == {"icmpd"}


def test_the_jwp_is_run_by_a_joint_secretariat(data: GraphData) -> None:
    managers = origins(data, "MANAGES", "mena-jwp")
    assert {"cities-alliance", "cmi"} <= managers
    jwp = data.node("mena-jwp")
    assert jwp is not None
    assert {"JWP", "Joint Work Program", "Joint Work Programme"} <= set(jwp.properties["aliases"])


def test_every_source_document_is_cited(data: GraphData) -> None:
    cited = {s for node in data.nodes for s in node.sources}
    cited |= {s for rel in data.relationships for s in rel.sources}
    documents = {n.id for n in data.nodes if n.label == "Source" and "file" in n.properties}
    assert len(documents) == 5
    assert documents <= cited


def test_webinar_date_has_no_invented_year(data: GraphData) -> None:
    webinar = data.node("migrant-participation-webinar")
    assert webinar is not None
    start = webinar.properties["start_date"]
    assert (start.year, start.month, start.day) == (None, 5, 5)
    assert webinar.sources == (WEBINAR_DOC,)


def test_awareness_sessions_are_a_range(data: GraphData) -> None:
    series = data.node("ktc-awareness-sessions-2016")
    assert series is not None
    assert series.properties["start_date"].isoformat() == "2016-03-22"
    assert series.properties["end_date"].isoformat() == "2016-03-26"


def test_webinar_participants_cover_nine_cities(data: GraphData) -> None:
    cities = {
        r.source_id
        for r in data.relationships
        if r.type == "PARTICIPATES_IN"
        and r.target_id == "migrant-participation-webinar"
        and (source := data.node(r.source_id)) is not None
        and source.label == "City"
    }
    assert cities == {
        "bizerte",
        "sfax",
        "sousse",
        "tunis",
        "irbid",
        "oujda",
        "barcelona",
        "terrassa",
        "malaga",
    }


def test_people_represent_institutions_with_role_titles(data: GraphData) -> None:
    roles = {
        (r.source_id, r.target_id, r.properties.get("role"))
        for r in data.relationships
        if r.type == "REPRESENTS"
    }
    assert ("william-cobbett", "cities-alliance", "Manager") in roles
    assert ("rachida-saadi", "municipality-of-oujda", "Head of International Relations") in roles


def test_names_keep_their_accents(data: GraphData) -> None:
    names = {n.id: n.properties["name"] for n in data.nodes}
    assert names["malaga"] == "Málaga"
    assert names["gabes"] == "Gabès"
    medcities = data.node("medcities")
    assert medcities is not None and "MedCités" in medcities.properties["aliases"]


def test_uncertain_facts_explain_themselves(data: GraphData) -> None:
    flagged: list[NodeRecord | RelationshipRecord] = [
        *(n for n in data.nodes if n.properties.get("uncertain")),
        *(r for r in data.relationships if r.properties.get("uncertain")),
    ]
    assert flagged
    assert all(item.properties.get("note") for item in flagged)


def test_every_city_has_a_country(data: GraphData) -> None:
    cities = {n.id for n in data.nodes if n.label == "City"}
    located = {r.source_id for r in data.relationships if r.type == "IN_COUNTRY"}
    assert cities == located
