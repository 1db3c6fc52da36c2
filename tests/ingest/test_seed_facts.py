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


def relationship(
    data: GraphData, rel_type: str, source_id: str, target_id: str
) -> dict[str, object]:
    (found,) = [
        r
        for r in data.relationships
        if (r.type, r.source_id, r.target_id) == (rel_type, source_id, target_id)
    ]
    return found.properties


def test_inferences_are_marked_uncertain(data: GraphData) -> None:
    """003 gives 12 March without a year; merged plans and unnamed attendees are inferences."""
    grand_sfax = data.node("grand-sfax-strategy")
    assert grand_sfax is not None
    assert "2016" not in grand_sfax.properties["description"]
    seminar = data.node("grand-sfax-strategy-review-seminar")
    assert seminar is not None and "2016" not in seminar.properties.get("note", "")
    for merged in ("grand-sfax-strategy", "kairouan-city-development-strategy"):
        node = data.node(merged)
        assert node is not None and node.properties.get("uncertain"), merged
        assert node.properties.get("note"), merged
    for secretariat in ("cmi", "cities-alliance"):
        rome = relationship(data, "PARTICIPATES_IN", secretariat, "jwp-rome-meeting-2012")
        assert rome.get("uncertain") and rome.get("note"), secretariat
    marseille = relationship(data, "PARTICIPATES_IN", "cities-alliance", "jwp-marseille-meeting")
    assert marseille.get("role") != "convener"


def test_what_the_documents_say_is_there(data: GraphData) -> None:
    rome = relationship(data, "PARTICIPATES_IN", "jwp-steering-committee", "jwp-rome-meeting-2012")
    assert rome["role"] == "established at this meeting"
    assert origins(data, "LEADS", "malaga-strategic-plan") == {"municipality-of-malaga"}
    assert "ciedes-foundation" in origins(data, "PARTNER_IN", "malaga-strategic-plan")
    webinar = origins(data, "PARTICIPATES_IN", "migrant-participation-webinar")
    assert {"cites-unies-liban", "municipality-of-oujda", "ciedes-foundation"} <= webinar
    assert {"sousse-city-strategy", "grand-sfax-strategy"} <= targets(
        data, "SUPPORTS", "ktc-awareness-sessions-2016"
    )
    msaken = relationship(data, "PARTNER_IN", "medcities", "msaken-city-strategy")
    assert msaken.get("uncertain") and msaken.get("note")


def test_added_facts_cite_their_documents(data: GraphData) -> None:
    cited = {
        (
            "PARTICIPATES_IN",
            "jwp-steering-committee",
            "jwp-rome-meeting-2012",
        ): "jwp-multilevel-approach",
        ("LEADS", "municipality-of-malaga", "malaga-strategic-plan"): WEBINAR_DOC,
        ("PARTICIPATES_IN", "cites-unies-liban", "migrant-participation-webinar"): WEBINAR_DOC,
        ("PARTNER_IN", "medcities", "msaken-city-strategy"): "ktc-sfax-awareness-sessions",
    }
    for (rel_type, source_id, target_id), document in cited.items():
        (found,) = [
            r
            for r in data.relationships
            if (r.type, r.source_id, r.target_id) == (rel_type, source_id, target_id)
        ]
        assert any(document in source for source in found.sources), (found.sources, document)
