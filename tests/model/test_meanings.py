"""Every relationship kind declares what it means, so that no code needs its own list of types."""

import re

import pytest

from graphsvc.model import MODEL
from graphsvc.model.domain import MEANINGS
from graphsvc.model.types import (
    LANGUAGES,
    DomainModel,
    IatiRole,
    Meaning,
    NodeKind,
    RelationshipKind,
)

RDF_TERM = re.compile(r"^(schema|org|skos|gs):[a-zA-Z]+$")


@pytest.mark.parametrize("rel", MODEL.relationship_kinds, ids=lambda rel: rel.type)
def test_every_relationship_kind_is_fully_declared(rel: RelationshipKind) -> None:
    assert rel.meaning in {m.name for m in MODEL.meanings}, "a meaning"
    assert rel.rdf_term or rel.rdf_inverse, "a linked-data term, on either end"
    for term in (rel.rdf_term, rel.rdf_inverse):
        assert term is None or RDF_TERM.match(term), term
    outgoing, incoming = rel.reads
    assert outgoing and incoming and outgoing != incoming, "reader words from both ends"
    assert all(lang in LANGUAGES and phrase.strip() for lang, phrase in rel.phrases)


@pytest.mark.parametrize("kind", MODEL.node_kinds, ids=lambda kind: kind.label)
def test_every_node_kind_has_a_role_and_a_linked_data_type(kind: NodeKind) -> None:
    assert kind.roles and kind.rdf_types


def test_meanings_nest_and_are_inherited() -> None:
    assert MODEL.meanings_of("FUNDS") == ("financing", "involvement")
    assert MODEL.is_a("GOVERNS", "place") and MODEL.is_a("GOVERNS", "location")
    assert not MODEL.is_a("ADDRESSES", "place")
    assert set(MODEL.relationships_in("location")) == {"HELD_IN", "BASED_IN", "GOVERNS"}
    assert MODEL.relationships_in("containment") == ("IN_COUNTRY", "IN_REGION")
    assert MODEL.placement("GOVERNS") == "beside" and MODEL.placement("IN_REGION") == "within"
    assert MODEL.placement("FUNDS") is None


def test_relationships_in_filters_by_the_ends_they_may_join() -> None:
    assert MODEL.relationships_in("place", sources=("Programme", "Event")) == (
        "HELD_IN",
        "TARGETS",
    )
    assert MODEL.relationships_in("involvement", targets=("Event",)) == (
        "ORGANISES",
        "PARTICIPATES_IN",
    )
    assert MODEL.relationships_in("implementation", "participation") == (
        "LEADS",
        "IMPLEMENTS",
        "PARTNER_IN",
        "MANAGES",
        "ORGANISES",
        "PARTICIPATES_IN",
    )


def test_an_unknown_meaning_is_an_error_not_an_empty_answer() -> None:
    with pytest.raises(KeyError, match="no meaning 'places'"):
        MODEL.relationships_in("places")


def test_iati_roles_are_read_as_one_kind_and_written_from_several() -> None:
    assert [MODEL.relationship_for_iati_role(code) for code in "1234"] == [
        "FUNDS",
        "ACCOUNTABLE_FOR",
        "EXTENDS",
        "IMPLEMENTS",
    ]
    assert MODEL.relationship_for_iati_role("9") is None
    assert MODEL.iati_role_code("LEADS") == "2" and MODEL.iati_role_code("PARTNER_IN") == "4"
    assert MODEL.iati_role_code("HELD_IN") is None


def test_phrases_leave_room_for_document_intake() -> None:
    funds = MODEL.relationship_kind("FUNDS")
    assert funds is not None
    assert "financé par" in funds.phrases_in("fr") and funds.phrases_in("de") == ()


def _kind(rel_type: str, meaning: str, iati: IatiRole | None = None) -> RelationshipKind:
    return RelationshipKind(
        rel_type,
        "",
        ("A",),
        ("A",),
        outgoing=rel_type.lower(),
        incoming=f"{rel_type.lower()}_of",
        meaning=meaning,
        iati_role=iati,
    )


def _model(*rels: RelationshipKind, meanings: tuple[Meaning, ...] = MEANINGS) -> DomainModel:
    return DomainModel((NodeKind("A", "as", ""),), rels, meanings)


def test_a_half_declared_relationship_kind_is_refused_when_the_model_is_built() -> None:
    with pytest.raises(ValueError, match="X has no declared meaning"):
        _model(_kind("X", ""))
    with pytest.raises(ValueError, match="extends unknown"):
        _model(meanings=(Meaning("a", "", parent="b"),))
    with pytest.raises(ValueError, match="extends itself"):
        _model(meanings=(Meaning("a", "", parent="b"), Meaning("b", "", parent="a")))
    with pytest.raises(ValueError, match="imported as two"):
        _model(_kind("X", "financing", IatiRole("1")), _kind("Y", "financing", IatiRole("1")))
