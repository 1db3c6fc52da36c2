"""How names in the domain model become GraphQL names, in one place.

`start_date` becomes the field `startDate` (strawberry camel-cases Python names), `city-network`
the enum value `CITY_NETWORK`, `partner_in` the edge type `PartnerInEdge`.
"""

from __future__ import annotations

import base64
import binascii

from graphsvc.model.domain import INSTITUTION
from graphsvc.model.types import DomainModel
from graphsvc.service.errors import bad_input


def pascal(snake: str) -> str:
    """`partner_in` -> `PartnerIn`."""
    return "".join(part[:1].upper() + part[1:] for part in snake.split("_"))


def camel(snake: str) -> str:
    """`participants_at_least` -> `participantsAtLeast`."""
    text = pascal(snake)
    return text[:1].lower() + text[1:]


def enum_member(value: str) -> str:
    """`city-network` -> `CITY_NETWORK`: the GraphQL enum value for a stored choice."""
    return value.replace("-", "_").upper()


def global_id(label: str, slug: str) -> str:
    """The opaque Relay id of a node: base64url of `Label:slug`, without padding."""
    return base64.urlsafe_b64encode(f"{label}:{slug}".encode()).decode().rstrip("=")


def parse_global_id(value: str, model: DomainModel) -> tuple[str, str]:
    """(label, slug) of a Relay id made by `global_id`; BAD_USER_INPUT for anything else."""
    try:
        text = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    label, _, slug = text.partition(":")
    if label not in model.labels or not slug:
        raise bad_input(
            f"{value!r} is not a node id from this API; ids look like "
            f"{global_id(INSTITUTION.label, 'medcities')!r}. To look a node up by its "
            "readable id (such as 'medcities'), use `entity(slug:)`."
        )
    return label, slug
