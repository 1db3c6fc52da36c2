"""The domain model: node kinds, relationship kinds, partial dates and name normalisation."""

from graphsvc.model.domain import ENTITY_LABEL, FUNDER_LABEL, MODEL, PROVENANCE_TYPE
from graphsvc.model.types import DomainModel, NodeKind, Property, PropertyType, RelationshipKind

__all__ = [
    "ENTITY_LABEL",
    "FUNDER_LABEL",
    "MODEL",
    "PROVENANCE_TYPE",
    "DomainModel",
    "NodeKind",
    "Property",
    "PropertyType",
    "RelationshipKind",
]
