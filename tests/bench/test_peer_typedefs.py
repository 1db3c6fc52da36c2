"""NGL's type definitions for the peer benchmark follow the domain model (pure, no server)."""

from __future__ import annotations

import sys
from pathlib import Path

from graphql import parse
from graphql.language import FieldDefinitionNode, ObjectTypeDefinitionNode, StringValueNode

from graphsvc.model import MODEL
from graphsvc.model.domain import IMPLEMENTS, PART_OF, PARTNER_IN, PROVENANCE_TYPE

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from peer_typedefs import camel, type_definitions


def object_types() -> dict[str, ObjectTypeDefinitionNode]:
    document = parse(type_definitions(MODEL, "entity_names"))
    return {
        d.name.value: d for d in document.definitions if isinstance(d, ObjectTypeDefinitionNode)
    }


def fields_of(node: ObjectTypeDefinitionNode) -> dict[str, FieldDefinitionNode]:
    return {f.name.value: f for f in node.fields or ()}


def relationship(field: FieldDefinitionNode) -> tuple[str, str]:
    """(type, direction) of a field's @relationship directive."""
    (directive,) = [d for d in field.directives or () if d.name.value == "relationship"]
    arguments = {a.name.value: a.value for a in directive.arguments or ()}
    kind = arguments["type"]
    assert isinstance(kind, StringValueNode)
    return kind.value, getattr(arguments["direction"], "value", "")


def test_a_type_per_node_kind_with_its_stored_properties() -> None:
    types = object_types()
    assert set(types) == set(MODEL.labels)
    for kind in MODEL.node_kinds:
        names = set(fields_of(types[kind.label]))
        assert {p.name for p in kind.properties} <= names


def test_every_relationship_both_ways_under_the_api_names() -> None:
    types = object_types()
    for rel in MODEL.relationship_kinds:
        for label in rel.sources:
            fields = fields_of(types[label])
            assert relationship(fields[camel(rel.outgoing)]) == (rel.type, "OUT")
        for label in rel.targets:
            fields = fields_of(types[label])
            assert relationship(fields[camel(rel.incoming)]) == (rel.type, "IN")


def test_the_fields_the_benchmark_walks() -> None:
    programme = fields_of(object_types()["Programme"])
    assert relationship(programme["parts"]) == (PART_OF.type, "IN")
    assert relationship(programme["implementedBy"]) == (IMPLEMENTS.type, "IN")
    assert relationship(programme["partners"]) == (PARTNER_IN.type, "IN")
    assert relationship(programme["sources"]) == (PROVENANCE_TYPE, "OUT")
    assert camel("partner_in") == "partnerIn"
