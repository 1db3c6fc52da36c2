"""GraphQL types shared by every generated type: partial dates, choice enums, relationship types."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from graphsvc.api.schema.naming import enum_member, pascal
from graphsvc.model import MODEL
from graphsvc.model.dates import PartialDate
from graphsvc.model.types import Property, PropertyType
from graphsvc.model.wording import human_date


@strawberry.type(
    description="A date of which the year, month or day may be unknown, as the "
    "sources give it: `2012-05-30`, `2012-05`, `2012`, or `--05-30` "
    "when only the day and month are known."
)
class PartialDateValue:
    text: str = strawberry.field(description="The written form, e.g. `2012-05-30` or `--05-30`.")
    year: int | None
    month: int | None
    day: int | None
    words: str = strawberry.field(
        description="The date as the pages write it, e.g. `30 May 2012` or "
        "`5 May (year not given)`."
    )

    @classmethod
    def from_stored(cls, stored: Any) -> PartialDateValue | None:
        if not isinstance(stored, str):
            return None
        date = PartialDate.parse(stored)
        return cls(
            text=date.isoformat(),
            year=date.year,
            month=date.month,
            day=date.day,
            words=human_date(date.isoformat()),
        )


@strawberry.enum(description="Ascending or descending.")
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


def _relationship_type_enum() -> type[Enum]:
    members = {rel.type: rel.type for rel in MODEL.relationship_kinds}
    enum = Enum("RelationshipType", members)  # type: ignore[misc]
    listing = "; ".join(f"{rel.type}: {rel.description}" for rel in MODEL.relationship_kinds)
    return strawberry.enum(
        enum, description=f"A kind of relationship in the domain model. {listing}"
    )


RelationshipType = _relationship_type_enum()

_CHOICE_ENUMS: dict[tuple[str, ...], type[Enum]] = {}


def choice_enum(owner: str, prop: Property) -> type[Enum]:
    """The GraphQL enum for a choice property, one per owner and property: InstitutionCategory."""
    key = (owner, prop.name)
    if key not in _CHOICE_ENUMS:
        name = f"{owner}{pascal(prop.name)}"
        enum = Enum(name, {enum_member(choice): choice for choice in prop.choices})  # type: ignore[misc]
        _CHOICE_ENUMS[key] = strawberry.enum(enum, description=prop.description)
    return _CHOICE_ENUMS[key]


SCALARS: dict[PropertyType, Any] = {
    PropertyType.STRING: str,
    PropertyType.TEXT: str,
    PropertyType.INTEGER: int,
    PropertyType.FLOAT: float,
    PropertyType.BOOLEAN: bool,
    PropertyType.STRING_LIST: list[str],
}
"""Property types whose GraphQL type is the same in output and input."""


def base_type(owner: str, prop: Property, *, date: Any) -> Any:
    """The GraphQL type of a property before nullability; `date` is how dates appear."""
    if prop.type is PropertyType.CHOICE:
        return choice_enum(owner, prop)
    if prop.type is PropertyType.PARTIAL_DATE:
        return date
    return SCALARS[prop.type]


def output_type(owner: str, prop: Property) -> Any:
    """The Python annotation strawberry turns into the GraphQL type of a stored property."""
    base = base_type(owner, prop, date=PartialDateValue)
    if prop.type in (PropertyType.STRING_LIST, PropertyType.BOOLEAN) or prop.required:
        return base
    return base | None


def output_value(owner: str, prop: Property, stored: Any) -> Any:
    """A stored Neo4j value as the Python value of the property's GraphQL type."""
    if prop.type is PropertyType.STRING_LIST:
        return list(stored or [])
    if prop.type is PropertyType.BOOLEAN:
        return bool(stored)
    if stored is None:
        return None
    if prop.type is PropertyType.PARTIAL_DATE:
        return PartialDateValue.from_stored(stored)
    if prop.type is PropertyType.CHOICE:
        enum = choice_enum(owner, prop)
        return enum(stored) if stored in prop.choices else None
    return stored
