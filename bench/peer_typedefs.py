"""The Neo4j GraphQL Library's type definitions, generated from graphsvc's domain model.

The peer benchmark must run the library over exactly the graph graphsvc writes, so its schema is
derived from the same model, never written by hand: a type per node kind (`@node`, its stored
properties under their stored names), every relationship field under the name graphsvc's API gives
it (`partnerIn`, `partners`, `implementedBy` ...) with `@relationship(type:, direction:)`, and each
entity's `sources` over the provenance links. A relationship whose far end may be several kinds
points at the `Entity` interface, since the library sorts an interface's list but not a union's.
"""

from __future__ import annotations

from graphsvc.model.domain import COMMON_NODE_PROPERTIES, ENTITY_LABEL, PROVENANCE_TYPE, SOURCE
from graphsvc.model.types import DomainModel, NodeKind, Property, PropertyType

SCALARS = {
    PropertyType.STRING: "String",
    PropertyType.TEXT: "String",
    PropertyType.CHOICE: "String",
    PropertyType.PARTIAL_DATE: "String",  # stored as text such as "2016-03" (see model.dates)
    PropertyType.INTEGER: "Int",
    PropertyType.FLOAT: "Float",
    PropertyType.BOOLEAN: "Boolean",
    PropertyType.STRING_LIST: "[String!]",
}
"""How each property type is stored in Neo4j, as a GraphQL type."""

SEARCHED_KINDS = ("Institution",)
"""Kinds given a full-text query over graphsvc's own index (the library queries one type each)."""


def field(prop: Property) -> str:
    """One property as a field; non-null only for the two every node is sure to have.

    The model's other required properties are required in seed files but may be absent from
    nodes written another way (IATI imports), and a null in a non-null field fails a request.
    """
    required = "!" if prop.name in ("id", "name") else ""
    return f"  {prop.name}: {SCALARS[prop.type]}{required}"


def camel(name: str) -> str:
    """`partner_in` as graphsvc's API spells the field: `partnerIn`."""
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def relationship_fields(model: DomainModel, kind: NodeKind) -> list[str]:
    lines: list[str] = []
    for name, rel, outgoing in model.links(kind.label):
        ends = rel.targets if outgoing else rel.sources
        target = ends[0] if len(ends) == 1 else ENTITY_LABEL
        direction = "OUT" if outgoing else "IN"
        link = f'@relationship(type: "{rel.type}", direction: {direction})'
        lines.append(f"  {camel(name)}: [{target}!]! {link}")
    if kind.label != SOURCE.label:
        lines.append(
            f"  sources: [{SOURCE.label}!]! "
            f'@relationship(type: "{PROVENANCE_TYPE}", direction: OUT)'
        )
    return lines


def node_type(model: DomainModel, kind: NodeKind, fulltext_index: str) -> str:
    directives = f'@node(labels: ["{kind.label}", "{ENTITY_LABEL}"])'
    if kind.label in SEARCHED_KINDS:
        directives += (
            f' @fulltext(indexes: [{{indexName: "{fulltext_index}", '
            f'queryName: "{kind.plural.lower()}ByName", fields: ["name"]}}])'
        )
    lines = [f"type {kind.label} implements {ENTITY_LABEL} {directives} {{"]
    lines += [field(p) for p in kind.properties]
    lines += relationship_fields(model, kind)
    lines.append("}")
    return "\n".join(lines)


def type_definitions(model: DomainModel, fulltext_index: str) -> str:
    """The whole SDL: the `Entity` interface, then one type per node kind, in the model's order."""
    common = "\n".join(field(p) for p in COMMON_NODE_PROPERTIES)
    parts = [f"interface {ENTITY_LABEL} {{\n{common}\n}}"]
    parts += [node_type(model, kind, fulltext_index) for kind in model.node_kinds]
    return "\n\n".join(parts) + "\n"
