"""JSON-LD speaks the model's linked-data terms: node classes and each relationship's terms."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graphsvc.export.formats import json_ld
from graphsvc.export.graph import stored_graph
from graphsvc.model import MODEL
from graphsvc.model.domain import FUNDS, ORGANISES, PARTICIPATES_IN
from graphsvc.model.types import RelationshipKind
from graphsvc.store.database import Database

BASE = "urn:test:"


def items(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["@id"].removeprefix(BASE): item for item in document["@graph"]}


def pointers(item: dict[str, Any]) -> dict[str, set[str]]:
    """Each property of `item` that points at nodes, with the ids it points at."""
    return {
        key: {ref["@id"].removeprefix(BASE) for ref in value}
        for key, value in item.items()
        if isinstance(value, list) and value and isinstance(value[0], dict)
    }


def one_link(kind: RelationshipKind) -> dict[str, dict[str, Any]]:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.add_node("a", kind=kind.sources[0], name="A")
    graph.add_node("b", kind=kind.targets[0], name="B")
    graph.add_edge("a", "b", key=kind.type, type=kind.type)
    return items(json_ld(graph, BASE))


@pytest.mark.parametrize("kind", MODEL.relationship_kinds, ids=lambda kind: kind.type)
def test_a_relationship_kind_is_written_with_its_declared_terms(kind: RelationshipKind) -> None:
    written = one_link(kind)
    source, target = pointers(written["a"]), pointers(written["b"])
    if kind.rdf_term is not None:
        assert source[kind.rdf_term] == {"b"}
    else:  # only the inverse is declared: the link is written from the target alone
        assert source == {}
    if kind.rdf_inverse is not None:
        assert target[kind.rdf_inverse] == {"a"}
    else:
        assert target == {}


def test_node_classes_are_the_models() -> None:
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for kind in MODEL.node_kinds:
        graph.add_node(kind.label.lower(), kind=kind.label, name=kind.label)
    written = items(json_ld(graph, BASE))
    for kind in MODEL.node_kinds:
        assert written[kind.label.lower()]["@type"] == list(kind.rdf_types)


def test_terms_that_the_export_has_always_used() -> None:
    """The model's terms for the links whose JSON-LD is read elsewhere, pinned."""
    assert (FUNDS.rdf_term, FUNDS.rdf_inverse) == (None, "schema:funder")
    assert (ORGANISES.rdf_term, ORGANISES.rdf_inverse) == ("schema:organizer", "schema:organizer")
    assert (PARTICIPATES_IN.rdf_term, PARTICIPATES_IN.rdf_inverse) == (
        "gs:participatesIn",
        "schema:attendee",
    )


@pytest.mark.neo4j
def test_every_seeded_link_is_in_the_json_ld(seeded_once: Database) -> None:
    graph = stored_graph(seeded_once)
    written = items(json_ld(graph, BASE))
    assert len(written) == graph.number_of_nodes()
    for a, b, rel_type in graph.edges(keys=True):
        kind = MODEL.relationship_kind(rel_type)
        assert kind is not None
        if kind.rdf_term is not None:
            assert b in pointers(written[a])[kind.rdf_term], (a, rel_type, b)
        if kind.rdf_inverse is not None:
            assert a in pointers(written[b])[kind.rdf_inverse], (a, rel_type, b)
    assert "european-union" in pointers(written["mc2cm"])["schema:funder"]
