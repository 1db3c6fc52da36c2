"""`Link`: any relationship as a value, with both ends, its properties and its Sources.

Partner evidence, collaboration paths and funding traces all return relationships of mixed
kinds; one generated type with the union of every relationship property serves them all. So every
property is nullable on `Link` (a property one kind requires is absent on the others), and
`sources` has the type it has on every edge type: `[Source!]!`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import strawberry

from graphsvc.api.schema.entities import NODE_TYPES, Entity, build_entity
from graphsvc.api.schema.scalars import RelationshipType, output_type, output_value
from graphsvc.model import MODEL
from graphsvc.model.domain import SOURCE
from graphsvc.model.types import Property


def _all_properties() -> dict[str, Property]:
    found: dict[str, Property] = {}
    for rel in MODEL.relationship_kinds:
        for prop in rel.properties:
            if prop.name != "sources":
                found.setdefault(prop.name, replace(prop, required=False))
    return found


LINK_PROPERTIES = _all_properties()


def _link_sources(self: Any) -> list[Any]:
    return [build_entity(row) for row in self.source_rows]


def _link_type() -> type[Any]:
    annotations: dict[str, Any] = {
        "type": RelationshipType,
        "from_": Entity,
        "to": Entity,
        "source_rows": strawberry.Private[list[Any]],
    }
    namespace: dict[str, Any] = {
        "type": strawberry.field(description="The relationship's kind."),
        "from_": strawberry.field(name="from", description="Where it starts."),
        "to": strawberry.field(description="Where it points."),
        "sources": strawberry.field(
            resolver=_link_sources,
            graphql_type=list[NODE_TYPES[SOURCE.label]],  # type: ignore[name-defined]
            description="The Source documents that support it.",
        ),
    }
    for name, prop in LINK_PROPERTIES.items():
        annotations[name] = output_type("Link", prop)
        namespace[name] = strawberry.field(
            description=f"{prop.description} (on the kinds that have it)"
        )
    namespace["__annotations__"] = annotations
    namespace["__module__"] = __name__
    return strawberry.type(
        type("Link", (), namespace),
        description="One relationship, with both ends and its evidence.",
    )


Link = _link_type()


def build_link(row: dict[str, Any]) -> Any:
    """The `Link` for a link map returned by a query (see `graphsvc.store.projections.link_map`)."""
    stored = row["relationship"]
    values = {
        name: output_value("Link", prop, stored.get(name)) for name, prop in LINK_PROPERTIES.items()
    }
    return Link(
        type=RelationshipType(row["type"]),
        from_=build_entity(row["from"]),
        to=build_entity(row["to"]),
        source_rows=row["sources"],
        **values,
    )
